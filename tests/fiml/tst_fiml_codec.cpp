// Every FIML server frame in the fixtures decodes to exactly the expected events and frame info, field
// by field; undocumented-but-defined shapes and bad input are handled as promised.

#include "support/FixtureLines.h"
#include "venues/fiml/FimlCodec.h"

#include "core/EventJson.h"

#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::fiml;

namespace {

constexpr std::int64_t kFixtureMs = 1795300644970; // every fixture time is 2026-11-21T22:37:24.970xxxZ

QList<QByteArray> fixtureLines(const char *file)
{
    return test::fixtureLines(QStringLiteral("fiml/") + QString::fromUtf8(file));
}

QStringList eventTexts(const EventBatch &events)
{
    QStringList texts;
    for (const MarketEvent &event : events)
        texts.append(QString::fromUtf8(toNormalizedJson(event)));
    return texts;
}

// The frame info in one line: kind, then only what is set.
QString infoText(const FrameInfo &info)
{
    static const char *const kKinds[]
        = { "malformed", "ignored", "subscription_ack", "unsubscribe_ack", "data", "heartbeat", "error" };
    QString text = QLatin1String(kKinds[static_cast<int>(info.kind)]);
    if (!info.subscriptionId.isEmpty())
        text += u" id="_s + info.subscriptionId;
    if (info.streamType)
        text += u" stream="_s + streamTypeName(*info.streamType);
    if (!info.symbols.isEmpty())
        text += u" symbols="_s + info.symbols.join(u',');
    if (info.allSymbols)
        text += u" all"_s;
    if (info.intervalMs)
        text += u" interval="_s + QString::number(*info.intervalMs);
    if (!info.errorCode.isEmpty())
        text += u" code="_s + info.errorCode;
    if (info.activeSubscriptions >= 0)
        text += u" active="_s + QString::number(info.activeSubscriptions);
    if (info.ts != 0)
        text += u" ts="_s + QString::number(info.ts);
    return text;
}

QString ack(const char *channel, const char *symbol, bool subscribed = true)
{
    QString text = uR"({"venue":"fiml","type":"%1","channel":"%2")"_s.arg(
        subscribed ? u"subscribed"_s : u"unsubscribed"_s, QLatin1String(channel));
    if (*symbol)
        text += uR"(,"symbol":"%1")"_s.arg(QLatin1String(symbol));
    return text + u'}';
}

QString error(const char *code, const QString &message)
{
    return uR"({"type":"error","venue":"fiml","code":"%1","message":"%2"})"_s.arg(QLatin1String(code), message);
}

struct Expected
{
    QStringList events;
    QString info;
};

QHash<int, Expected> expectedServerFrames()
{
    const QString ts = u" ts="_s + QString::number(kFixtureMs);
    const QString priceId = u"f047d333-f546-4f4d-97fe-2782b4c620c7"_s;
    const QString ohlcvId = u"b87178cc-2f6e-4faa-87e3-53bc96d86340"_s;
    const QString ticker
        = uR"({"venue":"fiml","type":"ticker","symbol":"%1","ts":%2,"last":"100.0","change":"-1.5","change_percent":"-1.48",)"
          uR"("volume":"1000000.0","provider":"mock_provider","confidence":"1.0"})"_s;
    return {
        // The docs' abbreviated ack: no stream type, interval or timestamp.
        { 1, { { ack("", "AAPL"), ack("", "GOOGL") }, u"subscription_ack id=abc-123 symbols=AAPL,GOOGL"_s } },
        { 2,
          { { ack("price", "AAPL"), ack("price", "GOOGL") },
            u"subscription_ack id="_s + priceId + u" stream=price symbols=AAPL,GOOGL interval=1000"_s + ts } },
        { 3,
          { { ack("ohlcv", "BTC/USDT") },
            u"subscription_ack id="_s + ohlcvId + u" stream=ohlcv symbols=BTC/USDT interval=5000"_s + ts } },
        { 4,
          { { ack("multi_asset", "AAPL"), ack("multi_asset", "MSFT") },
            u"subscription_ack id=4f621d0f-d80b-4cf1-b637-8fb2dea195a3 stream=multi_asset symbols=AAPL,MSFT interval=1000"_s
                + ts } },
        { 5, { { ack("price", "AAPL", false) }, u"unsubscribe_ack stream=price symbols=AAPL"_s } },
        { 6, { { ack("price", "", false) }, u"unsubscribe_ack stream=price all"_s } },
        { 7,
          { { error("bad_request", u"FIML could not read a request as JSON: Message is not valid JSON"_s) },
            u"error code=INVALID_JSON"_s + ts } },
        { 8,
          { { error("unknown_request",
                    u"FIML does not know the request's type: Unknown message type: UNKNOWN_TYPE"_s) },
            u"error code=INVALID_MESSAGE_TYPE"_s + ts } },
        { 9,
          { { error("unknown_request", u"FIML does not know the request's type: Unknown message type: None"_s) },
            u"error code=INVALID_MESSAGE_TYPE"_s + ts } },
        // pydantic's dump becomes field: reason.
        { 10,
          { { error("invalid_subscription", u"FIML refused the subscription: symbols: Field required"_s) },
            u"error code=SUBSCRIPTION_ERROR"_s + ts } },
        { 11,
          { { error(
                "invalid_subscription",
                u"FIML refused the subscription: symbols: List should have at most 50 items after validation, not 51"_s) },
            u"error code=SUBSCRIPTION_ERROR"_s + ts } },
        { 12,
          { { error("invalid_subscription",
                    u"FIML refused the subscription: interval_ms: Input should be greater than or equal to 100"_s) },
            u"error code=SUBSCRIPTION_ERROR"_s + ts } },
        { 13,
          { { error(
                "invalid_subscription",
                u"FIML refused the subscription: stream_type: Input should be 'price', 'ohlcv', 'quote', 'trades' or 'multi_asset'"_s) },
            u"error code=SUBSCRIPTION_ERROR"_s + ts } },
        { 14,
          { { error("invalid_unsubscribe", u"FIML refused the unsubscribe request: stream_type: Field required"_s) },
            u"error code=UNSUBSCRIBE_ERROR"_s + ts } },
        { 15,
          { { error(
                "processing_error",
                u"FIML failed while handling a request: Error processing message: 'list' object has no attribute 'get'"_s) },
            u"error code=PROCESSING_ERROR"_s + ts } },
        { 16,
          { { ticker.arg(u"AAPL"_s).arg(kFixtureMs), ticker.arg(u"GOOGL"_s).arg(kFixtureMs) },
            u"data id="_s + priceId + u" stream=price"_s + ts } },
        // FIML does not say the candle's length: no interval, no end.
        { 17,
          { { uR"({"venue":"fiml","type":"candle","symbol":"BTC/USDT","start":%1,"open":"100.0","high":"105.0",)"
              uR"("low":"98.0","close":"102.0","volume":"1000000.0"})"_s.arg(kFixtureMs) },
            u"data id="_s + ohlcvId + u" stream=ohlcv"_s + ts } },
        { 18, { { uR"({"type":"heartbeat","venue":"fiml"})"_s }, u"heartbeat active=2"_s + ts } },
    };
}

FrameInfo decode(Codec &codec, const QByteArray &frame, EventBatch &events)
{
    return codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
}

} // namespace

class TestFimlCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyServerFrame();
    void labelledPriceIsRoutedById();
    void nullVolumeAndNaiveCandleTime();
    void floatSpellings();
    void definedButUnsentShapes();
    void unknownTypeAndStream();
    void malformed_data();
    void malformed();
};

void TestFimlCodec::everyServerFrame()
{
    const QList<QByteArray> lines = fixtureLines("ws-server.jsonl");
    const QHash<int, Expected> expected = expectedServerFrames();
    QCOMPARE(lines.size(), 18);
    QCOMPARE(expected.size(), lines.size());
    Codec codec;
    for (int i = 0; i < lines.size(); ++i) {
        EventBatch events;
        const FrameInfo info = decode(codec, lines[i], events);
        const Expected &want = expected.value(i + 1);
        const QByteArray where = "ws-server.jsonl line " + QByteArray::number(i + 1);
        QVERIFY2(eventTexts(events) == want.events,
                 QByteArray(where + "\n got  " + eventTexts(events).join(u"\n      "_s).toUtf8() + "\n want "
                            + want.events.join(u"\n      "_s).toUtf8())
                     .constData());
        QVERIFY2(infoText(info) == want.info, QByteArray(where + " info " + infoText(info).toUtf8()).constData());
    }
    QCOMPARE(codec.stats().frames, 18u);
    QCOMPARE(codec.stats().malformed, 0u);
    QCOMPARE(codec.stats().unknownTypes, 0u);
}

