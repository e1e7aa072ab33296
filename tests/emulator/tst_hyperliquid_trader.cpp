// The Hyperliquid emulator's demo traders: the account info calls and user streams, driven through a plain
// QWebSocket and QNetworkAccessManager (not the project's codec), with the emulator's test hooks.
#include "core/Decimal.h"
#include "emulator/hyperliquid/HyperliquidDemoTrader.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "emulator/hyperliquid/HyperliquidMarketSimulator.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using tapescope::Decimal;
using tapescope::emulator::HyperliquidEmulator;

namespace {

const QString kSecondTrader = u"0xdec0de0000000000000000000000000000000002"_s;
const QString kStranger = u"0x00000000000000000000000000000000000abcde"_s;

// A bare WebSocket client that keeps every frame it receives.
class Client
{
public:
    explicit Client(const QUrl &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived,
                         [this](const QString &message) { frames.append(message.toUtf8()); });
        socket.open(url);
    }
    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    void send(const QByteArray &json) { socket.sendTextMessage(QString::fromUtf8(json)); }

    using Predicate = std::function<bool(const QJsonObject &frame)>;
    // Index of the first frame at or after `from` that matches, waiting up to `timeoutMs`; -1 if none.
    qsizetype waitFor(const Predicate &matches, qsizetype from = 0, int timeoutMs = 5000)
    {
        qsizetype found = -1;
        const bool matched = QTest::qWaitFor(
            [&] {
                for (qsizetype i = from; i < frames.size(); ++i) {
                    if (matches(QJsonDocument::fromJson(frames[i]).object())) {
                        found = i;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return matched ? found : -1;
    }
    qsizetype waitForChannel(const QString &channel, qsizetype from = 0, int timeoutMs = 5000)
    {
        return waitFor([&channel](const QJsonObject &f) { return f.value("channel"_L1).toString() == channel; }, from,
                       timeoutMs);
    }
    QJsonObject object(qsizetype index) const { return QJsonDocument::fromJson(frames.at(index)).object(); }
    // Subscribes and waits for the ack; the ack's subscription, or an empty object.
    QJsonObject subscribe(const QByteArray &subscription)
    {
        const qsizetype from = frames.size();
        send("{\"method\":\"subscribe\",\"subscription\":" + subscription + '}');
        const qsizetype ack = waitFor(
            [](const QJsonObject &f) {
                return f.value("channel"_L1) == "subscriptionResponse"_L1 || f.value("channel"_L1) == "error"_L1;
            },
            from);
        if (ack < 0 || object(ack).value("channel"_L1) != "subscriptionResponse"_L1)
            return {};
        return object(ack).value("data"_L1).toObject().value("subscription"_L1).toObject();
    }

    QWebSocket socket;
    QList<QByteArray> frames;
};

bool isDecimalString(const QJsonValue &value)
{
    return value.isString() && Decimal::parse(value.toString()).has_value();
}

Decimal dec(const QJsonValue &value)
{
    return Decimal::parse(value.toString()).value_or(Decimal());
}

QStringList keysOf(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QStringList sorted(QStringList keys)
{
    keys.sort();
    return keys;
}

bool isOid(const QJsonValue &value)
{
    return value.isDouble() && value.toInteger() > (qint64(1) << 32);
}

// Every WsFill field with the venue's types (§7.7); cloid only when the order had one.
void checkFill(const QJsonObject &fill, bool withCloid)
{
    QStringList expected { u"coin"_s,          u"px"_s,  u"sz"_s,        u"side"_s,     u"time"_s,
                           u"startPosition"_s, u"dir"_s, u"closedPnl"_s, u"hash"_s,     u"oid"_s,
                           u"crossed"_s,       u"fee"_s, u"tid"_s,       u"feeToken"_s, u"twapId"_s };
    if (withCloid)
        expected << u"cloid"_s;
    QCOMPARE(keysOf(fill), sorted(expected));
    QVERIFY(fill.value("coin"_L1).isString());
    QVERIFY(isDecimalString(fill.value("px"_L1)));
    QVERIFY(isDecimalString(fill.value("sz"_L1)));
    QVERIFY(fill.value("side"_L1) == "B"_L1 || fill.value("side"_L1) == "A"_L1);
    QVERIFY(fill.value("time"_L1).isDouble() && fill.value("time"_L1).toInteger() > 1'600'000'000'000LL);
    QVERIFY(isDecimalString(fill.value("startPosition"_L1)));
    QVERIFY(!fill.value("dir"_L1).toString().isEmpty());
    QVERIFY(isDecimalString(fill.value("closedPnl"_L1)));
    QVERIFY(QRegularExpression(u"^0x[0-9a-f]{64}$"_s).match(fill.value("hash"_L1).toString()).hasMatch());
    QVERIFY(isOid(fill.value("oid"_L1)));
    QVERIFY(fill.value("crossed"_L1).isBool());
    QVERIFY(isDecimalString(fill.value("fee"_L1)));
    QVERIFY(isOid(fill.value("tid"_L1)));
    QCOMPARE(fill.value("feeToken"_L1).toString(), u"USDC"_s);
    QVERIFY(fill.value("twapId"_L1).isNull());
    if (withCloid)
        QVERIFY(QRegularExpression(u"^0x[0-9a-f]{32}$"_s).match(fill.value("cloid"_L1).toString()).hasMatch());
}

void checkSummary(const QJsonObject &summary)
{
    QCOMPARE(keysOf(summary), sorted({ u"accountValue"_s, u"totalNtlPos"_s, u"totalRawUsd"_s, u"totalMarginUsed"_s }));
    for (const QJsonValue &value : summary)
        QVERIFY(isDecimalString(value));
}

QJsonObject positionOf(const QJsonObject &clearinghouse, const QString &coin)
{
    for (const QJsonValue &entry : clearinghouse.value("assetPositions"_L1).toArray()) {
        const QJsonObject position = entry.toObject().value("position"_L1).toObject();
        if (position.value("coin"_L1).toString() == coin)
            return position;
    }
    return {};
}

} // namespace

class TestHyperliquidTrader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void defaultOptionsCreateTheDemoTrader();
    void clearinghouseStateShape();
    void spotClearinghouseStateShape();
    void openOrdersShapes();
    void userFillsNewestFirstWithEveryField();
    void fundingAndLedgerHistory();
    void orderStatusAfterTheOrderEnded();
    void infoOverWebSocketPost();
    void unknownAddressIsEmpty();
    void userFillsSnapshotThenLive();
    void orderLifecycleFilled();
    void orderLifecycleCanceled();
    void venueCancelIsNonUserCancel();
    void fundingStreams();
    void clearinghouseSpotAndAssetDataStreams();
    void webData2IsRefused();
    void twoTradersDoNotSeeEachOther();
    void unsubscribeStopsAccountFrames();
    void automaticTraderTrades();
    void sameSeedSameAccount();
    void demoTraderKeepsABoundedFundingAndLedger();

private:
    QJsonDocument post(const QByteArray &body, int *status = nullptr);
    QJsonDocument postFor(const QString &type, const QString &user, const QByteArray &extra = {});

    std::unique_ptr<HyperliquidEmulator> m_emulator;
    QNetworkAccessManager m_network;
    QString m_user;
};

void TestHyperliquidTrader::init()
{
    HyperliquidEmulator::Options options;
    options.seed = 7;
    options.bookIntervalMs = 40;
    options.tradeIntervalMs = 20;
    options.midsIntervalMs = 60;
    options.ctxIntervalMs = 60;
    options.traders = { HyperliquidEmulator::demoTraderAddress(), kSecondTrader };
    options.traderAutomatic = false; // the hooks drive the accounts
    m_emulator = std::make_unique<HyperliquidEmulator>(options);
    QVERIFY(m_emulator->listen());
    m_user = HyperliquidEmulator::demoTraderAddress();
}

void TestHyperliquidTrader::cleanup()
{
    m_emulator.reset();
}

QJsonDocument TestHyperliquidTrader::post(const QByteArray &body, int *status)
{
    QUrl url = m_emulator->restBaseUrl();
    url.setPath(u"/info"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, body));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, 5000))
        return {};
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll());
}

