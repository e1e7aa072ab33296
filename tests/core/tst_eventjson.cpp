#include "core/EventJson.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

Decimal dec(const char *text)
{
    const auto parsed = Decimal::parse(std::string_view(text));
    if (!parsed)
        qFatal("test literal does not parse: %s", text);
    return *parsed;
}

Level level(const char *px, const char *sz, std::int32_t orders = -1)
{
    return Level { dec(px), dec(sz), orders };
}

} // namespace

class TestEventJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bookSnapshot();
    void emptyBookSides();
    void bookSnapshotWithSequence();
    void bookDelta();
    void bbo();
    void bboWithEmptySide();
    void trade();
    void tradeWithoutId();
    void candle();
    void candleWithoutTradeCount();
    void candleOnlyWhatTheVenueSaid();
    void tickerFull();
    void tickerOnlyWhatTheVenueSent();
    void tickerFromAggregator();
    void tradeWithInferredSide();
    void acks();
    void error();
    void heartbeat();
    void status();
    void escapesStrings();
    void outputIsValidCompactJson();
    void sameUnderTheUiLocales();
};

void TestEventJson::bookSnapshot()
{
    // Values from the captured l2Book frame (tests/data/hyperliquid/ws-server.jsonl).
    BookSnapshot book;
    book.venue = u"hyperliquid"_s;
    book.symbol = u"BTC"_s;
    book.ts = 1785251521889;
    book.bids = { level("63460.0", "0.02666", 2), level("63457.0", "0.00028", 1) };
    book.asks = { level("63488.0", "0.01246", 2), level("63490.0", "1.5", 1) };
    QCOMPARE(
        toNormalizedJson(book),
        R"({"venue":"hyperliquid","type":"book","symbol":"BTC","ts":1785251521889,)"
        R"("bids":[["63460.0","0.02666"],["63457.0","0.00028"]],"asks":[["63488.0","0.01246"],["63490.0","1.5"]]})"_ba);
}

void TestEventJson::emptyBookSides()
{
    BookSnapshot book;
    book.venue = u"hyperliquid"_s;
    book.symbol = u"@107"_s;
    book.ts = 5;
    QCOMPARE(toNormalizedJson(book),
             R"({"venue":"hyperliquid","type":"book","symbol":"@107","ts":5,"bids":[],"asks":[]})"_ba);
}

void TestEventJson::bookSnapshotWithSequence()
{
    BookSnapshot book;
    book.venue = u"emulator"_s;
    book.symbol = u"ETH"_s;
    book.ts = 7;
    book.bids = { level("1", "2") };
    book.sequence = 0;
    QCOMPARE(toNormalizedJson(book),
             R"({"venue":"emulator","type":"book","symbol":"ETH","ts":7,"bids":[["1","2"]],"asks":[],"seq":0})"_ba);
}

void TestEventJson::bookDelta()
{
    BookDelta delta;
    delta.venue = u"o2"_s;
    delta.symbol = u"ETH/USDC"_s;
    delta.ts = 1700000000123;
    delta.changes = { { Side::Buy, dec("3000.10"), dec("0") }, { Side::Sell, dec("3001.5"), dec("2.000") } };
    QCOMPARE(toNormalizedJson(delta),
             R"({"venue":"o2","type":"book_delta","symbol":"ETH/USDC","ts":1700000000123,)"
             R"("changes":[["bid","3000.10","0"],["ask","3001.5","2.000"]]})"_ba);
    delta.sequence = 9007199254740993; // above 2^53: must stay exact
    QCOMPARE(toNormalizedJson(delta),
             R"({"venue":"o2","type":"book_delta","symbol":"ETH/USDC","ts":1700000000123,)"
             R"("changes":[["bid","3000.10","0"],["ask","3001.5","2.000"]],"seq":9007199254740993})"_ba);
}

void TestEventJson::bbo()
{
    Bbo bbo;
    bbo.venue = u"hyperliquid"_s;
    bbo.symbol = u"BTC"_s;
    bbo.ts = 1785251522090;
    bbo.bid = level("63457.0", "0.00028", 1);
    bbo.ask = level("63488.0", "0.01246", 2);
    QCOMPARE(toNormalizedJson(bbo),
             R"({"venue":"hyperliquid","type":"bbo","symbol":"BTC","ts":1785251522090,)"
             R"("bid":["63457.0","0.00028"],"ask":["63488.0","0.01246"]})"_ba);
}

