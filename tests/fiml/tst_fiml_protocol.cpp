// FIML requests (shapes of every ws-client.jsonl line, the server's limits), error words, the
// GET /ws/connections body, and FIFO matching of replies to requests.

#include "support/FixtureLines.h"
#include "venues/fiml/FimlPendingRequests.h"
#include "venues/fiml/FimlProtocol.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::fiml;

namespace {

QList<QByteArray> fixtureLines(const char *file)
{
    return test::fixtureLines(QStringLiteral("fiml/") + QString::fromUtf8(file));
}

QJsonObject objectOf(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        qFatal("not a JSON object: %s", json.constData());
    return document.object();
}

QStringList symbols(int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(u"SYM"_s + QString::number(i));
    return list;
}

FrameInfo reply(FrameInfo::Kind kind, std::optional<StreamType> type = std::nullopt, QStringList echoed = {},
                QString code = {})
{
    FrameInfo info;
    info.kind = kind;
    info.streamType = type;
    info.symbols = std::move(echoed);
    info.errorCode = std::move(code);
    return info;
}

} // namespace

class TestFimlProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientRequestLines();
    void minimalSubscribe();
    void symbolLimits();
    void intervalLimits();
    void enumValues();
    void streamTypes();
    void url();
    void errorWords();
    void connectionStats();
    void connectionStatsRejects();
    void pendingRequestsFifo();
    void pendingRequestsConsistency();
};

void TestFimlProtocol::clientRequestLines()
{
    const QList<QByteArray> lines = fixtureLines("ws-client.jsonl");
    QCOMPARE(lines.size(), 4);

    // REQ#1: README's price subscription with every optional field.
    SubscribeRequest price;
    price.streamType = StreamType::Price;
    price.symbols = { u"AAPL"_s, u"TSLA"_s };
    price.assetType = u"equity"_s;
    price.market = u"US"_s;
    price.intervalMs = 1000;
    price.dataType = u"price"_s;
    const BuiltRequest first = subscribeFrame(price);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(objectOf(first.frame), objectOf(lines[0]));

    // REQ#2: crypto OHLCV every 5 s.
    SubscribeRequest ohlcv;
    ohlcv.streamType = StreamType::Ohlcv;
    ohlcv.symbols = { u"BTC/USDT"_s };
    ohlcv.assetType = u"crypto"_s;
    ohlcv.market = u"CRYPTO"_s;
    ohlcv.intervalMs = 5000;
    ohlcv.dataType = u"ohlcv"_s;
    QCOMPARE(objectOf(subscribeFrame(ohlcv).frame), objectOf(lines[1]));

    // REQ#3: unsubscribe every price subscription, symbols null.
    QCOMPARE(objectOf(unsubscribeFrame(UnsubscribeRequest { StreamType::Price, std::nullopt })), objectOf(lines[2]));
    QVERIFY(objectOf(lines[2]).value(u"symbols"_s).isNull());

    // REQ#4 is FIML's own test of a bad type: no builder makes it; it must not look like a request we send.
    const QString badType = objectOf(lines[3]).value(u"type"_s).toString();
    QVERIFY(badType != u"subscribe"_s && badType != u"unsubscribe"_s);
}

void TestFimlProtocol::minimalSubscribe()
{
    // Defaults are left to the server; only interval_ms is always explicit.
    SubscribeRequest request;
    request.streamType = StreamType::MultiAsset;
    request.symbols = { u"AAPL"_s, u"MSFT"_s };
    QCOMPARE(
        objectOf(subscribeFrame(request).frame),
        objectOf(R"({"type":"subscribe","stream_type":"multi_asset","symbols":["AAPL","MSFT"],"interval_ms":1000})"));
    const QByteArray some = unsubscribeFrame(UnsubscribeRequest { StreamType::Quote, QStringList { u"AAPL"_s } });
    QCOMPARE(objectOf(some), objectOf(R"({"type":"unsubscribe","stream_type":"quote","symbols":["AAPL"]})"));
}

void TestFimlProtocol::symbolLimits()
{
    SubscribeRequest request;
    request.symbols = symbols(50);
    QVERIFY(subscribeFrame(request).ok());
    QCOMPARE(objectOf(subscribeFrame(request).frame).value(u"symbols"_s).toArray().size(), 50);

    request.symbols = symbols(51); // the fixture's WS#11 refusal, caught before sending
    BuiltRequest built = subscribeFrame(request);
    QVERIFY(!built.ok());
    QVERIFY(built.frame.isEmpty());
    QCOMPARE(built.error, u"A FIML subscription takes 1 to 50 symbols, not 51."_s);

    request.symbols.clear();
    built = subscribeFrame(request);
    QCOMPARE(built.error, u"A FIML subscription takes 1 to 50 symbols, not 0."_s);

    request.symbols = { u"AAPL"_s, u" "_s };
    QCOMPARE(subscribeFrame(request).error, u"A FIML subscription symbol must not be empty."_s);
}