QJsonDocument TestHyperliquidTrader::postFor(const QString &type, const QString &user, const QByteArray &extra)
{
    return post("{\"type\":\"" + type.toUtf8() + "\",\"user\":\"" + user.toUtf8() + '"' + extra + '}');
}

void TestHyperliquidTrader::defaultOptionsCreateTheDemoTrader()
{
    QCOMPARE(HyperliquidEmulator::demoTraderAddress(), u"0xdec0de0000000000000000000000000000000001"_s);
    HyperliquidEmulator::Options options;
    QCOMPARE(options.traders, QStringList { HyperliquidEmulator::demoTraderAddress() });
    QCOMPARE(options.fundingIntervalMs, 60000);
    HyperliquidEmulator emulator(options);
    const QJsonObject snapshot = emulator.traderSnapshot(
        HyperliquidEmulator::demoTraderAddress().toUpper().replace(u"0X"_s, u"0x"_s)); // compared case-insensitively
    QVERIFY(!snapshot.isEmpty());
    QVERIFY(!snapshot.value("fills"_L1).toArray().isEmpty());
    QVERIFY(emulator.traderSnapshot(kSecondTrader).isEmpty()); // not one of the options' traders
    QCOMPARE(emulator.placeOrder(kSecondTrader, u"BTC"_s, true, u"90000"_s, u"0.01"_s), 0);
}

void TestHyperliquidTrader::clearinghouseStateShape()
{
    const QJsonObject state = postFor(u"clearinghouseState"_s, m_user).object();
    QCOMPARE(keysOf(state),
             sorted({ u"marginSummary"_s, u"crossMarginSummary"_s, u"crossMaintenanceMarginUsed"_s, u"withdrawable"_s,
                      u"assetPositions"_s, u"time"_s }));
    checkSummary(state.value("marginSummary"_L1).toObject());
    checkSummary(state.value("crossMarginSummary"_L1).toObject());
    QVERIFY(isDecimalString(state.value("crossMaintenanceMarginUsed"_L1)));
    QVERIFY(isDecimalString(state.value("withdrawable"_L1)));
    QVERIFY(state.value("time"_L1).isDouble());
    QVERIFY(dec(state.value("marginSummary"_L1).toObject().value("accountValue"_L1)) > Decimal::fromRaw(90000, 0));
    const QJsonArray positions = state.value("assetPositions"_L1).toArray();
    QCOMPARE(positions.size(), 2); // BTC long and ETH short from the seeded history
    for (const QJsonValue &entry : positions) {
        QCOMPARE(entry.toObject().value("type"_L1).toString(), u"oneWay"_s);
        const QJsonObject position = entry.toObject().value("position"_L1).toObject();
        QCOMPARE(
            keysOf(position),
            sorted({ u"coin"_s, u"szi"_s, u"leverage"_s, u"entryPx"_s, u"positionValue"_s, u"unrealizedPnl"_s,
                     u"returnOnEquity"_s, u"liquidationPx"_s, u"marginUsed"_s, u"maxLeverage"_s, u"cumFunding"_s }));
        for (const char *key : { "szi", "entryPx", "positionValue", "unrealizedPnl", "returnOnEquity", "marginUsed" })
            QVERIFY2(isDecimalString(position.value(QLatin1StringView(key))), key);
        QVERIFY(position.value("liquidationPx"_L1).isNull() || isDecimalString(position.value("liquidationPx"_L1)));
        const QJsonObject leverage = position.value("leverage"_L1).toObject();
        QCOMPARE(leverage.value("type"_L1).toString(), u"cross"_s);
        QVERIFY(leverage.value("value"_L1).isDouble() && leverage.value("value"_L1).toInt() > 0);
        QVERIFY(position.value("maxLeverage"_L1).toInt() >= leverage.value("value"_L1).toInt());
        const QJsonObject funding = position.value("cumFunding"_L1).toObject();
        QCOMPARE(keysOf(funding), sorted({ u"allTime"_s, u"sinceOpen"_s, u"sinceChange"_s }));
    }
    QCOMPARE(positionOf(state, u"BTC"_s).value("szi"_L1).toString(), u"0.04"_s);
    QCOMPARE(positionOf(state, u"ETH"_s).value("szi"_L1).toString(), u"-0.6"_s);
}

void TestHyperliquidTrader::spotClearinghouseStateShape()
{
    const QJsonObject spot = postFor(u"spotClearinghouseState"_s, m_user).object();
    QCOMPARE(keysOf(spot), QStringList { u"balances"_s });
    QStringList coins;
    for (const QJsonValue &entry : spot.value("balances"_L1).toArray()) {
        const QJsonObject balance = entry.toObject();
        QCOMPARE(keysOf(balance), sorted({ u"coin"_s, u"token"_s, u"total"_s, u"hold"_s, u"entryNtl"_s }));
        QVERIFY(balance.value("token"_L1).isDouble());
        QVERIFY(isDecimalString(balance.value("total"_L1)));
        QCOMPARE(balance.value("hold"_L1).toString(), u"0.0"_s); // no resting orders yet
        QVERIFY(isDecimalString(balance.value("entryNtl"_L1)));
        coins << balance.value("coin"_L1).toString();
    }
    QCOMPARE(coins, QStringList({ u"USDC"_s, u"HYPE"_s, u"PURR"_s }));

    // A resting spot bid holds its quote.
    QVERIFY(m_emulator->placeOrder(m_user, u"@107"_s, true, u"30.0"_s, u"10"_s) != 0);
    const QJsonObject usdc
        = postFor(u"spotClearinghouseState"_s, m_user).object().value("balances"_L1).toArray().at(0).toObject();
    QCOMPARE(usdc.value("hold"_L1).toString(), u"300.0"_s);
}