void TestFimlCodec::labelledPriceIsRoutedById()
{
    // A multi_asset subscription's data says "price" (docs/protocols/fiml.md §4.3): only the id tells them apart.
    Codec codec;
    EventBatch events;
    const FrameInfo info = decode(
        codec,
        R"({"type":"data","stream_type":"price","subscription_id":"4f621d0f","data":[{"symbol":"MSFT","price":412.5,"change":1.25,"change_percent":0.3,"volume":null,"timestamp":"2026-11-21T22:37:25Z","provider":"yahoo_finance","confidence":0.9}],"timestamp":"2026-11-21T22:37:25.5Z","metadata":{},"disclaimer":null})"_ba,
        events);
    QCOMPARE(info.kind, FrameInfo::Kind::Data);
    QCOMPARE(info.subscriptionId, u"4f621d0f"_s);
    QCOMPARE(info.streamType, StreamType::Price);
    QCOMPARE(info.ts, 1795300645500);
    QCOMPARE(
        eventTexts(events),
        QStringList {
            uR"({"venue":"fiml","type":"ticker","symbol":"MSFT","ts":1795300645000,"last":"412.5","change":"1.25","change_percent":"0.3","provider":"yahoo_finance","confidence":"0.9"})"_s });
}

void TestFimlCodec::nullVolumeAndNaiveCandleTime()
{
    Codec codec;
    EventBatch events;
    // Members in another order, stream_type after data, naive provider candle time read as UTC.
    decode(
        codec,
        R"({"data":[{"symbol":"IBM","timestamp":"2024-01-02T00:00:00","open":1,"high":2,"low":0.5,"close":1.5,"volume":0,"is_closed":true}],"subscription_id":"x","stream_type":"ohlcv","type":"data"})"_ba,
        events);
    QCOMPARE(
        eventTexts(events),
        QStringList {
            uR"({"venue":"fiml","type":"candle","symbol":"IBM","start":1704153600000,"open":"1","high":"2","low":"0.5","close":"1.5","volume":"0"})"_s });
}

void TestFimlCodec::floatSpellings()
{
    // Python's repr: exponents, and 17 significant digits where only binary noise follows.
    Codec codec;
    EventBatch events;
    decode(
        codec,
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","price":1e-05,"change":0.30000000000000004,"change_percent":-1.2345678901234567e-07,"volume":1.5e+16,"timestamp":"2026-11-21T22:37:25Z","provider":"p","confidence":1}]})"_ba,
        events);
    QCOMPARE(events.size(), 1u);
    const Ticker &ticker = std::get<Ticker>(events[0]);
    QCOMPARE(ticker.last->toString(), u"0.00001"_s);
    QCOMPARE(ticker.change->toString(), u"0.30000000000000004"_s);
    QCOMPARE(ticker.changePercent->toString(), u"-0.000000123456789012"_s); // truncated at 18 fraction digits
    QCOMPARE(*ticker.volume, *Decimal::parse("15000000000000000"));
    QCOMPARE(ticker.confidence->toString(), u"1"_s);
}

