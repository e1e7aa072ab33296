// AlpacaAccountService against the emulator's paper trader: bootstrap then stream, a dropped connection (no fill
// twice, the state equal to the venue's afterwards, an order that ended meanwhile gets its final status), keys
// refused (a clear error, no reconnect storm).
#include "core/AccountJson.h"
#include "emulator/alpaca/AlpacaEmulator.h"
#include "support/TimerAffinity.h"
#include "venues/alpaca/AlpacaAccountService.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <set>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::alpaca;
using emulator::alpaca::AlpacaEmulator;

namespace {

// Everything the service published, and the state a reader builds from it with the README's rules.
struct Recorder
{
    explicit Recorder(AlpacaAccountService *service)
    {
        QObject::connect(service, &VenueFeed::accountEventsReady, service, [this](const AccountEventBatch &batch) {
            for (const AccountEvent &event : batch) {
                lines.append(QString::fromUtf8(toNormalizedJson(event)));
                if (std::holds_alternative<AccountSynced>(event))
                    ++synced;
                if (const auto *fill = std::get_if<AccountFill>(&event))
                    fillKeys.append(fill->identity());
                state.apply(event);
            }
        });
        QObject::connect(service, &VenueFeed::eventsReady, service, [this](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *error = std::get_if<FeedError>(&event))
                    errors.append(error->code + u": "_s + error->message);
            }
        });
        QObject::connect(service, &VenueFeed::feedStatusChanged, service,
                         [this](const FeedStatus &status) { lastState = status.state; });
    }
    QStringList lines;
    QStringList fillKeys;
    QStringList errors;
    AccountState state;
    int synced = 0;
    ConnectionState lastState = ConnectionState::Connecting;
};

AlpacaEmulator::Options quietTrader()
{
    AlpacaEmulator::Options options;
    options.trader.automatic = false; // only what the test does happens
    return options;
}

AlpacaAccountService::Options fastOptions(const AlpacaEmulator &emulator)
{
    AlpacaAccountService::Options options;
    options.tradingBase = emulator.tradingBaseUrl();
    options.pollIntervalMs = 1000;
    options.refreshAfterFillMs = 50;
    options.bootstrapRetryMs = 300;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    return options;
}

Credentials keys(const AlpacaEmulator &emulator)
{
    return { emulator.options().keyId, emulator.options().secret };
}

// The reader's state equals the trader's: open orders, positions, every execution once.
void compareWithVenue(const Recorder &recorder, const AlpacaEmulator &emulator)
{
    const auto venue = const_cast<AlpacaEmulator &>(emulator).trader().snapshot();
    QStringList open = recorder.state.openOrders().keys();
    QStringList venueOpen = venue.openOrderIds;
    open.sort();
    venueOpen.sort();
    QCOMPARE(open, venueOpen);
    for (const QString &id : venue.openOrderIds)
        QCOMPARE(recorder.state.openOrders().value(id).filled->toString(), venue.filledQty.value(id));
    QCOMPARE(recorder.state.positions().size(), venue.positionQty.size());
    for (auto it = venue.positionQty.cbegin(); it != venue.positionQty.cend(); ++it)
        QCOMPARE(recorder.state.positions().value(it.key()).size.toString(), it.value());
    QCOMPARE(int(recorder.state.fills().size()), int(venue.executionIds.size()));
    const std::set<QString> unique(recorder.fillKeys.begin(), recorder.fillKeys.end());
    QCOMPARE(int(unique.size()), int(recorder.fillKeys.size())); // no fill printed twice
    QVERIFY(recorder.state.summary());
    QCOMPARE(recorder.state.summary()->cash->toString(), venue.cash);
}

} // namespace

