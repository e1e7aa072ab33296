// O2's account streams and REST bodies, field by field, over every account fixture line (tests/data/o2/
// ws-server.jsonl lines 10, 11, 13, 14; rest.jsonl lines 3-7 and 10; docs/protocols/o2.md §4.3, §4.5, §4.6, §8).

#include "O2TestSupport.h"

#include "core/AccountJson.h"
#include "core/AccountState.h"
#include "venues/o2/O2Account.h"

#include <QtCore/QJsonDocument>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::o2;

namespace {

const QString kAccount = u"0x00000000000000000000000000000000000000000000000000000000000000a1"_s;

QJsonDocument wsLine(int line)
{
    return QJsonDocument::fromJson(o2test::fixtureLines("ws-server.jsonl").value(line - 1));
}

QJsonDocument restLine(int line)
{
    return QJsonDocument::fromJson(o2test::fixtureLines("rest.jsonl").value(line - 1));
}

// REST#1's FUEL/USDC (9 and 9 decimals), and the SDK mocks' "market1" as fFUEL/fUSDC (3 and 6) whose base asset is
// the mock's "asset123", so the balance fixture resolves to a symbol.
MarketTable accountMarkets()
{
    std::vector<Market> markets;
    markets.push_back(*parseMarketBody(o2test::fixtureLines("rest.jsonl").value(0)));
    Market mock = o2test::makeMarket(u"market1"_s, u"fFUEL"_s, 3, u"fUSDC"_s, 6);
    mock.base.assetId = u"asset123"_s;
    markets.push_back(mock);
    return MarketTable(std::move(markets));
}

AccountDecoder decoder(const QString &account = kAccount)
{
    AccountDecoder result(account);
    result.setMarkets(accountMarkets());
    return result;
}

QString json(const AccountEvent &event)
{
    return QString::fromUtf8(toNormalizedJson(event));
}

QStringList frameLines(const AccountFrame &frame)
{
    QStringList out;
    for (const OrderUpdate &update : frame.orders)
        out << json(update.order);
    for (const AccountBalance &balance : frame.balances)
        out << json(balance);
    if (frame.nonce)
        out << json(*frame.nonce);
    for (const FeedError &error : frame.errors)
        out << u"error "_s + error.code + u' ' + error.symbol;
    return out;
}

QStringList decodedLine(int line, const QString &account = kAccount)
{
    AccountFrame frame;
    if (const auto error = decoder(account).decodeFrame(wsLine(line).object(), frame))
        return { u"malformed: "_s + *error };
    return frameLines(frame);
}

const QString kFuelMarket = u"0x09c17f779eb0a7658424e48935b2bef24013766f8b3da757becb2264406f9e96"_s;

} // namespace

class TestO2Account : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tradeAccountIds();
    void accountActions();
    void emptyOrdersFrame();
    void ordersFrame();
    void balancesFrame();
    void nonceFrame();
    void restBalances();
    void restOrders();
    void restAccount();
    void impliedFills();
    void statusesAndOrderTypes();
    void numbersInEveryEncoding();
    void malformedFrames();
    void unknownMarket();
    void nonceEventAndState();
};

