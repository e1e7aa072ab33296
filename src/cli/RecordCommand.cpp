// `tapescope-cli record` and `tapescope-cli replay` (docs/recording.md, README "Recording and replay").
#include "cli/CliCommands.h"

#include "cli/FeedCommand.h"
#include "cli/RecordedFeed.h"
#include "cli/StreamPrinter.h"
#include "core/EventJson.h"
#include "net/FeedTape.h"
#include "net/VenueFeed.h"
#include "record/Redaction.h"
#include "record/TapeReader.h"
#include "record/TapeWriter.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QMap>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

constexpr int kExitDamaged = 4;

// A fatal line on stderr, JSON as every stderr line of the commands that print events: {"type":"fatal",…}.
int fatal(const char *command, int exitCode, const QString &message)
{
    StreamPrinter::writeLine(stderr, fatalJson(QString::fromLatin1(command), exitCode, message));
    return exitCode;
}

int usageError(const char *command, const QString &message)
{
    return fatal(command, 1, message);
}

void printRecordHelp()
{
    std::fputs(
        "Usage: tapescope-cli record --venue V [the options of stream or account] --out FILE [--seconds N]\n"
        "                            [--max-bytes N] [--quiet]\n"
        "       tapescope-cli record --info FILE\n\n"
        "Records a feed session: every frame received and sent (redacted), the connection's events and the REST\n"
        "answers, zstd-compressed (docs/recording.md). With --channel it records what `stream` prints, else what\n"
        "`account` prints (--user ...). The events are printed on stdout as `stream`/`account` print them (--quiet:\n"
        "nothing). --seconds N stops after N seconds, --max-bytes N when the file would grow past N bytes.\n"
        "--info FILE prints a recording's header, duration, record counts and size as JSON.\n",
        stdout);
}

// The value of `--name VALUE` or `--name=VALUE` in `args`, removed from it; nullopt when absent.
std::optional<QString> takeOption(QStringList &args, const QString &name, bool hasValue = true)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg == name) {
            if (!hasValue) {
                args.removeAt(i);
                return QString();
            }
            if (i + 1 >= args.size())
                return std::nullopt;
            const QString value = args.at(i + 1);
            args.remove(i, 2);
            return value;
        }
        if (hasValue && arg.startsWith(name + u'=')) {
            const QString value = arg.mid(name.size() + 1);
            args.removeAt(i);
            return value;
        }
    }
    return std::nullopt;
}

// The arguments as stored in the header: an option that names a secret is left out with its value (a flag such as
// --demo-credentials, which has none, is kept: the commands take no positional arguments after the command).
QJsonArray storedArguments(const QStringList &args)
{
    QJsonArray stored;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg.startsWith(u"--"_s) && tape::isSecretName(arg.section(u'=', 0, 0))) {
            if (arg.contains(u'='))
                continue;
            if (i + 1 < args.size() && !args.at(i + 1).startsWith(u"--"_s)) {
                ++i; // its value
                continue;
            }
        }
        stored.append(arg);
    }
    return stored;
}

QString isoTime(qint64 timeNs)
{
    return QDateTime::fromMSecsSinceEpoch(timeNs / 1'000'000, Qt::UTC).toString(Qt::ISODateWithMs);
}

