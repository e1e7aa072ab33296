#include "core/Decimal.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "emulator/hyperliquid/HyperliquidFrames.h"
#include "emulator/hyperliquid/HyperliquidMarketSimulator.h"
#include "net/WebSocketSignals.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using tapescope::Decimal;
using tapescope::emulator::HyperliquidEmulator;

namespace {

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

} // namespace

class TestHyperliquidEmulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void subscribeAckEchoesNormalisedSubscription();
    void l2BookFramesAreWellFormedAndNeverCrossed();
    void fastBookHasFiveLevels();
    void duplicateSubscribeIsAlreadySubscribed();
    void unknownCoinIsInvalidSubscription();
    void unknownTypeIsParseError();
    void pingGetsPong();
    void tradesReplayRecentPrintsOnSubscribe();
    void candleStreamsTheCurrentBar();
    void unsubscribeStopsTheStream();
    void allMidsListsPerpsAndSpot();
    void perpAndSpotAssetContexts();
    void twoClientsSeeTheSameMarket();
    void restMeta();
    void restSpotMeta();
    void restCandleSnapshotJoinsTheLiveBar();
    void restBookAndErrors();
    void dropAllConnectionsClosesClients();
    void silentStopsPongs();
    void rejectConnectionsRefusesUpgrades();
    void sendRawToAllReachesClients();
    void burstSendsRequestedFrames();
    void sameSeedSameMarket();

private:
    QJsonDocument post(const QByteArray &body, int *status = nullptr);
    QByteArray subscribeAndAck(Client &client, const QByteArray &subscription);

    std::unique_ptr<HyperliquidEmulator> m_emulator;
    QNetworkAccessManager m_network;
};

void TestHyperliquidEmulator::init()
{
    HyperliquidEmulator::Options options;
    options.seed = 42;
    options.bookIntervalMs = 40; // fast timers keep the whole run short
    options.tradeIntervalMs = 20;
    options.midsIntervalMs = 60;
    options.ctxIntervalMs = 60;
    m_emulator = std::make_unique<HyperliquidEmulator>(options);
    QVERIFY(m_emulator->listen());
    QVERIFY(m_emulator->port() != 0);
    QCOMPARE(m_emulator->wsUrl().toString(), u"ws://127.0.0.1:%1/ws"_s.arg(m_emulator->port()));
    QCOMPARE(m_emulator->restBaseUrl().toString(), u"http://127.0.0.1:%1"_s.arg(m_emulator->port()));
}

void TestHyperliquidEmulator::cleanup()
{
    m_emulator.reset();
}

QJsonDocument TestHyperliquidEmulator::post(const QByteArray &body, int *status)
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
    const QByteArray payload = reply->readAll();
    if (payload == "null")
        return QJsonDocument(QJsonObject { { u"null"_s, true } }); // marks a literal null body
    return QJsonDocument::fromJson(payload);
}

QByteArray TestHyperliquidEmulator::subscribeAndAck(Client &client, const QByteArray &subscription)
{
    const qsizetype from = client.frames.size();
    client.send("{\"method\":\"subscribe\",\"subscription\":" + subscription + '}');
    const qsizetype ack = client.waitForChannel(u"subscriptionResponse"_s, from);
    return ack < 0 ? QByteArray() : client.frames.at(ack);
}

void TestHyperliquidEmulator::subscribeAckEchoesNormalisedSubscription()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QCOMPARE(m_emulator->clientCount(), 1);
    QCOMPARE(subscribeAndAck(client, R"({"type":"l2Book","coin":"BTC"})"),
             QByteArray(R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":)"
                        R"({"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}}})"));
    // Key order in the request does not matter; the echo is in the venue's order.
    QCOMPARE(subscribeAndAck(client, R"({"coin":"kPEPE","interval":"1m","type":"candle"})"),
             QByteArray(R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":)"
                        R"({"type":"candle","coin":"kPEPE","interval":"1m"}}})"));
    QVERIFY(m_emulator->receivedFrames().contains(
        R"({"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}})"));
}