void TestEventJson::bboWithEmptySide()
{
    Bbo bbo;
    bbo.venue = u"hyperliquid"_s;
    bbo.symbol = u"BTC"_s;
    bbo.ts = 1;
    bbo.ask = level("2", "3");
    QCOMPARE(toNormalizedJson(bbo),
             R"({"venue":"hyperliquid","type":"bbo","symbol":"BTC","ts":1,"bid":null,"ask":["2","3"]})"_ba);
    bbo.ask.reset();
    QCOMPARE(toNormalizedJson(bbo),
             R"({"venue":"hyperliquid","type":"bbo","symbol":"BTC","ts":1,"bid":null,"ask":null})"_ba);
}

void TestEventJson::trade()
{
    Trade t;
    t.venue = u"hyperliquid"_s;
    t.symbol = u"BTC"_s;
    t.ts = 1785251456343;
    t.price = dec("63719.0");
    t.size = dec("0.00016");
    t.side = Side::Buy;
    t.id = u"447757798903687"_s;
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"hyperliquid","type":"trade","symbol":"BTC","ts":1785251456343,)"
             R"("price":"63719.0","size":"0.00016","side":"buy","id":"447757798903687"})"_ba);
}

void TestEventJson::tradeWithoutId()
{
    Trade t;
    t.venue = u"alpaca"_s;
    t.symbol = u"AAPL"_s;
    t.ts = 3;
    t.price = dec("189.25");
    t.size = dec("100");
    t.side = Side::Sell;
    QCOMPARE(
        toNormalizedJson(t),
        R"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":3,"price":"189.25","size":"100","side":"sell"})"_ba);
}

void TestEventJson::candle()
{
    // The captured candle frame: t, T, s, i, o, c, h, l, v, n.
    Candle c;
    c.venue = u"hyperliquid"_s;
    c.symbol = u"BTC"_s;
    c.interval = u"1m"_s;
    c.start = 1791278880000;
    c.end = 1791278939999;
    c.open = dec("85827.0");
    c.high = dec("85827.0");
    c.low = dec("85801.0");
    c.close = dec("85812.0");
    c.volume = dec("0.73617");
    c.trades = 20;
    QCOMPARE(toNormalizedJson(c),
             R"({"venue":"hyperliquid","type":"candle","symbol":"BTC","interval":"1m","start":1791278880000,)"
             R"("end":1791278939999,"open":"85827.0","high":"85827.0","low":"85801.0","close":"85812.0",)"
             R"("volume":"0.73617","trades":20})"_ba);
}

void TestEventJson::candleWithoutTradeCount()
{
    Candle c;
    c.venue = u"kalshi"_s;
    c.symbol = u"KX"_s;
    c.interval = u"1h"_s;
    c.start = 0;
    c.end = 3599999;
    c.open = c.high = c.low = c.close = dec("0.52");
    c.volume = dec("10");
    QCOMPARE(toNormalizedJson(c),
             R"({"venue":"kalshi","type":"candle","symbol":"KX","interval":"1h","start":0,"end":3599999,)"
             R"("open":"0.52","high":"0.52","low":"0.52","close":"0.52","volume":"10"})"_ba);
}

void TestEventJson::candleOnlyWhatTheVenueSaid()
{
    // FIML's ohlcv names neither the bar's length nor its end; Alpaca's bar has a vwap.
    Candle c;
    c.venue = u"fiml"_s;
    c.symbol = u"IBM"_s;
    c.start = 1704153600000;
    c.open = c.high = c.low = c.close = dec("1");
    c.volume = dec("0");
    QCOMPARE(toNormalizedJson(c),
             R"({"venue":"fiml","type":"candle","symbol":"IBM","start":1704153600000,"open":"1","high":"1","low":"1",)"
             R"("close":"1","volume":"0"})"_ba);
    c.venue = u"alpaca"_s;
    c.interval = u"1m"_s;
    c.end = 1704153659999;
    c.vwap = dec("1.0025");
    QCOMPARE(toNormalizedJson(c),
             R"({"venue":"alpaca","type":"candle","symbol":"IBM","interval":"1m","start":1704153600000,)"
             R"("end":1704153659999,"open":"1","high":"1","low":"1","close":"1","volume":"0","vwap":"1.0025"})"_ba);
}