void TestHyperliquidTrader::openOrdersShapes()
{
    const QString cloid = u"0x0123456789abcdef0123456789abcdef"_s;
    const qint64 withCloid = m_emulator->placeOrder(m_user, u"BTC"_s, true, u"90000"_s, u"0.01"_s, cloid);
    const qint64 plain = m_emulator->placeOrder(m_user, u"ETH"_s, false, u"3500.5"_s, u"0.25"_s);
    QVERIFY(isOid(withCloid) && isOid(plain) && withCloid != plain);
    QCOMPARE(m_emulator->placeOrder(m_user, u"BTC"_s, true, u"90000.5"_s, u"0.01"_s), 0); // off the tick

    const QJsonArray frontend = postFor(u"frontendOpenOrders"_s, m_user).array();
    QCOMPARE(frontend.size(), 2);
    const QJsonObject newest = frontend.at(0).toObject(); // newest first
    QCOMPARE(keysOf(newest),
             sorted({ u"coin"_s, u"side"_s, u"limitPx"_s, u"sz"_s, u"oid"_s, u"timestamp"_s, u"triggerCondition"_s,
                      u"isTrigger"_s, u"triggerPx"_s, u"children"_s, u"isPositionTpsl"_s, u"reduceOnly"_s,
                      u"orderType"_s, u"origSz"_s, u"tif"_s, u"cloid"_s }));
    QCOMPARE(newest.value("oid"_L1).toInteger(), plain);
    QCOMPARE(newest.value("coin"_L1).toString(), u"ETH"_s);
    QCOMPARE(newest.value("side"_L1).toString(), u"A"_s);
    QCOMPARE(newest.value("limitPx"_L1).toString(), u"3500.5"_s);
    QCOMPARE(newest.value("sz"_L1).toString(), u"0.25"_s);
    QCOMPARE(newest.value("origSz"_L1).toString(), u"0.25"_s);
    QCOMPARE(newest.value("triggerCondition"_L1).toString(), u"N/A"_s);
    QCOMPARE(newest.value("isTrigger"_L1).toBool(true), false);
    QCOMPARE(newest.value("orderType"_L1).toString(), u"Limit"_s);
    QVERIFY(newest.value("tif"_L1) == "Gtc"_L1 || newest.value("tif"_L1) == "Alo"_L1);
    QVERIFY(newest.value("children"_L1).isArray());
    QVERIFY(newest.value("cloid"_L1).isNull());
    QCOMPARE(frontend.at(1).toObject().value("cloid"_L1).toString(), cloid);
    QCOMPARE(frontend.at(1).toObject().value("limitPx"_L1).toString(), u"90000.0"_s);

    const QJsonArray plainOrders = postFor(u"openOrders"_s, m_user).array();
    QCOMPARE(plainOrders.size(), 2);
    QCOMPARE(keysOf(plainOrders.at(0).toObject()),
             sorted({ u"coin"_s, u"limitPx"_s, u"oid"_s, u"side"_s, u"sz"_s, u"timestamp"_s, u"origSz"_s }));
    QCOMPARE(plainOrders.at(1).toObject().value("cloid"_L1).toString(), cloid);
}

void TestHyperliquidTrader::userFillsNewestFirstWithEveryField()
{
    const QJsonArray fills = postFor(u"userFills"_s, m_user).array();
    QCOMPARE(fills.size(), 4); // the seeded history: BTC, ETH, HYPE, PURR
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue &entry : fills) {
        const QJsonObject fill = entry.toObject();
        checkFill(fill, fill.contains("cloid"_L1));
        QVERIFY(fill.value("time"_L1).toInteger() <= previous);
        previous = fill.value("time"_L1).toInteger();
    }
    QCOMPARE(fills.last().toObject().value("coin"_L1).toString(), u"BTC"_s); // the oldest
    QCOMPARE(fills.last().toObject().value("dir"_L1).toString(), u"Open Long"_s);
    QCOMPARE(fills.at(2).toObject().value("dir"_L1).toString(), u"Open Short"_s);
    QCOMPARE(fills.at(0).toObject().value("dir"_L1).toString(), u"Buy"_s); // spot
}

void TestHyperliquidTrader::fundingAndLedgerHistory()
{
    QVERIFY(postFor(u"userFunding"_s, m_user, ",\"startTime\":0").array().isEmpty());
    QVERIFY(m_emulator->payFunding(m_user));
    const QJsonArray funding = postFor(u"userFunding"_s, m_user, ",\"startTime\":0").array();
    QCOMPARE(funding.size(), 2); // BTC and ETH
    for (const QJsonValue &entry : funding) {
        const QJsonObject update = entry.toObject();
        QCOMPARE(keysOf(update), sorted({ u"time"_s, u"hash"_s, u"delta"_s }));
        const QJsonObject delta = update.value("delta"_L1).toObject();
        QCOMPARE(keysOf(delta), sorted({ u"type"_s, u"coin"_s, u"usdc"_s, u"szi"_s, u"fundingRate"_s, u"nSamples"_s }));
        QCOMPARE(delta.value("type"_L1).toString(), u"funding"_s);
        QVERIFY(isDecimalString(delta.value("usdc"_L1)) && isDecimalString(delta.value("fundingRate"_L1)));
    }
    const qint64 future = QDateTime::currentMSecsSinceEpoch() + 3'600'000;
    QVERIFY(postFor(u"userFunding"_s, m_user, ",\"startTime\":" + QByteArray::number(future)).array().isEmpty());

    const QJsonArray ledger = postFor(u"userNonFundingLedgerUpdates"_s, m_user, ",\"startTime\":0").array();
    QCOMPARE(ledger.size(), 1);
    const QJsonObject deposit = ledger.at(0).toObject();
    QVERIFY(deposit.value("time"_L1).isDouble());
    QVERIFY(deposit.value("hash"_L1).toString().startsWith("0x"_L1));
    QCOMPARE(deposit.value("delta"_L1).toObject().value("type"_L1).toString(), u"deposit"_s);
    QVERIFY(isDecimalString(deposit.value("delta"_L1).toObject().value("usdc"_L1)));
    int status = 0;
    post("{\"type\":\"userFunding\",\"user\":\"" + m_user.toUtf8() + "\"}", &status); // startTime is required
    QCOMPARE(status, 422);
}

