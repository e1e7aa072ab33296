// O2AccountService against the emulator's demo trade account: bootstrap then stream (orders with implied fills,
// balances, nonce), a dropped connection (no fill twice, the state equal to the venue's afterwards, an order that
// ended meanwhile gets its final status), and an empty account.

#include "core/AccountJson.h"
#include "emulator/o2/O2Emulator.h"
#include "support/TimerAffinity.h"
#include "venues/o2/O2AccountService.h"
#include "venues/o2/O2Service.h"

#include <QtTest/QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::o2;
using emulator::o2::O2Emulator;

namespace {

struct Recorder
{
    explicit Recorder(O2AccountService *service)
    {
        QObject::connect(service, &VenueFeed::accountEventsReady, service, [this](const AccountEventBatch &batch) {
            for (const AccountEvent &event : batch) {
                lines.append(QString::fromUtf8(toNormalizedJson(event)));
                events.push_back(event);
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

    std::optional<AccountOrder> lastOrder(const QString &id) const
    {
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (const auto *order = std::get_if<AccountOrder>(&*it); order && order->id == id)
                return *order;
        }
        return std::nullopt;
    }

    QStringList lines;
    std::vector<AccountEvent> events;
    QStringList fillIds;
    QStringList errors;
    AccountState state;
    int synced = 0;
};

O2AccountService::Options fastOptions()
{
    O2AccountService::Options options;
    options.bootstrapRetryMs = 300;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    return options;
}

O2Emulator::Options quietTrader()
{
    O2Emulator::Options options;
    options.traderAutomatic = false; // only what the test does happens
    options.tradeIntervalMs = 0; // and no simulated flow fills anything behind its back
    return options;
}

Environment environmentOf(const O2Emulator &emu)
{
    return *O2Service::customEnvironment(emu.restBaseUrl());
}

bool noDuplicates(QStringList ids)
{
    const qsizetype count = ids.size();
    ids.removeDuplicates();
    return ids.size() == count;
}

// Chain integer -> the decimal the client prints, for comparisons with the emulator's state.
QString human(std::uint64_t chain, int decimals)
{
    return Decimal::fromScaledInteger(std::to_string(chain), decimals)->toString();
}

// The venue's own view vs. the state built from the events: open orders and their filled quantity, the sum of
// fills per order, every balance (by symbol), the nonce.
void compareWithVenue(const Recorder &rec, const O2Emulator &emu)
{
    const auto venue = emu.traderSnapshot();
    const auto markets = emu.markets();
    QMap<QString, QString> venueOpen;
    QMap<QString, Decimal> venueFilled;
    for (const auto &order : venue.orders) {
        const int baseDecimals = markets[std::size_t(order.market)].base.decimals;
        if (!order.close)
            venueOpen.insert(order.id, human(order.filled, baseDecimals));
        if (order.filled > 0)
            venueFilled.insert(order.id, *Decimal::fromScaledInteger(std::to_string(order.filled), baseDecimals));
    }
    QMap<QString, QString> ourOpen;
    for (const AccountOrder &order : rec.state.openOrders())
        ourOpen.insert(order.id, order.filled ? order.filled->toString() : u"?"_s);
    QCOMPARE(ourOpen, venueOpen);

    QMap<QString, Decimal> ourFilled;
    for (const AccountFill &fill : rec.state.fills())
        ourFilled[fill.orderId] = ourFilled.value(fill.orderId, Decimal::fromInteger(0)) + fill.size;
    QCOMPARE(ourFilled, venueFilled);

    QMap<QString, QString> venueBalances;
    for (const auto &[asset, balance] : venue.balances) {
        for (const auto &market : markets) {
            for (const auto *side : { &market.base, &market.quote }) {
                if (emulator::o2::normalisedId(side->assetId) == asset)
                    venueBalances.insert(side->symbol,
                                         human(balance.unlocked, side->decimals) + u'/'
                                             + human(balance.locked, side->decimals));
            }
        }
    }
    QMap<QString, QString> ourBalances;
    for (const AccountBalance &balance : rec.state.balances())
        ourBalances.insert(balance.asset, balance.available->toString() + u'/' + balance.locked->toString());
    QCOMPARE(ourBalances, venueBalances);
    QVERIFY(rec.state.nonce());
    QCOMPARE(rec.state.nonce()->nonce, QString::number(venue.nonce));
}

const QString kFuel = u"fFUEL/fUSDC"_s;
constexpr std::uint64_t kFuelPrice = 12'000'000; // 0.012 fUSDC
constexpr std::uint64_t kThousandFuel = 1'000'000'000'000; // 1000 fFUEL at 9 decimals

} // namespace

class TestO2AccountService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A long demo session stays bounded: the demo trade account keeps its open orders and the newest
    // KeptClosedOrders closed ones (failed before: every order was kept).
    void demoTraderKeepsABoundedHistory()
    {
        using emulator::o2::DemoTrader;
        O2Emulator emu(quietTrader());
        const QString open = emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel);
        QVERIFY(!open.isEmpty());
        constexpr std::size_t extra = 10;
        QString firstClosed, lastClosed;
        for (std::size_t i = 0; i < DemoTrader::KeptClosedOrders + extra; ++i) {
            const QString id = emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel);
            QVERIFY(emu.cancelOrder(id));
            if (i == 0)
                firstClosed = id;
            lastClosed = id;
        }
        const auto orders = emu.traderSnapshot().orders;
        QCOMPARE(orders.size(), DemoTrader::KeptClosedOrders + 1);
        const auto has = [&](const QString &id) {
            return std::any_of(orders.begin(), orders.end(), [&](const auto &order) { return order.id == id; });
        };
        QVERIFY(has(open));
        QVERIFY(!has(firstClosed));
        QVERIFY(has(lastClosed));
    }