void TestFimlCodec::definedButUnsentShapes()
{
    // QuoteUpdate and TradeUpdate exist in FIML's models (docs/protocols/fiml.md §4.3); if a later server sends them
    // under their own label, they decode.
    Codec codec;
    EventBatch events;
    decode(
        codec,
        R"({"type":"data","stream_type":"quote","subscription_id":"q","data":[{"symbol":"AAPL","bid":189.5,"ask":189.52,"bid_size":300.0,"ask_size":0.0,"spread":0.02,"timestamp":"2026-11-21T22:37:25Z"}]})"_ba,
        events);
    decode(
        codec,
        R"({"type":"data","stream_type":"trades","subscription_id":"t","data":[{"symbol":"AAPL","price":189.51,"quantity":100.0,"timestamp":"2026-11-21T22:37:25Z","trade_id":"T-1","side":"sell"},{"symbol":"AAPL","price":189.5,"quantity":5.0,"timestamp":"2026-11-21T22:37:25Z","trade_id":null,"side":null}]})"_ba,
        events);
    QCOMPARE(
        eventTexts(events),
        QStringList(
            { uR"({"venue":"fiml","type":"bbo","symbol":"AAPL","ts":1795300645000,"bid":["189.5","300.0"],"ask":null})"_s,
              uR"({"venue":"fiml","type":"trade","symbol":"AAPL","ts":1795300645000,"price":"189.51","size":"100.0","side":"sell","id":"T-1"})"_s,
              uR"({"venue":"fiml","type":"trade","symbol":"AAPL","ts":1795300645000,"price":"189.5","size":"5.0","side_estimate":"buy"})"_s }));
}

void TestFimlCodec::unknownTypeAndStream()
{
    Codec codec;
    EventBatch events;
    QCOMPARE(decode(codec, R"({"type":"watchdog_event","event":{"kind":"x","n":[1,2]}})"_ba, events).kind,
             FrameInfo::Kind::Ignored);
    QCOMPARE(decode(codec, R"({"type":"price_update","symbol":"AAPL","price":1.0})"_ba, events).kind,
             FrameInfo::Kind::Ignored);
    const FrameInfo info = decode(
        codec, R"({"type":"data","stream_type":"sentiment","subscription_id":"s","data":[{"score":0.5}]})"_ba, events);
    QCOMPARE(info.kind, FrameInfo::Kind::Data);
    QCOMPARE(info.subscriptionId, u"s"_s);
    QVERIFY(events.empty());
    QCOMPARE(codec.stats().unknownTypes, 2u);
    QCOMPARE(codec.stats().unknownStreams, 1u);
    QCOMPARE(codec.stats().malformed, 0u);
}