void TestHyperliquidTrader::orderStatusAfterTheOrderEnded()
{
    const qint64 oid = m_emulator->placeOrder(m_user, u"ETH"_s, true, u"3000"_s, u"0.5"_s);
    auto status = [&] { return postFor(u"orderStatus"_s, m_user, ",\"oid\":" + QByteArray::number(oid)).object(); };
    QJsonObject open = status();
    QCOMPARE(open.value("status"_L1).toString(), u"order"_s);
    QCOMPARE(open.value("order"_L1).toObject().value("status"_L1).toString(), u"open"_s);
    QVERIFY(open.value("order"_L1).toObject().value("statusTimestamp"_L1).isDouble());
    const QJsonObject order = open.value("order"_L1).toObject().value("order"_L1).toObject();
    QCOMPARE(order.value("oid"_L1).toInteger(), oid);
    QCOMPARE(order.value("orderType"_L1).toString(), u"Limit"_s); // frontendOpenOrders-shaped

    QVERIFY(m_emulator->fillOrder(m_user, oid, u"0.5"_s));
    const QJsonObject filled = status();
    QCOMPARE(filled.value("order"_L1).toObject().value("status"_L1).toString(), u"filled"_s);
    QCOMPARE(filled.value("order"_L1).toObject().value("order"_L1).toObject().value("sz"_L1).toString(), u"0.0"_s);

    const qint64 canceled = m_emulator->placeOrder(m_user, u"ETH"_s, true, u"3000"_s, u"0.5"_s);
    QVERIFY(m_emulator->cancelOrder(m_user, canceled));
    QCOMPARE(postFor(u"orderStatus"_s, m_user, ",\"oid\":" + QByteArray::number(canceled))
                 .object()
                 .value("order"_L1)
                 .toObject()
                 .value("status"_L1)
                 .toString(),
             u"canceled"_s);
    // By cloid (the oid field holds it as a string).
    const QString cloid = u"0x00000000000000000000000000c10d01"_s;
    const qint64 byCloid = m_emulator->placeOrder(m_user, u"BTC"_s, false, u"99999"_s, u"0.001"_s, cloid);
    QVERIFY(m_emulator->cancelOrder(m_user, byCloid));
    const QJsonObject cloidStatus = postFor(u"orderStatus"_s, m_user, ",\"oid\":\"" + cloid.toUtf8() + '"').object();
    QCOMPARE(cloidStatus.value("order"_L1).toObject().value("order"_L1).toObject().value("oid"_L1).toInteger(),
             byCloid);
    QCOMPARE(cloidStatus.value("order"_L1).toObject().value("status"_L1).toString(), u"canceled"_s);
    QCOMPARE(postFor(u"orderStatus"_s, m_user, ",\"oid\":123").object(),
             QJsonObject({ { u"status"_s, u"unknownOid"_s } }));
    // Another user's oid is unknown to this one.
    QCOMPARE(postFor(u"orderStatus"_s, kSecondTrader, ",\"oid\":" + QByteArray::number(oid))
                 .object()
                 .value("status"_L1)
                 .toString(),
             u"unknownOid"_s);
}

void TestHyperliquidTrader::infoOverWebSocketPost()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    client.send(R"({"method":"post","id":9,"request":{"type":"info","payload":{"type":"clearinghouseState","user":")"
                + m_user.toUtf8() + "\"}}}");
    const qsizetype at = client.waitForChannel(u"post"_s);
    QVERIFY(at >= 0);
    const QJsonObject data = client.object(at).value("data"_L1).toObject();
    QCOMPARE(data.value("id"_L1).toInt(), 9);
    const QJsonObject response = data.value("response"_L1).toObject();
    QCOMPARE(response.value("type"_L1).toString(), u"info"_s);
    QCOMPARE(response.value("payload"_L1).toObject().value("type"_L1).toString(), u"clearinghouseState"_s);
    const QJsonObject state = response.value("payload"_L1).toObject().value("data"_L1).toObject();
    QCOMPARE(positionOf(state, u"BTC"_s).value("szi"_L1).toString(), u"0.04"_s);
}

void TestHyperliquidTrader::unknownAddressIsEmpty()
{
    const QJsonObject state = postFor(u"clearinghouseState"_s, kStranger).object();
    QVERIFY(state.value("assetPositions"_L1).isArray());
    QVERIFY(state.value("assetPositions"_L1).toArray().isEmpty());
    QCOMPARE(state.value("marginSummary"_L1).toObject().value("accountValue"_L1).toString(), u"0.0"_s);
    QCOMPARE(state.value("withdrawable"_L1).toString(), u"0.0"_s);
    QCOMPARE(postFor(u"spotClearinghouseState"_s, kStranger).object(),
             QJsonObject({ { u"balances"_s, QJsonArray() } }));
    QVERIFY(postFor(u"openOrders"_s, kStranger).array().isEmpty());
    QVERIFY(postFor(u"frontendOpenOrders"_s, kStranger).array().isEmpty());
    QVERIFY(postFor(u"userFills"_s, kStranger).isArray());
    QVERIFY(postFor(u"userFills"_s, kStranger).array().isEmpty());
    QVERIFY(postFor(u"userNonFundingLedgerUpdates"_s, kStranger, ",\"startTime\":0").array().isEmpty());
    int status = 0;
    post(R"({"type":"clearinghouseState","user":"0x12"})", &status);
    QCOMPARE(status, 422);

    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!client.subscribe("{\"type\":\"userFills\",\"user\":\"" + kStranger.toUtf8() + "\"}").isEmpty());
    const qsizetype at = client.waitForChannel(u"userFills"_s);
    QVERIFY(at >= 0);
    const QJsonObject data = client.object(at).value("data"_L1).toObject();
    QCOMPARE(data.value("isSnapshot"_L1).toBool(), true);
    QCOMPARE(data.value("user"_L1).toString(), kStranger);
    QVERIFY(data.value("fills"_L1).toArray().isEmpty());
}