int runInfo(const QString &path)
{
    tape::TapeReader reader;
    QString error;
    if (!reader.open(path, &error))
        return usageError("record", error);
    QMap<QString, qint64> counts;
    QMap<QString, qint64> payloadBytes;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
    qint64 records = 0;
    QJsonArray markers;
    tape::Record record;
    while (reader.next(&record)) {
        ++records;
        const QString kind = QString::fromLatin1(tape::kindName(record.kind));
        ++counts[kind];
        payloadBytes[kind] += record.payload.size();
        if (record.kind == tape::RecordKind::Marker) {
            markers.append(QJsonDocument::fromJson(record.payload).object());
            continue; // the end marker is written at close, after the session
        }
        if (firstNs == 0 || record.timeNs < firstNs)
            firstNs = record.timeNs;
        lastNs = std::max(lastNs, record.timeNs);
    }
    QJsonObject countsJson;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        countsJson.insert(it.key(), it.value());
    QJsonObject bytesJson;
    for (auto it = payloadBytes.cbegin(); it != payloadBytes.cend(); ++it)
        bytesJson.insert(it.key(), it.value());
    const qint64 startNs = reader.startTimeNs();
    QJsonObject info { { u"file"_s, path },
                       { u"header"_s, reader.header() },
                       { u"start"_s, isoTime(startNs) },
                       { u"end"_s, isoTime(std::max(lastNs, startNs)) },
                       { u"durationSeconds"_s, double(std::max<qint64>(lastNs - startNs, 0)) / 1e9 },
                       { u"records"_s, records },
                       { u"counts"_s, countsJson },
                       { u"payloadBytes"_s, bytesJson },
                       { u"fileBytes"_s, reader.fileSize() },
                       { u"complete"_s, reader.sawEnd() },
                       { u"markers"_s, markers },
                       { u"problems"_s, QJsonArray::fromStringList(reader.problems()) } };
    const QByteArray json = QJsonDocument(info).toJson(QJsonDocument::Indented);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return reader.problems().isEmpty() ? 0 : kExitDamaged;
}

} // namespace

int runRecord(const QStringList &arguments)
{
    QStringList args = arguments;
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        printRecordHelp();
        return 0;
    }
    if (const auto info = takeOption(args, u"--info"_s))
        return info->isEmpty() ? usageError("record", u"--info needs a file"_s) : runInfo(*info);
    const std::optional<QString> out = takeOption(args, u"--out"_s);
    if (!out || out->isEmpty())
        return usageError("record", u"--out FILE is required"_s);
    bool ok = true;
    const qint64 seconds = takeOption(args, u"--seconds"_s).value_or(u"0"_s).toLongLong(&ok);
    if (!ok || seconds < 0)
        return usageError("record", u"--seconds must be a non-negative number"_s);
    const qint64 maxBytes = takeOption(args, u"--max-bytes"_s).value_or(u"0"_s).toLongLong(&ok);
    if (!ok || maxBytes < 0)
        return usageError("record", u"--max-bytes must be a non-negative number of bytes"_s);
    const bool quiet = takeOption(args, u"--quiet"_s, false).has_value();
    // What is recorded: `stream` with --channel, else `account`.
    const bool isStream = args.contains(u"--channel"_s)
        || std::any_of(args.cbegin(), args.cend(), [](const QString &arg) { return arg.startsWith(u"--channel="_s); });
    const QString command = isStream ? u"stream"_s : u"account"_s;
    args[0] = command;

    tape::TapeWriter writer;
    TapeRecorder recorder(&writer);
    FeedTape::setCurrent(&recorder);
    QString error;
    std::optional<PreparedFeed> feed = isStream ? prepareStream(args, &error) : prepareAccount(args, &error);
    if (!feed) {
        FeedTape::setCurrent(nullptr);
        return usageError("record", error);
    }
    const qint64 startNs = tape::TapeWriter::nowNs();
    QJsonObject header { { u"appVersion"_s, QCoreApplication::applicationVersion() },
                         { u"venue"_s, feed->venue },
                         { u"command"_s, command },
                         { u"arguments"_s, storedArguments(args) },
                         { u"endpoint"_s, tape::redactUrl(QUrl(feed->source.printer.endpoint)) },
                         { u"startTime"_s, isoTime(startNs) } };
    tape::TapeWriter::Options options;
    options.maxBytes = maxBytes;
    // --seconds ends the session with a timer, which stops the feed: a writer-side duration limit would refuse the
    // frames that arrive in between and the recording would lack what was printed.
    if (!writer.open(*out, header, startNs, options, &error)) {
        FeedTape::setCurrent(nullptr);
        return usageError("record", error);
    }
    const int code
        = runPrintedFeed(std::move(feed->source), feed->options, command, [&](StreamPrinter &printer, VenueFeed *) {
              printer.setMuted(quiet);
              if (seconds > 0)
                  QTimer::singleShot(std::chrono::seconds(seconds), &printer, [&printer] { printer.finish(0); });
              auto *limitCheck = new QTimer(&printer);
              QObject::connect(limitCheck, &QTimer::timeout, &printer, [&] {
                  if (writer.limitReached())
                      printer.finish(0);
              });
              limitCheck->start(200);
          });
    FeedTape::setCurrent(nullptr);
    writer.close();
    const tape::TapeWriter::Stats stats = writer.stats();
    const QJsonObject summary { { u"type"_s, u"recording"_s },
                                { u"file"_s, *out },
                                { u"records"_s, qint64(stats.recordsWritten) },
                                { u"dropped"_s, qint64(stats.recordsDropped) },
                                { u"bytes"_s, stats.fileBytes },
                                { u"rawBytes"_s, qint64(stats.rawBytes) },
                                { u"limitReached"_s, stats.limitReached } };
    StreamPrinter::writeLine(stderr, QJsonDocument(summary).toJson(QJsonDocument::Compact));
    if (!stats.error.isEmpty())
        return fatal("record", code != 0 ? code : 2, stats.error);
    return code;
}