void TestHyperliquidEmulator::l2BookFramesAreWellFormedAndNeverCrossed()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"l2Book","coin":"ETH"})").isEmpty());
    qsizetype from = 0;
    for (int frame = 0; frame < 8; ++frame) {
        const qsizetype index = client.waitForChannel(u"l2Book"_s, from);
        QVERIFY(index >= 0);
        from = index + 1;
        const QJsonObject data = client.object(index).value("data"_L1).toObject();
        QCOMPARE(data.value("coin"_L1).toString(), u"ETH"_s);
        QVERIFY(data.value("time"_L1).isDouble());
        QVERIFY(qAbs(data.value("time"_L1).toInteger() - QDateTime::currentMSecsSinceEpoch()) < 10'000);
        QVERIFY(!data.contains("fast"_L1));
        const QJsonArray levels = data.value("levels"_L1).toArray();
        QCOMPARE(levels.size(), 2);
        const QJsonArray bids = levels.at(0).toArray();
        const QJsonArray asks = levels.at(1).toArray();
        QCOMPARE(bids.size(), 20);
        QCOMPARE(asks.size(), 20);
        for (const QJsonArray &side : { bids, asks }) {
            for (const QJsonValue &level : side) {
                const QJsonObject l = level.toObject();
                QVERIFY2(isDecimalString(l.value("px"_L1)) && isDecimalString(l.value("sz"_L1)),
                         client.frames[index].constData());
                QVERIFY(dec(l.value("sz"_L1)) > Decimal());
                QVERIFY(l.value("n"_L1).isDouble() && l.value("n"_L1).toInteger() >= 1);
                // ETH ticks at 0.1: never more than one fraction digit, and the venue's ".0" spelling.
                QVERIFY(QRegularExpression(u"^\\d+\\.\\d$"_s).match(l.value("px"_L1).toString()).hasMatch());
            }
        }
        for (qsizetype i = 1; i < 20; ++i) {
            QVERIFY(dec(bids[i - 1].toObject().value("px"_L1)) > dec(bids[i].toObject().value("px"_L1)));
            QVERIFY(dec(asks[i - 1].toObject().value("px"_L1)) < dec(asks[i].toObject().value("px"_L1)));
        }
        QVERIFY2(dec(bids[0].toObject().value("px"_L1)) < dec(asks[0].toObject().value("px"_L1)), "crossed book");
    }
}

void TestHyperliquidEmulator::fastBookHasFiveLevels()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(subscribeAndAck(client, R"({"type":"l2Book","coin":"BTC","fast":true})").contains(R"("fast":true)"));
    const qsizetype index = client.waitForChannel(u"l2Book"_s);
    QVERIFY(index >= 0);
    const QJsonObject data = client.object(index).value("data"_L1).toObject();
    QCOMPARE(data.value("fast"_L1).toBool(), true);
    QCOMPARE(data.value("levels"_L1).toArray().at(0).toArray().size(), 5);
    QCOMPARE(data.value("levels"_L1).toArray().at(1).toArray().size(), 5);
}

void TestHyperliquidEmulator::duplicateSubscribeIsAlreadySubscribed()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"trades","coin":"BTC"})").isEmpty());
    client.send(R"({"method":"subscribe","subscription":{"coin":"BTC","type":"trades"}})");
    const qsizetype index = client.waitForChannel(u"error"_s);
    QVERIFY(index >= 0);
    QCOMPARE(client.frames.at(index),
             QByteArray(R"({"channel":"error","data":"Already subscribed: {\"type\":\"trades\",\"coin\":\"BTC\"}"})"));
}