void TestHyperliquidTrader::userFillsSnapshotThenLive()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    // An upper-case address is the same user; the server echoes it in lower case.
    const QString upper = u"0x"_s + m_user.mid(2).toUpper();
    const QJsonObject ack = client.subscribe("{\"type\":\"userFills\",\"user\":\"" + upper.toUtf8() + "\"}");
    QCOMPARE(ack.value("user"_L1).toString(), m_user);
    QCOMPARE(ack.value("aggregateByTime"_L1).toBool(true), false);
    const qsizetype first = client.waitForChannel(u"userFills"_s);
    QVERIFY(first >= 0);
    const QJsonObject snapshot = client.object(first).value("data"_L1).toObject();
    QCOMPARE(snapshot.value("isSnapshot"_L1).toBool(), true);
    QCOMPARE(snapshot.value("user"_L1).toString(), m_user);
    QCOMPARE(snapshot.value("fills"_L1).toArray(), m_emulator->traderSnapshot(m_user).value("fills"_L1).toArray());

    const qint64 oid = m_emulator->placeOrder(m_user, u"BTC"_s, false, u"99000"_s, u"0.002"_s);
    QVERIFY(m_emulator->fillOrder(m_user, oid, u"0.002"_s));
    const qsizetype live = client.waitForChannel(u"userFills"_s, first + 1);
    QVERIFY(live >= 0);
    const QJsonObject data = client.object(live).value("data"_L1).toObject();
    QVERIFY(!data.contains("isSnapshot"_L1)); // later frames leave the key out
    QCOMPARE(data.value("user"_L1).toString(), m_user);
    const QJsonArray fills = data.value("fills"_L1).toArray();
    QCOMPARE(fills.size(), 1);
    checkFill(fills.at(0).toObject(), false);
    QCOMPARE(fills.at(0).toObject().value("oid"_L1).toInteger(), oid);
    QCOMPARE(fills.at(0).toObject().value("dir"_L1).toString(), u"Close Long"_s);
    QCOMPARE(fills.at(0).toObject().value("startPosition"_L1).toString(), u"0.04"_s);
    QVERIFY(dec(fills.at(0).toObject().value("closedPnl"_L1)) != Decimal()); // sold above the entry
}

void TestHyperliquidTrader::orderLifecycleFilled()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray user = m_user.toUtf8();
    QVERIFY(!client.subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"userEvents\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"clearinghouseState\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(client.waitForChannel(u"clearinghouseState"_s) >= 0);
    QVERIFY(client.waitFor([](const QJsonObject &f) { return f.value("channel"_L1) == "orderUpdates"_L1; }, 0, 200)
            < 0); // no snapshot on orderUpdates
    QVERIFY(client.waitForChannel(u"user"_s, 0, 100) < 0); // nor on userEvents

    const QString cloid = u"0xa1f0cddc17303d07f3fd128d5b35071d"_s;
    const qint64 oid = m_emulator->placeOrder(m_user, u"BTC"_s, true, u"95000"_s, u"0.01"_s, cloid);
    QVERIFY(oid != 0);
    auto updateFor = [oid](const QString &status) {
        return [oid, status](const QJsonObject &f) {
            if (f.value("channel"_L1) != "orderUpdates"_L1)
                return false;
            for (const QJsonValue &u : f.value("data"_L1).toArray()) {
                const QJsonObject update = u.toObject();
                if (update.value("order"_L1).toObject().value("oid"_L1).toInteger() == oid
                    && update.value("status"_L1).toString() == status)
                    return true;
            }
            return false;
        };
    };
    const qsizetype open = client.waitFor(updateFor(u"open"_s));
    QVERIFY(open >= 0);
    const QJsonObject openUpdate = client.object(open).value("data"_L1).toArray().at(0).toObject();
    QCOMPARE(keysOf(openUpdate), sorted({ u"order"_s, u"status"_s, u"statusTimestamp"_s }));
    const QJsonObject openOrder = openUpdate.value("order"_L1).toObject();
    QCOMPARE(
        keysOf(openOrder),
        sorted({ u"coin"_s, u"side"_s, u"limitPx"_s, u"sz"_s, u"oid"_s, u"timestamp"_s, u"origSz"_s, u"cloid"_s }));
    QCOMPARE(openOrder.value("side"_L1).toString(), u"B"_s);
    QCOMPARE(openOrder.value("limitPx"_L1).toString(), u"95000.0"_s);
    QCOMPARE(openOrder.value("sz"_L1).toString(), u"0.01"_s);
    QCOMPARE(openOrder.value("cloid"_L1).toString(), cloid);

    // A partial fill: a fill on the user channel, the order still open.
    qsizetype mark = client.frames.size();
    QVERIFY(m_emulator->fillOrder(m_user, oid, u"0.004"_s));
    const qsizetype partial = client.waitForChannel(u"user"_s, mark);
    QVERIFY(partial >= 0);
    const QJsonObject event = client.object(partial).value("data"_L1).toObject();
    QCOMPARE(event.keys(), QStringList { u"fills"_s }); // exactly one key per frame
    const QJsonObject fill = event.value("fills"_L1).toArray().at(0).toObject();
    checkFill(fill, true);
    QCOMPARE(fill.value("sz"_L1).toString(), u"0.004"_s);
    QCOMPARE(fill.value("px"_L1).toString(), u"95000.0"_s);
    QCOMPARE(fill.value("side"_L1).toString(), u"B"_s);
    QCOMPARE(fill.value("dir"_L1).toString(), u"Open Long"_s);
    QCOMPARE(fill.value("startPosition"_L1).toString(), u"0.04"_s);
    QCOMPARE(fill.value("cloid"_L1).toString(), cloid);
    QCOMPARE(fill.value("crossed"_L1).toBool(true), false);
    QVERIFY(client.waitFor(updateFor(u"filled"_s), mark, 200) < 0);
    QCOMPARE(m_emulator->traderSnapshot(m_user).value("openOrders"_L1).toArray().at(0).toObject().value("sz"_L1),
             QJsonValue(u"0.006"_s));
    QVERIFY(!m_emulator->fillOrder(m_user, oid, u"0.007"_s)); // more than remains

    // The rest: filled with sz "0.0", the position grew to 0.05 and clearinghouseState says so.
    mark = client.frames.size();
    QVERIFY(m_emulator->fillOrder(m_user, oid, u"0.006"_s));
    const qsizetype filled = client.waitFor(updateFor(u"filled"_s), mark);
    QVERIFY(filled >= 0);
    const QJsonObject filledOrder = client.object(filled).value("data"_L1).toArray().at(0).toObject();
    QCOMPARE(filledOrder.value("order"_L1).toObject().value("sz"_L1).toString(), u"0.0"_s);
    QCOMPARE(filledOrder.value("order"_L1).toObject().value("origSz"_L1).toString(), u"0.01"_s);
    const qsizetype state = client.waitFor(
        [](const QJsonObject &f) {
            return f.value("channel"_L1) == "clearinghouseState"_L1
                && positionOf(f.value("data"_L1).toObject().value("clearinghouseState"_L1).toObject(), u"BTC"_s)
                       .value("szi"_L1)
                == "0.05"_L1;
        },
        mark);
    QVERIFY(state >= 0);
    const QJsonObject stateData = client.object(state).value("data"_L1).toObject();
    QCOMPARE(stateData.value("dex"_L1).toString(u"?"_s), QString());
    QCOMPARE(stateData.value("user"_L1).toString(), m_user);

    const QJsonObject snapshot = m_emulator->traderSnapshot(m_user);
    QVERIFY(snapshot.value("openOrders"_L1).toArray().isEmpty());
    QSet<qint64> tids;
    for (const QJsonValue &f : snapshot.value("fills"_L1).toArray())
        tids.insert(f.toObject().value("tid"_L1).toInteger());
    QCOMPARE(tids.size(), 6); // 4 seeded + 2 fills, every tid distinct
    QCOMPARE(positionOf(snapshot.value("clearinghouseState"_L1).toObject(), u"BTC"_s).value("szi"_L1).toString(),
             u"0.05"_s);
    QVERIFY(!m_emulator->fillOrder(m_user, oid, u"0.001"_s)); // it ended
}