void TestFimlCodec::malformed_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not JSON") << QByteArray("not valid json {");
    QTest::newRow("array (Alpaca style)") << QByteArray(R"([{"type":"heartbeat"}])");
    QTest::newRow("no type") << QByteArray(R"({"stream_type":"price"})");
    QTest::newRow("type not string") << QByteArray(R"({"type":1})");
    QTest::newRow("trailing content") << QByteArray(R"({"type":"heartbeat","active_subscriptions":1} {})");
    QTest::newRow("truncated") << QByteArray(R"({"type":"heartbeat","active_subscriptions":1)");
    QTest::newRow("ack without id") << QByteArray(
        R"({"type":"subscription_ack","stream_type":"price","symbols":["AAPL"]})");
    QTest::newRow("ack unknown stream") << QByteArray(
        R"({"type":"subscription_ack","subscription_id":"a","stream_type":"candles","symbols":["AAPL"]})");
    QTest::newRow("ack symbols not strings")
        << QByteArray(R"({"type":"subscription_ack","subscription_id":"a","symbols":[1]})");
    QTest::newRow("ack interval string") << QByteArray(
        R"({"type":"subscription_ack","subscription_id":"a","symbols":["A"],"interval_ms":"1000"})");
    QTest::newRow("unsubscribe ack without type") << QByteArray(R"({"type":"unsubscribe_ack","symbols":null})");
    QTest::newRow("heartbeat count negative")
        << QByteArray(R"({"type":"heartbeat","timestamp":"2026-11-21T22:37:24Z","active_subscriptions":-1})");
    QTest::newRow("heartbeat bad time") << QByteArray(
        R"({"type":"heartbeat","timestamp":"yesterday","active_subscriptions":1})");
    QTest::newRow("error without code") << QByteArray(R"({"type":"error","message":"x"})");
    QTest::newRow("error code number") << QByteArray(R"({"type":"error","error_code":400,"message":"x"})");
    QTest::newRow("data without id") << QByteArray(R"({"type":"data","stream_type":"price","data":[]})");
    QTest::newRow("data not array") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":{}})");
    QTest::newRow("price as string") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","price":"100.0","timestamp":"2026-11-21T22:37:25Z"}]})");
    QTest::newRow("price missing") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","timestamp":"2026-11-21T22:37:25Z"}]})");
    // One good element, then a bad one: no partial tickers.
    QTest::newRow("second element bad") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","price":1.0,"timestamp":"2026-11-21T22:37:25Z"},{"symbol":"B","price":1.0,"timestamp":"2026-13-21T22:37:25Z"}]})");
    // Times outside core/TimeUnits.h's window (1970 to year 9999).
    QTest::newRow("price time before 1970") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","price":1.0,"timestamp":"1969-12-31T23:59:59Z"}]})");
    QTest::newRow("ohlcv naive time before 1970") << QByteArray(
        R"({"type":"data","stream_type":"ohlcv","subscription_id":"x","data":[{"symbol":"A","timestamp":"1960-01-01T00:00:00","open":1.0,"high":1.0,"low":1.0,"close":1.0,"volume":1.0}]})");
    QTest::newRow("ohlcv without close") << QByteArray(
        R"({"type":"data","stream_type":"ohlcv","subscription_id":"x","data":[{"symbol":"A","timestamp":"2026-11-21T22:37:25Z","open":1.0,"high":1.0,"low":1.0,"volume":1.0}]})");
    QTest::newRow("ohlcv is_closed string") << QByteArray(
        R"({"type":"data","stream_type":"ohlcv","subscription_id":"x","data":[{"symbol":"A","timestamp":"2026-11-21T22:37:25Z","open":1.0,"high":1.0,"low":1.0,"close":1.0,"volume":1.0,"is_closed":"no"}]})");
    QTest::newRow("NaN price") << QByteArray(
        R"({"type":"data","stream_type":"price","subscription_id":"x","data":[{"symbol":"A","price":NaN,"timestamp":"2026-11-21T22:37:25Z"}]})");
}

void TestFimlCodec::malformed()
{
    QFETCH(QByteArray, frame);
    Codec codec;
    EventBatch events;
    events.emplace_back(Heartbeat { u"earlier"_s });
    const FrameInfo info = decode(codec, frame, events);
    QCOMPARE(info.kind, FrameInfo::Kind::Malformed);
    QVERIFY(info.subscriptionId.isEmpty());
    QCOMPARE(events.size(), 2u);
    const auto *feedError = std::get_if<FeedError>(&events[1]);
    QVERIFY(feedError);
    QCOMPARE(feedError->venue, u"fiml"_s);
    QCOMPARE(feedError->code, u"malformed"_s);
    QCOMPARE(codec.stats().malformed, 1u);

    // Every fixture line cut short is malformed too.
    if (QByteArray(QTest::currentDataTag()) == "empty") {
        for (const QByteArray &line : fixtureLines("ws-server.jsonl")) {
            for (qsizetype cut = 1; cut < line.size(); cut += 11) {
                EventBatch cutEvents;
                const FrameInfo cutInfo
                    = codec.decode(std::string_view(line.constData(), static_cast<std::size_t>(cut)), cutEvents);
                QVERIFY2(cutInfo.kind == FrameInfo::Kind::Malformed && cutEvents.size() == 1,
                         line.left(cut).constData());
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestFimlCodec)
#include "tst_fiml_codec.moc"