void TestHyperliquidEmulator::unknownCoinIsInvalidSubscription()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    client.send(R"({"method":"subscribe","subscription":{"type":"candle","coin":"NOPE","interval":"1m"}})");
    const qsizetype index = client.waitForChannel(u"error"_s);
    QVERIFY(index >= 0);
    QCOMPARE(
        client.frames.at(index),
        QByteArray(
            R"({"channel":"error","data":"Invalid subscription {\"type\":\"candle\",\"coin\":\"NOPE\",\"interval\":\"1m\"}"})"));
    QCOMPARE(client.waitForChannel(u"subscriptionResponse"_s, 0, 200), -1);
}

void TestHyperliquidEmulator::unknownTypeIsParseError()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray request = R"({"method":"subscribe","subscription":{"type":"noSuchType","coin":"BTC"}})";
    client.send(request);
    client.send("not json at all");
    QVERIFY(QTest::qWaitFor([&client] { return client.frames.size() >= 2; }, 5000));
    const QJsonObject first = client.object(0);
    QCOMPARE(first.value("channel"_L1).toString(), u"error"_s);
    QCOMPARE(first.value("data"_L1).toString(),
             u"Error parsing JSON into valid websocket request: "_s + QString::fromUtf8(request));
    QCOMPARE(client.object(1).value("data"_L1).toString(),
             u"Error parsing JSON into valid websocket request: not json at all"_s);
}

void TestHyperliquidEmulator::pingGetsPong()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QSignalSpy received(m_emulator.get(), &HyperliquidEmulator::frameReceived);
    client.send(R"({"method":"ping"})");
    const qsizetype index = client.waitForChannel(u"pong"_s);
    QVERIFY(index >= 0);
    QCOMPARE(client.frames.at(index), QByteArray(R"({"channel":"pong"})"));
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.at(0).at(0).toByteArray(), QByteArray(R"({"method":"ping"})"));
}

void TestHyperliquidEmulator::tradesReplayRecentPrintsOnSubscribe()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    const QByteArray ack = subscribeAndAck(client, R"({"type":"trades","coin":"SOL"})");
    QCOMPARE(
        ack,
        QByteArray(
            R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"trades","coin":"SOL"}}})"));
    const qsizetype ackIndex = client.frames.indexOf(ack);
    // The replay comes straight after the ack, before any new print.
    QVERIFY(client.waitForChannel(u"trades"_s, ackIndex + 1) == ackIndex + 1);
    const QByteArray raw = client.frames.at(ackIndex + 1);
    const QJsonArray trades = client.object(ackIndex + 1).value("data"_L1).toArray();
    QCOMPARE(trades.size(), 30);
    qint64 previousTime = 0;
    for (const QJsonValue &value : trades) {
        const QJsonObject trade = value.toObject();
        QCOMPARE(trade.value("coin"_L1).toString(), u"SOL"_s);
        QVERIFY(trade.value("side"_L1).toString() == "B"_L1 || trade.value("side"_L1).toString() == "A"_L1);
        QVERIFY(isDecimalString(trade.value("px"_L1)) && isDecimalString(trade.value("sz"_L1)));
        QVERIFY(QRegularExpression(u"^0x[0-9a-f]{64}$"_s).match(trade.value("hash"_L1).toString()).hasMatch());
        const qint64 time = trade.value("time"_L1).toInteger();
        QVERIFY(time >= previousTime);
        previousTime = time;
        const qint64 tid = trade.value("tid"_L1).toInteger();
        QVERIFY(tid > (qint64(1) << 48));
        QVERIFY(raw.contains(QByteArray(",\"tid\":" + QByteArray::number(tid) + ',')));
        const QJsonArray users = trade.value("users"_L1).toArray();
        QCOMPARE(users.size(), 2);
        QVERIFY(QRegularExpression(u"^0x[0-9a-f]{40}$"_s).match(users.at(0).toString()).hasMatch());
    }
    // Then live prints keep coming as arrays.
    QVERIFY(client.waitForChannel(u"trades"_s, ackIndex + 2) > ackIndex + 1);
}

