// tapescope-cli record / replay as a user runs them: record a session against the emulator (with a dropped
// connection), replay it with no network, and compare the event lines byte for byte.
#include "emulator/hyperliquid/HyperliquidEmulator.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using tapescope::emulator::HyperliquidEmulator;

namespace {

struct Run
{
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliRecord : public QObject
{
    Q_OBJECT

    // Runs tapescope-cli while the event loop keeps the in-process emulator serving.
    Run run(const QStringList &args, int timeoutMs = 30000, const std::function<void(QProcess &)> &whileRunning = {})
    {
        Run result;
        QProcess process;
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH), args);
        if (!process.waitForStarted(5000))
            return result;
        if (whileRunning)
            whileRunning(process);
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
            result.code = -101;
        } else {
            result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -102;
        }
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    static int lineCount(const QByteArray &out) { return int(out.count('\n')); }

    // stderr without record's closing {"type":"recording",…} line, which replay does not print.
    static QByteArray withoutSummary(const QByteArray &err)
    {
        QByteArray kept;
        for (const QByteArray &line : err.split('\n'))
            if (!line.isEmpty() && !line.contains("\"type\":\"recording\""))
                kept += line + '\n';
        return kept;
    }

    QTemporaryDir m_dir;

    // Records `args` against a fresh emulator, dropping every connection once the first events are out.
    Run recordWithDrop(const QStringList &args, const QString &file, int dropAfterLines)
    {
        HyperliquidEmulator emu;
        if (!emu.listen())
            return {};
        QStringList full = { u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--url"_s, emu.wsUrl().toString() };
        full += args;
        full += { u"--out"_s, file };
        QByteArray seen; // read while waiting for the first lines: the start of what the session printed
        Run result = run(full, 40000, [&](QProcess &process) {
            QTRY_VERIFY_WITH_TIMEOUT((seen += process.readAllStandardOutput(), lineCount(seen) >= dropAfterLines),
                                     15000);
            emu.dropAllConnections();
        });
        result.out.prepend(seen);
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void streamReplaysByteForByteAcrossADrop_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("dropAfter"); // lines printed before every connection is dropped
        QTest::newRow("l2Book") << QStringList { u"--channel"_s, u"l2Book"_s,  u"--symbol"_s,
                                                 u"BTC"_s,       u"--count"_s, u"40"_s }
                                << 5;
        // The emulator sends its last 30 trades first: more than that, so the drop falls inside the session.
        QTest::newRow("trades") << QStringList { u"--channel"_s, u"trades"_s,  u"--symbol"_s,
                                                 u"ETH"_s,       u"--count"_s, u"45"_s }
                                << 31;
        QTest::newRow("allMids") << QStringList { u"--channel"_s, u"allMids"_s, u"--symbol"_s,
                                                  u"BTC"_s,       u"--count"_s, u"20"_s }
                                 << 3;
    }

    void streamReplaysByteForByteAcrossADrop()
    {
        QFETCH(QStringList, args);
        QFETCH(int, dropAfter);
        const QString file = m_dir.filePath(QString::fromLatin1(QTest::currentDataTag()) + u".tape"_s);
        const Run live = recordWithDrop(args, file, dropAfter);
        QVERIFY2(live.code == 0, live.err.constData());
        QVERIFY2(live.err.contains("backing_off"), "the drop must be in the recording");
        QVERIFY(live.err.contains("\"type\":\"recording\""));
        QVERIFY(lineCount(live.out) >= 20);

        const Run replay = run({ u"replay"_s, file });
        QVERIFY2(replay.code == 0, replay.err.constData());
        QCOMPARE(replay.out, live.out);
        QVERIFY2(replay.err.contains("backing_off"), "the replay shows the drop too");
        // The status lines too, the backoff's delays included ("next attempt in 387 ms": the recorded jitter).
        QCOMPARE(withoutSummary(replay.err), withoutSummary(live.err));

        // At 10x the recorded pace: the same lines.
        const Run paced = run({ u"replay"_s, file, u"--speed"_s, u"10"_s });
        QCOMPARE(paced.code, 0);
        QCOMPARE(paced.out, live.out);
    }

    void accountReplaysByteForByte()
    {
        const QString file = m_dir.filePath(u"account.tape"_s);
        HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        const Run live
            = run({ u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--url"_s, emu.wsUrl().toString(), u"--user"_s,
                    HyperliquidEmulator::demoTraderAddress(), u"--count"_s, u"30"_s, u"--out"_s, file });
        QVERIFY2(live.code == 0, live.err.constData());
        QVERIFY(live.out.contains("\"type\":\"synced\""));
        const Run replay = run({ u"replay"_s, file });
        QVERIFY2(replay.code == 0, replay.err.constData());
        QCOMPARE(replay.out, live.out);
    }

    // Every stderr line is JSON, a refusal too: {"type":"fatal","command","exit","message"}, then the exit code.
    void refusalsAreJsonFatalLines_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("words");
        const QString notARecording = m_dir.filePath(u"not-a-recording.tape"_s);
        QFile file(notARecording);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("hello\n");
        file.close();
        QTest::newRow("replay: not a recording")
            << QStringList { u"replay"_s, notARecording } << u"replay"_s << u"is not a Tapescope recording"_s;
        QTest::newRow("replay: no file") << QStringList { u"replay"_s, m_dir.filePath(u"absent.tape"_s) } << u"replay"_s
                                         << u"cannot open"_s;
        QTest::newRow("replay: bad speed") << QStringList { u"replay"_s, notARecording, u"--speed"_s, u"fast"_s }
                                           << u"replay"_s << u"--speed must be"_s;
        QTest::newRow("record: no --out")
            << QStringList { u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--channel"_s, u"l2Book"_s } << u"record"_s
            << u"--out FILE is required"_s;
    }

    void refusalsAreJsonFatalLines()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, command);
        QFETCH(QString, words);
        const Run result = run(args);
        QCOMPARE(result.code, 1);
        QVERIFY(result.out.isEmpty());
        const QList<QByteArray> lines = result.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QJsonParseError error;
        const QJsonObject fatal = QJsonDocument::fromJson(lines.constFirst(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, lines.constFirst().constData());
        QCOMPARE(fatal.value(u"type"_s).toString(), u"fatal"_s);
        QCOMPARE(fatal.value(u"command"_s).toString(), command);
        QCOMPARE(fatal.value(u"exit"_s).toInt(), 1);
        QVERIFY2(fatal.value(u"message"_s).toString().contains(words), lines.constFirst().constData());
    }