void TestO2Account::tradeAccountIds()
{
    QCOMPARE(normalizedTradeAccount(u"0x00000000000000000000000000000000000000000000000000000000000000A1"_s), kAccount);
    QCOMPARE(normalizedTradeAccount(u" 0X00000000000000000000000000000000000000000000000000000000000000a1 "_s),
             kAccount);
    QVERIFY(!normalizedTradeAccount(u"0xabc"_s));
    QVERIFY(!normalizedTradeAccount(u"00000000000000000000000000000000000000000000000000000000000000a1"_s));
    QVERIFY(!normalizedTradeAccount(u"0x00000000000000000000000000000000000000000000000000000000000000g1"_s));
    QVERIFY(!normalizedTradeAccount(u"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_s)); // a 20-byte address
    QVERIFY(tradeAccountRule().contains(u"64 hex"_s));
}

void TestO2Account::accountActions()
{
    QVERIFY(AccountDecoder::isAccountAction("subscribe_orders"));
    QVERIFY(AccountDecoder::isAccountAction("subscribe_balances"));
    QVERIFY(AccountDecoder::isAccountAction("subscribe_nonce"));
    QVERIFY(AccountDecoder::isAccountAction("nonce"));
    QVERIFY(!AccountDecoder::isAccountAction("subscribe_trades"));
    QVERIFY(!AccountDecoder::isAccountAction("subscribe_depth"));
}

void TestO2Account::emptyOrdersFrame()
{
    // WS#10: no orders changed.
    QCOMPARE(decodedLine(10), QStringList {});
}

void TestO2Account::ordersFrame()
{
    // WS#11: the Rust SDK mock's minimal order: price "100" at fUSDC's 6 decimals, quantity "10" at fFUEL's 3; no
    // quantity_fill (filled left out), no close (open); ts the frame's onchain_timestamp (seconds by magnitude).
    QCOMPARE(
        decodedLine(11),
        QStringList {
            uR"({"venue":"o2","type":"order","account":")"_s + kAccount
            + uR"(","symbol":"market1","id":"order123","side":"buy","price":"0.000100","size":"0.010","status":"open","ts":1234567890000})"_s });
}

void TestO2Account::balancesFrame()
{
    // WS#13: asset123 is fFUEL (3 decimals). available = total_unlocked (it already holds trading_account_balance,
    // which is not added again), locked = total_locked, total = both.
    QCOMPARE(
        decodedLine(13),
        QStringList {
            uR"({"venue":"o2","type":"balance","account":")"_s + kAccount
            + uR"(","asset":"fFUEL","total":"0.300","available":"0.200","locked":"0.100","ts":1234567890000})"_s });
}

void TestO2Account::nonceFrame()
{
    // WS#14 names contract123: the nonce of that account; for another account the frame is ignored.
    QCOMPARE(
        decodedLine(14, u"contract123"_s),
        QStringList { uR"({"venue":"o2","type":"nonce","account":"contract123","nonce":"42","ts":1234567890000})"_s });
    AccountFrame frame;
    QVERIFY(!decoder().decodeFrame(wsLine(14).object(), frame));
    QVERIFY(frame.foreign);
    QVERIFY(!frame.nonce);
    // The bare alias (§4.0) without contract_id is this account's.
    QJsonObject alias = wsLine(14).object();
    alias.insert(u"action"_s, u"nonce"_s);
    alias.remove(u"contract_id"_s);
    QVERIFY(!decoder().decodeFrame(alias, frame));
    QVERIFY(frame.nonce);
    QCOMPARE(frame.nonce->nonce, u"42"_s);
}

void TestO2Account::restBalances()
{
    const AccountDecoder d = decoder();
    const QString fuel = u"0xa1b2c3d4e5f60000000000000000000000000000000000000000000000000000"_s;
    QCOMPARE(d.assetName(fuel), u"FUEL"_s);
    QCOMPARE(d.assetName(u"0xF6E5D4C3B2A10000000000000000000000000000000000000000000000000000"_s), u"USDC"_s);
    QCOMPARE(d.assetName(u"0x99"_s), u"0x99"_s); // unlisted: the id
    QCOMPARE(d.assetIds().size(), std::size_t(4));
    for (int line : { 3, 4 }) { // REST#4 adds a per-book fee: not a balance field
        AccountBalance balance;
        QVERIFY(!d.balanceBody(restLine(line).object(), fuel, balance));
        QCOMPARE(
            json(balance),
            uR"({"venue":"o2","type":"balance","account":")"_s + kAccount
                + uR"(","asset":"FUEL","total":"36.878720000","available":"34.878720000","locked":"2.000000000","ts":0,"snapshot":true})"_s);
    }
}