void TestHyperliquidEmulator::candleStreamsTheCurrentBar()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"candle","coin":"BTC","interval":"5m"})").isEmpty());
    const qsizetype index = client.waitForChannel(u"candle"_s);
    QVERIFY(index >= 0);
    const QJsonObject bar = client.object(index).value("data"_L1).toObject();
    const qint64 t = bar.value("t"_L1).toInteger();
    QCOMPARE(t % 300'000, 0);
    QCOMPARE(bar.value("T"_L1).toInteger(), t + 300'000 - 1);
    QCOMPARE(bar.value("s"_L1).toString(), u"BTC"_s);
    QCOMPARE(bar.value("i"_L1).toString(), u"5m"_s);
    for (const char *key : { "o", "c", "h", "l", "v" })
        QVERIFY2(isDecimalString(bar.value(QLatin1String(key))), key);
    QVERIFY(dec(bar.value("l"_L1)) <= dec(bar.value("o"_L1)) && dec(bar.value("o"_L1)) <= dec(bar.value("h"_L1)));
    QVERIFY(dec(bar.value("l"_L1)) <= dec(bar.value("c"_L1)) && dec(bar.value("c"_L1)) <= dec(bar.value("h"_L1)));
    QVERIFY(bar.value("n"_L1).isDouble());
}

void TestHyperliquidEmulator::unsubscribeStopsTheStream()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"l2Book","coin":"SOL"})").isEmpty());
    QVERIFY(client.waitForChannel(u"l2Book"_s) >= 0);
    const qsizetype from = client.frames.size();
    client.send(R"({"method":"unsubscribe","subscription":{"type":"l2Book","coin":"SOL"}})");
    const qsizetype ack = client.waitForChannel(u"subscriptionResponse"_s, from);
    QVERIFY(ack >= 0);
    QCOMPARE(client.object(ack).value("data"_L1).toObject().value("method"_L1).toString(), u"unsubscribe"_s);
    QTest::qWait(300); // several book intervals
    QCOMPARE(client.waitForChannel(u"l2Book"_s, ack + 1, 0), -1);
}

void TestHyperliquidEmulator::allMidsListsPerpsAndSpot()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QCOMPARE(
        subscribeAndAck(client, R"({"type":"allMids"})"),
        QByteArray(
            R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"allMids"}}})"));
    const qsizetype index = client.waitForChannel(u"allMids"_s);
    QVERIFY(index >= 0);
    const QJsonObject mids = client.object(index).value("data"_L1).toObject().value("mids"_L1).toObject();
    for (const char *coin : { "BTC", "ETH", "SOL", "HYPE", "kPEPE", "PURR/USDC", "@107", "@1" })
        QVERIFY2(isDecimalString(mids.value(QLatin1String(coin))), coin);
    QVERIFY(dec(mids.value("BTC"_L1)) > Decimal::fromInteger(50000));
    QVERIFY(dec(mids.value("kPEPE"_L1)) < Decimal::fromInteger(1));
}

