// Hyperliquid's user streams and account REST bodies, field by field, over every user-channel fixture line
// (tests/data/hyperliquid/ws-server.jsonl lines 31-52, rest.jsonl lines 8-9; docs/protocols/hyperliquid.md §7.6-7.16).

#include "core/AccountJson.h"
#include "core/AccountState.h"
#include "support/FixtureLines.h"
#include "venues/hyperliquid/HyperliquidAccount.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::hyperliquid;

namespace {

QJsonObject wsLine(int line)
{
    return QJsonDocument::fromJson(test::fixtureLine(u"hyperliquid/ws-server.jsonl"_s, line)).object();
}

QJsonDocument restLine(int line)
{
    return QJsonDocument::fromJson(test::fixtureLine(u"hyperliquid/rest.jsonl"_s, line));
}

QStringList lines(const AccountEventBatch &events)
{
    QStringList out;
    for (const AccountEvent &event : events)
        out.append(QString::fromUtf8(toNormalizedJson(event)));
    return out;
}

// Decodes a fixture frame as `account`'s and returns the JSON lines; fails the test when it does not decode.
QStringList decoded(int line, const QString &account)
{
    AccountEventBatch events;
    const auto error = AccountDecoder(account).decodeFrame(wsLine(line), events);
    if (error)
        qWarning().noquote() << "line" << line << *error;
    return error ? QStringList { u"error: "_s + *error } : lines(events);
}

const QString kCap = u"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_s; // the CAP captures' address
const QString kUser1 = u"0x0000000000000000000000000000000000000001"_s;
const QString kUserA = u"0x000000000000000000000000000000000000000a"_s;

} // namespace

class TestHyperliquidAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addresses();
    void accountChannels();
    void userFillsSnapshotEmpty();
    void userFillsOld2024Shape();
    void userFillsStreamingWithoutIsSnapshot();
    void userFillsForAnotherUserAreRefused();
    void orderUpdatesOpenAndCanceled();
    void orderUpdatesOpenThenFilledInOneFrame();
    void orderUpdatesWithoutCloid();
    void orderStatusesAreNormalized();
    void userChannelFills();
    void userChannelFundingLiquidationCancel();
    void userFundingsSnapshot();
    void ledgerSnapshot();
    void activeAssetData();
    void streamedStates();
    void restClearinghouseStateAndOpenOrders();
    void restClearinghouseWithPositions();
    void restOrderStatus();
    void malformedFramesAppendNothing();
    void subscriptionFramesAndBodies();
};

void TestHyperliquidAccount::addresses()
{
    QCOMPARE(normalizedAddress(u"0x70997970C51812dc3a010C7d01b50e0d17dc79C8"_s), kCap);
    QCOMPARE(normalizedAddress(u" 0X70997970c51812dc3a010c7d01b50e0d17dc79c8 "_s), kCap);
    QVERIFY(!normalizedAddress(u"0x70997970c51812dc3a010c7d01b50e0d17dc79c"_s)); // 39 digits
    QVERIFY(!normalizedAddress(u"0x70997970c51812dc3a010c7d01b50e0d17dc79cg"_s)); // not hex
    QVERIFY(!normalizedAddress(u"70997970c51812dc3a010c7d01b50e0d17dc79c8aa"_s)); // no 0x
    QVERIFY(!normalizedAddress(QString()));
}

void TestHyperliquidAccount::accountChannels()
{
    for (const char *channel : { "userFills", "orderUpdates", "user", "userFundings", "userNonFundingLedgerUpdates",
                                 "clearinghouseState", "spotState", "activeAssetData" })
        QVERIFY2(AccountDecoder::isAccountChannel(channel), channel);
    // Not read (yet): TWAPs, notifications, the frontend aggregate, builder-dex and newer channels (§7.14-7.16).
    for (const char *channel : { "userTwapSliceFills", "userTwapHistory", "notification", "webData3", "webData2",
                                 "openOrders", "twapStates", "l2Book", "pong" })
        QVERIFY2(!AccountDecoder::isAccountChannel(channel), channel);
}

void TestHyperliquidAccount::userFillsSnapshotEmpty()
{
    QCOMPARE(decoded(32, kCap), QStringList());
}