void TestO2Account::restOrders()
{
    const AccountDecoder d = decoder();
    std::vector<OrderUpdate> orders;
    // REST#5-7 are single order objects without market_id: the market asked for names them.
    for (int line : { 5, 6, 7 })
        QVERIFY(!d.ordersBody(restLine(line), kFuelMarket, orders));
    QCOMPARE(orders.size(), std::size_t(3));
    const QString head
        = uR"({"venue":"o2","type":"order","account":")"_s + kAccount + uR"(","symbol":")"_s + kFuelMarket + u'"';
    QCOMPARE(
        json(orders[0].order),
        head
            + uR"(,"id":"0x1122","side":"buy","order_type":"Spot","price":"0.100000000","size":"5.000000000","filled":"0.000000000","status":"open","ts":1734876543000,"snapshot":true})"_s);
    QVERIFY(!orders[0].fillPrice); // price_fill "0": none
    QCOMPARE(
        json(orders[1].order),
        head
            + uR"(,"id":"0x3344","side":"sell","order_type":"Spot","price":"0.000000100","size":"0.000001000","filled":"0.000001000","status":"filled","ts":0,"snapshot":true})"_s);
    QCOMPARE(orders[1].fillPrice->toString(), u"0.000000100"_s);
    QCOMPARE(orders[1].filledChain, u"1000"_s);
    QCOMPARE(
        json(orders[2].order),
        head
            + uR"(,"id":"0x3344","side":"sell","order_type":"Limit","price":"0.100000000","size":"5.000000000","status":"open","ts":1734876543000,"snapshot":true})"_s);

    // GET /v1/orders' envelope and GET /v1/order's wrapper.
    const QByteArray envelope
        = R"({"identity":{"ContractId":"0xa1"},"market_id":"MARKET1","orders":[{"order_id":"order123","side":"buy","price":"100","quantity":"10"}]})";
    std::vector<OrderUpdate> listed;
    QVERIFY2(!d.ordersBody(QJsonDocument::fromJson(envelope), kFuelMarket, listed), envelope.constData());
    QCOMPARE(listed.size(), std::size_t(1));
    QCOMPARE(listed[0].order.symbol, u"market1"_s);
    QVERIFY(listed[0].order.snapshot);
    std::vector<OrderUpdate> wrapped;
    QVERIFY(!d.ordersBody(QJsonDocument::fromJson("{\"order\":" + o2test::fixtureLines("rest.jsonl").value(5) + "}"),
                          kFuelMarket, wrapped));
    QCOMPARE(wrapped.size(), std::size_t(1));
    QCOMPARE(wrapped[0].order.status, u"filled"_s);
    QVERIFY(d.ordersBody(QJsonDocument::fromJson(R"({"identity":{}})"), kFuelMarket, wrapped));
}

void TestO2Account::restAccount()
{
    // REST#10: the nonce "5", last_modification in seconds.
    AccountNonce nonce;
    QVERIFY(!decoder().accountBody(restLine(10).object(), nonce));
    QCOMPARE(json(nonce),
             uR"({"venue":"o2","type":"nonce","account":")"_s + kAccount
                 + uR"(","nonce":"5","ts":1734876543000,"snapshot":true})"_s);
    QVERIFY(decoder().accountBody(QJsonObject {}, nonce));
}