void TestHyperliquidEmulator::perpAndSpotAssetContexts()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"activeAssetCtx","coin":"@107"})").isEmpty());
    const qsizetype spot = client.waitForChannel(u"activeSpotAssetCtx"_s);
    QVERIFY(spot >= 0);
    const QJsonObject spotData = client.object(spot).value("data"_L1).toObject();
    QCOMPARE(spotData.value("coin"_L1).toString(), u"@107"_s);
    const QJsonObject spotCtx = spotData.value("ctx"_L1).toObject();
    for (const char *key :
         { "prevDayPx", "dayNtlVlm", "markPx", "midPx", "circulatingSupply", "totalSupply", "dayBaseVlm" })
        QVERIFY2(isDecimalString(spotCtx.value(QLatin1String(key))), key);
    QCOMPARE(spotCtx.value("coin"_L1).toString(), u"@107"_s);
    QCOMPARE(client.waitForChannel(u"activeAssetCtx"_s, 0, 0), -1);

    QVERIFY(!subscribeAndAck(client, R"({"type":"activeAssetCtx","coin":"BTC"})").isEmpty());
    const qsizetype perp = client.waitForChannel(u"activeAssetCtx"_s);
    QVERIFY(perp >= 0);
    const QJsonObject ctx = client.object(perp).value("data"_L1).toObject().value("ctx"_L1).toObject();
    for (const char *key : { "funding", "openInterest", "prevDayPx", "dayNtlVlm", "premium", "oraclePx", "markPx",
                             "midPx", "dayBaseVlm" })
        QVERIFY2(isDecimalString(ctx.value(QLatin1String(key))), key);
    const QJsonArray impact = ctx.value("impactPxs"_L1).toArray();
    QCOMPARE(impact.size(), 2);
    QVERIFY(dec(impact.at(0)) < dec(impact.at(1)));
}

void TestHyperliquidEmulator::twoClientsSeeTheSameMarket()
{
    Client first(m_emulator->wsUrl());
    Client second(m_emulator->wsUrl());
    QVERIFY(first.waitConnected() && second.waitConnected());
    QCOMPARE(m_emulator->clientCount(), 2);
    QVERIFY(!subscribeAndAck(first, R"({"type":"allMids"})").isEmpty());
    QVERIFY(!subscribeAndAck(second, R"({"type":"allMids"})").isEmpty());
    // The tick after both subscribed is the same frame for both.
    const qsizetype a = first.waitForChannel(u"allMids"_s, first.frames.size());
    const qsizetype b = second.waitForChannel(u"allMids"_s, second.frames.size());
    QVERIFY(a >= 0 && b >= 0);
    QVERIFY(first.frames.mid(a).contains(second.frames.at(b)) || second.frames.mid(b).contains(first.frames.at(a)));
}

void TestHyperliquidEmulator::restMeta()
{
    int status = 0;
    const QJsonObject meta = post(R"({"type":"meta"})", &status).object();
    QCOMPARE(status, 200);
    const QJsonArray universe = meta.value("universe"_L1).toArray();
    QStringList names;
    for (const QJsonValue &value : universe) {
        const QJsonObject asset = value.toObject();
        names << asset.value("name"_L1).toString();
        QVERIFY(asset.value("szDecimals"_L1).isDouble());
        QVERIFY(asset.value("maxLeverage"_L1).toInteger() > 0);
    }
    QCOMPARE(names, (QStringList { u"BTC"_s, u"ETH"_s, u"SOL"_s, u"HYPE"_s, u"kPEPE"_s }));
    QCOMPARE(universe.at(0).toObject().value("szDecimals"_L1).toInt(), 5);
}

void TestHyperliquidEmulator::restSpotMeta()
{
    const QJsonObject spotMeta = post(R"({"type":"spotMeta"})").object();
    QHash<int, QString> tokens;
    for (const QJsonValue &value : spotMeta.value("tokens"_L1).toArray())
        tokens.insert(value.toObject().value("index"_L1).toInt(), value.toObject().value("name"_L1).toString());
    QCOMPARE(tokens.value(0), u"USDC"_s);
    QCOMPARE(tokens.value(1), u"PURR"_s);
    QCOMPARE(tokens.value(150), u"HYPE"_s);
    QHash<QString, QJsonObject> pairs;
    for (const QJsonValue &value : spotMeta.value("universe"_L1).toArray())
        pairs.insert(value.toObject().value("name"_L1).toString(), value.toObject());
    QCOMPARE(pairs.value(u"PURR/USDC"_s).value("index"_L1).toInt(), 0);
    QCOMPARE(pairs.value(u"PURR/USDC"_s).value("tokens"_L1).toArray(), (QJsonArray { 1, 0 }));
    QCOMPARE(pairs.value(u"@107"_s).value("index"_L1).toInt(), 107);
    QCOMPARE(pairs.value(u"@107"_s).value("tokens"_L1).toArray(), (QJsonArray { 150, 0 }));
}