void TestHyperliquidTrader::orderLifecycleCanceled()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!client.subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + m_user.toUtf8() + "\"}").isEmpty());
    const qint64 oid = m_emulator->placeOrder(m_user, u"ETH"_s, false, u"3600"_s, u"0.3"_s);
    QVERIFY(m_emulator->fillOrder(m_user, oid, u"0.1"_s));
    QVERIFY(m_emulator->cancelOrder(m_user, oid));
    QVERIFY(!m_emulator->cancelOrder(m_user, oid));
    const qsizetype canceled = client.waitFor([](const QJsonObject &f) {
        return f.value("channel"_L1) == "orderUpdates"_L1
            && f.value("data"_L1).toArray().at(0).toObject().value("status"_L1) == "canceled"_L1;
    });
    QVERIFY(canceled >= 0);
    const QJsonObject update = client.object(canceled).value("data"_L1).toArray().at(0).toObject();
    QCOMPARE(update.value("order"_L1).toObject().value("oid"_L1).toInteger(), oid);
    QCOMPARE(update.value("order"_L1).toObject().value("sz"_L1).toString(), u"0.2"_s); // the unfilled remainder
    QCOMPARE(update.value("order"_L1).toObject().value("origSz"_L1).toString(), u"0.3"_s);
    QVERIFY(!update.value("order"_L1).toObject().contains("cloid"_L1)); // absent without one
    // open, then canceled: exactly two updates for this order.
    int updates = 0;
    for (qsizetype i = 0; i < client.frames.size(); ++i) {
        if (client.object(i).value("channel"_L1) == "orderUpdates"_L1)
            ++updates;
    }
    QCOMPARE(updates, 2);
}

void TestHyperliquidTrader::venueCancelIsNonUserCancel()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!client.subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + m_user.toUtf8() + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"userEvents\",\"user\":\"" + m_user.toUtf8() + "\"}").isEmpty());
    const qint64 oid = m_emulator->placeOrder(m_user, u"PURR/USDC"_s, false, u"0.2"_s, u"100"_s);
    QVERIFY(m_emulator->venueCancelOrder(m_user, oid));
    const qsizetype at = client.waitForChannel(u"user"_s);
    QVERIFY(at >= 0);
    QCOMPARE(client.object(at).value("data"_L1).toObject(),
             QJsonObject({ { u"nonUserCancel"_s,
                             QJsonArray { QJsonObject { { u"coin"_s, u"PURR/USDC"_s }, { u"oid"_s, oid } } } } }));
    QVERIFY(client.waitFor([](const QJsonObject &f) {
        return f.value("data"_L1).toArray().at(0).toObject().value("status"_L1) == "canceled"_L1;
    }) >= 0);
}

void TestHyperliquidTrader::fundingStreams()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray user = m_user.toUtf8();
    QVERIFY(!client.subscribe("{\"type\":\"userFundings\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"userNonFundingLedgerUpdates\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"userEvents\",\"user\":\"" + user + "\"}").isEmpty());
    const qsizetype fundings = client.waitForChannel(u"userFundings"_s);
    QVERIFY(fundings >= 0);
    const QJsonObject fundingSnapshot = client.object(fundings).value("data"_L1).toObject();
    QCOMPARE(fundingSnapshot.value("isSnapshot"_L1).toBool(), true);
    QCOMPARE(fundingSnapshot.value("user"_L1).toString(), m_user);
    QVERIFY(fundingSnapshot.value("fundings"_L1).toArray().isEmpty());
    const qsizetype ledger = client.waitForChannel(u"userNonFundingLedgerUpdates"_s);
    QVERIFY(ledger >= 0);
    const QJsonObject ledgerSnapshot = client.object(ledger).value("data"_L1).toObject();
    QCOMPARE(ledgerSnapshot.value("isSnapshot"_L1).toBool(), true);
    const QJsonArray updates = ledgerSnapshot.value("nonFundingLedgerUpdates"_L1).toArray();
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).toObject().value("delta"_L1).toObject().value("type"_L1).toString(), u"deposit"_s);

    const qsizetype mark = client.frames.size();
    QVERIFY(m_emulator->payFunding(m_user));
    const qsizetype event = client.waitForChannel(u"user"_s, mark);
    QVERIFY(event >= 0);
    const QJsonObject data = client.object(event).value("data"_L1).toObject();
    QCOMPARE(data.keys(), QStringList { u"funding"_s });
    const QJsonObject funding = data.value("funding"_L1).toObject();
    QCOMPARE(keysOf(funding), sorted({ u"time"_s, u"coin"_s, u"usdc"_s, u"szi"_s, u"fundingRate"_s, u"nSamples"_s }));
    QVERIFY(isDecimalString(funding.value("usdc"_L1)) && isDecimalString(funding.value("szi"_L1)));
    const qsizetype live = client.waitForChannel(u"userFundings"_s, mark);
    QVERIFY(live >= 0);
    QVERIFY(!client.object(live).value("data"_L1).toObject().contains("isSnapshot"_L1));
    QCOMPARE(client.object(live).value("data"_L1).toObject().value("fundings"_L1).toArray().size(), 1);
    // A deposit is a live ledger frame, without isSnapshot.
    const qsizetype beforeDeposit = client.frames.size();
    QVERIFY(m_emulator->deposit(m_user, u"1234.5"_s));
    const qsizetype ledgerLive = client.waitForChannel(u"userNonFundingLedgerUpdates"_s, beforeDeposit);
    QVERIFY(ledgerLive >= 0);
    const QJsonObject ledgerData = client.object(ledgerLive).value("data"_L1).toObject();
    QVERIFY(!ledgerData.contains("isSnapshot"_L1));
    const QJsonObject delta
        = ledgerData.value("nonFundingLedgerUpdates"_L1).toArray().at(0).toObject().value("delta"_L1).toObject();
    QCOMPARE(delta, QJsonObject({ { u"type"_s, u"deposit"_s }, { u"usdc"_s, u"1234.5"_s } }));
    // The position's cumulative funding moved.
    const QJsonObject btc
        = positionOf(m_emulator->traderSnapshot(m_user).value("clearinghouseState"_L1).toObject(), u"BTC"_s);
    QVERIFY(dec(btc.value("cumFunding"_L1).toObject().value("allTime"_L1)) != Decimal());
}