class TestAlpacaAccountService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A long demo session stays bounded: the paper trader keeps its open orders, the newest KeptEndedOrders ended
    // ones and the newest KeptExecutions executions (failed before: every order and execution was kept).
    void demoTraderKeepsABoundedHistory()
    {
        using emulator::alpaca::AlpacaTrader;
        AlpacaEmulator emulator(quietTrader());
        AlpacaTrader &trader = emulator.trader();
        const QString open = trader.placeOrder(u"AAPL"_s, true, 100000, 19000);
        constexpr std::size_t extra = 10;
        QString firstEnded, lastEnded;
        for (std::size_t i = 0; i < AlpacaTrader::KeptEndedOrders + extra; ++i) {
            const QString id = trader.placeOrder(u"MSFT"_s, false, 1, 41000);
            QVERIFY(trader.cancelOrder(id));
            if (i == 0)
                firstEnded = id;
            lastEnded = id;
        }
        for (std::size_t i = 0; i < AlpacaTrader::KeptExecutions + extra; ++i)
            QVERIFY(trader.fillOrder(open, 1));
        QCOMPARE(trader.orderCount(), AlpacaTrader::KeptEndedOrders + 1);
        QCOMPARE(trader.executionCount(), AlpacaTrader::KeptExecutions);
        const auto snapshot = trader.snapshot();
        QCOMPARE(snapshot.orderStatus.value(open), u"partially_filled"_s);
        QVERIFY(!snapshot.orderStatus.contains(firstEnded));
        QCOMPARE(snapshot.orderStatus.value(lastEnded), u"canceled"_s);
    }

    // In the app the service runs in a feed thread: its retry and refresh timers must move there with it.
    void timersMoveWithTheService()
    {
        AlpacaEmulator emulator;
        AlpacaAccountService service(keys(emulator), fastOptions(emulator));
        const QString problem = test::timersMoveWith(&service, 4);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void bootstrapThenStream()
    {
        AlpacaEmulator emulator(quietTrader());
        QVERIFY(emulator.listen());
        auto &trader = emulator.trader();
        const QString early = trader.placeOrder(u"AAPL"_s, true, 10, 19000, u"mine-1"_s);
        QVERIFY(trader.fillOrder(early, 4));
        const QString done = trader.placeOrder(u"MSFT"_s, false, 5, 41000);
        QVERIFY(trader.fillOrder(done, 5));

        AlpacaAccountService service(keys(emulator), fastOptions(emulator));
        Recorder recorder(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 1, 10000);
        QCOMPARE(service.account(), trader.accountId());
        // Bootstrap: everything a snapshot, the partly filled order open, two fills, AAPL long and MSFT short.
        const qsizetype syncedAt = recorder.lines.size();
        for (qsizetype i = 0; i + 1 < syncedAt; ++i)
            QVERIFY2(recorder.lines[i].endsWith(u",\"snapshot\":true}"_s), qPrintable(recorder.lines[i]));
        QVERIFY(recorder.lines.last().contains(u"\"type\":\"synced\""_s));
        const auto order = recorder.state.openOrders().value(early);
        QCOMPARE(order.status, u"partially_filled"_s);
        QCOMPARE(order.clientId, u"mine-1"_s);
        QCOMPARE(order.price->toString(), u"190"_s);
        QCOMPARE(recorder.state.positions().value(u"MSFT"_s).size.toString(), u"-5"_s);
        compareWithVenue(recorder, emulator);

        // Live: a new order, its fills in two parts, a cancel.
        const QString live = trader.placeOrder(u"NVDA"_s, true, 20, 12000);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.state.openOrders().contains(live), 5000);
        QCOMPARE(recorder.state.openOrders().value(live).venueStatus, u"new"_s);
        QVERIFY(trader.fillOrder(live, 8, 11990));
        QVERIFY(trader.fillOrder(live, 12));
        QVERIFY(trader.cancelOrder(early));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.state.order(early) && recorder.state.order(early)->status == u"canceled"_s,
                                 5000);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.state.positions().value(u"NVDA"_s).size.toString(), u"20"_s, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.state.summary()->cash->toString(), trader.snapshot().cash, 5000);
        QCOMPARE(recorder.state.order(live)->status, u"filled"_s);
        QVERIFY(recorder.lines.join(u'\n').contains(u"\"price\":\"119.9\",\"size\":\"8\""_s));
        compareWithVenue(recorder, emulator);
        QVERIFY2(recorder.errors.isEmpty(), qPrintable(recorder.errors.join(u"; "_s)));
    }

    void droppedConnectionPrintsNoFillTwice()
    {
        AlpacaEmulator emulator(quietTrader());
        QVERIFY(emulator.listen());
        auto &trader = emulator.trader();
        const QString first = trader.placeOrder(u"AAPL"_s, true, 10, 19000);
        QVERIFY(trader.fillOrder(first, 3));
        const QString second = trader.placeOrder(u"MSFT"_s, true, 10, 41000);

        AlpacaAccountService service(keys(emulator), fastOptions(emulator));
        Recorder recorder(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 1, 10000);
        QVERIFY(trader.fillOrder(first, 2)); // live
        QTRY_COMPARE_WITH_TIMEOUT(int(recorder.state.fills().size()), 2, 5000);

        // While the connection is down: a fill and an order that ends; the stream tells nobody.
        emulator.setSilent(true);
        emulator.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(!service.state().isSynced(), 5000);
        QVERIFY(trader.fillOrder(first, 5));
        QVERIFY(trader.cancelOrder(second));
        emulator.setSilent(false);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 2, 10000);
        QCOMPARE(recorder.state.order(first)->status, u"filled"_s);
        QCOMPARE(recorder.state.order(second)->status, u"canceled"_s); // read with /v2/orders/{id}
        compareWithVenue(recorder, emulator);
        QCOMPARE(int(recorder.fillKeys.size()), 3); // the bootstrap listed the two seen before: not printed again
        QCOMPARE(service.streamSignIns(), 2);
    }

    void refusedKeysStopWithoutAStorm()
    {
        AlpacaEmulator emulator(quietTrader());
        QVERIFY(emulator.listen());
        AlpacaAccountService service({ u"someone-else"_s, u"not-the-secret-0123"_s }, fastOptions(emulator));
        Recorder recorder(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.lastState, ConnectionState::Down, 10000);
        const qsizetype framesWhenDown = emulator.receivedFrames().size();
        QTest::qWait(1500);
        QCOMPARE(recorder.lastState, ConnectionState::Down);
        QCOMPARE(emulator.receivedFrames().size(), framesWhenDown); // stopped: no further attempt
        // Each documented form, then stop: the second form is sent on the refused socket and, as the emulator closes
        // it, once more on one new connection.
        QVERIFY2(service.streamSignIns() <= 3, qPrintable(QString::number(service.streamSignIns())));
        QVERIFY(recorder.errors.join(u'\n').contains(u"auth_failed: Alpaca refused the API keys"_s));
        QCOMPARE(recorder.synced, 0);
        for (const QByteArray &frame : emulator.receivedFrames())
            QVERIFY(!frame.contains("listen")); // nothing asked for before the sign-in
        QVERIFY(!recorder.errors.join(u'\n').contains(u"not-the-secret-0123"_s));
    }

    // A frame that is not JSON is counted and reported; nothing else is lost.
    void malformedFrameIsReported()
    {
        AlpacaEmulator emulator(quietTrader());
        QVERIFY(emulator.listen());
        AlpacaAccountService service(keys(emulator), fastOptions(emulator));
        Recorder recorder(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(recorder.synced, 1, 10000);
        emulator.sendRawToAll("{not json");
        QTRY_VERIFY_WITH_TIMEOUT(recorder.errors.join(u'\n').contains(u"malformed"_s), 5000);
        const QString order = emulator.trader().placeOrder(u"AAPL"_s, false, 1, 19500);
        QTRY_VERIFY_WITH_TIMEOUT(recorder.state.openOrders().contains(order), 5000);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaAccountService)
#include "tst_alpaca_account_service.moc"