void TestO2Account::impliedFills()
{
    const AccountDecoder d = decoder();
    std::vector<OrderUpdate> orders;
    QVERIFY(!d.ordersBody(restLine(6), kFuelMarket, orders)); // 0x3344 filled 1000 of 1000 at 100
    // Never seen before: the whole filled quantity is one fill, named by the cumulative amount.
    const auto fill = impliedFill(std::nullopt, orders[0]);
    QVERIFY(fill);
    QCOMPARE(
        json(*fill),
        uR"({"venue":"o2","type":"fill","account":")"_s + kAccount + uR"(","symbol":")"_s + kFuelMarket
            + uR"(","id":"0x3344:1000","order_id":"0x3344","side":"sell","price":"0.000000100","size":"0.000001000","ts":0,"snapshot":true})"_s);
    // Seen with 400 filled: the growth only.
    AccountOrder known = orders[0].order;
    known.filled = Decimal::parse("0.000000400");
    const auto growth = impliedFill(known, orders[0]);
    QVERIFY(growth);
    QCOMPARE(growth->size.toString(), u"0.000000600"_s);
    QCOMPARE(growth->id, u"0x3344:1000"_s);
    // Seen already filled as much: nothing.
    QVERIFY(!impliedFill(orders[0].order, orders[0]));
    // No fill price: the order's price.
    OrderUpdate noFillPrice = orders[0];
    noFillPrice.fillPrice.reset();
    noFillPrice.order.price = Decimal::parse("0.000000200");
    QCOMPARE(impliedFill(std::nullopt, noFillPrice)->price.toString(), u"0.000000200"_s);
    // The same growth seen twice is one fill in the state.
    AccountState state;
    QVERIFY(state.apply(*fill));
    QVERIFY(!state.apply(*impliedFill(std::nullopt, orders[0])));
}

void TestO2Account::statusesAndOrderTypes()
{
    const AccountDecoder d = decoder();
    const auto status = [&](const QByteArray &fields) -> QString {
        std::vector<OrderUpdate> orders;
        const QByteArray body
            = R"({"order_id":"0x1","side":"SELL","quantity":"10","market_id":"market1",)" + fields + "}";
        if (const auto error = d.ordersBody(QJsonDocument::fromJson(body), QString(), orders))
            return u"error: "_s + *error;
        return orders[0].order.status + u' ' + orders[0].order.orderType;
    };
    QCOMPARE(status(R"("quantity_fill":"0","close":false,"order_type":"PostOnly")"), u"open PostOnly"_s);
    QCOMPARE(status(R"("quantity_fill":"4","close":false,"order_type":"Spot")"), u"partially_filled Spot"_s);
    QCOMPARE(status(R"("quantity_fill":"10","close":true,"order_type":"FillOrKill")"), u"filled FillOrKill"_s);
    QCOMPARE(status(R"("quantity_fill":"4","close":true,"cancel":true,"order_type":"Market")"), u"canceled Market"_s);
    QCOMPARE(status(R"("quantity_fill":"4","close":true,"order_type":{"BoundedMarket":{"max_price":1,"min_price":0}})"),
             u"closed BoundedMarket"_s);
    QCOMPARE(status(R"("close":"yes")"), u"error: close is not a boolean"_s);
    std::vector<OrderUpdate> orders;
    QCOMPARE(d.ordersBody(QJsonDocument::fromJson(R"({"order_id":"0x1","side":"up","market_id":"market1"})"), QString(),
                          orders),
             u"order side is not buy or sell"_s);
}

void TestO2Account::numbersInEveryEncoding()
{
    const AccountDecoder d = decoder();
    std::vector<OrderUpdate> orders;
    QVERIFY(!d.ordersBody(QJsonDocument::fromJson(
                              R"({"order_id":"0x1","side":"buy","quantity":12,"price":"0x64","market_id":"MARKET1"})"),
                          QString(), orders));
    QCOMPARE(orders[0].order.size->toString(), u"0.012"_s);
    QCOMPARE(orders[0].order.price->toString(), u"0.000100"_s);
    // u128 balances beyond the 64-bit mantissa keep exactness by dropping trailing zeros, or fail.
    AccountBalance balance;
    QVERIFY(!d.balanceBody(
        QJsonDocument::fromJson(R"({"total_locked":"0","total_unlocked":"5000000000000000000000"})").object(),
        u"asset123"_s, balance));
    QCOMPARE(balance.available->toString(), u"5000000000000000000"_s);
    QVERIFY(d.balanceBody(
        QJsonDocument::fromJson(R"({"total_locked":"0","total_unlocked":"123456789012345678901"})").object(),
        u"asset123"_s, balance));
    QVERIFY(d.balanceBody(QJsonDocument::fromJson(R"({"total_locked":"-1","total_unlocked":"1"})").object(),
                          u"asset123"_s, balance));
}

