// tapescope-cli stream --venue alpaca|fiml as a user runs it: a separate process against in-process emulators.
#include "emulator/alpaca/AlpacaEmulator.h"
#include "emulator/fiml/FimlEmulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QProcessEnvironment>
#include <QtTest/QTest>

#include <functional>

using namespace Qt::StringLiterals;
using tapescope::emulator::alpaca::AlpacaEmulator;
using tapescope::emulator::fiml::FimlEmulator;

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

bool isDecimalString(const QJsonValue &v)
{
    bool ok = false;
    v.toString().toDouble(&ok);
    return v.isString() && ok;
}

AlpacaEmulator::Options fastAlpaca()
{
    AlpacaEmulator::Options options;
    options.timing.tickIntervalMs = 40;
    options.timing.barIntervalMs = 150;
    options.timing.bookIntervalMs = 60;
    return options;
}

} // namespace

class TestCliAlpacaFiml : public QObject
{
    Q_OBJECT

    // Runs the CLI while this event loop keeps the in-process emulator serving.
    int run(const QStringList &args, QByteArray *out, QByteArray *err, const QProcessEnvironment &env = {},
            int timeoutMs = 15000)
    {
        QProcess process;
        if (!env.isEmpty())
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

    static QProcessEnvironment alpacaKeys(const QString &keyId, const QString &secret)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"ALPACA_API_KEY_ID"_s, keyId);
        env.insert(u"ALPACA_API_SECRET_KEY"_s, secret);
        return env;
    }