void TestHyperliquidAccount::userFillsOld2024Shape()
{
    // 2024: liquidationMarkPx and cloid null, no feeToken (WS#33).
    QCOMPARE(
        decoded(33, u"0x15f43d1f2dee81424afd891943262aa90f22cc2a"_s),
        QStringList {
            uR"({"venue":"hyperliquid","type":"fill","account":"0x15f43d1f2dee81424afd891943262aa90f22cc2a","symbol":"BTC","id":"567547935839686","order_id":"7484888874","side":"sell","price":"72528.0","size":"0.11693","fee":"2.968244","liquidity":"taker","closed_pnl":"-0.81851","ts":1710208712815,"snapshot":true})"_s });
}

void TestHyperliquidAccount::userFillsStreamingWithoutIsSnapshot()
{
    // No isSnapshot key = a live frame; a rebate is a negative fee; builderFee, twapId, liquidation ignored (WS#34).
    QCOMPARE(
        decoded(34, kUserA),
        QStringList {
            uR"({"venue":"hyperliquid","type":"fill","account":"0x000000000000000000000000000000000000000a","symbol":"BTC","id":"669583051366496","order_id":"566617233807","side":"buy","price":"86006.0","size":"0.07905","fee":"-0.067987","fee_asset":"USDC","liquidity":"taker","closed_pnl":"-2.600745","ts":1791280942711})"_s });
    AccountEventBatch events;
    AccountDecoder(kUserA).decodeFrame(wsLine(34), events);
    QCOMPARE(std::get<AccountFill>(events.at(0)).identity(), u"669583051366496/566617233807/1791280942711"_s);
}

void TestHyperliquidAccount::userFillsForAnotherUserAreRefused()
{
    AccountEventBatch events;
    const auto error = AccountDecoder(kUser1).decodeFrame(wsLine(34), events);
    QVERIFY(error);
    QVERIFY2(error->contains(u"another user"_s), qPrintable(*error));
    QVERIFY(events.empty());
    // Addresses compare case-insensitively: the venue echoes lower case (§7.8).
    QVERIFY(!AccountDecoder(kCap).decodeFrame(wsLine(32), events));
}

void TestHyperliquidAccount::orderUpdatesOpenAndCanceled()
{
    QCOMPARE(
        decoded(35, kCap),
        QStringList {
            uR"({"venue":"hyperliquid","type":"order","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","symbol":"BTC","id":"57118842019","client_id":"0xa1f0cddc17303d07f3fd128d5b35071d","side":"buy","price":"31795.0","size":"0.00037","filled":"0.00000","status":"open","ts":1785261289146})"_s });
    // Canceled: sz stays at the unfilled remainder (§7.6), so nothing filled.
    QCOMPARE(
        decoded(36, kCap),
        QStringList {
            uR"({"venue":"hyperliquid","type":"order","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","symbol":"BTC","id":"57118842019","client_id":"0xa1f0cddc17303d07f3fd128d5b35071d","side":"buy","price":"31795.0","size":"0.00037","filled":"0.00000","status":"canceled","ts":1785261290665})"_s });
}

void TestHyperliquidAccount::orderUpdatesOpenThenFilledInOneFrame()
{
    // A filled order can come as open then filled in one frame (WS#37); spot "@107" and builder-dex coins as sent.
    QCOMPARE(
        decoded(37, kUserA),
        (QStringList {
            uR"({"venue":"hyperliquid","type":"order","account":"0x000000000000000000000000000000000000000a","symbol":"@107","id":"566617964508","client_id":"0x000000000000000000065d291c305ae0","side":"buy","price":"93.218","size":"3.28","filled":"0.00","status":"open","ts":1791281008463})"_s,
            uR"({"venue":"hyperliquid","type":"order","account":"0x000000000000000000000000000000000000000a","symbol":"@107","id":"566617964508","client_id":"0x000000000000000000065d291c305ae0","side":"buy","price":"93.218","size":"3.28","filled":"3.28","status":"filled","ts":1791281008463})"_s,
            uR"({"venue":"hyperliquid","type":"order","account":"0x000000000000000000000000000000000000000a","symbol":"xyz:XYZ100","id":"566617840215","client_id":"0x000000000000000000065d291b5eb630","side":"sell","price":"31169.5","size":"0.1","filled":"0.0","status":"canceled","ts":1791281001374})"_s }));
}