void TestEventJson::tickerFull()
{
    // The captured activeAssetCtx frame.
    Ticker t;
    t.venue = u"hyperliquid"_s;
    t.symbol = u"BTC"_s;
    t.ts = 1791278900000;
    t.mid = dec("85811.5");
    t.mark = dec("85814.0");
    t.oracle = dec("85828.0");
    t.funding = dec("0.0000125");
    t.openInterest = dec("39980.76392");
    t.volume24h = Decimal::parseTruncated("1821282705.4506571293");
    t.prevDayPrice = dec("85840.0");
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"hyperliquid","type":"ticker","symbol":"BTC","ts":1791278900000,"mid":"85811.5",)"
             R"("mark":"85814.0","oracle":"85828.0","funding":"0.0000125","open_interest":"39980.76392",)"
             R"("volume_24h":"1821282705.450657129","prev_day_price":"85840.0"})"_ba);
}

void TestEventJson::tickerOnlyWhatTheVenueSent()
{
    Ticker t;
    t.venue = u"hyperliquid"_s;
    t.symbol = u"@107"_s;
    t.mid = dec("38.1");
    t.funding = dec("-0.0086");
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"hyperliquid","type":"ticker","symbol":"@107","mid":"38.1","funding":"-0.0086"})"_ba);
}

void TestEventJson::tickerFromAggregator()
{
    // FIML's price update (tests/data/fiml/ws-server.jsonl line 16): provider and confidence are keys.
    Ticker t;
    t.venue = u"fiml"_s;
    t.symbol = u"AAPL"_s;
    t.ts = 1795300644970;
    t.last = dec("100.0");
    t.change = dec("-1.5");
    t.changePercent = dec("-1.48");
    t.volume = dec("1000000.0");
    t.provider = u"mock_provider"_s;
    t.confidence = dec("1.0");
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"fiml","type":"ticker","symbol":"AAPL","ts":1795300644970,"last":"100.0","change":"-1.5",)"
             R"("change_percent":"-1.48","volume":"1000000.0","provider":"mock_provider","confidence":"1.0"})"_ba);
    t.provider.clear();
    t.confidence.reset();
    t.volume.reset();
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"fiml","type":"ticker","symbol":"AAPL","ts":1795300644970,"last":"100.0","change":"-1.5",)"
             R"("change_percent":"-1.48"})"_ba);
}

void TestEventJson::tradeWithInferredSide()
{
    // An Alpaca stock trade: the venue does not say the aggressor, so the side is marked as an estimate.
    Trade t;
    t.venue = u"alpaca"_s;
    t.symbol = u"AAPL"_s;
    t.ts = 1680782066838;
    t.price = dec("162.92");
    t.size = dec("3");
    t.side = Side::Sell;
    t.id = u"628"_s;
    t.aggressorKnown = false;
    QCOMPARE(toNormalizedJson(t),
             R"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":1680782066838,"price":"162.92","size":"3",)"
             R"("side_estimate":"sell","id":"628"})"_ba);
}

void TestEventJson::acks()
{
    SubscriptionAck ack;
    ack.venue = u"hyperliquid"_s;
    ack.channel = u"candle"_s;
    ack.symbol = u"BTC"_s;
    ack.interval = u"1m"_s;
    QCOMPARE(toNormalizedJson(ack),
             R"({"venue":"hyperliquid","type":"subscribed","channel":"candle","symbol":"BTC","interval":"1m"})"_ba);

    ack.channel = u"trades"_s;
    ack.interval.clear();
    ack.subscribed = false;
    QCOMPARE(toNormalizedJson(ack),
             R"({"venue":"hyperliquid","type":"unsubscribed","channel":"trades","symbol":"BTC"})"_ba);

    ack.channel = u"allMids"_s;
    ack.symbol.clear();
    ack.subscribed = true;
    QCOMPARE(toNormalizedJson(ack), R"({"venue":"hyperliquid","type":"subscribed","channel":"allMids"})"_ba);
}

