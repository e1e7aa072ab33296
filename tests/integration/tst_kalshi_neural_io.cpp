// One test per Neural SDK I/O mistake of docs/protocols/kalshi.md §14 that only a live connection shows (the pure ones
// are in tests/kalshi/tst_kalshi_neural.cpp): each drives KalshiService against the emulator and checks the wire.
#include "KalshiTestHarness.h"
#include "net/WebSocketSignals.h"

#include <QtCore/QJsonArray>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace kalshitest;
using emulator::kalshi::KalshiEmulator;
using kalshi::KalshiService;
using State = ConnectionState;

namespace {

struct Fixture
{
    Fixture()
        : emu(fastEmulator())
    {
        emu.listen();
        service = std::make_unique<KalshiService>(*kalshi::Endpoints::custom(emu.wsUrl()),
                                                  emulator::kalshi::demoCredentials(), fastService());
        rec = std::make_unique<Recorder>(service.get());
    }
    KalshiEmulator emu;
    std::unique_ptr<KalshiService> service;
    std::unique_ptr<Recorder> rec;
};

} // namespace

class TestKalshiNeuralIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reconnectIsSignedAfreshEveryTime()
    {
        // §14.2: on a TypeError Neural connected again *without* headers; every attempt here is signed anew.
        Fixture f;
        f.service->subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        f.service->start();
        for (int drop = 1; drop <= 2; ++drop) {
            QTRY_COMPARE_WITH_TIMEOUT(f.emu.clientCount(), 1, 5000);
            QTRY_VERIFY_WITH_TIMEOUT(f.rec->snapshots >= drop, 5000);
            f.emu.dropAllConnections();
            QTRY_COMPARE_WITH_TIMEOUT(f.emu.handshakes().size(), drop + 1, 5000);
        }
        const auto handshakes = f.emu.handshakes();
        for (const auto &handshake : handshakes) {
            QVERIFY(handshake.hadSignature);
            QVERIFY2(handshake.accepted, qPrintable(handshake.reason));
        }
        QVERIFY(handshakes[1].timestampMs > handshakes[0].timestampMs);
        QVERIFY(handshakes[2].timestampMs > handshakes[1].timestampMs);
    }

    void timestampInSecondsIsRefused()
    {
        // §14.2: Neural signed str(int(time.time())) — seconds. The venue (here the emulator) checks the timestamp
        // as milliseconds, so such a handshake gets 401 while the service's own is accepted.
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        kalshi::Signer signer;
        QVERIFY(signer.loadPrivateKeyPem(emulator::kalshi::demoCredentials().privateKeyPem));
        signer.setAccessKey(emulator::kalshi::demoCredentials().keyId);
        const auto attempt = [&](qint64 timestamp) -> QString {
            QNetworkRequest request(emu.wsUrl());
            for (const auto &[name, value] : signer.handshakeHeaders(timestamp).toList())
                request.setRawHeader(name, value);
            QWebSocket socket;
            QSignalSpy connected(&socket, &QWebSocket::connected);
            QSignalSpy failed(&socket, webSocketErrorSignal());
            socket.open(request);
            if (!QTest::qWaitFor([&] { return !connected.isEmpty() || !failed.isEmpty(); }, 5000))
                return u"no answer"_s;
            const QString error = socket.errorString();
            socket.abort();
            return connected.isEmpty() ? error : QString();
        };
        const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(attempt(nowMs).isEmpty());
        QVERIFY(attempt(nowMs / 1000).contains(u"401"_s));
        QCOMPARE(emu.handshakes().size(), 2);
        QVERIFY(emu.handshakes().last().reason.contains(u"milliseconds"_s));
    }

    void reconnectSubscribesEachChannelOnce()
    {
        // §14.2: _connect_internal and _reconnect both re-subscribed (a duplicate subscribe, id 1 twice).
        Fixture f;
        f.service->subscribeMarket(kHome);
        f.service->subscribeMarket(kAway);
        f.service->start();
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::Trade)), 1, 5000);
        f.emu.dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.handshakes().size(), 2, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::Trade)), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(f.rec->last.state, State::Live, 5000);
        QTest::qWait(200); // room for a duplicate to arrive, had one been sent
        // One subscribe per channel per connection: 3 channels × 2 connections, both markets in each.
        const auto subscribes = commands(f.emu, u"subscribe"_s);
        QCOMPARE(subscribes.size(), 6);
        for (const QJsonObject &subscribe : subscribes)
            QCOMPARE(subscribe.value(u"params"_s).toObject().value(u"market_tickers"_s).toArray().size(), 2);
        // The venue never had to answer "Already subscribed" (code 6).
        for (const FeedError &error : f.rec->all<FeedError>())
            QVERIFY2(error.code != u"already_subscribed"_s, qPrintable(error.message));
    }

    void commandIdsAreUniqueAndIncreasing()
    {
        // §14.2: every subscribe was id 1 (and every unsubscribe id 2), so replies could not be matched.
        Fixture f;
        f.service->subscribeMarket(kHome);
        f.service->start();
        QTRY_VERIFY_WITH_TIMEOUT(f.rec->snapshots >= 1, 5000);
        f.service->subscribeMarket(kAway); // update_subscription add_markets on the live sids
        f.service->unsubscribeMarket(kHome);
        QTRY_VERIFY_WITH_TIMEOUT(commands(f.emu).size() >= 9, 5000);
        qint64 previous = 0;
        for (const QJsonObject &command : commands(f.emu)) {
            const qint64 id = command.value(u"id"_s).toInteger();
            QVERIFY2(id > previous, "command ids must increase");
            previous = id;
        }
    }

    void unsubscribeNamesSids()
    {
        // §14.2: Neural unsubscribed with channels + market_tickers; the spec wants sids (error 4 otherwise).
        Fixture f;
        f.service->subscribeMarket(kHome);
        f.service->start();
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::Ticker)), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::OrderbookDelta)), 1, 5000);
        f.service->unsubscribeMarket(kHome);
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::OrderbookDelta)), 0, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::Ticker)), 0, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(f.emu.subscriptionCount(QLatin1String(kalshi::channel::Trade)), 0, 3000);
        for (const QJsonObject &unsubscribe : commands(f.emu, u"unsubscribe"_s)) {
            const QJsonObject params = unsubscribe.value(u"params"_s).toObject();
            QCOMPARE(params.value(u"sids"_s).toArray().size(), 1);
            QVERIFY(!params.contains(u"channels"_s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(f.rec->all<SubscriptionAck>().size(), 6, 3000); // 3 subscribed + 3 unsubscribed
        QVERIFY(f.rec->all<FeedError>().isEmpty());
    }

    void wildcardIsRefusedBeforeTheWire()
    {
        // §14.2 / §12.4: "KXNFLGAME*" went out literally and brought no data.
        Fixture f;
        f.service->start();
        QTRY_COMPARE_WITH_TIMEOUT(f.rec->last.state, State::Live, 5000);
        f.service->subscribeMarket(u"KXNFLGAME*"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.rec->errors(u"invalid_subscription"_s).size(), 1, 2000);
        QVERIFY(commands(f.emu).isEmpty());
        // Coverage comes from discovery plus explicit tickers instead (§15).
        QSignalSpy ready(f.service.get(), &KalshiService::nflGamesReady);
        f.service->discoverNflGames();
        QVERIFY(ready.wait(5000));
        for (const QString &ticker : ready.first().first().value<kalshi::NflDiscovery>().marketTickers())
            f.service->subscribeMarket(ticker, { QLatin1String(kalshi::channel::Ticker) });
        QTRY_COMPARE_WITH_TIMEOUT(commands(f.emu, u"subscribe"_s).size(), 1, 3000);
        QCOMPARE(commands(f.emu, u"subscribe"_s)
                     .first()
                     .value(u"params"_s)
                     .toObject()
                     .value(u"market_tickers"_s)
                     .toArray()
                     .size(),
                 10);
    }

    void noMessageIsDroppedUnderLoad()
    {
        // §14.2: Neural's flow control dropped messages when its credits ran out; here every delta is applied.
        KalshiEmulator::Options options = fastEmulator();
        options.tickIntervalMs = 2;
        KalshiEmulator emu(options);
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.subscribeMarket(kAway, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.all<BookDelta>().size() >= 1500, 15000);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
        QCOMPARE(service.codecStats().droppedDeltas, 0u);
        QCOMPARE(service.resyncCount(), 0u);
    }
};

QTEST_GUILESS_MAIN(TestKalshiNeuralIo)
#include "tst_kalshi_neural_io.moc"