void TestHyperliquidAccount::orderUpdatesWithoutCloid()
{
    const QStringList out = decoded(38, kCap);
    QCOMPARE(out.size(), 2);
    QVERIFY(!out.at(0).contains(u"client_id"_s));
    QVERIFY(out.at(1).contains(uR"("size":"5.0","filled":"5.0","status":"filled")"_s));
}

void TestHyperliquidAccount::orderStatusesAreNormalized()
{
    QString word;
    QCOMPARE(normalizedOrderStatus(u"open"_s, false, &word), u"open"_s);
    QCOMPARE(normalizedOrderStatus(u"open"_s, true, &word), u"partially_filled"_s);
    QVERIFY(word.isEmpty());
    for (const QString &same : { u"filled"_s, u"canceled"_s, u"rejected"_s, u"triggered"_s, u"expired"_s }) {
        QCOMPARE(normalizedOrderStatus(same, false, &word), same);
        QVERIFY(word.isEmpty());
    }
    QCOMPARE(normalizedOrderStatus(u"marginCanceled"_s, false, &word), u"canceled"_s);
    QCOMPARE(word, u"marginCanceled"_s);
    QCOMPARE(normalizedOrderStatus(u"scheduledCancel"_s, false, &word), u"canceled"_s);
    QCOMPARE(normalizedOrderStatus(u"perpMarginRejected"_s, false, &word), u"rejected"_s);
    QCOMPARE(word, u"perpMarginRejected"_s);
    // Open-ended: an unknown status is shown as sent.
    QCOMPARE(normalizedOrderStatus(u"waitingForTrigger"_s, false, &word), u"waitingForTrigger"_s);
    QVERIFY(word.isEmpty());
    QVERIFY(!isFinalOrderStatus(u"waitingForTrigger"_s));
    QVERIFY(isFinalOrderStatus(u"closed"_s));
}

void TestHyperliquidAccount::userChannelFills()
{
    // `user` frames name no user (§7.7): the decoder's account is taken.
    QCOMPARE(
        decoded(39, kUser1),
        QStringList {
            uR"({"venue":"hyperliquid","type":"fill","account":"0x0000000000000000000000000000000000000001","symbol":"ETH","id":"462732459646712","order_id":"390478339309","side":"buy","price":"2321.2","size":"0.0086","fee":"0.008983","fee_asset":"USDC","liquidity":"taker","closed_pnl":"-0.04558","ts":1776756630725})"_s });
    // A maker fill (crossed false) carrying a liquidation object (markPx a string on the wire).
    const QStringList out = decoded(40, kUser1);
    QCOMPARE(out.size(), 1);
    QVERIFY2(
        out.at(0).contains(
            uR"("side":"sell","price":"66653.0","size":"0.001","fee":"0.009997","fee_asset":"USDC","liquidity":"maker","closed_pnl":"0.0")"_s),
        qPrintable(out.at(0)));
}

void TestHyperliquidAccount::userChannelFundingLiquidationCancel()
{
    QCOMPARE(
        decoded(41, kUser1),
        QStringList {
            uR"({"venue":"hyperliquid","type":"funding","account":"0x0000000000000000000000000000000000000001","symbol":"BTC","amount":"-0.601087","rate":"0.0000125","size":"0.55919","ts":1791280800037})"_s });
    QCOMPARE(
        decoded(42, kUser1),
        QStringList {
            uR"({"venue":"hyperliquid","type":"ledger","account":"0x0000000000000000000000000000000000000001","kind":"liquidation","id":"123456","ts":0})"_s });
    QCOMPARE(
        decoded(43, kUser1),
        QStringList {
            uR"({"venue":"hyperliquid","type":"order","account":"0x0000000000000000000000000000000000000001","symbol":"PNUT","id":"566615769247","status":"canceled","venue_status":"nonUserCancel","ts":0})"_s });
}

void TestHyperliquidAccount::userFundingsSnapshot()
{
    const QString user = u"0x0000000000000000000000000000000000000003"_s;
    QCOMPARE(
        decoded(44, user),
        (QStringList {
            uR"({"venue":"hyperliquid","type":"funding","account":"0x0000000000000000000000000000000000000003","symbol":"ENA","amount":"-2.38878","rate":"0.0000125","size":"777946.0","ts":1791216000037,"snapshot":true})"_s,
            uR"({"venue":"hyperliquid","type":"funding","account":"0x0000000000000000000000000000000000000003","symbol":"BTC","amount":"0.238633","rate":"0.0000125","size":"-0.2238","ts":1791219600012,"snapshot":true})"_s }));
}