void TestO2Account::malformedFrames()
{
    const AccountDecoder d = decoder();
    const auto fails = [&](const QByteArray &frame) {
        AccountFrame out;
        out.nonce = AccountNonce {};
        const auto error = d.decodeFrame(QJsonDocument::fromJson(frame).object(), out);
        return error.has_value() && out.nonce.has_value(); // failed, and `out` untouched
    };
    QVERIFY(fails(R"({"action":"subscribe_orders"})"));
    QVERIFY(fails(R"({"action":"subscribe_orders","orders":{}})"));
    QVERIFY(fails(R"({"action":"subscribe_orders","orders":[1]})"));
    QVERIFY(fails(R"({"action":"subscribe_orders","orders":[{"side":"buy"}]})"));
    QVERIFY(
        fails(R"({"action":"subscribe_orders","orders":[{"order_id":"1","market_id":"market1","quantity":"1.5"}]})"));
    QVERIFY(fails(R"({"action":"subscribe_orders","orders":[],"onchain_timestamp":"soon"})"));
    QVERIFY(fails(R"({"action":"subscribe_balances","balance":[{"asset_id":"asset123","total_locked":"1"}]})"));
    QVERIFY(fails(R"({"action":"subscribe_balances"})"));
    QVERIFY(fails(R"({"action":"subscribe_nonce","nonce":"-3"})"));
    QVERIFY(fails(R"({"action":"subscribe_nonce"})"));
    QVERIFY(fails(R"({"action":"subscribe_trades","trades":[]})"));
    // A good order next to a bad one: the whole frame fails, nothing of it is kept.
    QVERIFY(fails(
        R"({"action":"subscribe_orders","orders":[{"order_id":"1","market_id":"market1"},{"order_id":"2","market_id":"market1","price":true}]})"));
    // Unknown fields are tolerated.
    AccountFrame out;
    QVERIFY(!d.decodeFrame(
        QJsonDocument::fromJson(R"({"action":"subscribe_nonce","nonce":7,"surprise":{"a":[1]},"contract_id":"0x00A1"})")
            .object(),
        out));
}

void TestO2Account::unknownMarket()
{
    AccountFrame frame;
    QVERIFY(!decoder().decodeFrame(
        QJsonDocument::fromJson(
            R"({"action":"subscribe_orders","orders":[{"order_id":"1","market_id":"0xFEED","side":"buy"},{"order_id":"2","market_id":"market1","side":"buy"}]})")
            .object(),
        frame));
    QCOMPARE(frameLines(frame).size(), 2);
    QCOMPARE(frame.orders.size(), std::size_t(1));
    QCOMPARE(frame.orders[0].order.id, u"2"_s);
    QCOMPARE(frame.errors.size(), std::size_t(1));
    QCOMPARE(frame.errors[0].code, u"unknown_market"_s);
    QCOMPARE(frame.errors[0].symbol, u"0xfeed"_s);
}

void TestO2Account::nonceEventAndState()
{
    AccountState state;
    AccountNonce nonce { u"o2"_s, kAccount, u"5"_s, 10, true };
    QVERIFY(state.apply(nonce));
    QVERIFY(!state.apply(nonce)); // the same nonce again: no change
    nonce.ts = 20;
    QVERIFY(!state.apply(nonce));
    nonce.nonce = u"6"_s;
    QVERIFY(state.apply(nonce));
    QCOMPARE(state.nonce()->nonce, u"6"_s);
    nonce.snapshot = false;
    QCOMPARE(json(nonce), uR"({"venue":"o2","type":"nonce","account":")"_s + kAccount + uR"(","nonce":"6","ts":20})"_s);
}

QTEST_GUILESS_MAIN(TestO2Account)
#include "tst_o2_account.moc"
