#include "ReplayFeed.h"

#include "cli/RecordedFeed.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace tapescope {

ReplayFeed::ReplayFeed(const QString &path, const Options &options)
    : m_path(path)
    , m_options(options)
{
    m_player.setSpeed(options.speed);
    m_player.setPaused(options.paused);
    m_player.setFastUntilNs(options.fromNs);
    m_progress.setInterval(100);
    connect(&m_progress, &QTimer::timeout, this, &ReplayFeed::report);
    connect(&m_player, &TapePlayer::finished, this, [this] {
        m_progress.stop();
        report();
        if (!m_reader->problems().isEmpty())
            Q_EMIT damaged(m_reader->problems());
    });
}

ReplayFeed::~ReplayFeed()
{
    if (FeedTape::current() == &m_player)
        FeedTape::setCurrent(nullptr);
}

std::optional<ReplayFeed::Made> ReplayFeed::make(const QString &path, const Options &options, QString *error)
{
    std::unique_ptr<ReplayFeed> control(new ReplayFeed(path, options));
    if (!control->m_reader->open(path, error))
        return std::nullopt;
    FeedTape::setCurrent(&control->m_player);
    const QJsonObject &header = control->m_reader->header();
    const QString command = header.value(u"command"_s).toString();
    if (command == u"app"_s || command == u"app-account"_s)
        return makeAppFeed(std::move(control), error);
    std::optional<cli::RecordedFeed> recorded = cli::prepareRecordedFeed(control->m_reader->header(), path, error);
    if (!recorded) {
        FeedTape::setCurrent(nullptr);
        return std::nullopt;
    }
    Made made;
    made.feed = std::move(recorded->feed.source.feed);
    made.venue = recorded->feed.venue;
    made.command = recorded->command;
    made.startNs = control->m_reader->startTimeNs();
    if (made.command == u"account"_s) {
        const qsizetype user = recorded->arguments.indexOf(u"--user"_s);
        made.account = user >= 0 ? recorded->arguments.value(user + 1) : QString();
        for (const QString &arg : std::as_const(recorded->arguments)) {
            if (arg.startsWith(u"--user="_s))
                made.account = arg.mid(7);
        }
    }
    made.control = control.release();
    made.control->setParent(made.feed.get()); // moves to the feed's thread with it
    return made;
}

// An app recording: the venue's settings (never its credentials) are in the header, and for an account feed's file
// ("app-account") the account and its label.
std::optional<ReplayFeed::Made> ReplayFeed::makeAppFeed(std::unique_ptr<ReplayFeed> control, QString *error)
{
    const QJsonObject &header = control->m_reader->header();
    const QJsonObject recorded = header.value(u"settings"_s).toObject();
    const bool accountFeed = header.value(u"command"_s).toString() == u"app-account"_s;
    Made made;
    made.venue = header.value(u"venue"_s).toString();
    made.command = accountFeed ? u"account"_s : u"app"_s;
    made.startNs = control->m_reader->startTimeNs();
    const VenueDriver *driver = findVenueDriver(made.venue);
    if (!driver) {
        FeedTape::setCurrent(nullptr);
        *error = u"%1 is a recording of %2, which this build does not have"_s.arg(control->m_path, made.venue);
        return std::nullopt;
    }
    made.settings.venue = made.venue;
    made.settings.enabled = true;
    made.settings.environment = recorded.value(u"environment"_s).toString();
    made.settings.customUrl = QUrl(recorded.value(u"customUrl"_s).toString());
    for (const QJsonValue &symbol : recorded.value(u"watchlist"_s).toArray())
        made.settings.watchlist.append(symbol.toString());
    made.settings.pollIntervalMs = recorded.value(u"pollIntervalMs"_s).toInt(made.settings.pollIntervalMs);
    if (accountFeed) {
        made.account = header.value(u"account"_s).toString();
        made.label = header.value(u"label"_s).toString();
        made.feed = driver->createAccountFeed(made.settings, driver->replayCredentials(), made.account);
        if (!made.feed)
            *error = u"%1: %2 cannot follow the recorded account %3"_s.arg(control->m_path, made.venue, made.account);
    } else {
        made.feed = driver->createFeed(made.settings, driver->replayCredentials(), error);
    }
    if (!made.feed) {
        FeedTape::setCurrent(nullptr);
        return std::nullopt;
    }
    made.control = control.release();
    made.control->setParent(made.feed.get());
    return made;
}

void ReplayFeed::start()
{
    // The slider needs the recording's length: one pass over the file (decompression only), before playing.
    tape::TapeReader scan;
    QString error;
    qint64 endNs = m_reader->startTimeNs();
    if (scan.open(m_path, &error)) {
        tape::Record record;
        while (scan.next(&record)) {
            if (record.kind != tape::RecordKind::Marker)
                endNs = std::max(endNs, record.timeNs);
        }
    }
    Q_EMIT lengthKnown(endNs);
    m_player.start();
    m_progress.start();
    report();
}

void ReplayFeed::setPaused(bool paused)
{
    m_player.setPaused(paused);
    if (!paused && !m_player.isFinished())
        m_progress.start();
    report();
}

void ReplayFeed::setSpeed(double speed)
{
    m_player.setSpeed(speed);
    report();
}

void ReplayFeed::seekForward(qint64 timeNs)
{
    if (timeNs > m_player.positionNs())
        m_player.setFastUntilNs(timeNs);
    m_progress.start();
}

void ReplayFeed::report()
{
    const qint64 position = m_player.positionNs();
    const bool paused = m_player.isPaused();
    const bool finished = m_player.isFinished();
    if (position == m_reportedNs && paused == m_reportedPaused && !finished)
        return;
    m_reportedNs = position;
    m_reportedPaused = paused;
    Q_EMIT progress(position, paused, finished, m_player.speed());
}

} // namespace tapescope