void TestHyperliquidAccount::ledgerSnapshot()
{
    QCOMPARE(
        decoded(45, kUser1),
        (QStringList {
            uR"({"venue":"hyperliquid","type":"ledger","account":"0x0000000000000000000000000000000000000001","kind":"deposit","asset":"USDC","amount":"200079.847397","id":"0x2674629937983fbe452ec47df9c991d29c136ff7c79c3c1630d600d6707524d0","ts":1748135719014,"snapshot":true})"_s,
            uR"({"venue":"hyperliquid","type":"ledger","account":"0x0000000000000000000000000000000000000001","kind":"liquidation","id":"0x651383a8fda3daaf31cc0308597c0000f7f51388f97acf0df28797ee97ae278a","ts":1677618623525,"snapshot":true})"_s }));
    // A withdrawal leaves the account: negative.
    const QJsonObject withdraw
        = QJsonDocument::fromJson(
              R"({"channel":"userNonFundingLedgerUpdates","data":{"user":"0x0000000000000000000000000000000000000001","nonFundingLedgerUpdates":[{"time":5,"hash":"0xab","delta":{"type":"withdraw","usdc":"10.5","nonce":1,"fee":"1.0"}},{"time":6,"hash":"0xcd","delta":{"type":"spotTransfer","token":"PURR","amount":"3.0","usdcValue":"0.6","user":"0x1","destination":"0x2","fee":"0.0"}}]}})")
              .object();
    AccountEventBatch events;
    QVERIFY(!AccountDecoder(kUser1).decodeFrame(withdraw, events));
    QCOMPARE(
        lines(events),
        (QStringList {
            uR"({"venue":"hyperliquid","type":"ledger","account":"0x0000000000000000000000000000000000000001","kind":"withdraw","asset":"USDC","amount":"-10.5","id":"0xab","ts":5})"_s,
            uR"({"venue":"hyperliquid","type":"ledger","account":"0x0000000000000000000000000000000000000001","kind":"spotTransfer","asset":"PURR","amount":"3.0","id":"0xcd","ts":6})"_s }));
}

void TestHyperliquidAccount::activeAssetData()
{
    QCOMPARE(
        decoded(31, kUser1),
        QStringList {
            uR"({"venue":"hyperliquid","type":"limits","account":"0x0000000000000000000000000000000000000001","symbol":"BTC","leverage_type":"isolated","leverage":"10","max_buy_size":"683.30131","max_sell_size":"684.41969","available_to_buy":"2937170.6810349999","available_to_sell":"2941978.0374650001","mark":"85970.0","ts":0})"_s });
}

void TestHyperliquidAccount::streamedStates()
{
    // A builder dex's clearinghouse (dex "xyz") is not the main account's: ignored (§7.16).
    QCOMPARE(decoded(51, kUser1), QStringList());
    QVERIFY(AccountDecoder::isPositionState(wsLine(51)));
    // spotState: available = total - hold, locked = hold.
    QCOMPARE(
        decoded(52, u"0x0000000000000000000000000000000000000002"_s),
        (QStringList {
            uR"({"venue":"hyperliquid","type":"balance","account":"0x0000000000000000000000000000000000000002","asset":"USDC","total":"100508.11272667","available":"50508.22272667","locked":"49999.89","ts":0})"_s,
            uR"({"venue":"hyperliquid","type":"balance","account":"0x0000000000000000000000000000000000000002","asset":"VAULT","total":"0.95437326","available":"0.45437326","locked":"0.5","ts":0})"_s }));
    QVERIFY(AccountDecoder::isBalanceState(wsLine(52)));
}

