// KalshiService against the Kalshi emulator: signed handshake, YES-view books, resyncs after gaps and terminal
// errors, trade de-duplication, reconnects and REST discovery — the whole socket → codec → service path.
#include "DropCycles.h"
#include "KalshiTestHarness.h"
#include "support/MuteWebSocketServer.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace kalshitest;
using emulator::kalshi::KalshiEmulator;
using kalshi::KalshiService;
using State = ConnectionState;

namespace {

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestKalshiService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpoints()
    {
        QCOMPARE(kalshi::Endpoints::production().wsUrl, QUrl(u"wss://external-api-ws.kalshi.com/trade-api/ws/v2"_s));
        QCOMPARE(kalshi::Endpoints::production().restBase, QUrl(u"https://api.elections.kalshi.com/trade-api/v2"_s));
        QCOMPARE(kalshi::Endpoints::demo().wsUrl, QUrl(u"wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"_s));
        QCOMPARE(kalshi::Endpoints::forEnvironment(u"demo"_s)->restBase,
                 QUrl(u"https://demo-api.kalshi.co/trade-api/v2"_s));
        const auto fromWs = kalshi::Endpoints::custom(QUrl(u"ws://127.0.0.1:4100/trade-api/ws/v2"_s));
        QVERIFY(fromWs);
        QCOMPARE(fromWs->restBase, QUrl(u"http://127.0.0.1:4100/trade-api/v2"_s));
        const auto fromRest = kalshi::Endpoints::custom(QUrl(u"https://proxy.example.test"_s));
        QCOMPARE(fromRest->wsUrl, QUrl(u"wss://proxy.example.test/trade-api/ws/v2"_s));
        QCOMPARE(fromWs->restUrl("/trade-api/v2/events?cursor=a%3D"),
                 QUrl::fromEncoded("http://127.0.0.1:4100/trade-api/v2/events?cursor=a%3D"));
        QString error;
        QVERIFY(!kalshi::Endpoints::forEnvironment(u"staging"_s, &error));
        QVERIFY(error.contains(u"production or demo"_s));
    }

