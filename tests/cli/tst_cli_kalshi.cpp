// `tapescope-cli nfl`, `stream --venue kalshi` and `emulate --venue kalshi` as a user runs them: separate
// processes against the in-process Kalshi emulator, credentials from the environment.
#include "core/Decimal.h"
#include "emulator/kalshi/KalshiDemoKey.h"
#include "emulator/kalshi/KalshiEmulator.h"

#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using tapescope::Decimal;
using tapescope::emulator::kalshi::KalshiEmulator;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &output)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : output.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (!doc.isObject()) {
            qWarning() << "not a JSON object line:" << line.left(200);
            return {};
        }
        objects.append(doc.object());
    }
    return objects;
}

Decimal decimal(const QJsonValue &value)
{
    return Decimal::parse(value.toString()).value_or(Decimal::fromInteger(-1));
}

KalshiEmulator::Options emulatorOptions()
{
    KalshiEmulator::Options options;
    options.tickIntervalMs = 20;
    options.settleAfterTicks = 0;
    return options;
}

} // namespace

class TestCliKalshi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_keyPath;

    // Runs the CLI while the event loop keeps the in-process emulator serving.
    int run(const QStringList &args, QByteArray *out, QByteArray *err, const QProcessEnvironment &env,
            int timeoutMs = 15000)
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH), args);
        if (!process.waitForStarted(5000))
            return -100;
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        const bool finished = process.state() == QProcess::NotRunning;
        if (!finished) {
            process.kill();
            process.waitForFinished();
        }
        *out = process.readAllStandardOutput();
        *err = process.readAllStandardError();
        if (!finished)
            return -101;
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -102;
    }

    QProcessEnvironment keyEnvironment(const QString &keyPath) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"KALSHI_API_KEY_ID"_s, QString::fromLatin1(tapescope::emulator::kalshi::demoCredentials().keyId));
        env.insert(u"KALSHI_PRIVATE_KEY_PATH"_s, keyPath);
        return env;
    }

    QProcessEnvironment noKeyEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"KALSHI_API_KEY_ID"_s);
        env.remove(u"KALSHI_PRIVATE_KEY_PATH"_s);
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_keyPath = m_dir.filePath(u"kalshi-test-key.pem"_s);
        QFile key(m_keyPath);
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(tapescope::emulator::kalshi::demoCredentials().privateKeyPem);
    }

    void nflListsEveryGameWithNormalisedProbabilities()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        // The listing is public REST: no key needed.
        const int code = run({ u"nfl"_s, u"--url"_s, emu.wsUrl().toString() }, &out, &err, noKeyEnvironment());
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 5); // every page of the cursor was followed (page size 2)
        QSet<QString> events;
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(u"type"_s).toString(), u"nfl_game"_s);
            events.insert(line.value(u"event"_s).toString());
            for (const QString &key : { u"kickoff"_s, u"away"_s, u"home"_s, u"away_prob"_s, u"home_prob"_s,
                                        u"overround"_s, u"volume"_s, u"status"_s })
                QVERIFY2(line.value(key).isString(), qPrintable(key));
            // Normalised: the two probabilities are decimal strings that sum to exactly 1.
            QCOMPARE(decimal(line.value(u"away_prob"_s)) + decimal(line.value(u"home_prob"_s)),
                     Decimal::fromInteger(1));
            QVERIFY(decimal(line.value(u"away_prob"_s)) > Decimal());
            QCOMPARE(line.value(u"status"_s).toString(), u"open"_s);
        }
        QCOMPARE(events.size(), 5);
        const auto kclv = std::find_if(lines.begin(), lines.end(), [](const QJsonObject &l) {
            return l.value(u"event"_s).toString() == u"KXNFLGAME-25SEP07KCLV"_s;
        });
        QVERIFY(kclv != lines.end());
        QCOMPARE(kclv->value(u"away"_s).toString(), u"KC"_s);
        QCOMPARE(kclv->value(u"home"_s).toString(), u"LV"_s);
        // The emulator's occurrence_datetime as ISO 8601 UTC; a US Thursday-night game is already Friday in UTC.
        QCOMPARE(kclv->value(u"kickoff"_s).toString(), u"2025-09-07T20:25:00Z"_s);
        const auto dalphi = std::find_if(lines.begin(), lines.end(), [](const QJsonObject &l) {
            return l.value(u"event"_s).toString() == u"KXNFLGAME-25SEP04DALPHI"_s;
        });
        QVERIFY(dalphi != lines.end());
        QCOMPARE(dalphi->value(u"kickoff"_s).toString(), u"2025-09-05T00:20:00Z"_s);
    }

    void nflCountStopsAfterLiveUpdates()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code = run({ u"nfl"_s, u"--url"_s, emu.wsUrl().toString(), u"--count"_s, u"12"_s }, &out, &err,
                             keyEnvironment(m_keyPath));
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 12); // the 5-game listing, then 7 live changes over the signed socket
        for (const QJsonObject &line : lines)
            QCOMPARE(line.value(u"type"_s).toString(), u"nfl_game"_s);
        QCOMPARE(emu.handshakes().size(), 1);
        QVERIFY(emu.handshakes().first().accepted);
    }

    void nflWatchShowsASettledGame()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QProcess process;
        process.setProcessEnvironment(keyEnvironment(m_keyPath));
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                      { u"nfl"_s, u"--url"_s, emu.wsUrl().toString(), u"--watch"_s });
        QVERIFY(process.waitForStarted(5000));
        QByteArray out;
        const auto collect = [&] {
            out += process.readAllStandardOutput();
            return out;
        };
        // Live updates flowing means the CLI subscribed; then the game ends while it watches.
        QTRY_VERIFY_WITH_TIMEOUT(collect().count('\n') >= 8, 10000);
        QVERIFY(emu.simulator().settleGame(u"KXNFLGAME-25SEP04DALPHI"_s, u"PHI"_s));
        QTRY_VERIFY_WITH_TIMEOUT(collect().contains("\"winner\":\"PHI\""), 5000);
        process.kill();
        process.waitForFinished();
        // The two legs settle one after the other: the game's line reaches "settled" with the winner once the
        // winning leg has resolved YES.
        bool settledWithWinner = false;
        for (const QJsonObject &line : jsonLines(out.left(out.lastIndexOf('\n') + 1))) {
            if (line.value(u"status"_s).toString() != u"settled"_s)
                continue;
            QCOMPARE(line.value(u"event"_s).toString(), u"KXNFLGAME-25SEP04DALPHI"_s);
            if (line.contains(u"winner"_s)) {
                QCOMPARE(line.value(u"winner"_s).toString(), u"PHI"_s);
                settledWithWinner = true;
            }
        }
        QVERIFY(settledWithWinner);
    }

    // `account --venue kalshi`: the signed bootstrap (all "snapshot":true), then synced; the key never printed.
    void accountBootstrapsThenSyncsWithoutLeakingTheKey()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QProcess process;
        process.setProcessEnvironment(keyEnvironment(m_keyPath));
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                      { u"account"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString() });
        QVERIFY(process.waitForStarted(5000));
        QByteArray out, err;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains("\"type\":\"synced\""), 15000);
        QTest::qWait(300);
        process.kill();
        process.waitForFinished();
        out += process.readAllStandardOutput();
        err += process.readAllStandardError();

        const auto lines = jsonLines(out);
        QVERIFY2(lines.size() >= 2, out.constData());
        bool beforeSync = true;
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(u"venue"_s).toString(), u"kalshi"_s);
            if (line.value(u"type"_s).toString() == u"synced"_s) {
                beforeSync = false;
                continue;
            }
            if (beforeSync)
                QVERIFY2(line.value(u"snapshot"_s).toBool(), "bootstrap events carry snapshot:true");
        }
        const QByteArray keyId = tapescope::emulator::kalshi::demoCredentials().keyId;
        QVERIFY(!out.contains(keyId) && !err.contains(keyId));
        const QByteArray pemLine = tapescope::emulator::kalshi::demoCredentials().privateKeyPem.split('\n').value(1);
        QVERIFY(!pemLine.isEmpty());
        QVERIFY(!out.contains(pemLine) && !err.contains(pemLine));
    }

    void streamOrderbookInTheYesView()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"orderbook"_s, u"--symbol"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s, u"--count"_s, u"5"_s },
                  &out, &err, keyEnvironment(m_keyPath));
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 5);
        const QJsonObject book = lines.first();
        QCOMPARE(book.value(u"venue"_s).toString(), u"kalshi"_s);
        QCOMPARE(book.value(u"type"_s).toString(), u"book"_s);
        QCOMPARE(book.value(u"seq"_s).toInt(), 1);
        const QJsonArray bids = book.value(u"bids"_s).toArray();
        const QJsonArray asks = book.value(u"asks"_s).toArray();
        QVERIFY(!bids.isEmpty() && !asks.isEmpty());
        // Bids best first, asks best first, asks derived from NO bids (1 − p), never crossed.
        for (qsizetype i = 1; i < bids.size(); ++i)
            QVERIFY(decimal(bids[i - 1].toArray()[0]) > decimal(bids[i].toArray()[0]));
        for (qsizetype i = 1; i < asks.size(); ++i)
            QVERIFY(decimal(asks[i - 1].toArray()[0]) < decimal(asks[i].toArray()[0]));
        QVERIFY(decimal(bids[0].toArray()[0]) < decimal(asks[0].toArray()[0]));
        QVERIFY(decimal(asks.last().toArray()[0]) < Decimal::fromInteger(1));
        for (qsizetype i = 1; i < lines.size(); ++i)
            QCOMPARE(lines[i].value(u"type"_s).toString(), u"book_delta"_s);
    }

    void streamTrades()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"trade"_s, u"--symbol"_s, u"KXNFLGAME-25SEP07KCLV-KC"_s, u"--count"_s, u"3"_s },
                  &out, &err, keyEnvironment(m_keyPath));
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 3);
        for (const QJsonObject &trade : lines) {
            QCOMPARE(trade.value(u"type"_s).toString(), u"trade"_s);
            QCOMPARE(trade.value(u"symbol"_s).toString(), u"KXNFLGAME-25SEP07KCLV-KC"_s);
            QVERIFY(!trade.value(u"id"_s).toString().isEmpty());
            const Decimal price = decimal(trade.value(u"price"_s));
            QVERIFY(price > Decimal() && price < Decimal::fromInteger(1));
        }
    }

    void streamWithoutCredentialsIsAUsageError()
    {
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, u"ws://127.0.0.1:9/trade-api/ws/v2"_s,
                    u"--channel"_s, u"ticker"_s, u"--symbol"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s },
                  &out, &err, noKeyEnvironment());
        QCOMPARE(code, 1);
        QVERIFY(err.contains("KALSHI_API_KEY_ID"));
    }

    // A key file that cannot be a key is a usage error (exit 1) that names the file and says what is wrong; it is
    // read bounded (/dev/zero once ended in bad_alloc) and never reaches the venue.
    void unusableKeyFileIsAUsageError_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("words");
        QTest::newRow("missing") << m_dir.filePath(u"no-such-key.pem"_s) << u"does not exist"_s;
        QTest::newRow("directory") << m_dir.path() << u"is a directory"_s;
        const QString garbage = m_dir.filePath(u"garbage.pem"_s);
        QFile garbageFile(garbage);
        QVERIFY(garbageFile.open(QIODevice::WriteOnly));
        garbageFile.write("this is not a key\n");
        garbageFile.close();
        QTest::newRow("garbage") << garbage << u"not PEM"_s;
        const QString large = m_dir.filePath(u"large.pem"_s);
        QFile largeFile(large);
        QVERIFY(largeFile.open(QIODevice::WriteOnly));
        largeFile.write(QByteArray(100 * 1024, 'A'));
        largeFile.close();
        QTest::newRow("large") << large << u"larger than 64 KiB"_s;
        if (QFileInfo::exists(u"/dev/zero"_s))
            QTest::newRow("dev-zero") << u"/dev/zero"_s << u"larger than 64 KiB"_s;
    }

    void unusableKeyFileIsAUsageError()
    {
        QFETCH(QString, path);
        QFETCH(QString, words);
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        for (const QString &command : { u"stream"_s, u"account"_s }) {
            QStringList args { command, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString() };
            if (command == u"stream"_s)
                args << u"--channel"_s << u"ticker"_s << u"--symbol"_s << u"KXNFLGAME-25SEP04DALPHI-PHI"_s;
            QByteArray out, err;
            const int code = run(args, &out, &err, keyEnvironment(path));
            QVERIFY2(code == 1, qPrintable(command + u": "_s + QString::fromUtf8(err)));
            const QString text = QString::fromUtf8(err);
            QVERIFY2(text.contains(path) && text.contains(words) && text.contains(u"KALSHI_PRIVATE_KEY_PATH"_s),
                     qPrintable(text));
            QVERIFY(!text.contains(u"bad_alloc"_s));
            const auto lines = jsonLines(err);
            QVERIFY2(!lines.isEmpty() && lines.last().value(u"type"_s).toString() == u"fatal"_s, err.constData());
            QCOMPARE(lines.last().value(u"exit"_s).toInt(), 1);
        }
        QVERIFY(emu.handshakes().isEmpty());
    }

    void streamWithAWrongKeySaysSoAndExits()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"ticker"_s, u"--symbol"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s },
                  &out, &err,
                  keyEnvironment(QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/test-private-key.pkcs1.pem")));
        QCOMPARE(code, 3); // the venue refused: retrying cannot help (README: exit 3)
        QVERIFY2(err.contains("HTTP 401"), err.constData());
        QVERIFY(!err.contains("PRIVATE KEY"));
        QCOMPARE(emu.handshakes().size(), 1);
    }

    void streamUnknownMarketIsRejected()
    {
        KalshiEmulator emu(emulatorOptions());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, emu.wsUrl().toString(), u"--channel"_s,
                    u"orderbook"_s, u"--symbol"_s, u"KXNFLGAME-25SEP99XXXYYY-XXX"_s, u"--demo-credentials"_s },
                  &out, &err, noKeyEnvironment());
        QCOMPARE(code, 3);
        QVERIFY2(err.contains("unknown_market"), err.constData());
    }

    void emulateServesTheDemoKey()
    {
        QProcess emulator;
        emulator.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                       { u"emulate"_s, u"--venue"_s, u"kalshi"_s, u"--port"_s, u"0"_s });
        QVERIFY(emulator.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(emulator.canReadLine(), 10000);
        const QByteArray banner = emulator.readLine();
        QVERIFY2(banner.startsWith("kalshi emulator listening"), banner.constData());
        const qsizetype at = banner.indexOf("ws://");
        const QString wsUrl = QString::fromLatin1(banner.mid(at, banner.indexOf(' ', at) - at));
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"kalshi"_s, u"--url"_s, wsUrl, u"--channel"_s, u"ticker"_s,
                    u"--symbol"_s, u"KXNFLGAME-25SEP08BALBUF-BUF"_s, u"--count"_s, u"2"_s, u"--demo-credentials"_s },
                  &out, &err, noKeyEnvironment());
        emulator.kill();
        emulator.waitForFinished();
        QVERIFY2(code == 0, err.constData());
        QCOMPARE(jsonLines(out).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestCliKalshi)
#include "tst_cli_kalshi.moc"