void TestHyperliquidAccount::restClearinghouseStateAndOpenOrders()
{
    const AccountDecoder decoder(kCap);
    QString error;
    const auto state = decoder.clearinghouseState(restLine(8).object(), true, &error);
    QVERIFY2(state, qPrintable(error));
    QVERIFY(state->positions.empty());
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(state->summary)),
        uR"({"venue":"hyperliquid","type":"account","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","equity":"0.0","margin_used":"0.0","withdrawable":"0.0","ts":1785259956738,"snapshot":true})"_s);

    const auto orders = decoder.openOrders(restLine(9).array(), 42, &error);
    QVERIFY2(orders, qPrintable(error));
    QCOMPARE(orders->size(), 1u);
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(orders->front())),
        uR"({"venue":"hyperliquid","type":"order","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","symbol":"BTC","id":"57118842019","client_id":"0xa1f0cddc17303d07f3fd128d5b35071d","side":"buy","price":"31795.0","size":"0.00037","filled":"0.00000","status":"open","ts":1785261289146,"snapshot":true})"_s);

    // frontendOpenOrders adds the order type, tif, reduceOnly and (on trigger orders only) the trigger price (WS#50).
    const QJsonArray frontend = wsLine(50).value("data"_L1).toObject().value("orders"_L1).toArray();
    const auto rich = AccountDecoder(kUserA).openOrders(frontend, 42, &error);
    QVERIFY2(rich, qPrintable(error));
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(rich->front())),
        uR"({"venue":"hyperliquid","type":"order","account":"0x000000000000000000000000000000000000000a","symbol":"xyz:XYZ100","id":"566617880209","client_id":"0x000000000000000000065d291ba7c026","side":"sell","order_type":"Limit","price":"31175.0","size":"0.032","filled":"0.0024","status":"partially_filled","reduce_only":false,"tif":"Alo","ts":1791280999484,"snapshot":true})"_s);
}

void TestHyperliquidAccount::restClearinghouseWithPositions()
{
    // The documented assetPositions shape (Hyperliquid info endpoint, "perpetuals account summary"); a closed
    // position can stay listed at size zero and is left out.
    const QJsonObject state
        = QJsonDocument::fromJson(
              R"({"marginSummary":{"accountValue":"13109.482328","totalNtlPos":"9340.12","totalRawUsd":"3769.36","totalMarginUsed":"934.012"},"crossMarginSummary":{"accountValue":"13109.482328","totalNtlPos":"9340.12","totalRawUsd":"3769.36","totalMarginUsed":"934.012"},"crossMaintenanceMarginUsed":"186.8","withdrawable":"12175.470328","assetPositions":[{"type":"oneWay","position":{"coin":"ETH","szi":"-2.5","leverage":{"type":"cross","value":10},"entryPx":"3702.1","positionValue":"9340.12","unrealizedPnl":"-84.87","returnOnEquity":"-0.0917","liquidationPx":"8311.2","marginUsed":"934.012","maxLeverage":25,"cumFunding":{"allTime":"-1.2","sinceOpen":"0.3","sinceChange":"0.3"}}},{"type":"oneWay","position":{"coin":"SOL","szi":"0.0","leverage":{"type":"cross","value":5},"entryPx":null,"positionValue":"0.0","unrealizedPnl":"0.0","returnOnEquity":"0.0","liquidationPx":null,"marginUsed":"0.0","maxLeverage":20,"cumFunding":{"allTime":"0.0","sinceOpen":"0.0","sinceChange":"0.0"}}}],"time":1733968369395})")
              .object();
    QString error;
    const auto parsed = AccountDecoder(kCap).clearinghouseState(state, false, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->positions.size(), 1u);
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(parsed->positions.front())),
        uR"({"venue":"hyperliquid","type":"position","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","symbol":"ETH","size":"-2.5","entry_price":"3702.1","unrealized_pnl":"-84.87","liquidation_price":"8311.2","leverage":"10","margin":"934.012","ts":1733968369395})"_s);
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(parsed->summary)),
        uR"({"venue":"hyperliquid","type":"account","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","equity":"13109.482328","margin_used":"934.012","withdrawable":"12175.470328","ts":1733968369395})"_s);
    // The app recomputes P&L from the live mark, exactly: -2.5 x (3736.05 - 3702.1) = -84.875.
    QCOMPARE(unrealizedPnlAt(parsed->positions.front().size, *parsed->positions.front().entryPrice,
                             *Decimal::parse("3736.05"))
                 ->toString(),
             u"-84.875"_s);
    QCOMPARE(positionValueAt(parsed->positions.front().size, *Decimal::parse("3736.05"))->toString(), u"9340.125"_s);
}