    void infoListsTheRecording()
    {
        const QString file = m_dir.filePath(u"info.tape"_s);
        HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        const Run live
            = run({ u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"bbo"_s, u"--symbol"_s, u"BTC"_s, u"--seconds"_s, u"2"_s, u"--quiet"_s, u"--out"_s, file });
        QVERIFY2(live.code == 0, live.err.constData());
        QVERIFY(live.out.isEmpty());
        const Run info = run({ u"record"_s, u"--info"_s, file });
        QCOMPARE(info.code, 0);
        const QJsonObject json = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(json.value(u"header"_s).toObject().value(u"venue"_s).toString(), u"hyperliquid"_s);
        QCOMPARE(json.value(u"header"_s).toObject().value(u"command"_s).toString(), u"stream"_s);
        QVERIFY(json.value(u"counts"_s).toObject().value(u"frame_received"_s).toInt() > 0);
        QVERIFY(json.value(u"counts"_s).toObject().value(u"frame_sent"_s).toInt() >= 1);
        QVERIFY(json.value(u"durationSeconds"_s).toDouble() > 1.0);
        QVERIFY(json.value(u"durationSeconds"_s).toDouble() < 10.0);
        QVERIFY(json.value(u"complete"_s).toBool());
        QCOMPARE(json.value(u"fileBytes"_s).toInteger(), QFileInfo(file).size());
    }