    void signedHandshakeIsAcceptedAndTheBookIsTheYesView()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome);
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.all<Trade>(kHome).isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.all<Bbo>(kHome).isEmpty(), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);

        const auto handshakes = emu.handshakes();
        QCOMPARE(handshakes.size(), 1);
        QVERIFY(handshakes.first().accepted);
        QCOMPARE(handshakes.first().keyId, emulator::kalshi::demoCredentials().keyId);
        // Milliseconds (docs/protocols/kalshi.md §2.1), taken at the attempt.
        QVERIFY(handshakes.first().timestampMs >= before - 1000);
        QVERIFY(handshakes.first().timestampMs <= QDateTime::currentMSecsSinceEpoch());

        // YES view: bids are YES bids, asks are 1 − NO bids; never crossed; equal to the venue's book.
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
        QVERIFY(rec.book.bestBid()->price < rec.book.bestAsk()->price);
        QCOMPARE(rec.book.integrity(), BookIntegrity::Ok);
        QCOMPARE(service.codecStats().malformed, 0u);
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
    }

    void wrongKeyIsRefusedWithoutAReconnectStorm_data()
    {
        QTest::addColumn<QByteArray>("keyId");
        QTest::addColumn<QByteArray>("privateKey");
        QTest::addColumn<FeedReason::Code>("expected");
        QTest::addColumn<QString>("expectedWords");
        // The fixture key is a valid RSA key, just not the one the emulator trusts.
        QTest::newRow("other key") << emulator::kalshi::demoCredentials().keyId
                                   << readFixture(u"test-private-key.pkcs8.pem"_s) << FeedReason::Code::ApiKeyRefused
                                   << u"Kalshi refused the API key (HTTP 401)"_s;
        QTest::newRow("no key") << QByteArray() << QByteArray() << FeedReason::Code::ApiKeyRequired
                                << u"no API key is configured"_s;
    }

    void wrongKeyIsRefusedWithoutAReconnectStorm()
    {
        QFETCH(QByteArray, keyId);
        QFETCH(QByteArray, privateKey);
        QFETCH(FeedReason::Code, expected);
        QFETCH(QString, expectedWords);
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), { keyId, privateKey }, fastService());
        QVERIFY(service.credentialsProblem().isEmpty());
        Recorder rec(&service);
        service.subscribeMarket(kHome);
        service.start();

        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Down, 5000);
        QCOMPARE(rec.last.reason.code, expected);
        const QString words = englishText(rec.last.reason);
        QVERIFY2(words.contains(expectedWords), qPrintable(words));
        QVERIFY(words.contains(u"not retrying"_s));
        QCOMPARE(rec.errors(u"auth_rejected"_s).size(), 1);
        // With a 50 ms backoff base a retry loop would have dialled many times by now.
        QTest::qWait(800);
        QCOMPARE(emu.handshakes().size(), 1);
        QCOMPARE(emu.handshakes().first().accepted, false);
    }

    void unusableKeyNeverDials()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()),
                              { "some-id", "-----BEGIN PRIVATE KEY-----\nnot a key\n" }, fastService());
        QVERIFY(!service.credentialsProblem().isEmpty());
        QVERIFY(!service.credentialsProblem().contains(u"not a key"_s)); // key material never reaches a message
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Down, 2000);
        QCOMPARE(rec.errors(u"credentials"_s).size(), 1);
        QCOMPARE(emu.handshakes().size(), 0);
    }

    void bookSurvivesASequenceGap()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);

        emu.injectSequenceGap();
        QTRY_VERIFY_WITH_TIMEOUT(!rec.errors(u"sequence_gap"_s).isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 2, 5000);
        QCOMPARE(service.resyncCount(), 1u);
        QVERIFY(rec.states.contains(State::Resyncing));
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.resyncs, 1u, 2000);
        // The cheap repair was used: get_snapshot on the same sid (docs/protocols/kalshi.md §10).
        const auto updates = commands(emu, u"update_subscription"_s);
        QVERIFY(std::any_of(updates.begin(), updates.end(), [](const QJsonObject &c) {
            return c.value(u"params"_s).toObject().value(u"action"_s).toString() == u"get_snapshot"_s;
        }));

        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
    }

    void refusedGetSnapshotFallsBackToResubscribe()
    {
        KalshiEmulator::Options options = fastEmulator();
        options.session.supportGetSnapshot = false; // a server from before get_snapshot (§4.3)
        KalshiEmulator emu(options);
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);

        emu.injectSequenceGap();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 2, 5000);
        QCOMPARE(commands(emu, u"subscribe"_s).size(), 2);
        QCOMPARE(commands(emu, u"unsubscribe"_s).size(), 1);
        QCOMPARE(emu.subscriptionCount(QLatin1String(kalshi::channel::OrderbookDelta)), 1);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
    }

    void terminalErrorResubscribes_data()
    {
        QTest::addColumn<int>("code");
        QTest::newRow("10 channel error") << 10;
        QTest::newRow("25 buffer overflow") << 25;
    }

    void terminalErrorResubscribes()
    {
        QFETCH(int, code);
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);

        emu.injectError(code);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.errors(u"subscription_lost"_s).isEmpty(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 2, 5000);
        QCOMPARE(service.resyncCount(), 1u);
        const auto subscribes = commands(emu, u"subscribe"_s);
        QCOMPARE(subscribes.size(), 2);
        QVERIFY(subscribes[1].value(u"id"_s).toInteger() > subscribes[0].value(u"id"_s).toInteger());
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
    }

    void duplicateTradesAreDropped()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::Trade) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(!rec.all<Trade>().isEmpty(), 5000);
        emu.simulator().setPaused(true);
        emu.injectDuplicateTrade();
        emu.injectDuplicateTrade();
        QTRY_COMPARE_WITH_TIMEOUT(service.duplicateTrades(), 2u, 3000);
        QSet<QString> ids;
        for (const Trade &trade : rec.all<Trade>()) {
            QVERIFY(!trade.id.isEmpty());
            QVERIFY2(!ids.contains(trade.id), "a trade id was published twice");
            ids.insert(trade.id);
        }
        QVERIFY(rec.errors(u"sequence_gap"_s).isEmpty()); // the replay came in order; only its id was old
    }

    // The fault matrix's "malformed frame" against the emulator (docs/reliability.md): a delta cut short is counted
    // and reported once, is not taken for a sequence gap (its seq cannot be read, and the next delta follows the
    // last good one), and the book stays the venue's while deltas go on.
    void malformedFrameIsCountedAndTheBookStaysTheVenues()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1 && rec.last.state == State::Live, 5000);

        emu.simulator().setPaused(true);
        emu.sendRawToAll(QByteArrayLiteral(R"({"type":"orderbook_delta","sid":1,"seq":)"));
        emu.sendRawToAll(QByteArrayLiteral(R"(["not","an","object"])"));
        QTRY_COMPARE_WITH_TIMEOUT(rec.errors(u"malformed"_s).size(), 2, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.malformedFrames, quint64(2), 3000);
        QCOMPARE(service.codecStats().malformed, 2u);
        emu.simulator().setPaused(false);
        const qsizetype deltas = rec.all<BookDelta>(kHome).size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.all<BookDelta>(kHome).size() > deltas + 3, 5000);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
        QCOMPARE(service.resyncCount(), 0u);
        QCOMPARE(rec.snapshots, 1);
        QCOMPARE(rec.last.state, State::Live);
        QCOMPARE(emu.handshakes().size(), 1); // no reconnect for a bad frame
    }

    // The fault matrix's "server restart" (docs/reliability.md): the venue's process goes away and a new one listens
    // on the same port, with fresh sids and seq counting from 1 again. The client is refused meanwhile, signs in
    // again by itself, takes the new snapshot without calling the new numbering a gap, and holds the new book.
    void serverRestartOnTheSamePortGivesTheNewServersBook()
    {
        auto emu = std::make_unique<KalshiEmulator>(fastEmulator());
        QVERIFY(emu->listen());
        const quint16 port = emu->port();
        KalshiService::Options options = fastService();
        droptest::fastReconnects(options.connection);
        KalshiService service(*kalshi::Endpoints::custom(emu->wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1 && rec.last.state == State::Live, 5000);
        const qsizetype deltas = rec.all<BookDelta>(kHome).size();
        QTRY_VERIFY_WITH_TIMEOUT(rec.all<BookDelta>(kHome).size() > deltas + 5, 5000); // seq well past 1

        emu.reset(); // the venue's process ends
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(State::BackingOff), 3000);
        QTest::qWait(300); // a few refused attempts
        QVERIFY(rec.last.state != State::Live);
        const int before = rec.snapshots;
        emu = std::make_unique<KalshiEmulator>(fastEmulator());
        QVERIFY2(emu->listen(QHostAddress::LocalHost, port), qPrintable(emu->listenError()));
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots > before && rec.last.state == State::Live, 8000);
        QCOMPARE(emu->handshakes().size(), 1); // signed in again, once
        emu->simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(*emu), 3000);
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
        QCOMPARE(service.resyncCount(), 0u);
        QVERIFY(rec.last.stats.reconnects >= 1);
    }

    // The fault matrix's "silent server" (docs/reliability.md): the venue takes the upgrade, then answers nothing,
    // not even the WebSocket Pings that keep a Kalshi feed alive. The feed must not look live: Stale, then the
    // connection is dropped as silent and a new one is signed and made.
    void silentServerGoesStaleThenReconnects()
    {
        MuteWebSocketServer mute;
        QVERIFY(mute.listen());
        KalshiService::Options options = fastService();
        options.connection.heartbeatInterval = std::chrono::milliseconds(100);
        options.connection.staleAfter = std::chrono::milliseconds(400);
        options.connection.silenceTimeout = std::chrono::milliseconds(900);
        KalshiService service(*kalshi::Endpoints::custom(mute.url(u"/trade-api/ws/v2"_s)),
                              emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        QList<FeedReason> backingOff;
        QObject::connect(&service, &KalshiService::feedStatusChanged, [&](const FeedStatus &status) {
            if (status.state == State::BackingOff)
                backingOff.append(status.reason);
        });
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(State::Stale), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(!backingOff.isEmpty(), 3000);
        QCOMPARE(backingOff.constFirst().code, FeedReason::Code::Silent);
        QTRY_VERIFY_WITH_TIMEOUT(mute.upgrades() >= 2, 3000);
        QVERIFY(mute.bytesAfterUpgrade() > 0); // the subscribe and the Pings went out
        QCOMPARE(rec.snapshots, 0);
    }

    // The fault matrix's "rate limit" (docs/reliability.md): code 27 refuses a command for the rate of commands, not
    // for what it asks (§11; the limit is not published). The refusal is shown, and the same subscription is asked
    // for again after a wait that doubles, on the same connection, until it goes through.
    void rateLimitedSubscribeIsAskedAgainLater()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        emu.refuseCommands(27, 2);
        KalshiService::Options options = fastService();
        options.rateLimitRetryMs = 150;
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        QElapsedTimer clock;
        clock.start();
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);
        const qint64 tookMs = clock.elapsed();
        QCOMPARE(rec.errors(u"rate_limited"_s).size(), 2);
        QVERIFY2(rec.errors(u"rate_limited"_s).constFirst().message.contains(u"Kalshi error 27"_s),
                 qPrintable(rec.errors(u"rate_limited"_s).constFirst().message));
        QCOMPARE(commands(emu, u"subscribe"_s).size(), 3); // two refused, the third carried out
        QVERIFY2(tookMs >= 150 + 300, qPrintable(QString::number(tookMs))); // waited 150 ms, then 300 ms
        QCOMPARE(emu.handshakes().size(), 1); // no reconnect for it
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
    }

    void rateLimitedAddMarketsIsAskedAgainLater()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService::Options options = fastService();
        options.rateLimitRetryMs = 100;
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1 && rec.last.state == State::Live, 5000);
        emu.refuseCommands(27, 1);
        service.subscribeMarket(kAway, { QLatin1String(kalshi::channel::OrderbookDelta) });
        QTRY_VERIFY_WITH_TIMEOUT(!rec.all<BookSnapshot>(kAway).isEmpty(), 5000);
        QCOMPARE(rec.errors(u"rate_limited"_s).size(), 1);
        QCOMPARE(commands(emu, u"update_subscription"_s).size(), 2); // add_markets refused, then carried out
        QCOMPARE(commands(emu, u"subscribe"_s).size(), 1);
    }

    // Code 26 refuses markets beyond the subscription's limit: asking again cannot help, so it is shown and not
    // repeated; the connection stays.
    void marketLimitIsShownAndNotRepeated()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        emu.refuseCommands(26, 1);
        KalshiService::Options options = fastService();
        options.rateLimitRetryMs = 50;
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.errors(u"market_limit"_s).size(), 1, 5000);
        QVERIFY2(rec.errors(u"market_limit"_s).constFirst().message.contains(u"Kalshi error 26"_s),
                 qPrintable(rec.errors(u"market_limit"_s).constFirst().message));
        QTest::qWait(500);
        QCOMPARE(commands(emu, u"subscribe"_s).size(), 1);
        QCOMPARE(rec.snapshots, 0);
        QCOMPARE(emu.handshakes().size(), 1);
    }

    void reconnectRebuildsBooks()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1, 5000);

        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(State::BackingOff), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 2, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, State::Live, 3000);
        QVERIFY(rec.last.stats.reconnects >= 1);
        QCOMPARE(emu.handshakes().size(), 2);
        // New sids on the new connection: the codec saw no gap, the book came from a new snapshot.
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
        emu.simulator().setPaused(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
    }

    // Issue 14: 100 drops in a row, each followed by a reconnect and a book equal to the emulator's YES view, level
    // by level. The simulator runs only when the test ticks it: while the client is away (so only the new
    // connection's snapshot can make the books equal again) and after it is back (deltas on the new sids).
    void hundredDropsEachEndWithTheVenuesBook()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        emu.simulator().setPaused(true);
        KalshiService::Options options = fastService();
        droptest::fastReconnects(options.connection);
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::OrderbookDelta) });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.snapshots >= 1 && rec.last.state == State::Live, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.bookEquals(emu), 3000);
        const qsizetype sockets = service.findChildren<QWebSocket *>().size();
        QCOMPARE(sockets, 1);
        QSignalSpy connections(&emu, &KalshiEmulator::clientConnected);
        const auto tick = [&emu] {
            emu.simulator().setPaused(false);
            emu.simulator().tick();
            emu.simulator().setPaused(true);
        };

        QString why;
        for (int cycle = 1; cycle <= droptest::kCycles; ++cycle) {
            const int before = rec.snapshots;
            const qsizetype mark = rec.states.size();
            emu.dropAllConnections();
            // Still in this call, so the client cannot be back yet: the venue's book moves while it is away.
            for (int step = 0; step < 50 && rec.bookEquals(emu); ++step)
                tick();
            QVERIFY2(!rec.bookEquals(emu),
                     qPrintable(droptest::atCycle(cycle, u"the book did not move while the client was away"_s)));
            QTRY_VERIFY2_WITH_TIMEOUT(rec.states.indexOf(State::BackingOff, mark) >= 0,
                                      qPrintable(droptest::atCycle(cycle, u"the feed never left Live"_s)), 3000);
            QTRY_VERIFY2_WITH_TIMEOUT(rec.snapshots > before && rec.last.state == State::Live,
                                      qPrintable(droptest::atCycle(cycle, u"no new snapshot and Live"_s)), 5000);
            for (int step = 0; step < 3; ++step)
                tick();
            QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(rec.book, *emu.yesViewBook(kHome))).isEmpty(),
                                      qPrintable(droptest::atCycle(cycle, why)), 3000);
            QVERIFY2(connections.size() == cycle,
                     qPrintable(droptest::atCycle(
                         cycle, u"%1 new connections after %2 drops"_s.arg(connections.size()).arg(cycle))));
        }

        QVERIFY2(rec.last.stats.reconnects >= quint32(droptest::kCycles),
                 qPrintable(QString::number(rec.last.stats.reconnects)));
        // A new connection is a new subscription with a new sid and a new snapshot, never a gap.
        QCOMPARE(service.codecStats().sequenceGaps, 0u);
        QVERIFY(rec.errors(u"sequence_gap"_s).isEmpty());
        QCOMPARE(service.resyncCount(), 0u);
        QCOMPARE(service.codecStats().malformed, 0u);
        QCOMPARE(emu.handshakes().size(), droptest::kCycles + 1);
        // Nothing piled up per cycle: one socket in the service, one client and one subscription at the venue.
        QCOMPARE(service.findChildren<QWebSocket *>().size(), sockets);
        QCOMPARE(emu.clientCount(), 1);
        QCOMPARE(emu.subscriptionCount(QLatin1String(kalshi::channel::OrderbookDelta)), 1);
    }

    void lifecycleSettlesAGame()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        Recorder rec(&service);
        service.subscribeMarket(kHome, { QLatin1String(kalshi::channel::MarketLifecycle) });
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(emu.subscriptionCount(QLatin1String(kalshi::channel::MarketLifecycle)), 1, 5000);
        QVERIFY(emu.simulator().settleGame(u"KXNFLGAME-25SEP04DALPHI"_s, u"PHI"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rec.all<MarketStatus>(kHome).size(), 2, 3000);
        const auto statuses = rec.all<MarketStatus>(kHome);
        QCOMPARE(statuses[0].state, MarketState::Determined);
        QCOMPARE(statuses[0].result, u"yes"_s);
        QCOMPARE(statuses[1].state, MarketState::Settled);
        // The away market's lifecycle was not asked for: the global channel is filtered (§6).
        QVERIFY(rec.all<MarketStatus>(kAway).isEmpty());
    }

    // The fault matrix's "rate limit" on REST (§11: HTTP 429 beyond a tier's calls per second): a discovery page
    // answered 429 is shown as `rate_limited` and asked again after a wait that doubles, and the discovery then ends
    // with every game (before: it ended at once with a `discovery` error and no games, and nothing asked again).
    void discoveryRateLimitedIsAskedAgainLater()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        emu.rateLimitRestRequests(2);
        KalshiService::Options options = fastService();
        options.discoveryRetryMs = 100;
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(), options);
        Recorder rec(&service);
        QSignalSpy ready(&service, &KalshiService::nflGamesReady);
        QElapsedTimer clock;
        clock.start();
        service.discoverNflGames();
        QVERIFY(ready.wait(5000));
        const qint64 tookMs = clock.elapsed();
        const auto discovery = ready.takeFirst().first().value<kalshi::NflDiscovery>();
        QVERIFY2(discovery.error.isEmpty(), qPrintable(discovery.error));
        QCOMPARE(discovery.games.size(), std::size_t(5));
        QCOMPARE(discovery.pages, 3);
        const QList<FeedError> limited = rec.errors(u"rate_limited"_s);
        QCOMPARE(limited.size(), 2);
        QVERIFY2(limited.constFirst().message.contains(u"HTTP 429"_s)
                     && limited.constFirst().message.contains(u"asked again in 100 ms"_s),
                 qPrintable(limited.constFirst().message));
        QVERIFY2(limited.constLast().message.contains(u"asked again in 200 ms"_s),
                 qPrintable(limited.constLast().message));
        QVERIFY2(tookMs >= 300, qPrintable(QString::number(tookMs)));
        QVERIFY(rec.errors(u"discovery"_s).isEmpty());
    }

    void discoveryFollowsTheCursor()
    {
        KalshiEmulator emu(fastEmulator());
        QVERIFY(emu.listen());
        KalshiService service(*kalshi::Endpoints::custom(emu.wsUrl()), emulator::kalshi::demoCredentials(),
                              fastService());
        QSignalSpy ready(&service, &KalshiService::nflGamesReady);
        QSignalSpy changed(&service, &KalshiService::nflGamesChanged);
        QSignalSpy instruments(&service, &KalshiService::instrumentsReady);
        service.discoverNflGames(); // REST only: no start() needed
        QVERIFY(ready.wait(5000));
        QCOMPARE(instruments.size(), 1);
        const auto listed = instruments.first().first().value<QList<Instrument>>();
        QCOMPARE(listed.size(), 10);
        const auto phi
            = std::find_if(listed.begin(), listed.end(), [](const Instrument &i) { return i.id.symbol == kHome; });
        QVERIFY(phi != listed.end());
        QCOMPARE(phi->id.display, u"PHI (DAL @ PHI)"_s);
        QCOMPARE(phi->kind, Instrument::Kind::Prediction);
        const auto discovery = ready.takeFirst().first().value<kalshi::NflDiscovery>();
        QVERIFY2(discovery.error.isEmpty(), qPrintable(discovery.error));
        QCOMPARE(discovery.pages, 3); // 5 games, 2 per page
        QCOMPARE(discovery.games.size(), std::size_t(5));
        QCOMPARE(discovery.skipped, QStringList());
        const auto kclv = std::find_if(discovery.games.begin(), discovery.games.end(), [](const kalshi::NflGame &g) {
            return g.ticker().eventTicker == u"KXNFLGAME-25SEP07KCLV"_s;
        });
        QVERIFY(kclv != discovery.games.end());
        QCOMPARE(kclv->ticker().away, u"KC"_s); // two-letter codes split by the market suffixes (§13.2)
        QCOMPARE(kclv->ticker().home, u"LV"_s);
        QVERIFY(kclv->probabilities());
        QCOMPARE(kclv->probabilities()->away + kclv->probabilities()->home, Decimal::fromInteger(1));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(discovery.marketTickers().size(), 10);

        service.discoverNflGames();
        QVERIFY(ready.wait(5000));
        QCOMPARE(changed.size(), 1); // the same games: nothing changed

        // Once a game settles it is no longer open: the set of games changed.
        emu.simulator().settleGame(u"KXNFLGAME-25SEP04DALPHI"_s, u"DAL"_s);
        service.discoverNflGames();
        QVERIFY(ready.wait(5000));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.last().first().value<kalshi::NflDiscovery>().games.size(), std::size_t(4));
    }
};

QTEST_GUILESS_MAIN(TestKalshiService)
#include "tst_kalshi_service.moc"
