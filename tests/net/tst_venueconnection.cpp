#include "FakeVenueServer.h"
#include "support/MuteWebSocketServer.h"

#include "net/SendBudget.h"
#include "net/VenueConnection.h"

#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>
#include <memory>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using tapescope::ConnectionConfig;
using tapescope::FeedReason;
using tapescope::VenueConnection;
using State = tapescope::ConnectionState;
using Reason = FeedReason::Code;

namespace {

const QByteArray kSubscribeTrades
    = QByteArrayLiteral(R"({"method":"subscribe","subscription":{"type":"trades","coin":"BTC"}})");
const QByteArray kSubscribeBook
    = QByteArrayLiteral(R"({"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}})");
const QByteArray kSubscribeBbo
    = QByteArrayLiteral(R"({"method":"subscribe","subscription":{"type":"bbo","coin":"ETH"}})");
const QByteArray kUnsubscribeTrades
    = QByteArrayLiteral(R"({"method":"unsubscribe","subscription":{"type":"trades","coin":"BTC"}})");

// Fast timings so every outage resolves in well under a second; heartbeat and watchdog off unless a test wants them.
ConnectionConfig testConfig(const QUrl &url)
{
    ConnectionConfig config;
    config.venue = QStringLiteral("test");
    config.url = url;
    config.backoffBase = 20ms;
    config.backoffCap = 160ms;
    config.heartbeatInterval = 0ms;
    config.heartbeatFrame = FakeVenueServer::pingFrame();
    config.staleAfter = 0ms;
    config.silenceTimeout = 0ms;
    return config;
}

QList<State> statesIn(const QSignalSpy &spy)
{
    QList<State> states;
    for (const auto &arguments : spy)
        states.append(arguments.at(0).value<State>());
    return states;
}

} // namespace

class TestVenueConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeVenueServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void subscriptionsAreSentInOrderAndResentAfterDrop()
    {
        VenueConnection connection(testConfig(m_server->url()));
        QSignalSpy opened(&connection, &VenueConnection::opened);
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        connection.addSubscription(QStringLiteral("trades:BTC"), kSubscribeTrades);
        connection.addSubscription(QStringLiteral("l2Book:BTC"), kSubscribeBook);
        QVERIFY(!connection.sendText(QByteArrayLiteral("{}"))); // not open yet

        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.at(0).at(0).toBool(), false);
        QTRY_COMPARE(m_server->requests(0), (QList<QByteArray> { kSubscribeTrades, kSubscribeBook }));

        connection.addSubscription(QStringLiteral("bbo:ETH"), kSubscribeBbo); // sent now, while open
        QTRY_COMPARE(m_server->requests(0).size(), 3);
        QCOMPARE(m_server->requests(0).at(2), kSubscribeBbo);

        m_server->dropClients();
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_COMPARE(m_server->requests(1), (QList<QByteArray> { kSubscribeTrades, kSubscribeBook, kSubscribeBbo }));
        QTRY_COMPARE(opened.count(), 2);
        QCOMPARE(opened.at(1).at(0).toBool(), true);
        QCOMPARE(connection.state(), State::Live);
        QCOMPARE(connection.stats().reconnects, 1u);
        QVERIFY(statesIn(states).contains(State::BackingOff));
    }

    // ConnectionConfig::sendBudget: a burst goes at once, the rest at the rate, in order, on every socket.
    void pacedSendsKeepTheirOrderAndTheRate()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.sendBudget = std::make_shared<tapescope::SendBudget>(3, 20.0);
        VenueConnection connection(config);
        QList<QByteArray> frames;
        for (int i = 0; i < 13; ++i) {
            frames.append(u"{\"method\":\"subscribe\",\"subscription\":{\"type\":\"trades\",\"coin\":\"C%1\"}}"_s.arg(i)
                              .toUtf8());
            connection.addSubscription(u"trades:C%1"_s.arg(i), frames.last());
        }
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests(0), frames, 3000);
        // 3 at once, then one every 50 ms: the last of 13 no sooner than 500 ms after the first.
        const QList<qint64> &at = m_server->connection(0).receivedAtMs;
        QVERIFY2(at.last() - at.first() >= 480, qPrintable(u"13 frames in %1 ms"_s.arg(at.last() - at.first())));
        for (qsizetype i = 0; i < at.size(); ++i) {
            // No window of 200 ms holds more than the burst plus the 4 tokens it refills (+1 for timer rounding).
            const auto inWindow = std::count_if(at.cbegin() + i, at.cend(), [&](qint64 t) { return t < at[i] + 200; });
            QVERIFY2(inWindow <= 3 + 4 + 1, qPrintable(u"%1 frames within 200 ms of frame %2"_s.arg(inWindow).arg(i)));
        }
        QCOMPARE(connection.stats().pacedSends, 10u);
        QCOMPARE(connection.stats().sendsWaiting, 0);

        // A frame sent meanwhile waits its turn behind the others; a drop forgets what waited, and the next socket
        // is sent every subscription again, paced again.
        connection.addSubscription(u"bbo:ETH"_s, kSubscribeBbo);
        QTRY_COMPARE(m_server->requests(0).size(), 14);
        QCOMPARE(m_server->requests(0).last(), kSubscribeBbo);
        m_server->dropClients();
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests(1), frames + QList<QByteArray> { kSubscribeBbo }, 3000);
        const QList<qint64> &again = m_server->connection(1).receivedAtMs;
        QVERIFY2(again.last() - again.first() >= 480,
                 qPrintable(u"14 frames in %1 ms after the reconnect"_s.arg(again.last() - again.first())));
    }

    // Stepping through instruments faster than the pacing sends: a subscription removed while its subscribe still
    // waits is taken back whole (neither frame goes out); one the venue was sent gets its unsubscribe.
    void subscriptionRemovedBeforeItsTurnIsNeverSent()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.sendBudget = std::make_shared<tapescope::SendBudget>(2, 10.0);
        VenueConnection connection(config);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        const auto subscribe = [](const char *name) -> QByteArray { return QByteArray(R"({"sub":")") + name + "\"}"; };
        const auto unsubscribe
            = [](const char *name) -> QByteArray { return QByteArray(R"({"unsub":")") + name + "\"}"; };
        for (const char *name : { "A", "B", "C", "D", "E" })
            connection.addSubscription(QString::fromLatin1(name), subscribe(name)); // A, B at once; C, D, E wait
        QCOMPARE(connection.stats().sendsWaiting, 3);
        connection.removeSubscription(u"D"_s, unsubscribe("D")); // still waiting: taken back, nothing sent
        QCOMPARE(connection.stats().sendsWaiting, 2);
        connection.removeSubscription(u"A"_s, unsubscribe("A")); // sent: its unsubscribe waits its turn
        QCOMPARE(connection.stats().sendsWaiting, 3);
        QTRY_COMPARE(m_server->requests(0).size(), 5);
        QTest::qWait(300); // nothing else follows
        QCOMPARE(
            m_server->requests(0),
            (QList<QByteArray> { subscribe("A"), subscribe("B"), subscribe("C"), subscribe("E"), unsubscribe("A") }));
        QVERIFY(!connection.hasSubscription(u"D"_s));
        QCOMPARE(connection.subscriptionCount(), 3);

        // The next socket is sent what is held: B, C, E.
        m_server->dropClients();
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_COMPARE(m_server->requests(1), (QList<QByteArray> { subscribe("B"), subscribe("C"), subscribe("E") }));
    }

    // One budget for every connection to the venue: two connections together send no faster than one.
    void connectionsSharingABudgetShareItsRate()
    {
        const auto budget = std::make_shared<tapescope::SendBudget>(2, 10.0);
        ConnectionConfig config = testConfig(m_server->url());
        config.sendBudget = budget;
        VenueConnection first(config);
        VenueConnection second(config);
        QList<QByteArray> frames;
        for (int i = 0; i < 6; ++i) {
            frames.append(u"{\"n\":%1}"_s.arg(i).toUtf8());
            first.addSubscription(u"k%1"_s.arg(i), frames.last());
            second.addSubscription(u"k%1"_s.arg(i), frames.last());
        }
        first.open();
        QTRY_COMPARE(m_server->connectionCount(), 1);
        second.open();
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests(0), frames, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->requests(1), frames, 3000);
        QList<qint64> at = m_server->connection(0).receivedAtMs + m_server->connection(1).receivedAtMs;
        std::sort(at.begin(), at.end());
        // 12 frames from one budget of 2 + 10/s: the last at least 1 s after the first (each alone would take 0.4 s).
        QVERIFY2(at.last() - at.first() >= 900, qPrintable(u"12 frames in %1 ms"_s.arg(at.last() - at.first())));
    }

    void unpacedSendsGoAtOnce()
    {
        VenueConnection connection(testConfig(m_server->url())); // no sendBudget
        for (int i = 0; i < 13; ++i)
            connection.addSubscription(u"k%1"_s.arg(i), u"{\"n\":%1}"_s.arg(i).toUtf8());
        connection.open();
        QTRY_COMPARE(m_server->requests(0).size(), 13);
        QCOMPARE(connection.stats().pacedSends, 0u);
    }

    void removedSubscriptionIsUnsubscribedAndNotResent()
    {
        VenueConnection connection(testConfig(m_server->url()));
        connection.addSubscription(QStringLiteral("trades:BTC"), kSubscribeTrades);
        connection.addSubscription(QStringLiteral("l2Book:BTC"), kSubscribeBook);
        connection.open();
        QTRY_COMPARE(m_server->requests(0).size(), 2);

        connection.removeSubscription(QStringLiteral("trades:BTC"), kUnsubscribeTrades);
        QVERIFY(!connection.hasSubscription(QStringLiteral("trades:BTC")));
        QVERIFY(connection.hasSubscription(QStringLiteral("l2Book:BTC")));
        QTRY_COMPARE(m_server->requests(0).size(), 3);
        QCOMPARE(m_server->requests(0).at(2), kUnsubscribeTrades);

        m_server->dropClients();
        QTRY_COMPARE(connection.stats().reconnects, 1u);
        QTRY_COMPARE(m_server->requests(1), QList<QByteArray> { kSubscribeBook });
    }

    void handshakeHeadersAreRecomputedPerAttempt()
    {
        ConnectionConfig config = testConfig(m_server->url());
        int calls = 0;
        config.handshakeHeaders = [&calls] {
            ++calls;
            return QList<QPair<QByteArray, QByteArray>> { { "X-Test-Nonce", QByteArray::number(calls) } };
        };
        VenueConnection connection(config);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        m_server->dropClients();
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QCOMPARE(m_server->connection(0).handshakeNonce, QByteArray("1"));
        QCOMPARE(m_server->connection(1).handshakeNonce, QByteArray("2"));
    }

    void heartbeatIsSentWhileOpen()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.heartbeatInterval = 100ms;
        VenueConnection connection(config);
        QSignalSpy frames(&connection, &VenueConnection::textFrameReceived);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QTRY_VERIFY_WITH_TIMEOUT(m_server->pingCount() >= 4, 800);
        // The venue's pongs arrive as ordinary frames for the service to see.
        QTRY_VERIFY(!frames.isEmpty());
        QCOMPARE(frames.at(0).at(0).toByteArray(), FakeVenueServer::pongFrame());

        connection.close({ Reason::Stopped });
        const qsizetype pingsAtClose = m_server->pingCount();
        QTest::qWait(300); // several heartbeat intervals: none may follow a close
        QCOMPARE(m_server->pingCount(), pingsAtClose);
    }

    void silentVenueGoesStaleThenReconnects()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.staleAfter = 200ms;
        config.silenceTimeout = 500ms;
        VenueConnection connection(config);
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        QList<FeedReason> backingOffReasons;
        connect(&connection, &VenueConnection::stateChanged, this, [&](State state) {
            if (state == State::BackingOff)
                backingOffReasons.append(connection.stateReason());
        });
        m_server->setSilent(true);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);

        QTRY_VERIFY_WITH_TIMEOUT(statesIn(states).contains(State::Stale), 1000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 2, 2000);
        QVERIFY(!backingOffReasons.isEmpty());
        const FeedReason silent = backingOffReasons.constFirst();
        QCOMPARE(silent.code, Reason::Silent);
        QVERIFY2(silent.durationMs >= 500, qPrintable(QString::number(silent.durationMs)));
        QVERIFY(silent.retryInMs >= 0); // the wait before the next attempt travels with it
        QVERIFY(englishText(silent).startsWith(QStringLiteral("silent for")));
    }

    void frameAfterStaleMakesFeedLiveAgain()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.staleAfter = 150ms;
        config.silenceTimeout = 10s;
        VenueConnection connection(config);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Stale, 1000);
        QCOMPARE(connection.stateReason().code, Reason::NoData);
        QVERIFY(connection.stateReason().durationMs >= 150);

        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        m_server->sendToAll(QByteArrayLiteral(R"({"channel":"trades","data":[]})"));
        QTRY_COMPARE(connection.state(), State::Live);
        // A steady trickle faster than staleAfter keeps it Live: every frame resets the watchdog.
        QTimer trickle;
        connect(&trickle, &QTimer::timeout, this,
                [this] { m_server->sendToAll(QByteArrayLiteral(R"({"channel":"trades","data":[]})")); });
        trickle.start(40);
        QTest::qWait(500);
        QCOMPARE(statesIn(states), QList<State> { State::Live });
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void pongsKeepAQuietFeedAlive()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.heartbeatInterval = 60ms;
        config.staleAfter = 250ms;
        config.silenceTimeout = 400ms;
        VenueConnection connection(config);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        QTest::qWait(700); // well past the silence timeout, with only pongs arriving
        QVERIFY(states.isEmpty());
        QCOMPARE(m_server->connectionCount(), 1);
        QVERIFY(connection.stats().messages >= 5);
    }

    void webSocketPingsKeepAQuietFeedAliveWithoutMessages()
    {
        // Kalshi/Alpaca style: no application heartbeat; control-frame Pongs alone must satisfy the watchdog.
        ConnectionConfig config = testConfig(m_server->url());
        config.heartbeatFrame.clear();
        config.webSocketPing = true;
        config.heartbeatInterval = 60ms;
        config.staleAfter = 250ms;
        config.silenceTimeout = 400ms;
        VenueConnection connection(config);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        QTest::qWait(700);
        QVERIFY2(states.isEmpty(), "pongs must keep the feed live");
        QCOMPARE(m_server->connectionCount(), 1);
        QCOMPARE(connection.stats().messages, quint64(0)); // pongs are not messages
        QVERIFY(m_server->connection(0).received.isEmpty()); // and no text heartbeat was sent
    }

    // The other half: a server that took the upgrade and then hangs answers no Ping. The feed goes Stale, then the
    // connection is dropped as silent and a new one is made (the fault matrix's "silent server" for the venues that
    // keep alive with WebSocket Pings).
    void unansweredWebSocketPingsGoStaleThenReconnect()
    {
        MuteWebSocketServer mute;
        QVERIFY(mute.listen());
        ConnectionConfig config = testConfig(mute.url(QStringLiteral("/ws")));
        config.heartbeatFrame.clear();
        config.webSocketPing = true;
        config.heartbeatInterval = 60ms;
        config.staleAfter = 250ms;
        config.silenceTimeout = 500ms;
        VenueConnection connection(config);
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        QList<FeedReason> backingOffReasons;
        connect(&connection, &VenueConnection::stateChanged, this, [&](State state) {
            if (state == State::BackingOff)
                backingOffReasons.append(connection.stateReason());
        });
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QTRY_VERIFY_WITH_TIMEOUT(statesIn(states).contains(State::Stale), 1000);
        QTRY_VERIFY_WITH_TIMEOUT(!backingOffReasons.isEmpty(), 1500);
        QCOMPARE(backingOffReasons.constFirst().code, Reason::Silent);
        QVERIFY2(backingOffReasons.constFirst().durationMs >= 500,
                 qPrintable(englishText(backingOffReasons.constFirst())));
        QTRY_COMPARE_WITH_TIMEOUT(mute.upgrades(), 2, 2000);
        QVERIFY(mute.bytesAfterUpgrade() > 0); // the Pings went out and were never answered
        connection.close();
    }

    // A frame above the venue's limit is an error in words, counted, and the connection starts over; it is never
    // buffered whole (a 100 MB frame must not be an out-of-memory).
    void oversizedFrameIsAnErrorAndReconnects()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.maxIncomingMessageBytes = 64 * 1024;
        VenueConnection connection(config);
        QSignalSpy frames(&connection, &VenueConnection::textFrameReceived);
        QList<FeedReason> reasons;
        connect(&connection, &VenueConnection::stateChanged, this, [&] { reasons.append(connection.stateReason()); });
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        m_server->sendToAll(QByteArray(1000, 'x')); // under the limit: delivered
        QTRY_COMPARE(frames.count(), 1);
        m_server->sendToAll(QByteArray(200 * 1024, 'y')); // over it
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(reasons.cbegin(), reasons.cend(),
                                             [](const FeedReason &reason) {
                                                 return englishText(reason).contains(
                                                     u"a frame larger than 65536 bytes"_s);
                                             }),
                                 5000);
        QCOMPARE(frames.count(), 1);
        QCOMPARE(connection.stats().oversizedFrames, quint64(1));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 2, 5000);
        QTRY_COMPARE(connection.state(), State::Live);
        for (const FeedReason &reason : std::as_const(reasons))
            QVERIFY2(!englishText(reason).contains(u"closed by venue"_s), qPrintable(englishText(reason)));
        connection.close();
    }

    void unansweredHandshakeTimesOut()
    {
        QTcpServer blackHole; // accepts TCP but never answers the WebSocket upgrade
        QVERIFY(blackHole.listen(QHostAddress::LocalHost));
        ConnectionConfig config = testConfig(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(blackHole.serverPort())));
        config.connectTimeout = 300ms; // the silence timeout is not what bounds a handshake
        VenueConnection connection(config);
        connection.open();
        QCOMPARE(connection.state(), State::Connecting);
        QCOMPARE(connection.stateReason(), FeedReason(Reason::Connecting, { config.url.toString() }, 1));
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::BackingOff, 2000);
        QCOMPARE(connection.stateReason().code, Reason::ConnectTimedOut);
        QVERIFY2(connection.stateReason().durationMs >= 300, qPrintable(englishText(connection.stateReason())));
        connection.close();
    }

    void backoffDelayStaysWithinFullJitterBounds()
    {
        const auto base = 500ms;
        const auto cap = 30000ms;
        qint64 previousCeiling = 0;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const qint64 ceiling = std::min<qint64>(cap.count(), base.count() << attempt);
            for (double random : { 0.0, 0.5, 0.999999 }) {
                const qint64 delay = VenueConnection::backoffDelay(attempt, base, cap, random).count();
                QVERIFY2(
                    delay >= 0 && delay <= ceiling,
                    qPrintable(QStringLiteral("attempt %1 random %2 delay %3").arg(attempt).arg(random).arg(delay)));
            }
            QCOMPARE(VenueConnection::backoffDelay(attempt, base, cap, 0.0).count(), 0);
            // The top of the jitter range is the ceiling itself: doubling each attempt until the cap.
            const qint64 top = VenueConnection::backoffDelay(attempt, base, cap, 0.999999).count();
            QVERIFY(top >= ceiling - ceiling / 1000 - 1);
            if (attempt > 0)
                QCOMPARE(ceiling, std::min<qint64>(cap.count(), previousCeiling * 2));
            previousCeiling = ceiling;
        }
        QCOMPARE(VenueConnection::backoffDelay(6, base, cap, 0.999999).count(), 29999); // 32 s capped to 30 s
        QCOMPARE(VenueConnection::backoffDelay(5000, base, cap, 0.5).count(), 15000); // no overflow
        QCOMPARE(VenueConnection::backoffDelay(1, base, cap, 0.5).count(), 500); // half of 1 s
    }

    void refusedVenueBacksOffWithGrowingCeilingThenRecovers()
    {
        ConnectionConfig config = testConfig(m_server->url());
        config.backoffResetAfter = 300ms;
        VenueConnection connection(config);
        QList<qint64> delays; // promised wait for each BackingOff, measured when it is announced
        connect(&connection, &VenueConnection::stateChanged, this, [&](State state) {
            if (state == State::BackingOff) {
                QVERIFY(connection.nextAttemptAt().isValid());
                delays.append(QDateTime::currentDateTimeUtc().msecsTo(connection.nextAttemptAt()));
            }
        });
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);

        m_server->stop();
        QTRY_VERIFY_WITH_TIMEOUT(delays.size() >= 6, 3000);
        QVERIFY(connection.retryAttempt() >= 5);
        for (qsizetype i = 0; i < delays.size(); ++i) {
            const qint64 ceiling = std::min<qint64>(160, 20LL << i);
            QVERIFY2(
                delays.at(i) >= -5 && delays.at(i) <= ceiling,
                qPrintable(QStringLiteral("retry %1 waits %2 ms, ceiling %3").arg(i).arg(delays.at(i)).arg(ceiling)));
        }

        QVERIFY(m_server->restart());
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), State::Live, 2000);
        QVERIFY(!connection.nextAttemptAt().isValid());
        QCOMPARE(connection.stats().reconnects, 1u);
        // Once the connection has held for backoffResetAfter, the next outage starts from the base again.
        QVERIFY(connection.retryAttempt() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(connection.retryAttempt(), 0, 1000);
    }

    void closeGoesDownAndStopsRetrying()
    {
        VenueConnection connection(testConfig(m_server->url()));
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        m_server->stop();
        QTRY_COMPARE(connection.state(), State::BackingOff);

        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        connection.close({ Reason::Stopped });
        QCOMPARE(connection.state(), State::Down);
        QCOMPARE(connection.stateReason(), FeedReason(Reason::Stopped));
        QVERIFY(m_server->restart());
        QTest::qWait(400); // more than the backoff cap: any retry would have connected by now
        QCOMPARE(m_server->connectionCount(), 1);
        QCOMPARE(statesIn(states), QList<State> { State::Down });
        QVERIFY(!connection.sendText(QByteArrayLiteral("{}")));
    }

    void closeWhileLiveClosesTheSocket()
    {
        VenueConnection connection(testConfig(m_server->url()));
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        QVERIFY(m_server->connection(0).socket);
        connection.close();
        QTRY_VERIFY(!m_server->connection(0).socket); // the venue saw the close
        QCOMPARE(connection.state(), State::Down);
        QTest::qWait(300);
        QCOMPARE(m_server->connectionCount(), 1);
    }

    void reconnectRequestGoesThroughBackoff()
    {
        VenueConnection connection(testConfig(m_server->url()));
        QSignalSpy states(&connection, &VenueConnection::stateChanged);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        connection.reconnect({ Reason::VenueError, { QStringLiteral("venue reported a fatal error") } });
        QCOMPARE(connection.state(), State::BackingOff);
        QCOMPARE(connection.stateReason().code, Reason::VenueError);
        QVERIFY(englishText(connection.stateReason())
                    .startsWith(QStringLiteral("venue reported a fatal error, next attempt in ")));
        QTRY_COMPARE(m_server->connectionCount(), 2);
        QTRY_COMPARE(connection.state(), State::Live);
        QCOMPARE(connection.stats().reconnects, 1u);
    }

    void resyncingIsPublishedAsState()
    {
        VenueConnection connection(testConfig(m_server->url()));
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);
        const FeedReason rebuilding(Reason::RebuildingFromSnapshots, { QStringLiteral("BTC") }, 1);
        connection.setResyncing(true, rebuilding);
        QCOMPARE(connection.state(), State::Resyncing);
        QCOMPARE(connection.stateReason(), rebuilding);
        connection.setResyncing(false);
        QCOMPARE(connection.state(), State::Live);
        QVERIFY(connection.stateReason().isNone());
    }

    void statsCountMessagesRateAndAge()
    {
        VenueConnection connection(testConfig(m_server->url()));
        QCOMPARE(connection.stats().lastMessageAgeMs, -1);
        connection.open();
        QTRY_COMPARE(connection.state(), State::Live);

        const QByteArray frame = QByteArrayLiteral(R"({"channel":"bbo","data":{"coin":"BTC"}})");
        QTimer stream;
        int sent = 0;
        connect(&stream, &QTimer::timeout, this, [&] {
            m_server->sendToAll(frame);
            ++sent;
        });
        stream.start(50);
        QTRY_VERIFY_WITH_TIMEOUT(connection.stats().messagesPerSecond > 5.0, 2500);
        stream.stop();
        QTRY_COMPARE(connection.stats().messages, quint64(sent));
        QCOMPARE(connection.stats().bytes, quint64(sent) * quint64(frame.size()));

        const qint64 age = connection.stats().lastMessageAgeMs;
        QVERIFY(age >= 0);
        QTRY_VERIFY(connection.stats().lastMessageAgeMs >= age + 100);

        connection.noteDecodeError();
        connection.noteDecodeError();
        QCOMPARE(connection.stats().decodeErrors, 2u);
    }

    void runsInAWorkerThread()
    {
        QThread worker;
        auto *connection = new VenueConnection(testConfig(m_server->url()));
        connection->moveToThread(&worker);
        connect(&worker, &QThread::finished, connection, &QObject::deleteLater);

        QThread *emittingThread = nullptr;
        connect(
            connection, &VenueConnection::textFrameReceived, connection,
            [&emittingThread] { emittingThread = QThread::currentThread(); }, Qt::DirectConnection);
        QList<QByteArray> received; // filled through a queued connection, in this (the GUI) thread
        connect(connection, &VenueConnection::textFrameReceived, this,
                [&received](const QByteArray &frame) { received.append(frame); });
        int openedCount = 0; // counted in this thread: a QSignalSpy would be written from the worker
        connect(connection, &VenueConnection::opened, this, [&openedCount] { ++openedCount; });

        worker.start();
        QMetaObject::invokeMethod(connection, [connection] {
            connection->addSubscription(QStringLiteral("trades:BTC"), kSubscribeTrades);
            connection->open();
        });
        QTRY_COMPARE(openedCount, 1);
        QTRY_COMPARE(m_server->requests(0), QList<QByteArray> { kSubscribeTrades });

        const QByteArray frame = QByteArrayLiteral(R"({"channel":"trades","data":[]})");
        m_server->sendToAll(frame);
        QTRY_COMPARE(received, QList<QByteArray> { frame });
        QCOMPARE(emittingThread, &worker);

        QMetaObject::invokeMethod(
            connection, [connection] { connection->close({ Reason::Stopped }); }, Qt::BlockingQueuedConnection);
        worker.quit();
        QVERIFY(worker.wait(5000));
    }

private:
    std::unique_ptr<FakeVenueServer> m_server;
};

QTEST_GUILESS_MAIN(TestVenueConnection)
#include "tst_venueconnection.moc"
