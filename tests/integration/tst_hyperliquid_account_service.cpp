// HyperliquidAccountService against the emulator's demo trader: bootstrap then stream, an order's lifecycle, a
// dropped connection (no fill twice, the state equal to the venue's afterwards, an order that ended meanwhile
// gets its final status), and two accounts side by side.

#include "core/AccountJson.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "support/TimerAffinity.h"
#include "venues/hyperliquid/HyperliquidAccountService.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::hyperliquid;

namespace {

const QString kSecond = u"0xdec0de0000000000000000000000000000000002"_s;

// Everything one service published, and the state a reader builds from it with the README's rules.
struct Recorder
{
    explicit Recorder(HyperliquidAccountService *service)
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

HyperliquidAccountService::Options fastOptions()
{
    HyperliquidAccountService::Options options;
    options.pollIntervalMs = 1000;
    options.bootstrapRetryMs = 300;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    return options;
}

emulator::HyperliquidEmulatorOptions quietTraders(QStringList traders
                                                  = { emulator::HyperliquidEmulator::demoTraderAddress() })
{
    emulator::HyperliquidEmulatorOptions options;
    options.traders = std::move(traders);
    options.traderAutomatic = false; // only what the test does happens
    return options;
}

// The venue's own view vs. the state built from the events: open order ids, every fill's tid, position sizes.
void compareWithVenue(const Recorder &rec, const QJsonObject &venue)
{
    QStringList venueOrders;
    for (const QJsonValue &order : venue.value("openOrders"_L1).toArray())
        venueOrders.append(QString::number(order.toObject().value("oid"_L1).toInteger()));
    QStringList ourOrders = rec.state.openOrders().keys();
    venueOrders.sort();
    ourOrders.sort();
    QCOMPARE(ourOrders, venueOrders);

    QStringList venueFills;
    for (const QJsonValue &fill : venue.value("fills"_L1).toArray())
        venueFills.append(QString::number(fill.toObject().value("tid"_L1).toInteger()));
    QStringList ourFills;
    for (const AccountFill &fill : rec.state.fills())
        ourFills.append(fill.id);
    venueFills.sort();
    ourFills.sort();
    QCOMPARE(ourFills, venueFills);

    QMap<QString, QString> venuePositions;
    const QJsonObject clearinghouse = venue.value("clearinghouseState"_L1).toObject();
    for (const QJsonValue &item : clearinghouse.value("assetPositions"_L1).toArray()) {
        const QJsonObject position = item.toObject().value("position"_L1).toObject();
        const Decimal size = *Decimal::parse(position.value("szi"_L1).toString());
        if (!size.isZero())
            venuePositions.insert(position.value("coin"_L1).toString(), size.toString());
    }
    QMap<QString, QString> ourPositions;
    for (const AccountPosition &position : rec.state.positions())
        ourPositions.insert(position.symbol, position.size.toString());
    QCOMPARE(ourPositions, venuePositions);

    QMap<QString, QString> venueBalances;
    for (const QJsonValue &item : venue.value("spotClearinghouseState"_L1).toObject().value("balances"_L1).toArray())
        venueBalances.insert(item.toObject().value("coin"_L1).toString(), item.toObject().value("total"_L1).toString());
    QMap<QString, QString> ourBalances;
    for (const AccountBalance &balance : rec.state.balances())
        ourBalances.insert(balance.asset, balance.total ? balance.total->toString() : QString());
    QCOMPARE(ourBalances, venueBalances);
}

bool noDuplicates(const QStringList &ids)
{
    return QSet<QString>(ids.cbegin(), ids.cend()).size() == ids.size();
}

} // namespace

class TestHyperliquidAccountService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // In the app the service runs in a feed thread: its retry and refresh timers must move there with it.
    void timersMoveWithTheService()
    {
        HyperliquidAccountService service(*Endpoints::custom(QUrl(u"http://127.0.0.1:9"_s)),
                                          emulator::HyperliquidEmulator::demoTraderAddress(), fastOptions());
        const QString problem = test::timersMoveWith(&service, 4);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void bootstrapThenStream()
    {
        emulator::HyperliquidEmulator emu(quietTraders());
        QVERIFY(emu.listen());
        const QString user = emulator::HyperliquidEmulator::demoTraderAddress();
        const qint64 resting = emu.placeOrder(user, u"BTC"_s, true, u"30000"_s, u"0.01"_s);
        QVERIFY(resting > 0);

        HyperliquidAccountService service(*Endpoints::custom(emu.restBaseUrl()), user, fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);

        // The bootstrap came first, marked as such, and the synced state equals the venue's.
        qsizetype syncedAt = 0;
        while (syncedAt < rec.lines.size() && !rec.lines.at(syncedAt).contains(u"\"type\":\"synced\""_s))
            ++syncedAt;
        QVERIFY(syncedAt > 0);
        for (qsizetype i = 0; i < syncedAt; ++i)
            QVERIFY2(rec.lines.at(i).endsWith(u"\"snapshot\":true}"_s), qPrintable(rec.lines.at(i)));
        QVERIFY(rec.state.openOrders().contains(QString::number(resting)));
        QVERIFY(rec.state.summary().has_value());
        QVERIFY(!rec.state.positions().isEmpty()); // the seeded BTC/ETH positions
        QVERIFY(!rec.state.ledger().empty()); // the seeded deposit
        compareWithVenue(rec, emu.traderSnapshot(user));

        // Live: a fill on the resting order arrives once (userFills and the user channel both carry it).
        const qsizetype fillsBefore = rec.fillIds.size();
        QVERIFY(emu.fillOrder(user, resting, u"0.004"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rec.fillIds.size(), fillsBefore + 1, 5000);
        QTest::qWait(300);
        QCOMPARE(rec.fillIds.size(), fillsBefore + 1);
        QVERIFY(noDuplicates(rec.fillIds));
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.positions().value(u"BTC"_s).size
                                     == *Decimal::parse(emu.traderSnapshot(user)
                                                            .value("clearinghouseState"_L1)
                                                            .toObject()
                                                            .value("assetPositions"_L1)
                                                            .toArray()
                                                            .at(0)
                                                            .toObject()
                                                            .value("position"_L1)
                                                            .toObject()
                                                            .value("szi"_L1)
                                                            .toString()),
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(service.positionsStreamed(), 5000); // the emulator pushes clearinghouseState
        QVERIFY2(rec.errors.isEmpty(), qPrintable(rec.errors.join(u'\n')));
    }

    void orderLifecycle()
    {
        emulator::HyperliquidEmulator emu(quietTraders());
        QVERIFY(emu.listen());
        const QString user = emulator::HyperliquidEmulator::demoTraderAddress();
        HyperliquidAccountService service(*Endpoints::custom(emu.restBaseUrl()), user, fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);

        const qint64 oid
            = emu.placeOrder(user, u"ETH"_s, false, u"9000"_s, u"1.0"_s, u"0x0000000000000000000000000000abcd"_s);
        const QString id = QString::number(oid);
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(id).value_or(AccountOrder {}).status, u"open"_s, 5000);
        QCOMPARE(rec.lastOrder(id)->clientId, u"0x0000000000000000000000000000abcd"_s);
        QCOMPARE(rec.lastOrder(id)->side, Side::Sell);

        QVERIFY(emu.fillOrder(user, oid, u"0.4"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(id)->status, u"partially_filled"_s, 5000);
        QCOMPARE(*rec.lastOrder(id)->filled, *Decimal::parse("0.4"));
        QVERIFY(rec.state.openOrders().contains(id));

        QVERIFY(emu.fillOrder(user, oid, u"0.6"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(id)->status, u"filled"_s, 5000);
        QCOMPARE(*rec.lastOrder(id)->filled, *Decimal::parse("1.0"));
        QVERIFY(!rec.state.openOrders().contains(id));
        QCOMPARE(rec.state.orderHistory().front().id, id);

        const qint64 other = emu.placeOrder(user, u"ETH"_s, true, u"100"_s, u"0.5"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.openOrders().contains(QString::number(other)), 5000);
        QVERIFY(emu.cancelOrder(user, other));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(QString::number(other))->status, u"canceled"_s, 5000);
        QVERIFY(rec.state.openOrders().isEmpty());

        // The venue cancels (nonUserCancel): one final word, with the order's known fields.
        const qint64 third = emu.placeOrder(user, u"BTC"_s, true, u"20000"_s, u"0.01"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.openOrders().contains(QString::number(third)), 5000);
        QVERIFY(emu.venueCancelOrder(user, third));
        QTRY_COMPARE_WITH_TIMEOUT(rec.lastOrder(QString::number(third))->status, u"canceled"_s, 5000);
        QCOMPARE(rec.lastOrder(QString::number(third))->symbol, u"BTC"_s);
        QVERIFY(rec.lastOrder(QString::number(third))->price.has_value());
        compareWithVenue(rec, emu.traderSnapshot(user));
    }

    void dropMidStreamLosesNothingAndRepeatsNothing()
    {
        emulator::HyperliquidEmulator emu(quietTraders());
        QVERIFY(emu.listen());
        const QString user = emulator::HyperliquidEmulator::demoTraderAddress();
        const qint64 doomed = emu.placeOrder(user, u"BTC"_s, true, u"31000"_s, u"0.02"_s);
        const qint64 survivor = emu.placeOrder(user, u"ETH"_s, true, u"1000"_s, u"0.5"_s);
        HyperliquidAccountService service(*Endpoints::custom(emu.restBaseUrl()), user, fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);
        QVERIFY(emu.fillOrder(user, survivor, u"0.1"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rec.state.fills().front().orderId == QString::number(survivor), 5000);

        // While the socket is down: refuse reconnects, then trade, cancel and fill where the client cannot see.
        emu.setRejectConnections(true);
        emu.dropAllConnections();
        QTest::qWait(400);
        QVERIFY(emu.cancelOrder(user, doomed));
        QVERIFY(emu.fillOrder(user, survivor, u"0.2"_s));
        const qint64 missed = emu.placeOrder(user, u"ETH"_s, false, u"9500"_s, u"0.3"_s);
        emu.setRejectConnections(false);

        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 2, 10000);
        QTest::qWait(500); // let the second userFills snapshot (which repeats history) arrive
        QVERIFY2(noDuplicates(rec.fillIds), qPrintable(rec.fillIds.join(u',')));
        QCOMPARE(rec.lastOrder(QString::number(doomed))->status, u"canceled"_s); // asked with orderStatus
        QVERIFY(rec.state.openOrders().contains(QString::number(missed)));
        compareWithVenue(rec, emu.traderSnapshot(user));
    }

    void twoAccountsSideBySide()
    {
        const QString first = emulator::HyperliquidEmulator::demoTraderAddress();
        emulator::HyperliquidEmulator emu(quietTraders({ first, kSecond }));
        QVERIFY(emu.listen());
        HyperliquidAccountService a(*Endpoints::custom(emu.restBaseUrl()), first, fastOptions());
        HyperliquidAccountService b(*Endpoints::custom(emu.restBaseUrl()), kSecond, fastOptions());
        Recorder recA(&a);
        Recorder recB(&b);
        a.start();
        b.start();
        QTRY_COMPARE_WITH_TIMEOUT(recA.synced, 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(recB.synced, 1, 8000);

        const qint64 onlyB = emu.placeOrder(kSecond, u"BTC"_s, false, u"99000"_s, u"0.01"_s);
        QTRY_VERIFY_WITH_TIMEOUT(recB.state.openOrders().contains(QString::number(onlyB)), 5000);
        QTest::qWait(300);
        QVERIFY(!recA.state.openOrders().contains(QString::number(onlyB)));
        for (const AccountEvent &event : recA.events)
            QCOMPARE(accountOf(event), first);
        for (const AccountEvent &event : recB.events)
            QCOMPARE(accountOf(event), kSecond);
        compareWithVenue(recA, emu.traderSnapshot(first));
        compareWithVenue(recB, emu.traderSnapshot(kSecond));
    }

    void unknownAddressIsAnEmptyAccount()
    {
        emulator::HyperliquidEmulator emu(quietTraders());
        QVERIFY(emu.listen());
        HyperliquidAccountService service(*Endpoints::custom(emu.restBaseUrl()),
                                          u"0x1111111111111111111111111111111111111111"_s, fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.synced, 1, 8000);
        QVERIFY(rec.state.openOrders().isEmpty());
        QVERIFY(rec.state.positions().isEmpty());
        QVERIFY(rec.state.fills().empty());
    }
};

QTEST_GUILESS_MAIN(TestHyperliquidAccountService)
#include "tst_hyperliquid_account_service.moc"