void TestEventJson::error()
{
    FeedError e;
    e.venue = u"hyperliquid"_s;
    e.code = u"invalid_subscription"_s;
    e.message = uR"(Invalid subscription {"type":"candle","coin":"NOPE","interval":"1m"})"_s;
    QCOMPARE(toNormalizedJson(e),
             R"({"type":"error","venue":"hyperliquid","code":"invalid_subscription",)"
             R"("message":"Invalid subscription {\"type\":\"candle\",\"coin\":\"NOPE\",\"interval\":\"1m\"}"})"_ba);
    // An error about one instrument names it.
    e.code = u"sequence_gap"_s;
    e.message = u"expected 7, got 9"_s;
    e.symbol = u"KXNFLGAME-25SEP07KCLV-KC"_s;
    QCOMPARE(toNormalizedJson(e),
             R"({"type":"error","venue":"hyperliquid","code":"sequence_gap","message":"expected 7, got 9",)"
             R"("symbol":"KXNFLGAME-25SEP07KCLV-KC"})"_ba);
}

void TestEventJson::heartbeat()
{
    QCOMPARE(toNormalizedJson(Heartbeat { u"hyperliquid"_s }), R"({"type":"heartbeat","venue":"hyperliquid"})"_ba);
}

void TestEventJson::status()
{
    QCOMPARE(statusJson(u"kalshi"_s, u"backing_off"_s, u"retry in 4 s"_s),
             R"({"type":"status","venue":"kalshi","state":"backing_off","detail":"retry in 4 s"})"_ba);
    QCOMPARE(statusJson(u"o2"_s, u"live"_s, QString()),
             R"({"type":"status","venue":"o2","state":"live","detail":""})"_ba);
}

void TestEventJson::escapesStrings()
{
    FeedError e;
    e.venue = u"fiml"_s;
    e.code = u"malformed"_s;
    e.message = u"a\"b\\c\nd\te\u0001f\u001f/\u00e9\u20ac\U0001F600\u007f"_s;
    QCOMPARE(toNormalizedJson(e),
             "{\"type\":\"error\",\"venue\":\"fiml\",\"code\":\"malformed\","
             "\"message\":\"a\\\"b\\\\c\\u000ad\\u0009e\\u0001f\\u001f/\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\x7f\"}"_ba);
}

void TestEventJson::outputIsValidCompactJson()
{
    FeedError e;
    e.venue = u"fiml"_s;
    e.code = u"malformed"_s;
    e.message = u"line1\nline2 \"quoted\" \\ \u00e9\u0000end"_s;
    const QByteArray json = toNormalizedJson(e);
    QVERIFY(!json.contains('\n'));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(u"message"_s).toString(), e.message);
}

// The CLI's JSON is C locale whatever the app's UI language: with the default QLocale German, French, Spanish or
// Japanese (what Translations::use sets), every exact output above is unchanged ("63719.0", never "63719,0" or
// "63.719,0").
void TestEventJson::sameUnderTheUiLocales()
{
    const QLocale before;
    for (const QLocale &locale :
         { QLocale(QLocale::German, QLocale::Germany), QLocale(QLocale::French, QLocale::France),
           QLocale(QLocale::Spanish, QLocale::Spain), QLocale(QLocale::Japanese, QLocale::Japan) }) {
        QLocale::setDefault(locale);
        QCOMPARE(QLocale().toString(1.5), locale.toString(1.5)); // the default did change
        for (void (TestEventJson::*test)() :
             { &TestEventJson::bookSnapshot, &TestEventJson::bookDelta, &TestEventJson::bbo, &TestEventJson::trade,
               &TestEventJson::candle, &TestEventJson::tickerFull, &TestEventJson::tickerFromAggregator,
               &TestEventJson::status, &TestEventJson::outputIsValidCompactJson }) {
            (this->*test)();
            if (QTest::currentTestFailed()) {
                QLocale::setDefault(before);
                QFAIL(qPrintable(u"JSON changed under "_s + locale.name()));
            }
        }
    }
    QLocale::setDefault(before);
}

QTEST_GUILESS_MAIN(TestEventJson)
#include "tst_eventjson.moc"