    // In the app the service runs in a feed thread: its retry and refresh timers must move there with it.
    void timersMoveWithTheService()
    {
        O2AccountService service(*O2Service::customEnvironment(QUrl(u"http://127.0.0.1:9"_s)),
                                 O2Emulator::demoTradeAccount(), fastOptions());
        const QString problem = test::timersMoveWith(&service, 3);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void bootstrapThenStream()
    {
        O2Emulator emu(quietTrader());
        QVERIFY(emu.listen());
        const QString resting = emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel);
        const QString partly = emu.placeOrder(kFuel, false, 13'000'000, 2 * kThousandFuel);
        QVERIFY(!resting.isEmpty() && !partly.isEmpty());
        QVERIFY(emu.fillOrder(partly, kThousandFuel / 2));

        O2AccountService service(environmentOf(emu), O2Emulator::demoTradeAccount(), fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);

        // The bootstrap: every event a snapshot, then synced; the partly filled order implies one fill.
        qsizetype syncedAt = 0;
        while (syncedAt < rec.lines.size() && !rec.lines[syncedAt].contains(u"\"type\":\"synced\""_s))
            ++syncedAt;
        QVERIFY(syncedAt > 0);
        for (qsizetype i = 0; i < syncedAt; ++i)
            QVERIFY2(rec.lines[i].endsWith(u"\"snapshot\":true}"_s), qPrintable(rec.lines[i]));
        const QString marketId = emu.marketId(kFuel);
        QCOMPARE(rec.lastOrder(resting)->symbol, marketId);
        QCOMPARE(rec.lastOrder(resting)->status, u"open"_s);
        QCOMPARE(rec.lastOrder(resting)->price->toString(), u"0.012000000"_s);
        QCOMPARE(rec.lastOrder(resting)->size->toString(), u"1000.000000000"_s);
        QCOMPARE(rec.lastOrder(partly)->status, u"partially_filled"_s);
        QCOMPARE(rec.fillIds, QStringList { partly + u":500000000000"_s });
        QCOMPARE(rec.state.balances().value(u"fUSDC"_s).locked->toString(), u"12.000000000"_s);
        compareWithVenue(rec, emu);
        QVERIFY2(rec.errors.isEmpty(), qPrintable(rec.errors.join(u'\n')));

        // Live: a fill, a full fill, a cancel, a new order; each fill printed once, the nonce following.
        const qsizetype before = rec.lines.size();
        QVERIFY(emu.fillOrder(resting, kThousandFuel / 4));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(resting)->status, u"partially_filled"_s, 5000);
        QVERIFY(emu.fillOrder(partly, 2 * kThousandFuel));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(partly)->status, u"filled"_s, 5000);
        QVERIFY(emu.cancelOrder(resting));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(resting)->status, u"canceled"_s, 5000);
        const QString fresh = emu.placeOrder(u"fETH/fUSDC"_s, true, 3'000'000'000'000, 100'000'000);
        QVERIFY(!fresh.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.openOrders().contains(fresh), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.state.nonce()->nonce, QString::number(emu.traderSnapshot().nonce), 5000);
        QTest::qWait(300);
        for (qsizetype i = before; i < rec.lines.size(); ++i)
            QVERIFY2(!rec.lines[i].contains(u"snapshot"_s), qPrintable(rec.lines[i]));
        QCOMPARE(rec.fillIds.size(), 3);
        QVERIFY(noDuplicates(rec.fillIds));
        compareWithVenue(rec, emu);
    }

    void dropMidStreamLosesNothingAndRepeatsNothing()
    {
        O2Emulator emu(quietTrader());
        QVERIFY(emu.listen());
        const QString doomed = emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel);
        const QString survivor = emu.placeOrder(kFuel, false, 13'000'000, 4 * kThousandFuel);
        const QString finished = emu.placeOrder(kFuel, false, 13'500'000, kThousandFuel);
        O2AccountService service(environmentOf(emu), O2Emulator::demoTradeAccount(), fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);
        QVERIFY(emu.fillOrder(survivor, kThousandFuel));
        QTRY_COMPARE_WITH_TIMEOUT(rec.fillIds.size(), 1, 5000);

        // While the socket is down: refuse reconnects, then trade, cancel and fill where the client cannot see.
        emu.setRejectConnections(true);
        emu.dropAllConnections();
        QTest::qWait(400);
        QVERIFY(emu.cancelOrder(doomed));
        QVERIFY(emu.fillOrder(survivor, kThousandFuel));
        QVERIFY(emu.fillOrder(finished, kThousandFuel));
        const QString missed = emu.placeOrder(u"fETH/fUSDC"_s, false, 3'200'000'000'000, 1'000'000'000);
        QVERIFY(!missed.isEmpty());
        emu.setRejectConnections(false);

        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 2, 10000);
        QTest::qWait(300);
        QVERIFY2(noDuplicates(rec.fillIds), qPrintable(rec.fillIds.join(u',')));
        QCOMPARE(rec.lastOrder(doomed)->status, u"canceled"_s); // asked with GET /v1/order
        QCOMPARE(rec.lastOrder(finished)->status, u"filled"_s);
        QVERIFY(rec.state.openOrders().contains(missed));
        QCOMPARE(rec.fillIds.size(), 3); // survivor twice (before and during the drop), finished once
        compareWithVenue(rec, emu);

        // A second drop with nothing new: the re-bootstrap prints nothing but its synced.
        const qsizetype before = rec.lines.size();
        emu.dropAllConnections();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 3, 10000);
        QCOMPARE(rec.lines.size(), before + 1);
        compareWithVenue(rec, emu);
    }

    void emptyAccount()
    {
        O2Emulator emu(quietTrader());
        QVERIFY(emu.listen());
        QVERIFY(!emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel).isEmpty()); // the demo trader's, not ours
        const QString other = u"0x1111111111111111111111111111111111111111111111111111111111111111"_s;
        O2AccountService service(environmentOf(emu), other, fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);
        QVERIFY(rec.state.openOrders().isEmpty());
        QVERIFY(rec.state.fills().empty());
        QCOMPARE(rec.state.nonce()->nonce, u"0"_s);
        for (const AccountBalance &balance : rec.state.balances())
            QVERIFY(balance.total->isZero());
    }

    void malformedFrameIsReportedAndDropsNothingElse()
    {
        O2Emulator emu(quietTrader());
        QVERIFY(emu.listen());
        O2AccountService service(environmentOf(emu), O2Emulator::demoTradeAccount(), fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);
        emu.sendRawToAll(R"({"action":"subscribe_orders","orders":[{"order_id":"x","quantity":"1.5"}]})");
        const QString id = emu.placeOrder(kFuel, true, kFuelPrice, kThousandFuel);
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.openOrders().contains(id), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.errors.filter(u"malformed: subscribe_orders"_s).isEmpty(), 5000);
    }
};

QTEST_GUILESS_MAIN(TestO2AccountService)
#include "tst_o2_account_service.moc"