void TestHyperliquidAccount::restOrderStatus()
{
    const AccountDecoder decoder(kCap);
    bool unknown = false;
    QString error;
    QVERIFY(!decoder.orderStatus(QJsonDocument::fromJson(R"({"status":"unknownOid"})").object(), &unknown, &error));
    QVERIFY(unknown);
    const auto order = decoder.orderStatus(
        QJsonDocument::fromJson(
            R"({"status":"order","order":{"order":{"coin":"ETH","side":"A","limitPx":"2412.7","sz":"0.0","oid":1,"timestamp":1724361546645,"triggerCondition":"N/A","isTrigger":false,"triggerPx":"0.0","children":[],"isPositionTpsl":false,"reduceOnly":true,"orderType":"Market","origSz":"0.0076","tif":"FrontendMarket","cloid":null},"status":"filled","statusTimestamp":1724361546645}})")
            .object(),
        &unknown, &error);
    QVERIFY2(order, qPrintable(error));
    QVERIFY(!unknown);
    QCOMPARE(
        QString::fromUtf8(toNormalizedJson(*order)),
        uR"({"venue":"hyperliquid","type":"order","account":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","symbol":"ETH","id":"1","side":"sell","order_type":"Market","price":"2412.7","size":"0.0076","filled":"0.0076","status":"filled","reduce_only":true,"tif":"FrontendMarket","ts":1724361546645})"_s);
    QVERIFY(!decoder.orderStatus(QJsonDocument::fromJson(R"({"status":"weird"})").object(), &unknown, &error));
    QVERIFY(!unknown);
}

void TestHyperliquidAccount::malformedFramesAppendNothing()
{
    const AccountDecoder decoder(kCap);
    for (
        const char *frame : {
            R"({"channel":"userFills","data":{"user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","fills":[{"coin":"BTC","px":"1.0","sz":"1","side":"B","time":1,"oid":1,"tid":1},{"coin":"BTC","px":1.5,"sz":"1","side":"B","time":2,"tid":2}]}})",
            R"({"channel":"userFills","data":{"user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","fills":{}}})",
            R"({"channel":"orderUpdates","data":{"order":{}}})",
            R"({"channel":"orderUpdates","data":[{"order":{"coin":"BTC","side":"X","limitPx":"1","sz":"1","oid":1,"timestamp":1,"origSz":"1"},"status":"open","statusTimestamp":1}]})",
            R"({"channel":"user","data":{"funding":{"coin":"BTC"}}})",
            R"({"channel":"userNonFundingLedgerUpdates","data":{"nonFundingLedgerUpdates":[{"hash":"0x1","delta":{}}]}})",
        }) {
        AccountEventBatch events;
        QVERIFY2(decoder.decodeFrame(QJsonDocument::fromJson(frame).object(), events), frame);
        QVERIFY2(events.empty(), frame);
    }
    // Unknown keys on the user channel are ignored (twapSliceFills, §7.7).
    AccountEventBatch events;
    QVERIFY(!decoder.decodeFrame(QJsonDocument::fromJson(R"({"channel":"user","data":{"twapSliceFills":[]}})").object(),
                                 events));
    QVERIFY(events.empty());
}

void TestHyperliquidAccount::subscriptionFramesAndBodies()
{
    const AccountSubscription fills { AccountSubscription::Type::UserFills, kCap, {} };
    QCOMPARE(
        fills.subscribeFrame(),
        QByteArray(
            R"({"method":"subscribe","subscription":{"type":"userFills","user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"}})"));
    const AccountSubscription events { AccountSubscription::Type::UserEvents, kCap, {} };
    QCOMPARE(
        events.unsubscribeFrame(),
        QByteArray(
            R"({"method":"unsubscribe","subscription":{"type":"userEvents","user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"}})"));
    const AccountSubscription asset { AccountSubscription::Type::ActiveAssetData, kCap, u"BTC"_s };
    QCOMPARE(
        asset.subscribeFrame(),
        QByteArray(
            R"({"method":"subscribe","subscription":{"type":"activeAssetData","user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","coin":"BTC"}})"));
    QCOMPARE(
        orderStatusRequestBody(kCap, u"57118842019"_s),
        QByteArray(R"({"type":"orderStatus","user":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8","oid":57118842019})"));
    QCOMPARE(QJsonDocument::fromJson(userInfoRequestBody(u"clearinghouseState"_s, kCap)).object(),
             (QJsonObject { { u"type"_s, u"clearinghouseState"_s }, { u"user"_s, kCap } }));
}

QTEST_GUILESS_MAIN(TestHyperliquidAccount)
#include "tst_hyperliquid_account.moc"