void TestFimlProtocol::intervalLimits()
{
    SubscribeRequest request;
    request.symbols = { u"AAPL"_s };
    for (const int ok : { 100, 1000, 60000 }) {
        request.intervalMs = ok;
        QVERIFY(subscribeFrame(request).ok());
        QCOMPARE(objectOf(subscribeFrame(request).frame).value(u"interval_ms"_s).toInt(), ok);
    }
    request.intervalMs = 50; // the fixture's WS#12 refusal
    QCOMPARE(subscribeFrame(request).error, u"A FIML update interval must be 100 to 60000 ms, not 50 ms."_s);
    request.intervalMs = 60001;
    QCOMPARE(subscribeFrame(request).error, u"A FIML update interval must be 100 to 60000 ms, not 60001 ms."_s);
}

void TestFimlProtocol::enumValues()
{
    SubscribeRequest request;
    request.symbols = { u"AAPL"_s };
    request.assetType = u"stock"_s;
    QVERIFY(subscribeFrame(request).error.startsWith(
        u"FIML does not know the asset type \"stock\" (use one of equity, crypto"_s));
    request.assetType = u"etf"_s;
    request.market = u"us"_s; // upper-case only
    QVERIFY(subscribeFrame(request).error.startsWith(u"FIML does not know the market \"us\""_s));
    request.market = u"GLOBAL"_s;
    request.dataType = u"candles"_s;
    QVERIFY(subscribeFrame(request).error.startsWith(u"FIML does not know the data type \"candles\""_s));
    request.dataType = u"sentiment"_s;
    QVERIFY(subscribeFrame(request).ok());
}

void TestFimlProtocol::streamTypes()
{
    for (const StreamType type :
         { StreamType::Price, StreamType::Ohlcv, StreamType::Quote, StreamType::Trades, StreamType::MultiAsset })
        QCOMPARE(streamTypeFromName(streamTypeName(type).toStdString()), type);
    QCOMPARE(streamTypeName(StreamType::MultiAsset), u"multi_asset"_s);
    QCOMPARE(streamTypeFromName("candles"), std::nullopt);
    QCOMPARE(streamTypeFromName("PRICE"), std::nullopt); // case-sensitive like the server
}

void TestFimlProtocol::url()
{
    QCOMPARE(streamUrl(u"localhost"_s), QUrl(u"ws://localhost:8000/ws/stream"_s));
    QCOMPARE(streamUrl(u"fiml.example.com"_s, 443, true), QUrl(u"wss://fiml.example.com:443/ws/stream"_s));
}

void TestFimlProtocol::errorWords()
{
    QCOMPARE(errorToken("SUBSCRIPTION_ERROR"), u"invalid_subscription"_s);
    QCOMPARE(errorToken("UNSUBSCRIBE_ERROR"), u"invalid_unsubscribe"_s);
    QCOMPARE(errorToken("INVALID_JSON"), u"bad_request"_s);
    QCOMPARE(errorToken("INVALID_MESSAGE_TYPE"), u"unknown_request"_s);
    QCOMPARE(errorToken("PROCESSING_ERROR"), u"processing_error"_s);
    QCOMPARE(errorToken("SOMETHING_NEW"), u"venue_error"_s);
    QCOMPARE(errorText("SOMETHING_NEW"), u"FIML reported an error"_s);
    QVERIFY(errorText("SUBSCRIPTION_ERROR") != errorText("SOMETHING_NEW"));
    QCOMPARE(errorDetail("Failed to create subscription: 2 validation errors for SubscriptionRequest\nsymbols\n  Field "
                         "required [type=missing]\n"
                         "interval_ms\n  Input should be a valid integer"),
             u"symbols: Field required"_s);
    QCOMPARE(errorDetail("Message is not\tvalid   JSON"), u"Message is not valid JSON"_s);
    QCOMPARE(errorDetail(std::string(300, 'x')).size(), 161);
}

void TestFimlProtocol::connectionStats()
{
    const QList<QByteArray> lines = fixtureLines("rest.jsonl");
    QCOMPARE(lines.size(), 1);
    const auto stats = parseConnectionStats(lines[0]);
    QVERIFY(stats);
    QCOMPARE(stats->activeConnections, 1);
    QCOMPARE(stats->totalSubscriptions, 2);
    QCOMPARE(stats->subscribedSymbols, QStringList({ u"AAPL"_s, u"GOOGL"_s, u"BTC/USDT"_s }));
}