void TestHyperliquidEmulator::restCandleSnapshotJoinsTheLiveBar()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QByteArray request = R"({"type":"candleSnapshot","req":{"coin":"BTC","interval":"1m","startTime":)"
        + QByteArray::number(now - 2 * 3600 * 1000) + R"(,"endTime":)" + QByteArray::number(now + 60'000) + "}}";
    int status = 0;
    const QJsonArray candles = post(request, &status).array();
    QCOMPARE(status, 200);
    QVERIFY2(candles.size() >= 119 && candles.size() <= 121, QByteArray::number(candles.size()).constData());
    for (qsizetype i = 0; i < candles.size(); ++i) {
        const QJsonObject bar = candles.at(i).toObject();
        QCOMPARE(bar.value("T"_L1).toInteger(), bar.value("t"_L1).toInteger() + 59'999);
        QCOMPARE(bar.value("i"_L1).toString(), u"1m"_s);
        QVERIFY(dec(bar.value("l"_L1)) <= dec(bar.value("h"_L1)));
        if (i > 0) {
            const QJsonObject previous = candles.at(i - 1).toObject();
            QCOMPARE(bar.value("t"_L1).toInteger(), previous.value("t"_L1).toInteger() + 60'000);
            QCOMPARE(dec(bar.value("o"_L1)), dec(previous.value("c"_L1))); // history joins without gaps
        }
    }
    // The last one is the live bar, and it is what the stream sends.
    const QJsonObject last = candles.last().toObject();
    QCOMPARE(last.value("t"_L1).toInteger(), now / 60'000 * 60'000);
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"candle","coin":"BTC","interval":"1m"})").isEmpty());
    const qsizetype live = client.waitForChannel(u"candle"_s);
    QVERIFY(live >= 0);
    const QJsonObject streamed = client.object(live).value("data"_L1).toObject();
    if (streamed.value("t"_L1).toInteger() == last.value("t"_L1).toInteger()) // same minute
        QCOMPARE(streamed.value("o"_L1).toString(), last.value("o"_L1).toString());

    const QJsonArray daily
        = post(R"({"type":"candleSnapshot","req":{"coin":"@107","interval":"1d","startTime":0}})").array();
    QVERIFY(daily.size() > 300 && daily.size() <= 5000);
    QCOMPARE(daily.last().toObject().value("s"_L1).toString(), u"@107"_s);
}

void TestHyperliquidEmulator::restBookAndErrors()
{
    const QJsonObject book = post(R"({"type":"l2Book","coin":"HYPE"})").object();
    QCOMPARE(book.value("coin"_L1).toString(), u"HYPE"_s);
    QCOMPARE(book.value("levels"_L1).toArray().at(0).toArray().size(), 20);
    QVERIFY(post(R"({"type":"l2Book","coin":"NOPE"})").object().contains("null"_L1));

    const QJsonObject mids = post(R"({"type":"allMids"})").object();
    QVERIFY(isDecimalString(mids.value("PURR/USDC"_L1)));

    int status = 0;
    const QJsonObject error = post(R"({"type":"noSuchInfo"})", &status).object();
    QCOMPARE(status, 422);
    QVERIFY(error.value("msg"_L1).toString().contains("noSuchInfo"_L1));
}

void TestHyperliquidEmulator::dropAllConnectionsClosesClients()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"bbo","coin":"BTC"})").isEmpty());
    QSignalSpy disconnected(&client.socket, &QWebSocket::disconnected);
    QSignalSpy serverSide(m_emulator.get(), &HyperliquidEmulator::clientDisconnected);
    m_emulator->dropAllConnections();
    QVERIFY(disconnected.wait(5000));
    QTRY_COMPARE(serverSide.size(), 1);
    QCOMPARE(m_emulator->clientCount(), 0);
    // Reconnecting works and subscriptions start from nothing (state is per connection).
    Client again(m_emulator->wsUrl());
    QVERIFY(again.waitConnected());
    QVERIFY(!subscribeAndAck(again, R"({"type":"bbo","coin":"BTC"})").isEmpty());
}

