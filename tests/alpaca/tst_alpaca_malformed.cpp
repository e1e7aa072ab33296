// Bad input: every malformed frame yields exactly one FeedError "malformed", no partial events and no
// session messages, and the codec keeps decoding good frames afterwards.

#include "AlpacaTestSupport.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::alpaca;

namespace {

constexpr const char *kGoodTrade = R"({"T":"t","S":"AAPL","i":1,"p":100.5,"s":3,"t":"2024-01-02T15:00:00Z"})";

QByteArray withGoodTradeFirst(const char *bad)
{
    return QByteArray("[") + kGoodTrade + ',' + bad + ']';
}

} // namespace

class TestAlpacaMalformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void malformedFrame_data();
    void malformedFrame();
    void truncatedFixtureLines();
    void goodFrameAfterBadOne();
};

void TestAlpacaMalformed::malformedFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << QByteArray("  \n");
    QTest::newRow("plain text") << QByteArray("connected");
    QTest::newRow("binary garbage") << QByteArray("\x93\xa1T\xa1t", 5);
    QTest::newRow("object, not array") << QByteArray(R"({"T":"success","msg":"connected"})");
    QTest::newRow("number root") << QByteArray("42");
    QTest::newRow("null root") << QByteArray("null");
    QTest::newRow("element not object") << withGoodTradeFirst("\"t\"");
    QTest::newRow("no T") << withGoodTradeFirst(R"({"S":"AAPL","p":1,"s":1,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("T not string") << withGoodTradeFirst(R"({"T":1,"S":"AAPL"})");
    QTest::newRow("trade price as string")
        << withGoodTradeFirst(R"({"T":"t","S":"AAPL","i":2,"p":"100.5","s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("trade without price") << withGoodTradeFirst(
        R"({"T":"t","S":"AAPL","i":2,"s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("trade without time") << withGoodTradeFirst(R"({"T":"t","S":"AAPL","i":2,"p":1,"s":3})");
    QTest::newRow("trade time without zone")
        << withGoodTradeFirst(R"({"T":"t","S":"AAPL","i":2,"p":1,"s":3,"t":"2024-01-02T15:00:00"})");
    QTest::newRow("trade time not a date")
        << withGoodTradeFirst(R"({"T":"t","S":"AAPL","i":2,"p":1,"s":3,"t":"2024-02-30T15:00:00Z"})");
    // Times outside core/TimeUnits.h's window (1970 to year 9999): Go's zero time is not a trade's time.
    QTest::newRow("trade time before 1970")
        << withGoodTradeFirst(R"({"T":"t","S":"AAPL","i":2,"p":1,"s":3,"t":"1969-12-31T23:59:59Z"})");
    QTest::newRow("trade time year 1") << withGoodTradeFirst(
        R"({"T":"t","S":"AAPL","i":2,"p":1,"s":3,"t":"0001-01-01T00:00:00Z"})");
    QTest::newRow("trade id negative") << withGoodTradeFirst(
        R"({"T":"t","S":"AAPL","i":-2,"p":1,"s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("trade id above 2^64") << withGoodTradeFirst(
        R"({"T":"t","S":"AAPL","i":18446744073709551616,"p":1,"s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("trade price too precise") << withGoodTradeFirst(
        R"({"T":"t","S":"AAPL","i":2,"p":1.1234567890123456789,"s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("trade bad taker") << withGoodTradeFirst(
        R"({"T":"t","S":"BTC/USD","i":2,"p":1,"s":3,"t":"2024-01-02T15:00:00Z","tks":"X"})");
    QTest::newRow("trade symbol number") << withGoodTradeFirst(
        R"({"T":"t","S":7,"i":2,"p":1,"s":3,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("quote without ask size")
        << withGoodTradeFirst(R"({"T":"q","S":"AMD","bp":1,"bs":1,"ap":2,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("quote price null") << withGoodTradeFirst(
        R"({"T":"q","S":"AMD","bp":null,"bs":1,"ap":2,"as":1,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("bar without volume") << withGoodTradeFirst(
        R"({"T":"b","S":"SPY","o":1,"h":1,"l":1,"c":1,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("bar n fractional") << withGoodTradeFirst(
        R"({"T":"d","S":"SPY","o":1,"h":1,"l":1,"c":1,"v":1,"n":1.5,"t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("book level not object")
        << withGoodTradeFirst(R"({"T":"o","S":"BTC/USD","t":"2024-01-02T15:00:00Z","b":[[1,2]],"a":[]})");
    QTest::newRow("book level without size")
        << withGoodTradeFirst(R"({"T":"o","S":"BTC/USD","t":"2024-01-02T15:00:00Z","b":[{"p":1}],"a":[]})");
    QTest::newRow("book reset not bool") << withGoodTradeFirst(
        R"({"T":"o","S":"BTC/USD","t":"2024-01-02T15:00:00Z","b":[],"a":[],"r":1})");
    QTest::newRow("status without code") << withGoodTradeFirst(R"({"T":"s","S":"AAPL","t":"2024-01-02T15:00:00Z"})");
    QTest::newRow("subscription list not array") << QByteArray(R"([{"T":"subscription","trades":"AAPL"}])");
    QTest::newRow("subscription symbol not string") << QByteArray(R"([{"T":"subscription","trades":[1]}])");
    QTest::newRow("error without code") << QByteArray(R"([{"T":"error","msg":"auth failed"}])");
    QTest::newRow("error code string") << QByteArray(R"([{"T":"error","code":"402","msg":"auth failed"}])");
    QTest::newRow("success msg number") << QByteArray(R"([{"T":"success","msg":1}])");
    QTest::newRow("trailing garbage") << QByteArray(R"([{"T":"success","msg":"connected"}] x)");
    QTest::newRow("two arrays") << QByteArray(R"([{"T":"success","msg":"connected"}][])");
    QTest::newRow("unclosed array") << QByteArray("[") + kGoodTrade;
    QTest::newRow("unknown type broken inside") << withGoodTradeFirst(R"({"T":"zz","a":[1,})");
}

void TestAlpacaMalformed::malformedFrame()
{
    QFETCH(QByteArray, frame);
    Codec codec;
    EventBatch events;
    events.emplace_back(Heartbeat { u"earlier"_s }); // decode appends: what was there stays
    const DecodeResult result
        = codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    QCOMPARE(events.size(), 2u);
    QVERIFY(std::holds_alternative<Heartbeat>(events[0]));
    const auto *error = std::get_if<FeedError>(&events[1]);
    QVERIFY(error);
    QCOMPARE(error->venue, u"alpaca"_s);
    QCOMPARE(error->code, u"malformed"_s);
    QVERIFY(!error->message.isEmpty());
    QVERIFY(result.session.empty());
    QCOMPARE(codec.stats().malformed, 1u);
    QCOMPARE(codec.stats().frames, 1u);
}

void TestAlpacaMalformed::truncatedFixtureLines()
{
    // Every documented frame cut anywhere inside is malformed, never a partial batch.
    const QList<QByteArray> lines = test::alpacaFixtureLines("ws-server.jsonl");
    for (const QByteArray &line : lines) {
        for (qsizetype cut = 1; cut < line.size(); cut += 7) {
            Codec codec;
            EventBatch events;
            const DecodeResult result
                = codec.decode(std::string_view(line.constData(), static_cast<std::size_t>(cut)), events);
            QVERIFY2(events.size() == 1 && std::holds_alternative<FeedError>(events[0])
                         && std::get<FeedError>(events[0]).code == u"malformed"_s && result.session.empty(),
                     line.left(cut).constData());
        }
    }
}

void TestAlpacaMalformed::goodFrameAfterBadOne()
{
    Codec codec;
    EventBatch events;
    codec.decode(R"([{"T":"t","S":"AAPL","i":1,"p":"bad","s":1,"t":"2024-01-02T15:00:00Z"}])", events);
    codec.decode(R"([{"T":"t","S":"AAPL","i":2,"p":1.5,"s":1,"t":"2024-01-02T15:00:00Z"}])", events);
    QCOMPARE(events.size(), 2u);
    QVERIFY(std::holds_alternative<FeedError>(events[0]));
    QCOMPARE(std::get<Trade>(events[1]).price, *Decimal::parse("1.5"));
    QCOMPARE(codec.stats().frames, 2u);
    QCOMPARE(codec.stats().malformed, 1u);
}

QTEST_GUILESS_MAIN(TestAlpacaMalformed)
#include "tst_alpaca_malformed.moc"