private Q_SLOTS:
    void alpacaQuotesAreBboLines()
    {
        AlpacaEmulator emu(fastAlpaca());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code = run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"test"_s, u"--url"_s,
                               emu.streamUrl(u"/v2/test"_s).toString(), u"--channel"_s, u"quotes"_s, u"--symbol"_s,
                               u"FAKEPACA"_s, u"--count"_s, u"3"_s },
                             &out, &err, alpacaKeys(emu.options().keyId, emu.options().secret));
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 3);
        for (const QJsonObject &bbo : lines) {
            QCOMPARE(bbo.value(u"venue"_s).toString(), u"alpaca"_s);
            QCOMPARE(bbo.value(u"type"_s).toString(), u"bbo"_s);
            QCOMPARE(bbo.value(u"symbol"_s).toString(), u"FAKEPACA"_s);
            const QJsonArray bid = bbo.value(u"bid"_s).toArray();
            const QJsonArray ask = bbo.value(u"ask"_s).toArray();
            QVERIFY(isDecimalString(bid.at(0)) && isDecimalString(ask.at(0)));
            QVERIFY(bid.at(0).toString().toDouble() < ask.at(0).toString().toDouble());
        }
        QVERIFY2(!err.contains(emu.options().secret.toUtf8()), "the secret must never be printed");
    }

    void alpacaBarsAreCandlesAndCryptoBooksAreBooks()
    {
        AlpacaEmulator emu(fastAlpaca());
        QVERIFY(emu.listen());
        const auto env = alpacaKeys(emu.options().keyId, emu.options().secret);
        QByteArray out, err;
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"iex"_s, u"--url"_s,
                       emu.streamUrl(u"/v2/iex"_s).toString(), u"--channel"_s, u"bars"_s, u"--symbol"_s, u"AAPL"_s,
                       u"--count"_s, u"2"_s },
                     &out, &err, env),
                 0);
        auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 2);
        for (const QJsonObject &candle : lines) {
            QCOMPARE(candle.value(u"type"_s).toString(), u"candle"_s);
            QCOMPARE(candle.value(u"interval"_s).toString(), u"1m"_s);
            QVERIFY(isDecimalString(candle.value(u"open"_s)) && isDecimalString(candle.value(u"volume"_s)));
        }
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"crypto"_s, u"--url"_s,
                       emu.streamUrl(u"/v1beta3/crypto/us"_s).toString(), u"--channel"_s, u"orderbooks"_s,
                       u"--symbol"_s, u"BTC/USD"_s, u"--count"_s, u"4"_s },
                     &out, &err, env),
                 0);
        lines = jsonLines(out);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.first().value(u"type"_s).toString(), u"book"_s); // the r:true snapshot first
        QCOMPARE(lines.first().value(u"bids"_s).toArray().size(), 20);
        for (qsizetype i = 1; i < lines.size(); ++i)
            QCOMPARE(lines.at(i).value(u"type"_s).toString(), u"book_delta"_s);
    }

    void alpacaWrongKeysExitWithTheReason()
    {
        AlpacaEmulator emu(fastAlpaca());
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"sip"_s, u"--url"_s,
                    emu.streamUrl(u"/v2/sip"_s).toString(), u"--channel"_s, u"trades"_s, u"--symbol"_s, u"SPY"_s },
                  &out, &err, alpacaKeys(u"nobody"_s, u"nothing"_s));
        QCOMPARE(code, 3); // the venue refused the keys (402 after the socket opened): README exit 3, as Kalshi's 401
        QVERIFY2(err.contains(R"("type":"fatal")") && err.contains(R"("exit":3)"), err.constData());
        QVERIFY2(err.contains("API key"), err.constData());
        QVERIFY(!err.contains("nothing"));
    }

    void alpacaUsageErrors()
    {
        QByteArray out, err;
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"iex"_s, u"--channel"_s, u"orderbooks"_s,
                       u"--symbol"_s, u"AAPL"_s },
                     &out, &err, alpacaKeys(u"k"_s, u"s"_s)),
                 1);
        QVERIFY(err.contains("crypto"));
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--feed"_s, u"nasdaq"_s, u"--channel"_s, u"trades"_s,
                       u"--symbol"_s, u"AAPL"_s },
                     &out, &err, alpacaKeys(u"k"_s, u"s"_s)),
                 1);
        QVERIFY(err.contains("--feed"));
        QProcessEnvironment noKeys = QProcessEnvironment::systemEnvironment();
        noKeys.remove(u"ALPACA_API_KEY_ID"_s);
        noKeys.remove(u"ALPACA_API_SECRET_KEY"_s);
        noKeys.insert(u"TAPESCOPE_TEST"_s, u"1"_s); // keeps the environment non-empty
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"alpaca"_s, u"--channel"_s, u"trades"_s, u"--symbol"_s, u"AAPL"_s },
                     &out, &err, noKeys),
                 1);
        QVERIFY(err.contains("ALPACA_API_KEY_ID"));
    }

    // `account --venue alpaca`: the bootstrap (snapshot), synced, live changes from the emulator's paper trader; the
    // secret key never appears on stdout or stderr.
    void alpacaAccountBootstrapsThenStreams()
    {
        AlpacaEmulator::Options options = fastAlpaca();
        options.secret = u"s3cret-ALPACA-test-9f2"_s;
        options.trader.intervalMs = 60;
        AlpacaEmulator emu(options);
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code = run({ u"account"_s, u"--venue"_s, u"alpaca"_s, u"--url"_s, emu.tradingBaseUrl().toString(),
                               u"--count"_s, u"25"_s },
                             &out, &err, alpacaKeys(options.keyId, options.secret));
        QVERIFY2(code == 0, err.constData());
        const QList<QJsonObject> lines = jsonLines(out);
        QCOMPARE(lines.size(), 25);
        qsizetype synced = -1;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QJsonObject &line = lines.at(i);
            QCOMPARE(line.value(u"venue"_s).toString(), u"alpaca"_s);
            QCOMPARE(line.value(u"account"_s).toString(), emu.trader().accountId());
            if (line.value(u"type"_s).toString() == u"synced"_s && synced < 0)
                synced = i;
            // (a live change while the bootstrap runs prints at once, without "snapshot")
            if (line.value(u"type"_s).toString() == u"order"_s) {
                QVERIFY(isDecimalString(line.value(u"size"_s)));
                QVERIFY(!line.value(u"status"_s).toString().isEmpty());
            }
        }
        QVERIFY(synced >= 1); // at least the account before it
        QVERIFY(lines.first().value(u"snapshot"_s).toBool());
        QVERIFY(!lines.at(synced + 1).contains(u"snapshot"_s)); // live from here
        QVERIFY(!out.contains("s3cret-ALPACA-test-9f2"));
        QVERIFY(!err.contains("s3cret-ALPACA-test-9f2"));
    }

    void alpacaAccountWrongKeysAndUsage()
    {
        AlpacaEmulator emu(fastAlpaca());
        QVERIFY(emu.listen());
        QByteArray out, err;
        QCOMPARE(run({ u"account"_s, u"--venue"_s, u"alpaca"_s, u"--url"_s, emu.tradingBaseUrl().toString() }, &out,
                     &err, alpacaKeys(u"nobody"_s, u"wrong-secret-77"_s)),
                 3);
        QVERIFY2(err.contains("refused the API keys"), err.constData());
        QVERIFY(!err.contains("wrong-secret-77") && !out.contains("wrong-secret-77"));
        QCOMPARE(run({ u"account"_s, u"--venue"_s, u"alpaca"_s, u"--paper"_s, u"--live"_s }, &out, &err,
                     alpacaKeys(u"k"_s, u"s"_s)),
                 1);
        QCOMPARE(run({ u"account"_s, u"--venue"_s, u"alpaca"_s, u"--user"_s, u"x"_s }, &out, &err,
                     alpacaKeys(u"k"_s, u"s"_s)),
                 1);
        QVERIFY(err.contains("--user"));
        QCOMPARE(run({ u"account"_s, u"--venue"_s, u"alpaca"_s, u"--url"_s, u"ws://127.0.0.1:1/stream"_s }, &out, &err,
                     alpacaKeys(u"k"_s, u"s"_s)),
                 1);
        QVERIFY(err.contains("trading REST base"));
    }

    void fimlPricesAreTickersWithProviderAndConfidence()
    {
        FimlEmulator emu;
        QVERIFY(emu.listen());
        QByteArray out, err;
        const int code
            = run({ u"stream"_s, u"--venue"_s, u"fiml"_s, u"--url"_s, emu.streamUrl().toString(), u"--channel"_s,
                    u"price"_s, u"--symbol"_s, u"AAPL,MSFT"_s, u"--interval-ms"_s, u"100"_s, u"--count"_s, u"4"_s },
                  &out, &err);
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 4);
        for (const QJsonObject &ticker : lines) {
            QCOMPARE(ticker.value(u"venue"_s).toString(), u"fiml"_s);
            QCOMPARE(ticker.value(u"type"_s).toString(), u"ticker"_s);
            QVERIFY(ticker.value(u"symbol"_s).toString() == u"AAPL"_s
                    || ticker.value(u"symbol"_s).toString() == u"MSFT"_s);
            QVERIFY(isDecimalString(ticker.value(u"last"_s)));
            QVERIFY(isDecimalString(ticker.value(u"change"_s)));
            QVERIFY(!ticker.value(u"provider"_s).toString().isEmpty());
            const double confidence = ticker.value(u"confidence"_s).toString().toDouble();
            QVERIFY(isDecimalString(ticker.value(u"confidence"_s)) && confidence > 0 && confidence <= 1);
        }
    }

    void fimlOhlcvAreCandles()
    {
        FimlEmulator emu;
        QVERIFY(emu.listen());
        QByteArray out, err;
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"fiml"_s, u"--url"_s, emu.streamUrl().toString(), u"--channel"_s,
                       u"ohlcv"_s, u"--symbol"_s, u"BTC/USDT"_s, u"--interval-ms"_s, u"100"_s, u"--count"_s, u"2"_s },
                     &out, &err),
                 0);
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.first().value(u"type"_s).toString(), u"candle"_s);
        QCOMPARE(lines.first().value(u"symbol"_s).toString(), u"BTC/USDT"_s);
        QVERIFY(isDecimalString(lines.first().value(u"high"_s)));
    }

    void fimlLimitsAreUsageErrors()
    {
        QByteArray out, err;
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"fiml"_s, u"--channel"_s, u"price"_s, u"--symbol"_s, u"AAPL"_s,
                       u"--interval-ms"_s, u"99"_s },
                     &out, &err),
                 1);
        QVERIFY2(err.contains("100 to 60000 ms"), err.constData());
        QStringList many;
        for (int i = 0; i < 51; ++i)
            many.append(u"S%1"_s.arg(i));
        QCOMPARE(
            run({ u"stream"_s, u"--venue"_s, u"fiml"_s, u"--channel"_s, u"price"_s, u"--symbol"_s, many.join(u',') },
                &out, &err),
            1);
        QVERIFY(err.contains("1 to 50"));
        QCOMPARE(run({ u"stream"_s, u"--venue"_s, u"fiml"_s, u"--channel"_s, u"depth"_s, u"--symbol"_s, u"AAPL"_s },
                     &out, &err),
                 1);
        QVERIFY(err.contains("multi_asset"));
    }

    void emulateServesBothVenues()
    {
        for (const QString &venue : { u"alpaca"_s, u"fiml"_s }) {
            QProcess process;
            process.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                          { u"emulate"_s, u"--venue"_s, venue, u"--port"_s, u"0"_s });
            QVERIFY(process.waitForStarted(5000));
            QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
            const QByteArray banner = process.readLine();
            QVERIFY2(banner.startsWith(QByteArray(venue.toUtf8() + " emulator listening: ws://127.0.0.1:")),
                     banner.constData());
            process.terminate();
            process.waitForFinished(5000);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliAlpacaFiml)
#include "tst_cli_alpaca_fiml.moc"