    // A cut-off and a corrupted recording: a clear error on stderr, exit 4, and the intact part replayed (a
    // prefix of the live lines).
    void damagedRecordingsReplayWhatIsIntact()
    {
        const QString file = m_dir.filePath(u"damaged.tape"_s);
        HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        const Run live
            = run({ u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"trades"_s, u"--symbol"_s, u"BTC"_s, u"--count"_s, u"40"_s, u"--out"_s, file });
        QVERIFY2(live.code == 0, live.err.constData());
        QFile source(file);
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QByteArray bytes = source.readAll();

        const QString cut = m_dir.filePath(u"cut.tape"_s);
        QFile cutFile(cut);
        QVERIFY(cutFile.open(QIODevice::WriteOnly));
        cutFile.write(bytes.first(bytes.size() - 7));
        cutFile.close();
        const Run cutReplay = run({ u"replay"_s, cut });
        QCOMPARE(cutReplay.code, 4);
        QVERIFY2(cutReplay.err.contains("recording_damaged"), cutReplay.err.constData());
        QVERIFY(live.out.startsWith(cutReplay.out));

        QByteArray corrupted = bytes;
        corrupted[bytes.size() / 2] = char(corrupted.at(bytes.size() / 2) ^ 0x40);
        const QString bad = m_dir.filePath(u"corrupted.tape"_s);
        QFile badFile(bad);
        QVERIFY(badFile.open(QIODevice::WriteOnly));
        badFile.write(corrupted);
        badFile.close();
        const Run badReplay = run({ u"replay"_s, bad });
        QVERIFY2(badReplay.code == 4 || badReplay.code == 0, badReplay.err.constData());
        if (badReplay.code == 4)
            QVERIFY(badReplay.err.contains("recording_damaged"));

        const Run notTape = run({ u"replay"_s, QStringLiteral(TAPESCOPE_CLI_PATH) });
        QCOMPARE(notTape.code, 1);
        QVERIFY(notTape.err.contains("not a Tapescope recording"));
    }

    void sizeLimitStopsTheRecording()
    {
        const QString file = m_dir.filePath(u"limited.tape"_s);
        HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        const Run live = run({ u"record"_s, u"--venue"_s, u"hyperliquid"_s, u"--url"_s, emu.wsUrl().toString(),
                               u"--channel"_s, u"l2Book"_s, u"--symbol"_s, u"BTC"_s, u"--max-bytes"_s, u"3000"_s,
                               u"--quiet"_s, u"--out"_s, file });
        QVERIFY2(live.code == 0, live.err.constData());
        QVERIFY(live.err.contains("\"limitReached\":true"));
        QVERIFY(QFileInfo(file).size() <= 3000);
    }

    // The recordings shipped in tests/data/recordings/ (make-recordings.sh made them from every venue's emulator):
    // each replays to what its session printed live, with no network and no keys.
    void shippedRecordingsReplay_data()
    {
        QTest::addColumn<QString>("tape");
        const QDir dir(QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/recordings"));
        const QStringList tapes = dir.entryList({ u"*.tape"_s }, QDir::Files, QDir::Name);
        QVERIFY(tapes.size() >= 6);
        for (const QString &tape : tapes)
            QTest::newRow(qPrintable(tape)) << dir.filePath(tape);
    }

    void shippedRecordingsReplay()
    {
        QFETCH(QString, tape);
        QFile expected(tape.chopped(5) + u".out"_s);
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QByteArray lines = expected.readAll();
        QVERIFY(!lines.isEmpty());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : environment.keys()) {
            if (name.startsWith(u"ALPACA_"_s) || name.startsWith(u"KALSHI_"_s))
                environment.remove(name);
        }
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH), { u"replay"_s, tape });
        QVERIFY(process.waitForFinished(60000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        QCOMPARE(process.readAllStandardOutput(), lines);
    }

    void badArguments()
    {
        QCOMPARE(run({ u"record"_s, u"--channel"_s, u"l2Book"_s, u"--symbol"_s, u"BTC"_s }).code, 1);
        QCOMPARE(run({ u"replay"_s }).code, 1);
        QCOMPARE(run({ u"replay"_s, u"x.tape"_s, u"--speed"_s, u"fast"_s }).code, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliRecord)
#include "tst_cli_record.moc"
