// tapescope-cli stream/emulate --venue o2 as a user runs them: separate processes against the O2 emulator.
#include "core/Decimal.h"
#include "emulator/o2/O2Emulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QTcpServer>
#include <QtTest/QTest>

#include <map>

using namespace Qt::StringLiterals;
using tapescope::Decimal;
using tapescope::emulator::o2::O2Emulator;

namespace {

const QString kFuel = u"fFUEL/fUSDC"_s;

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
    const auto parsed = Decimal::parse(value.toString());
    return parsed ? *parsed : Decimal::fromInteger(-1);
}

using Side = std::map<Decimal, Decimal>;

} // namespace

class TestCliO2 : public QObject
{
    Q_OBJECT

    QStringList streamArgs(const QStringList &args) const
    {
        return QStringList { u"stream"_s, u"--venue"_s, u"o2"_s } + args;
    }

    // Runs to completion while the event loop keeps the in-process emulator serving.
    int run(const QStringList &args, QByteArray *out, QByteArray *err, int timeoutMs = 15000)
    {
        QProcess process;
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH), args);
        if (!process.waitForStarted(5000))
            return -100;
        QElapsedTimer timer;
        timer.start();
        while (process.state() != QProcess::NotRunning && timer.elapsed() < timeoutMs)
            QTest::qWait(20);
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
        *out = process.readAllStandardOutput();
        *err = process.readAllStandardError();
        if (timer.elapsed() >= timeoutMs)
            return -101;
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -102;
    }