void TestFimlProtocol::connectionStatsRejects()
{
    QVERIFY(!parseConnectionStats("not json"));
    QVERIFY(!parseConnectionStats("[]"));
    QVERIFY(!parseConnectionStats(R"({"active_connections":1,"total_subscriptions":2})"));
    QVERIFY(!parseConnectionStats(R"({"active_connections":"1","total_subscriptions":2,"subscribed_symbols":[]})"));
    QVERIFY(!parseConnectionStats(R"({"active_connections":1,"total_subscriptions":2,"subscribed_symbols":[1]})"));
    QVERIFY(!parseConnectionStats(R"({"active_connections":-1,"total_subscriptions":2,"subscribed_symbols":[]})"));
}

void TestFimlProtocol::pendingRequestsFifo()
{
    using Request = PendingRequests::Request;
    PendingRequests pending;
    pending.push({ Request::Kind::Subscribe, StreamType::Price, { u"AAPL"_s, u"GOOGL"_s }, 1 });
    pending.push({ Request::Kind::Subscribe, StreamType::Ohlcv, { u"BTC/USDT"_s }, 2 });
    pending.push({ Request::Kind::Unsubscribe, StreamType::Price, {}, 3 });
    QCOMPARE(pending.size(), 3u);

    // Data and heartbeats interleave freely and answer nothing.
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::Data, StreamType::Price)));
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::Heartbeat)));
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::Malformed)));
    QCOMPARE(pending.size(), 3u);

    auto answer = pending.answer(reply(FrameInfo::Kind::SubscriptionAck, StreamType::Price, { u"AAPL"_s, u"GOOGL"_s }));
    QVERIFY(answer);
    QCOMPARE(answer->request.tag, 1u);
    QVERIFY(answer->consistent);
    // The second subscribe was refused: the error belongs to it.
    answer = pending.answer(reply(FrameInfo::Kind::Error, std::nullopt, {}, u"SUBSCRIPTION_ERROR"_s));
    QCOMPARE(answer->request.tag, 2u);
    QVERIFY(answer->consistent);
    answer = pending.answer(reply(FrameInfo::Kind::UnsubscribeAck, StreamType::Price));
    QCOMPARE(answer->request.tag, 3u);
    QVERIFY(answer->consistent);
    QVERIFY(pending.isEmpty());
    // An unsolicited reply matches nothing.
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::UnsubscribeAck, StreamType::Price)));

    pending.push({ Request::Kind::Subscribe, StreamType::Price, { u"AAPL"_s }, 4 });
    pending.clear(); // reconnect: the server forgot every request
    QVERIFY(pending.isEmpty());
}

void TestFimlProtocol::pendingRequestsConsistency()
{
    using Request = PendingRequests::Request;
    PendingRequests pending;
    pending.push({ Request::Kind::Subscribe, StreamType::Price, { u"AAPL"_s }, 1 });
    // An unsubscribe_ack cannot answer a subscribe: still consumed, flagged.
    auto answer = pending.answer(reply(FrameInfo::Kind::UnsubscribeAck, StreamType::Price));
    QCOMPARE(answer->request.tag, 1u);
    QVERIFY(!answer->consistent);

    pending.push({ Request::Kind::Subscribe, StreamType::Quote, { u"AAPL"_s }, 2 });
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::SubscriptionAck, StreamType::Price, { u"AAPL"_s }))->consistent);
    pending.push({ Request::Kind::Subscribe, StreamType::Quote, { u"AAPL"_s }, 3 });
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::SubscriptionAck, StreamType::Quote, { u"MSFT"_s }))->consistent);
    // The abbreviated doc ack has no stream type: it still fits.
    pending.push({ Request::Kind::Subscribe, StreamType::Quote, { u"AAPL"_s }, 4 });
    QVERIFY(pending.answer(reply(FrameInfo::Kind::SubscriptionAck, std::nullopt, { u"AAPL"_s }))->consistent);
    pending.push({ Request::Kind::Unsubscribe, StreamType::Ohlcv, {}, 5 });
    QVERIFY(!pending.answer(reply(FrameInfo::Kind::Error, std::nullopt, {}, u"SUBSCRIPTION_ERROR"_s))->consistent);
    pending.push({ Request::Kind::Unsubscribe, StreamType::Ohlcv, {}, 6 });
    QVERIFY(pending.answer(reply(FrameInfo::Kind::Error, std::nullopt, {}, u"PROCESSING_ERROR"_s))->consistent);
}

QTEST_GUILESS_MAIN(TestFimlProtocol)
#include "tst_fiml_protocol.moc"
