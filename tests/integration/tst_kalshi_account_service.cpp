// KalshiAccountService against the emulator's demo member: signed bootstrap with paging, then the private channels; a
// dropped connection (no fill twice, the state equal to the emulator's afterwards, an order canceled meanwhile gets
// its status); a refused key (a clear error, the feed down, no reconnect storm).
#include "core/AccountJson.h"
#include "emulator/kalshi/KalshiDemoKey.h"
#include "emulator/kalshi/KalshiEmulator.h"
#include "support/TimerAffinity.h"
#include "venues/kalshi/KalshiAccountService.h"

#include <QtCore/QElapsedTimer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::kalshi;
using tapescope::emulator::kalshi::KalshiEmulator;

namespace {

struct Recorder
{
    explicit Recorder(KalshiAccountService *service)
    {
        QObject::connect(service, &VenueFeed::accountEventsReady, service, [this](const AccountEventBatch &batch) {
            for (const AccountEvent &event : batch) {
                lines.append(QString::fromUtf8(toNormalizedJson(event)));
                if (std::holds_alternative<AccountSynced>(event))
                    ++synced;
                if (const auto *fill = std::get_if<AccountFill>(&event))
                    fillIds.append(fill->id);
                state.apply(event);
            }
        });
        QObject::connect(service, &VenueFeed::eventsReady, service, [this](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *error = std::get_if<FeedError>(&event))
                    errors.append(error->code + u": "_s + error->message);
            }
        });
    }
    QStringList lines;
    QStringList fillIds;
    QStringList errors;
    AccountState state;
    int synced = 0;
};

KalshiAccountService::Options fastOptions()
{
    KalshiAccountService::Options options;
    options.pollIntervalMs = 500;
    options.bootstrapRetryMs = 300;
    options.pageLimit = 100; // the emulator serves 2 per page: the cursor must be followed
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    return options;
}

KalshiEmulator::Options quietEmulator()
{
    KalshiEmulator::Options options;
    options.trader.automatic = false; // only what the test does happens
    options.tickIntervalMs = 100000;
    return options;
}

// The state built from the events equals the emulator's member: open orders, fills, positions, balance.
void compareWithEmulator(const AccountState &state, KalshiEmulator &emu)
{
    int resting = 0;
    for (const auto &[id, order] : emu.trader().orders()) {
        if (order.status == u"resting"_s) {
            ++resting;
            QVERIFY2(state.openOrders().contains(id), qPrintable(id));
            QCOMPARE(state.openOrders().value(id).filled->toString(), u"%1.00"_s.arg(order.filled));
        }
    }
    QCOMPARE(state.openOrders().size(), resting);
    QCOMPARE(static_cast<std::size_t>(state.fills().size()), emu.trader().fills().size());
    int held = 0;
    for (const auto &[ticker, position] : emu.trader().positions()) {
        if (position.contracts == 0)
            continue;
        ++held;
        QVERIFY(state.positions().contains(ticker));
        QCOMPARE(state.positions().value(ticker).size, Decimal::fromInteger(position.contracts));
        QCOMPARE(*state.positions().value(ticker).margin, Decimal::fromRaw(position.costCents, 2));
        QCOMPARE(*state.positions().value(ticker).fees, Decimal::fromRaw(position.feesCents, 2));
    }
    QCOMPARE(state.positions().size(), held);
    QCOMPARE(*state.balances().value(u"USD"_s).available, Decimal::fromRaw(emu.trader().balanceCents(), 2));
}

} // namespace