void TestHyperliquidTrader::clearinghouseSpotAndAssetDataStreams()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray user = m_user.toUtf8();
    QVERIFY(!client.subscribe("{\"type\":\"spotState\",\"user\":\"" + user + "\"}").isEmpty());
    const qsizetype spot = client.waitForChannel(u"spotState"_s);
    QVERIFY(spot >= 0);
    QCOMPARE(client.object(spot).value("data"_L1).toObject().value("user"_L1).toString(), m_user);
    QCOMPARE(client.object(spot).value("data"_L1).toObject().value("spotState"_L1).toObject(),
             m_emulator->traderSnapshot(m_user).value("spotClearinghouseState"_L1).toObject());
    const qsizetype mark = client.frames.size();
    QVERIFY(m_emulator->placeOrder(m_user, u"PURR/USDC"_s, false, u"0.2"_s, u"100"_s) != 0);
    const qsizetype held = client.waitFor(
        [](const QJsonObject &f) {
            for (const QJsonValue &b :
                 f.value("data"_L1).toObject().value("spotState"_L1).toObject().value("balances"_L1).toArray()) {
                if (b.toObject().value("coin"_L1) == "PURR"_L1 && b.toObject().value("hold"_L1) == "100.0"_L1)
                    return true;
            }
            return false;
        },
        mark);
    QVERIFY(held >= 0);

    const QJsonObject ack
        = client.subscribe("{\"type\":\"activeAssetData\",\"user\":\"" + user + "\",\"coin\":\"BTC\"}");
    QCOMPARE(ack.value("coin"_L1).toString(), u"BTC"_s);
    const qsizetype asset = client.waitForChannel(u"activeAssetData"_s);
    QVERIFY(asset >= 0);
    const QJsonObject data = client.object(asset).value("data"_L1).toObject();
    QCOMPARE(keysOf(data),
             sorted({ u"user"_s, u"coin"_s, u"leverage"_s, u"maxTradeSzs"_s, u"availableToTrade"_s, u"markPx"_s }));
    QCOMPARE(data.value("leverage"_L1).toObject().value("type"_L1).toString(), u"cross"_s);
    QCOMPARE(data.value("maxTradeSzs"_L1).toArray().size(), 2);
    QVERIFY(isDecimalString(data.value("maxTradeSzs"_L1).toArray().at(0)));
    QVERIFY(dec(data.value("availableToTrade"_L1).toArray().at(1)) > Decimal());
    QVERIFY(isDecimalString(data.value("markPx"_L1)));
    // Perps only.
    const qsizetype before = client.frames.size();
    client.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"activeAssetData\",\"user\":\"" + user
                + "\",\"coin\":\"@107\"}}");
    QVERIFY(client.waitForChannel(u"error"_s, before) >= 0);
}

void TestHyperliquidTrader::webData2IsRefused()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    client.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"webData2\",\"user\":\"" + m_user.toUtf8()
                + "\"}}");
    const qsizetype at = client.waitForChannel(u"error"_s);
    QVERIFY(at >= 0);
    QVERIFY(client.object(at).value("data"_L1).toString().startsWith(
        "Error parsing JSON into valid websocket request: "_L1));
}

void TestHyperliquidTrader::twoTradersDoNotSeeEachOther()
{
    Client first(m_emulator->wsUrl());
    Client second(m_emulator->wsUrl());
    QVERIFY(first.waitConnected() && second.waitConnected());
    for (const char *type : { "userFills", "orderUpdates", "userEvents", "clearinghouseState" }) {
        const QByteArray t(type);
        QVERIFY(!first.subscribe("{\"type\":\"" + t + "\",\"user\":\"" + m_user.toUtf8() + "\"}").isEmpty());
        QVERIFY(!second.subscribe("{\"type\":\"" + t + "\",\"user\":\"" + kSecondTrader.toUtf8() + "\"}").isEmpty());
    }
    QVERIFY(first.waitForChannel(u"clearinghouseState"_s) >= 0);
    QVERIFY(second.waitForChannel(u"clearinghouseState"_s) >= 0);
    const qsizetype firstMark = first.frames.size();
    const qsizetype secondMark = second.frames.size();

    const qint64 oid = m_emulator->placeOrder(kSecondTrader, u"SOL"_s, true, u"150"_s, u"2"_s);
    QVERIFY(oid != 0);
    QVERIFY(m_emulator->fillOrder(kSecondTrader, oid, u"2"_s));
    const QByteArray needle = QByteArray::number(oid);
    QVERIFY(second.waitFor([](const QJsonObject &f) { return f.value("channel"_L1) == "user"_L1; }, secondMark) >= 0);
    QVERIFY(second.waitFor(
                [](const QJsonObject &f) {
                    return f.value("channel"_L1) == "orderUpdates"_L1
                        && f.value("data"_L1).toArray().at(0).toObject().value("status"_L1) == "filled"_L1;
                },
                secondMark)
            >= 0);
    QVERIFY(second.waitFor(
                [](const QJsonObject &f) {
                    return f.value("channel"_L1) == "clearinghouseState"_L1
                        && !positionOf(f.value("data"_L1).toObject().value("clearinghouseState"_L1).toObject(),
                                       u"SOL"_s)
                                .isEmpty();
                },
                secondMark)
            >= 0);
    QTest::qWait(200);
    for (qsizetype i = firstMark; i < first.frames.size(); ++i) {
        QVERIFY2(!first.frames[i].contains(needle), first.frames[i].constData());
        const QJsonObject frame = first.object(i);
        if (frame.value("channel"_L1) == "clearinghouseState"_L1) {
            QVERIFY(positionOf(frame.value("data"_L1).toObject().value("clearinghouseState"_L1).toObject(), u"SOL"_s)
                        .isEmpty());
        }
    }
    // And the second trader's account really is separate.
    QVERIFY(postFor(u"userFills"_s, m_user).array().size() == 4);
    const QJsonArray secondFills = postFor(u"userFills"_s, kSecondTrader).array();
    QCOMPARE(secondFills.at(0).toObject().value("oid"_L1).toInteger(), oid);
    QCOMPARE(secondFills.at(0).toObject().value("dir"_L1).toString(), u"Open Long"_s);
}