private Q_SLOTS:
    void depthIsABookThenDeltasThatRebuildTheVenueBook()
    {
        O2Emulator::Options options;
        options.bookIntervalMs = 0; // the book moves only when the test steps it
        options.tradeIntervalMs = 0;
        O2Emulator emu(options);
        QVERIFY(emu.listen());
        const QString fuelId = emu.marketId(kFuel);

        QProcess process;
        process.start(
            QStringLiteral(TAPESCOPE_CLI_PATH),
            streamArgs({ u"--url"_s, emu.restBaseUrl().toString(), u"--channel"_s, u"depth"_s, u"--symbol"_s, kFuel }));
        QVERIFY(process.waitForStarted(5000));
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += process.readAllStandardOutput()).contains('\n'), 10000);
        for (int i = 0; i < 8; ++i) {
            emu.step(fuelId);
            QTest::qWait(30);
        }
        QTest::qWait(500);
        out += process.readAllStandardOutput();
        process.kill();
        process.waitForFinished();
        const QByteArray err = process.readAllStandardError();
        // stderr is JSON lines only: the resolved market is one of them.
        QVERIFY2(
            err.contains(QString(u"{\"type\":\"market\",\"venue\":\"o2\",\"symbol\":\"fFUEL/fUSDC\",\"market_id\":\""_s
                                 + fuelId + u"\"}"_s)
                             .toUtf8()),
            err.constData());
        for (const QByteArray &line : err.trimmed().split('\n'))
            QVERIFY2(line.startsWith("{\"type\":"), line.constData());

        const auto lines = jsonLines(out);
        QVERIFY(lines.size() >= 5);
        QCOMPARE(lines.first().value(u"type"_s).toString(), u"book"_s);
        Side bids;
        Side asks;
        for (const QJsonObject &line : lines) {
            QCOMPARE(line.value(u"venue"_s).toString(), u"o2"_s);
            QCOMPARE(line.value(u"symbol"_s).toString(), fuelId);
            if (line.value(u"type"_s).toString() == u"book"_s) {
                bids.clear();
                asks.clear();
                for (const QJsonValue &l : line.value(u"bids"_s).toArray())
                    bids[decimal(l[0])] = decimal(l[1]);
                for (const QJsonValue &l : line.value(u"asks"_s).toArray())
                    asks[decimal(l[0])] = decimal(l[1]);
                continue;
            }
            QCOMPARE(line.value(u"type"_s).toString(), u"book_delta"_s);
            for (const QJsonValue &c : line.value(u"changes"_s).toArray()) {
                Side &side = c[0].toString() == u"bid"_s ? bids : asks;
                const Decimal size = decimal(c[2]);
                QVERIFY(!size.isNegative());
                if (size.isZero())
                    side.erase(decimal(c[1]));
                else
                    side[decimal(c[1])] = size;
            }
        }
        // The printed book, replayed, is the venue's book to the last chain unit.
        const auto venue = emu.book(fuelId, 1);
        QCOMPARE(bids.size(), venue.bids.size());
        QCOMPARE(asks.size(), venue.asks.size());
        auto bid = bids.rbegin();
        for (const auto &[price, quantity] : venue.bids) {
            QCOMPARE(bid->first, *Decimal::fromScaledInteger(std::to_string(price), 9));
            QCOMPARE(bid->second, *Decimal::fromScaledInteger(std::to_string(quantity), 9));
            ++bid;
        }
        auto ask = asks.begin();
        for (const auto &[price, quantity] : venue.asks) {
            QCOMPARE(ask->first, *Decimal::fromScaledInteger(std::to_string(price), 9));
            QCOMPARE(ask->second, *Decimal::fromScaledInteger(std::to_string(quantity), 9));
            ++ask;
        }
    }

    void tradesCarryTheAggressorSide()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        QByteArray out, err;
        QCOMPARE(run(streamArgs({ u"--url"_s, emu.wsUrl().toString(), u"--channel"_s, u"trades"_s, u"--symbol"_s,
                                  u"fETH/fUSDC"_s, u"--count"_s, u"4"_s }),
                     &out, &err),
                 0);
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 4);
        for (const QJsonObject &t : lines) {
            QCOMPARE(t.value(u"type"_s).toString(), u"trade"_s);
            QCOMPARE(t.value(u"symbol"_s).toString(), emu.marketId(u"fETH/fUSDC"_s));
            QVERIFY(t.value(u"side"_s).toString() == u"buy"_s || t.value(u"side"_s).toString() == u"sell"_s);
            QVERIFY(!t.contains(u"side_estimate"_s)); // the venue says who the maker was, so the aggressor is known
            QVERIFY(decimal(t.value(u"price"_s)) > Decimal::fromInteger(1000));
            QVERIFY(decimal(t.value(u"size"_s)) > Decimal());
            QVERIFY(!t.value(u"id"_s).toString().isEmpty());
        }
    }

    void survivesServerDropWithAFreshBook()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        QProcess process;
        process.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                      streamArgs({ u"--url"_s, emu.wsUrl().toString(), u"--channel"_s, u"depth"_s, u"--symbol"_s,
                                   u"fBTC/fUSDC"_s, u"--depth-precision"_s, u"9"_s, u"--count"_s, u"25"_s }));
        QVERIFY(process.waitForStarted(5000));
        QTRY_VERIFY_WITH_TIMEOUT(process.bytesAvailable() > 0, 10000);
        emu.dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 15000);
        QCOMPARE(process.exitCode(), 0);
        const auto lines = jsonLines(process.readAllStandardOutput());
        QCOMPARE(lines.size(), 25);
        int books = 0;
        for (const QJsonObject &line : lines)
            books += line.value(u"type"_s).toString() == u"book"_s ? 1 : 0;
        QVERIFY2(books >= 2, "the reconnect must print a new snapshot");
        const QByteArray err = process.readAllStandardError();
        QVERIFY(err.contains("backing_off"));
        QVERIFY(err.contains("resyncing"));
    }

    void unknownPairExitsThree()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        QByteArray out, err;
        QCOMPARE(run(streamArgs({ u"--url"_s, emu.restBaseUrl().toString(), u"--channel"_s, u"depth"_s, u"--symbol"_s,
                                  u"NOPE/fUSDC"_s }),
                     &out, &err),
                 3);
        QVERIFY2(err.contains("no O2 market 'NOPE/fUSDC'"), err.constData());
        QVERIFY(err.contains("fFUEL/fUSDC")); // says what is listed
        QVERIFY(out.isEmpty());
    }

    void unreachableVenueExitsTwo()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        QByteArray out, err;
        QCOMPARE(run(streamArgs({ u"--url"_s, u"http://127.0.0.1:%1"_s.arg(port), u"--channel"_s, u"trades"_s,
                                  u"--symbol"_s, kFuel }),
                     &out, &err),
                 2);
        QVERIFY2(err.contains("cannot connect") && err.contains("markets request failed"), err.constData());
    }

    void badArgumentsExitOne()
    {
        QByteArray out, err;
        QCOMPARE(run(streamArgs({ u"--channel"_s, u"l2Book"_s, u"--symbol"_s, kFuel }), &out, &err), 1);
        QVERIFY(err.contains("depth or trades"));
        QCOMPARE(run(streamArgs({ u"--channel"_s, u"depth"_s }), &out, &err), 1);
        QVERIFY(err.contains("--symbol"));
        QCOMPARE(run(streamArgs({ u"--channel"_s, u"depth"_s, u"--symbol"_s, kFuel, u"--depth-precision"_s, u"40"_s }),
                     &out, &err),
                 1);
        QVERIFY(err.contains("--depth-precision"));
        QCOMPARE(run(streamArgs({ u"--channel"_s, u"depth"_s, u"--symbol"_s, kFuel, u"--environment"_s, u"moon"_s }),
                     &out, &err),
                 1);
        QVERIFY(err.contains("devnet"));
        QCOMPARE(run(streamArgs({ u"--channel"_s, u"depth"_s, u"--symbol"_s, kFuel, u"--url"_s, u"ws://h/ws"_s }), &out,
                     &err),
                 1);
        QVERIFY(err.contains("/v1/ws"));
    }

    void emulateServesTheStream()
    {
        QProcess emulator;
        emulator.start(QStringLiteral(TAPESCOPE_CLI_PATH),
                       { u"emulate"_s, u"--venue"_s, u"o2"_s, u"--port"_s, u"0"_s });
        QVERIFY(emulator.waitForStarted(5000));
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += emulator.readAllStandardOutput()).contains("fBTC/fUSDC"), 10000);
        const auto match = QRegularExpression(u"REST (http://\\S+)/v1/markets"_s).match(QString::fromUtf8(banner));
        QVERIFY2(match.hasMatch(), banner.constData());
        QVERIFY(banner.contains("WebSocket ws://"));
        QByteArray out, err;
        const int code = run(streamArgs({ u"--url"_s, match.captured(1), u"--channel"_s, u"depth"_s, u"--symbol"_s,
                                          kFuel, u"--count"_s, u"3"_s }),
                             &out, &err);
        emulator.kill();
        emulator.waitForFinished();
        QVERIFY2(code == 0, err.constData());
        const auto lines = jsonLines(out);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines.first().value(u"type"_s).toString(), u"book"_s);
        QCOMPARE(lines.last().value(u"type"_s).toString(), u"book_delta"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliO2)
#include "tst_cli_o2.moc"