class TestKalshiAccountService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A long demo session stays bounded: the demo member keeps its resting orders, the newest KeptEndedOrders ended
    // ones and the newest KeptFills fills (failed before: every order and fill was kept).
    void demoTraderKeepsABoundedHistory()
    {
        using emulator::kalshi::KalshiDemoTrader;
        KalshiEmulator emu(quietEmulator());
        auto &trader = emu.trader();
        const QString market = emu.simulator().markets().at(0).ticker;
        const QString resting = trader.placeOrder(market, true, 40, 5000);
        constexpr std::size_t extra = 10;
        QString firstEnded, lastEnded;
        for (std::size_t i = 0; i < KalshiDemoTrader::KeptEndedOrders + extra; ++i) {
            const QString id = trader.placeOrder(market, false, 30, 1);
            QVERIFY(trader.cancelOrder(id));
            if (i == 0)
                firstEnded = id;
            lastEnded = id;
        }
        for (std::size_t i = 0; i < KalshiDemoTrader::KeptFills + extra; ++i)
            QVERIFY(trader.fillOrder(resting, 1));
        QCOMPARE(trader.orders().size(), KalshiDemoTrader::KeptEndedOrders + 1);
        QVERIFY(trader.orders().count(resting) == 1);
        QVERIFY(trader.orders().count(firstEnded) == 0);
        QVERIFY(trader.orders().count(lastEnded) == 1);
        QCOMPARE(trader.fills().size(), KalshiDemoTrader::KeptFills);
        QCOMPARE(trader.fills().back().orderId, resting);
    }

    // In the app the service runs in a feed thread: its retry and refresh timers must move there with it.
    void timersMoveWithTheService()
    {
        KalshiAccountService service(*Endpoints::custom(QUrl(u"http://127.0.0.1:9"_s)),
                                     emulator::kalshi::demoCredentials(), u"demo"_s, fastOptions());
        const QString problem = test::timersMoveWith(&service, 4);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void bootstrapStreamAndDrop()
    {
        KalshiEmulator emu(quietEmulator());
        QVERIFY(emu.listen());
        auto &trader = emu.trader();
        const QString market = emu.simulator().markets().at(0).ticker;
        const QString other = emu.simulator().markets().at(1).ticker;
        // History before we connect: 5 orders (3 pages of 2), fills on two markets, one canceled.
        const QString a = trader.placeOrder(market, true, 40, 10, u"c-a"_s);
        const QString b = trader.placeOrder(market, false, 55, 4);
        const QString c = trader.placeOrder(other, true, 30, 6);
        trader.placeOrder(other, false, 20, 3);
        const QString e = trader.placeOrder(market, true, 35, 2);
        QVERIFY(trader.fillOrder(a, 3));
        QVERIFY(trader.fillOrder(b, 4)); // NO against YES: closes 3 pairs, opens 1 NO
        QVERIFY(trader.fillOrder(c, 6));
        QVERIFY(trader.cancelOrder(e));

        KalshiAccountService service(*Endpoints::custom(emu.restBase()), emulator::kalshi::demoCredentials(), u"demo"_s,
                                     fastOptions());
        Recorder recorder(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 1, 10000);
        compareWithEmulator(recorder.state, emu);
        QCOMPARE(recorder.fillIds.size(), 3);
        QVERIFY(recorder.lines.first().contains(u"\"snapshot\":true"_s));
        QVERIFY2(recorder.errors.isEmpty(), qPrintable(recorder.errors.join(u'\n')));

        // Live: a fill on the channel, the order's update, the position, then the balance refresh.
        QTRY_VERIFY_WITH_TIMEOUT(emu.subscriptionCount(u"fill"_s) == 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(emu.subscriptionCount(u"user_orders"_s) == 1, 5000);
        QVERIFY(trader.fillOrder(a, 2));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.fillIds.size(), 4, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.state.openOrders().value(a).filled->toString(), u"5.00"_s, 5000);
        QCOMPARE(recorder.state.openOrders().value(a).status, u"partially_filled"_s);
        QTRY_COMPARE_WITH_TIMEOUT(*recorder.state.balances().value(u"USD"_s).available,
                                  Decimal::fromRaw(trader.balanceCents(), 2), 5000);
        compareWithEmulator(recorder.state, emu);

        // Dropped: what happens meanwhile arrives through the new bootstrap, each fill once.
        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(!service.state().isSynced(), 5000);
        trader.cancelOrder(a); // closed while we were away
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 2, 10000);
        QCOMPARE(recorder.fillIds.size(), 4);
        QCOMPARE(recorder.fillIds.removeDuplicates(), 0);
        QVERIFY(!recorder.state.openOrders().contains(a));
        QCOMPARE(recorder.state.order(a)->status, u"canceled"_s);
        compareWithEmulator(recorder.state, emu);
        QVERIFY(service.bootstraps() >= 2);
        service.stop();
    }

    // The fault matrix's "rate limit" for the account feed (docs/reliability.md): code 27 refuses a subscribe for the
    // rate of commands (§11). Each refused channel is asked for again after a wait that doubles, with a new command
    // id, on the same connection, and then streams (before: the refused channels stayed unsubscribed for good).
    void rateLimitedSubscribeIsAskedAgainLater()
    {
        KalshiEmulator emu(quietEmulator());
        QVERIFY(emu.listen());
        emu.refuseCommands(27, 2); // the subscribes of fill and market_positions; user_orders goes through
        KalshiAccountService::Options options = fastOptions();
        options.rateLimitRetryMs = 150;
        KalshiAccountService service(*Endpoints::custom(emu.restBase()), emulator::kalshi::demoCredentials(), u"demo"_s,
                                     options);
        Recorder recorder(&service);
        QElapsedTimer clock;
        clock.start();
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(emu.subscriptionCount(u"fill"_s) == 1
                                     && emu.subscriptionCount(u"market_positions"_s) == 1
                                     && emu.subscriptionCount(u"user_orders"_s) == 1,
                                 5000);
        const qint64 tookMs = clock.elapsed();
        // Both refusals came at once: the first channel waited 150 ms, the second 300 ms (doubled, not 150).
        QVERIFY2(tookMs >= 300, qPrintable(QString::number(tookMs)));
        QCOMPARE(recorder.errors.filter(u"rate_limited"_s).size(), 2);
        QVERIFY2(recorder.errors.constFirst().contains(u"Kalshi error 27"_s), qPrintable(recorder.errors.join(u'\n')));
        QCOMPARE(emu.handshakes().size(), 1); // no reconnect for it

        // The channels stream: a fill arrives as such, once.
        const QString market = emu.simulator().markets().at(0).ticker;
        const QString order = emu.trader().placeOrder(market, true, 40, 5);
        QVERIFY(emu.trader().fillOrder(order, 2));
        QTRY_COMPARE_WITH_TIMEOUT(recorder.fillIds.size(), 1, 5000);
        QTest::qWait(200);
        QCOMPARE(recorder.fillIds.size(), 1);
        QCOMPARE(recorder.errors.size(), 2);
        service.stop();
    }

    void refusedKeyStaysDown()
    {
        KalshiEmulator emu(quietEmulator());
        QVERIFY(emu.listen());
        Credentials wrong = emulator::kalshi::demoCredentials();
        wrong.keyId = "not-the-demo-key";
        KalshiAccountService service(*Endpoints::custom(emu.restBase()), wrong, u"demo"_s, fastOptions());
        Recorder recorder(&service);
        ConnectionState last = ConnectionState::Disconnected;
        connect(&service, &VenueFeed::feedStatusChanged, &service, [&](const FeedStatus &s) { last = s.state; });
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(last, ConnectionState::Down, 5000);
        QTest::qWait(500);
        QCOMPARE(emu.handshakes().size(), 1); // no reconnect storm
        QCOMPARE(recorder.errors.size(), 1);
        QVERIFY2(recorder.errors.first().startsWith(u"auth_rejected"_s), qPrintable(recorder.errors.first()));
        QVERIFY(recorder.lines.isEmpty());
        QVERIFY(!recorder.errors.first().contains(QString::fromLatin1(wrong.keyId)));
    }

    void unsignedPortfolioCallIsRefused()
    {
        KalshiEmulator emu(quietEmulator());
        QVERIFY(emu.listen());
        // An unsigned GET of the balance: 401, as Kalshi answers.
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, emu.restBase().port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET /trade-api/v2/portfolio/balance HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(socket.bytesAvailable() > 0 || socket.state() != QAbstractSocket::ConnectedState,
                                 3000);
        socket.waitForReadyRead(1000);
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 401"));
    }
};

QTEST_MAIN(TestKalshiAccountService)
#include "tst_kalshi_account_service.moc"