void TestHyperliquidEmulator::silentStopsPongs()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"l2Book","coin":"BTC"})").isEmpty());
    m_emulator->setSilent(true);
    QTest::qWait(100); // let frames already on the wire arrive
    const qsizetype from = client.frames.size();
    client.send(R"({"method":"ping"})");
    QTest::qWait(400);
    QCOMPARE(client.frames.size(), from); // no pong and no book frames
    QVERIFY(m_emulator->receivedFrames().last() == R"({"method":"ping"})");
    m_emulator->setSilent(false);
    client.send(R"({"method":"ping"})");
    QVERIFY(client.waitForChannel(u"pong"_s, from) >= 0);
}

void TestHyperliquidEmulator::rejectConnectionsRefusesUpgrades()
{
    m_emulator->setRejectConnections(true);
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy failed(&socket, tapescope::webSocketErrorSignal());
    socket.open(m_emulator->wsUrl());
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || socket.state() == QAbstractSocket::UnconnectedState, 5000);
    QTest::qWait(50);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(m_emulator->clientCount(), 0);
    m_emulator->setRejectConnections(false);
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
}

void TestHyperliquidEmulator::sendRawToAllReachesClients()
{
    Client client(m_emulator->wsUrl());
    QVERIFY(client.waitConnected());
    QTRY_COMPARE(m_emulator->clientCount(), 1);
    m_emulator->sendRawToAll("{\"channel\":\"l2Book\",\"data\":{\"coin\":");
    QTRY_VERIFY(client.frames.contains("{\"channel\":\"l2Book\",\"data\":{\"coin\":"));
}

void TestHyperliquidEmulator::burstSendsRequestedFrames()
{
    HyperliquidEmulator::Options options;
    options.bookIntervalMs = 60'000; // only the burst produces book frames
    HyperliquidEmulator emulator(options);
    QVERIFY(emulator.listen());
    Client client(emulator.wsUrl());
    QVERIFY(client.waitConnected());
    QVERIFY(!subscribeAndAck(client, R"({"type":"l2Book","coin":"BTC"})").isEmpty());
    QVERIFY(client.waitForChannel(u"l2Book"_s) >= 0); // the snapshot after subscribe
    const auto countBooks = [&client] {
        return std::count_if(client.frames.begin(), client.frames.end(),
                             [](const QByteArray &f) { return f.startsWith("{\"channel\":\"l2Book\""); });
    };
    emulator.startBurst(u"BTC"_s, 500);
    QTRY_COMPARE_WITH_TIMEOUT(countBooks(), 501, 10'000);
    QTest::qWait(100);
    QCOMPARE(countBooks(), 501); // exactly the requested count
}

void TestHyperliquidEmulator::sameSeedSameMarket()
{
    using namespace tapescope::emulator::hyperliquid;
    HyperliquidMarketSimulator a(7, {});
    HyperliquidMarketSimulator b(7, {});
    HyperliquidMarketSimulator c(8, {});
    const frames::BookView view;
    for (const char *coin : { "BTC", "kPEPE", "@107" }) {
        const QString name = QLatin1String(coin);
        auto levels = [&](const HyperliquidMarketSimulator &sim) {
            QJsonObject data = QJsonDocument::fromJson(frames::bookData(*sim.market(name), view)).object();
            return data.value("levels"_L1).toArray();
        };
        QCOMPARE(levels(a), levels(b));
        QVERIFY(levels(a) != levels(c));
    }
}

QTEST_GUILESS_MAIN(TestHyperliquidEmulator)
#include "tst_hyperliquid_emulator.moc"