int runReplay(const QStringList &arguments)
{
    QStringList args = arguments;
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        std::fputs("Usage: tapescope-cli replay FILE [--speed 1|10|max] [--from ISO_TIME]\n\n"
                   "Plays a recording (tapescope-cli record) back through the venue's codec and service with no\n"
                   "network and prints what `stream`/`account` printed live. --speed: 1 (as recorded), N times\n"
                   "faster, or max (default). --from: play what comes before this time without printing it.\n"
                   "Exit codes: 0 replayed, 1 bad arguments or not a recording, 4 the file is damaged (what is\n"
                   "intact was replayed; the problems are on stderr), else the code the live session ended with.\n",
                   stdout);
        return 0;
    }
    const QString speedText = takeOption(args, u"--speed"_s).value_or(u"max"_s);
    double speed = 0;
    if (speedText != u"max"_s) {
        bool ok = false;
        speed = speedText.toDouble(&ok);
        if (!ok || speed <= 0)
            return usageError("replay", u"--speed must be a positive number or max"_s);
    }
    qint64 fromNs = 0;
    if (const auto from = takeOption(args, u"--from"_s)) {
        const QDateTime time = QDateTime::fromString(*from, Qt::ISODateWithMs);
        if (!time.isValid())
            return usageError("replay", u"--from must be an ISO 8601 time, e.g. 2026-12-05T17:30:00Z"_s);
        fromNs = time.toMSecsSinceEpoch() * 1'000'000;
    }
    if (args.size() != 2)
        return usageError("replay", u"give one recording: tapescope-cli replay FILE"_s);
    const QString path = args.at(1);

    tape::TapeReader reader;
    QString error;
    if (!reader.open(path, &error))
        return usageError("replay", error);
    TapePlayer player(&reader);
    player.setSpeed(speed);
    player.setFastUntilNs(fromNs);
    FeedTape::setCurrent(&player);
    std::optional<RecordedFeed> recorded = prepareRecordedFeed(reader.header(), path, &error);
    if (!recorded) {
        FeedTape::setCurrent(nullptr);
        return usageError("replay", error);
    }
    PreparedFeed &feed = recorded->feed;
    feed.options.reconnectLimitMs = 0; // the recording says when the connection came back
    int code
        = runPrintedFeed(std::move(feed.source), feed.options, u"replay"_s, [&](StreamPrinter &printer, VenueFeed *) {
              printer.setMuted(fromNs > 0);
              QObject::connect(&player, &TapePlayer::caughtUp, &printer, [&printer] { printer.setMuted(false); });
              QObject::connect(&player, &TapePlayer::finished, &printer, [&printer] { printer.finish(0); });
              QTimer::singleShot(0, &player, &TapePlayer::start);
          });
    FeedTape::setCurrent(nullptr);
    for (const QString &problem : reader.problems())
        StreamPrinter::writeLine(stderr,
                                 QJsonDocument(QJsonObject { { u"type"_s, u"error"_s },
                                                             { u"code"_s, u"recording_damaged"_s },
                                                             { u"message"_s, u"%1: %2"_s.arg(path, problem) } })
                                     .toJson(QJsonDocument::Compact));
    if (code == 0 && !reader.problems().isEmpty())
        code = kExitDamaged;
    return code;
}

} // namespace tapescope::cli