void TestHyperliquidTrader::unsubscribeStopsAccountFrames()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray subscription = "{\"type\":\"orderUpdates\",\"user\":\"" + m_user.toUtf8() + "\"}";
    QVERIFY(!client.subscribe(subscription).isEmpty());
    const qsizetype before = client.frames.size();
    client.send("{\"method\":\"unsubscribe\",\"subscription\":" + subscription + '}');
    const qsizetype ack = client.waitForChannel(u"subscriptionResponse"_s, before);
    QVERIFY(ack >= 0);
    QCOMPARE(client.object(ack).value("data"_L1).toObject().value("method"_L1).toString(), u"unsubscribe"_s);
    const qsizetype mark = client.frames.size();
    QVERIFY(m_emulator->placeOrder(m_user, u"BTC"_s, true, u"90000"_s, u"0.01"_s) != 0);
    QVERIFY(client.waitForChannel(u"orderUpdates"_s, mark, 300) < 0);
}

void TestHyperliquidTrader::automaticTraderTrades()
{
    HyperliquidEmulator::Options options;
    options.seed = 3;
    options.bookIntervalMs = 30;
    options.tradeIntervalMs = 10;
    options.traderIntervalMs = 50;
    HyperliquidEmulator emulator(options);
    QVERIFY(emulator.listen());
    Client client(emulator.wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray user = HyperliquidEmulator::demoTraderAddress().toUtf8();
    QVERIFY(!client.subscribe("{\"type\":\"orderUpdates\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(!client.subscribe("{\"type\":\"userFills\",\"user\":\"" + user + "\"}").isEmpty());
    QVERIFY(client.waitForChannel(u"orderUpdates"_s) >= 0);
    const qsizetype snapshot = client.waitForChannel(u"userFills"_s);
    QVERIFY(snapshot >= 0);
    // Resting orders at the inside get crossed by the simulated flow within a few seconds.
    const qsizetype live = client.waitFor(
        [](const QJsonObject &f) {
            return f.value("channel"_L1) == "userFills"_L1 && !f.value("data"_L1).toObject().contains("isSnapshot"_L1);
        },
        snapshot + 1, 20000);
    QVERIFY(live >= 0);
    checkFill(client.object(live).value("data"_L1).toObject().value("fills"_L1).toArray().at(0).toObject(),
              client.object(live)
                  .value("data"_L1)
                  .toObject()
                  .value("fills"_L1)
                  .toArray()
                  .at(0)
                  .toObject()
                  .contains("cloid"_L1));
    // Paused, it stops placing orders.
    emulator.setTraderAutomatic(false);
    QTest::qWait(100);
    const qsizetype paused = client.frames.size();
    QVERIFY(client.waitForChannel(u"orderUpdates"_s, paused, 400) < 0);
}

void TestHyperliquidTrader::sameSeedSameAccount()
{
    // Apart from times (the seeded history is dated relative to now), a seed reproduces the account.
    auto stripped = [](HyperliquidEmulator &emulator, const QString &user) {
        QJsonArray fills = emulator.traderSnapshot(user).value("fills"_L1).toArray();
        for (qsizetype i = 0; i < fills.size(); ++i) {
            QJsonObject fill = fills.at(i).toObject();
            fill.remove("time"_L1);
            fills.replace(i, fill);
        }
        return fills;
    };
    HyperliquidEmulator::Options options;
    options.seed = 11;
    options.traderAutomatic = false;
    options.traders = { HyperliquidEmulator::demoTraderAddress(), kSecondTrader };
    HyperliquidEmulator one(options);
    HyperliquidEmulator two(options);
    QCOMPARE(stripped(one, m_user), stripped(two, m_user));
    QCOMPARE(one.placeOrder(m_user, u"BTC"_s, true, u"90000"_s, u"0.01"_s),
             two.placeOrder(m_user, u"BTC"_s, true, u"90000"_s, u"0.01"_s));
    QVERIFY(stripped(one, m_user) != stripped(one, kSecondTrader)); // each address has its own generator
    options.seed = 12;
    HyperliquidEmulator other(options);
    QVERIFY(stripped(one, m_user) != stripped(other, m_user));
}

void TestHyperliquidTrader::demoTraderKeepsABoundedFundingAndLedger()
{
    // One funding entry per open position per funding interval and a deposit now and then: a long demo session
    // must not keep them all (docs/reliability.md, "Heap profile"). The newest are kept.
    using tapescope::emulator::hyperliquid::HyperliquidDemoTrader;
    tapescope::emulator::hyperliquid::HyperliquidMarketSimulator simulator(7, {});
    HyperliquidDemoTrader trader(m_user, simulator, { 7, 1500, 60000, false });
    constexpr std::size_t extra = 10;
    QVERIFY(trader.payFunding());
    const std::size_t perPayment = trader.account().fundings.size(); // BTC and ETH
    QCOMPARE(perPayment, std::size_t(2));
    for (std::size_t i = 1; i < HyperliquidDemoTrader::KeptFundings / perPayment + extra; ++i)
        QVERIFY(trader.payFunding());
    QCOMPARE(trader.account().fundings.size(), HyperliquidDemoTrader::KeptFundings);
    for (std::size_t i = 0; i < HyperliquidDemoTrader::KeptLedgerEntries + extra; ++i)
        QVERIFY(trader.deposit(QString::number(i + 1)));
    const auto &ledger = trader.account().ledger;
    QCOMPARE(ledger.size(), HyperliquidDemoTrader::KeptLedgerEntries);
    // The seeded deposit and the first ones fell off; the last deposit is the newest entry.
    const auto usdc
        = [](std::size_t amount) { return QByteArray("\"usdc\":\"" + QByteArray::number(amount) + ".0\""); };
    QVERIFY2(ledger.back().delta.contains(usdc(HyperliquidDemoTrader::KeptLedgerEntries + extra)),
             ledger.back().delta.constData());
    QVERIFY2(ledger.front().delta.contains(usdc(extra + 1)), ledger.front().delta.constData());
}

QTEST_GUILESS_MAIN(TestHyperliquidTrader)
#include "tst_hyperliquid_trader.moc"
