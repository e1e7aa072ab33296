// Every documented Alpaca market-data frame decodes to exactly the expected events and session
// messages, field by field; plus the behaviour the fixtures do not show (order-book snapshots, the
// tick rule, updated bars replacing minute bars).

#include "AlpacaTestSupport.h"

#include "core/CandleSeries.h"
#include "core/EventJson.h"

#include <QtCore/QHash>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::alpaca;
using namespace tapescope::test;

namespace {

struct Expected
{
    QStringList events;
    QStringList session;
};

QString ack(const char *channel, const char *symbol)
{
    return uR"({"venue":"alpaca","type":"subscribed","channel":"%1","symbol":"%2"})"_s.arg(QLatin1String(channel),
                                                                                           QString::fromUtf8(symbol));
}

QString bbo(const char *symbol, qint64 ts, const char *bid, const char *bidSize, const char *ask, const char *askSize)
{
    return uR"({"venue":"alpaca","type":"bbo","symbol":"%1","ts":%2,"bid":["%3","%4"],"ask":["%5","%6"]})"_s.arg(
        QString::fromUtf8(symbol), QString::number(ts), QLatin1String(bid), QLatin1String(bidSize), QLatin1String(ask),
        QLatin1String(askSize));
}

// A bar's five numbers in wire order o, h, l, c, v.
QString candle(const char *symbol, const char *interval, qint64 start, qint64 end, QStringList ohlcv,
               const QString &trades = {}, const QString &vwap = {})
{
    QString text = uR"({"venue":"alpaca","type":"candle","symbol":"%1","interval":"%2","start":%3,"end":%4,)"_s.arg(
        QString::fromUtf8(symbol), QLatin1String(interval), QString::number(start), QString::number(end));
    text += uR"("open":"%1","high":"%2","low":"%3","close":"%4","volume":"%5")"_s.arg(ohlcv[0], ohlcv[1], ohlcv[2],
                                                                                      ohlcv[3], ohlcv[4]);
    if (!trades.isEmpty())
        text += uR"(,"trades":)"_s + trades;
    if (!vwap.isEmpty())
        text += u",\"vwap\":\""_s + vwap + u"\""_s;
    return text + u'}';
}

QString venueError(const char *code, const QString &message)
{
    return uR"({"type":"error","venue":"alpaca","code":"%1","message":"%2"})"_s.arg(QLatin1String(code), message);
}

Expected errorLine(int code, const char *token, const char *wireText)
{
    const QString words = QString::fromUtf8(wireText);
    return { { venueError(token, errorText(code) + u" (Alpaca "_s + QString::number(code) + u": "_s + words + u')') },
             { u"error %1 %2"_s.arg(code).arg(words) } };
}

const QString kFullStockSet = u"subscription trades=[AAPL] quotes=[AMD,CLDR] bars=[*] dailyBars=[VOO] statuses=[*] "
                              "corrections=[AAPL] cancelErrors=[AAPL]"_s;
const QStringList kFullStockAcks = { ack("trades", "AAPL"), ack("quotes", "AMD"),    ack("quotes", "CLDR"),
                                     ack("bars", "*"),      ack("dailyBars", "VOO"), ack("statuses", "*") };

// ws-server.jsonl, written from the fixture text (timestamps converted by hand to Unix ms).
QHash<int, Expected> expectedServerFrames()
{
    return {
        { 1, { {}, { u"connected"_s } } },
        { 2, errorLine(406, "connection_limit", "connection limit exceeded") },
        { 3, { {}, { u"authenticated"_s } } },
        { 4, { kFullStockAcks, { kFullStockSet } } },
        { 5,
          { { ack("trades", "AAPL"), ack("quotes", "AMD"), ack("quotes", "CLDR") },
            { u"subscription trades=[AAPL] quotes=[AMD,CLDR] corrections=[AAPL] cancelErrors=[AAPL]"_s } } },
        // The test stream lists only three channels; the others are empty.
        { 6,
          { { ack("quotes", "FAKEPACA"), ack("bars", "FAKEPACA") },
            { u"subscription quotes=[FAKEPACA] bars=[FAKEPACA]"_s } } },
        // 2024-07-24T07:56:53.639713735Z: the nanoseconds below the millisecond are dropped, not rounded.
        { 7, { { bbo("FAKEPACA", 1721807813639, "133.85", "4", "135.77", "5") }, {} } },
        { 8, { { bbo("FAKEPACA", 1721807818641, "133.85", "4", "135.77", "5") }, {} } },
        // Integer-valued high "136" stays an integer spelling.
        { 9,
          { { candle("FAKEPACA", "1m", 1721807760000, 1721807819999,
                     { u"132.65"_s, u"136"_s, u"132.12"_s, u"134.65"_s, u"205"_s }, u"16"_s, u"133.7"_s) },
            {} } },
        { 10,
          { { ack("trades", "AAPL") }, { u"subscription trades=[AAPL] corrections=[AAPL] cancelErrors=[AAPL]"_s } } },
        { 11, { kFullStockAcks, { kFullStockSet } } },
        { 12, { { bbo("AMD", 1680782061670, "91.95", "2", "91.98", "1") }, {} } },
        // Stock trades do not name the aggressor: tick rule, first trade a buy, same price keeps the
        // side, a down-tick sells.
        { 13,
          { { uR"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":1680782066838,"price":"162.92","size":"3","side_estimate":"buy","id":"628"})"_s,
              uR"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":1680782066838,"price":"162.92","size":"3","side_estimate":"buy","id":"75"})"_s,
              uR"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":1680782066839,"price":"162.91","size":"71","side_estimate":"sell","id":"1465"})"_s },
            {} } },
        { 14, { { bbo("AMD", 1680782067924, "91.9", "1", "91.98", "1") }, {} } },
        { 15, errorLine(400, "bad_request", "invalid syntax") },
        { 16, errorLine(401, "not_authenticated", "not authenticated") },
        { 17, errorLine(402, "auth_failed", "auth failed") },
        { 18, errorLine(403, "already_authenticated", "already authenticated") },
        { 19, errorLine(404, "auth_timeout", "auth timeout") },
        { 20, errorLine(405, "symbol_limit", "symbol limit exceeded") },
        { 21, errorLine(407, "slow_client", "slow client") },
        { 22, errorLine(408, "feed_not_enabled", "v2 not enabled") },
        { 23, errorLine(409, "insufficient_subscription", "insufficient subscription") },
        { 24, errorLine(500, "venue_internal_error", "internal error") },
        // 7-digit and 9-digit fractions within one millisecond.
        { 25,
          { { bbo("AMD", 1614009105335, "87.66", "1", "87.67", "1"),
              bbo("AMD", 1614009105335, "87.66", "1", "87.68", "4"),
              bbo("AMD", 1614009105335, "87.66", "1", "87.67", "1") },
            {} } },
        // Crypto: fractional volume, integer-valued high "48000"; wire order o, c, h, l does not matter.
        { 26,
          { { candle("BTC/USD", "1m", 1631844120000, 1631844179999,
                     { u"47993.71"_s, u"48000"_s, u"47976.69"_s, u"47982.6"_s, u"1.66283276"_s }, u"162"_s,
                     u"47984.1688165374"_s) },
            {} } },
        { 27, { { ack("bars", "BTC/USD") }, { u"subscription bars=[BTC/USD]"_s } } },
        { 28,
          { { candle("BTC/USD", "1m", 1679056080000, 1679056139999,
                     { u"26675.04"_s, u"26695.36"_s, u"26668.79"_s, u"26688.7"_s, u"3.227759152"_s }, u"93"_s,
                     u"26679.5912436798"_s) },
            {} } },
        { 29, { { ack("news", "*") }, { u"subscription news=[*]"_s } } },
        { 30, { {}, {} } }, // news: counted
        { 31, errorLine(412, "msgpack_required", "option messages are only available in MsgPack format") },
        { 32, errorLine(413, "wildcard_not_allowed", "star subscription is not allowed for option quotes") },
    };
}

// ws-server-elements.jsonl: single messages, each wrapped in [ ] as on the wire.
QHash<int, Expected> expectedElements()
{
    return {
        { 1,
          { { uR"({"venue":"alpaca","type":"trade","symbol":"AAPL","ts":1614009104208,"price":"126.55","size":"1","side_estimate":"buy","id":"96921"})"_s },
            {} } },
        { 2, { { bbo("AMD", 1614009105335, "87.66", "1", "87.68", "4") }, {} } },
        { 3,
          { { candle("SPY", "1m", 1614021300000, 1614021359999,
                     { u"388.985"_s, u"389.13"_s, u"388.975"_s, u"389.12"_s, u"49378"_s }, u"461"_s, u"389.062639"_s) },
            {} } },
        { 4, { {}, {} } }, // correction: counted
        { 5, { {}, {} } }, // cancel/error: counted
        { 6, { {}, {} } }, // LULD: counted
        // "H" Trading Halt.
        { 7,
          { { uR"({"venue":"alpaca","type":"market_status","symbol":"AAPL","ts":1614021300000,"state":"paused"})"_s },
            {} } },
        { 8, { {}, {} } }, // imbalance: counted
        // A daily bar without n / vw (old docs).
        { 9,
          { { candle("SPY", "1d", 1613448000000, 1613534399999,
                     { u"388.985"_s, u"389.13"_s, u"388.975"_s, u"389.12"_s, u"749378"_s }) },
            {} } },
        // Crypto trade: id above 2^53 kept exactly, taker side from tks, fractional size.
        { 10,
          { { uR"({"venue":"alpaca","type":"trade","symbol":"AVAX/USD","ts":1710239268858,"price":"47.299","size":"29.205707815","side":"sell","id":"3447222699101865076"})"_s },
            {} } },
        { 11, { { bbo("BAT/USD", 1710239383111, "0.35718", "13445.46", "0.3581", "13561.902") }, {} } },
        { 12,
          { { candle("BTC/USD", "1m", 1710239820000, 1710239879999,
                     { u"71856.1435"_s, u"71856.1435"_s, u"71856.1435"_s, u"71856.1435"_s, u"0"_s }, u"0"_s, u"0"_s) },
            {} } },
        { 13,
          { { uR"({"venue":"alpaca","type":"book_delta","symbol":"MKR/USD","ts":1710239979445,"changes":[["ask","2614.587","12.5308"]]})"_s },
            {} } },
        // s:0 removes the level.
        { 14,
          { { uR"({"venue":"alpaca","type":"book_delta","symbol":"CRV/USD","ts":1710239980501,"changes":[["bid","0.7904","0"]]})"_s },
            {} } },
        // Option trade: no id, conditions as a string.
        { 15,
          { { uR"({"venue":"alpaca","type":"trade","symbol":"AAPL240315C00172500","ts":1710164135133,"price":"2.84","size":"1","side_estimate":"buy"})"_s },
            {} } },
        { 16, { { bbo("SPXW240327P04925000", 1710244778897, "9.46", "53", "9.66", "38") }, {} } },
    };
}

QByteArray mismatch(const QByteArray &where, const QStringList &got, const QStringList &want)
{
    return QByteArray(where + ":\n got  " + got.join(u"\n      "_s).toUtf8() + "\n want "
                      + want.join(u"\n      "_s).toUtf8());
}

EventBatch decodeOk(Codec &codec, std::string_view frame)
{
    EventBatch events;
    codec.decode(frame, events);
    return events;
}

} // namespace

class TestAlpacaCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyServerFrame();
    void everyElement();
    void orderBookSnapshotIsSortedAndReplaces();
    void emptyOrderBookUpdateYieldsNothing();
    void tickRuleFollowsEachSymbol();
    void updatedBarReplacesMinuteBar();
    void statusCodesMapToTradingState();
    void quoteWithEmptySide();
    void quoteAsOneLevelBook();
    void keysInAnyOrder();
    void mixedTypesInOneFrame();
    void unknownTypeIsSkippedAndCounted();
    void unknownErrorCode();
};

void TestAlpacaCodec::everyServerFrame()
{
    const QList<QByteArray> lines = alpacaFixtureLines("ws-server.jsonl");
    const QHash<int, Expected> expected = expectedServerFrames();
    QCOMPARE(lines.size(), 32);
    QCOMPARE(expected.size(), lines.size());
    Codec codec;
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNumber = i + 1;
        EventBatch events;
        const DecodeResult result
            = codec.decode(std::string_view(lines[i].constData(), static_cast<std::size_t>(lines[i].size())), events);
        const Expected &want = expected.value(lineNumber);
        const QByteArray where = "ws-server.jsonl line " + QByteArray::number(lineNumber);
        QVERIFY2(eventTexts(events) == want.events, mismatch(where, eventTexts(events), want.events).constData());
        QVERIFY2(sessionTexts(result.session) == want.session,
                 mismatch(where + " session", sessionTexts(result.session), want.session).constData());
    }
    QCOMPARE(codec.stats().frames, 32u);
    QCOMPARE(codec.stats().malformed, 0u);
    QCOMPARE(codec.stats().news, 1u);
    QCOMPARE(codec.stats().unknownTypes, 0u);
}

void TestAlpacaCodec::everyElement()
{
    const QList<QByteArray> lines = alpacaFixtureLines("ws-server-elements.jsonl");
    const QHash<int, Expected> expected = expectedElements();
    QCOMPARE(lines.size(), 16);
    QCOMPARE(expected.size(), lines.size());
    Codec codec;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray frame = '[' + lines[i] + ']';
        EventBatch events;
        const DecodeResult result
            = codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
        const QByteArray where = "ws-server-elements.jsonl line " + QByteArray::number(i + 1);
        const QStringList want = expected.value(i + 1).events;
        QVERIFY2(eventTexts(events) == want, mismatch(where, eventTexts(events), want).constData());
        QVERIFY2(result.session.empty(), where.constData());
    }
    const CodecStats &stats = codec.stats();
    QCOMPARE(stats.malformed, 0u);
    QCOMPARE(stats.corrections, 1u);
    QCOMPARE(stats.cancelErrors, 1u);
    QCOMPARE(stats.lulds, 1u);
    QCOMPARE(stats.imbalances, 1u);
    QCOMPARE(stats.statusNotices, 0u);
    QCOMPARE(stats.unknownTypes, 0u);
}

void TestAlpacaCodec::orderBookSnapshotIsSortedAndReplaces()
{
    // r:true is a full book (docs/protocols/alpaca.md §5.4); levels arrive in any order and a zero size has no place.
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([{"T":"o","S":"BTC/USD","t":"2024-03-12T10:39:39.445Z","b":[{"p":67000.5,"s":0.5},{"p":67001,"s":1.25},{"p":66990,"s":0}],)"
        R"("a":[{"p":67010,"s":2},{"p":67002.25,"s":0.1}],"r":true}])");
    QCOMPARE(
        eventTexts(events),
        QStringList {
            uR"({"venue":"alpaca","type":"book","symbol":"BTC/USD","ts":1710239979445,"bids":[["67001","1.25"],["67000.5","0.5"]],"asks":[["67002.25","0.1"],["67010","2"]]})"_s });
}

void TestAlpacaCodec::emptyOrderBookUpdateYieldsNothing()
{
    Codec codec;
    QVERIFY(decodeOk(codec, R"([{"T":"o","S":"BTC/USD","t":"2024-03-12T10:39:39Z","b":[],"a":[]}])").empty());
    QCOMPARE(codec.stats().malformed, 0u);
}

void TestAlpacaCodec::tickRuleFollowsEachSymbol()
{
    Codec codec;
    const EventBatch events = decodeOk(codec,
                                       R"([{"T":"t","S":"A","i":1,"p":10,"s":1,"t":"2024-01-02T15:00:00Z"},)"
                                       R"({"T":"t","S":"B","i":2,"p":50,"s":1,"t":"2024-01-02T15:00:00Z"},)"
                                       R"({"T":"t","S":"A","i":3,"p":9.99,"s":1,"t":"2024-01-02T15:00:01Z"},)"
                                       R"({"T":"t","S":"B","i":4,"p":50.01,"s":1,"t":"2024-01-02T15:00:01Z"},)"
                                       R"({"T":"t","S":"A","i":5,"p":9.99,"s":1,"t":"2024-01-02T15:00:02Z"}])");
    QCOMPARE(events.size(), 5u);
    const auto side = [&](std::size_t i) { return std::get<Trade>(events[i]).side; };
    QCOMPARE(side(0), Side::Buy); // first A
    QCOMPARE(side(1), Side::Buy); // first B
    QCOMPARE(side(2), Side::Sell); // A down-tick
    QCOMPARE(side(3), Side::Buy); // B up-tick
    QCOMPARE(side(4), Side::Sell); // A zero-tick keeps the previous side
    QVERIFY(!std::get<Trade>(events[0]).aggressorKnown);

    // The state lives across frames, and reset() forgets it.
    const EventBatch next = decodeOk(codec, R"([{"T":"t","S":"A","i":6,"p":9.99,"s":1,"t":"2024-01-02T15:00:03Z"}])");
    QCOMPARE(std::get<Trade>(next[0]).side, Side::Sell);
    codec.reset();
    const EventBatch afterReset
        = decodeOk(codec, R"([{"T":"t","S":"A","i":7,"p":9.98,"s":1,"t":"2024-01-02T15:00:04Z"}])");
    QCOMPARE(std::get<Trade>(afterReset[0]).side, Side::Buy);
}

void TestAlpacaCodec::updatedBarReplacesMinuteBar()
{
    // A late trade re-sends the 19:15 bar as `u` with the same start (docs/protocols/alpaca.md §5.3): it must replace
    // it.
    Codec codec;
    EventBatch events = decodeOk(
        codec,
        R"([{"T":"b","S":"SPY","o":388.985,"h":389.13,"l":388.975,"c":389.12,"v":49378,"n":461,"vw":389.06,"t":"2021-02-22T19:15:00Z"}])");
    const EventBatch next = decodeOk(
        codec,
        R"([{"T":"b","S":"SPY","o":389.12,"h":389.2,"l":389.1,"c":389.15,"v":1000,"n":10,"vw":389.1,"t":"2021-02-22T19:16:00Z"}])");
    const EventBatch updated = decodeOk(
        codec,
        R"([{"T":"u","S":"SPY","o":388.985,"h":389.5,"l":388.975,"c":389.12,"v":49500,"n":463,"vw":389.07,"t":"2021-02-22T19:15:00Z"}])");
    QCOMPARE(updated.size(), 1u);
    const Candle &replacement = std::get<Candle>(updated[0]);
    QCOMPARE(replacement.interval, u"1m"_s);
    QCOMPARE(replacement.start, std::get<Candle>(events[0]).start);

    CandleSeries series;
    series.apply(std::get<Candle>(events[0]));
    series.apply(std::get<Candle>(next[0]));
    QCOMPARE(series.apply(replacement), CandleSeries::Change::Replaced);
    QCOMPARE(series.size(), 2u);
    QCOMPARE(series.at(0).high, *Decimal::parse("389.5"));
    QCOMPARE(series.at(0).volume, *Decimal::parse("49500"));
}

void TestAlpacaCodec::statusCodesMapToTradingState()
{
    const auto stateOf = [](const char *code) -> std::optional<MarketState> {
        Codec codec;
        const std::string frame = std::string(R"([{"T":"s","S":"AAPL","sc":")") + code
            + R"(","sm":"x","rc":"","rm":"","t":"2021-02-22T19:15:00Z","z":"C"}])";
        const EventBatch events = decodeOk(codec, frame);
        if (events.empty())
            return std::nullopt;
        return std::get<MarketStatus>(events[0]).state;
    };
    QCOMPARE(stateOf("H"), MarketState::Paused); // UTP trading halt
    QCOMPARE(stateOf("2"), MarketState::Paused); // CTA trading halt
    QCOMPARE(stateOf("P"), MarketState::Paused); // volatility trading pause
    QCOMPARE(stateOf("Q"), MarketState::Paused); // quotation resumption: quoting only
    QCOMPARE(stateOf("T"), MarketState::Open); // UTP trading resumption
    QCOMPARE(stateOf("3"), MarketState::Open); // CTA resume
    QCOMPARE(stateOf("E"), std::nullopt); // short sale restriction: no change in trading
    Codec codec;
    decodeOk(codec,
             R"([{"T":"s","S":"AAPL","sc":"F","sm":"LULD","rc":"","rm":"","t":"2021-02-22T19:15:00Z","z":"C"}])");
    QCOMPARE(codec.stats().statusNotices, 1u);
}

void TestAlpacaCodec::quoteWithEmptySide()
{
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([{"T":"q","S":"XYZ","bx":"","bp":0,"bs":0,"ax":"Q","ap":12.5,"as":3,"c":["R"],"z":"C","t":"2024-01-02T15:00:00Z"}])");
    QCOMPARE(
        eventTexts(events),
        QStringList {
            uR"({"venue":"alpaca","type":"bbo","symbol":"XYZ","ts":1704207600000,"bid":null,"ask":["12.5","3"]})"_s });
}

void TestAlpacaCodec::quoteAsOneLevelBook()
{
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([{"T":"q","S":"AMD","bx":"U","bp":87.66,"bs":1,"ax":"Q","ap":87.68,"as":4,"t":"2021-02-22T15:51:45.335689322Z","c":["R"],"z":"C"}])");
    const BookSnapshot book = oneLevelBook(std::get<Bbo>(events[0]));
    QCOMPARE(
        toNormalizedJson(book),
        R"({"venue":"alpaca","type":"book","symbol":"AMD","ts":1614009105335,"bids":[["87.66","1"]],"asks":[["87.68","4"]]})"_ba);
    Bbo oneSided = std::get<Bbo>(events[0]);
    oneSided.bid.reset();
    QVERIFY(oneLevelBook(oneSided).bids.empty());
    QCOMPARE(oneLevelBook(oneSided).asks.size(), 1u);
}

void TestAlpacaCodec::keysInAnyOrder()
{
    // T last, exponent spelling of a number: still exact.
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([ {"S":"BTC/USD","p":6.5e4,"s":1.5E-3,"t":"2024-03-12T10:27:48Z","i":18446744073709551615,"tks":"B","T":"t"} ])");
    QCOMPARE(
        eventTexts(events),
        QStringList {
            uR"({"venue":"alpaca","type":"trade","symbol":"BTC/USD","ts":1710239268000,"price":"65000","size":"0.0015","side":"buy","id":"18446744073709551615"})"_s });
}

void TestAlpacaCodec::mixedTypesInOneFrame()
{
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([{"T":"t","S":"AAPL","i":1,"x":"V","p":100,"s":5,"c":["@"],"z":"C","t":"2024-01-02T15:00:00.5Z"},)"
        R"({"T":"l","S":"AAPL","u":110,"d":90,"i":"B","t":"2024-01-02T15:00:00Z","z":"C"},)"
        R"({"T":"q","S":"AAPL","bx":"V","bp":99.99,"bs":2,"ax":"V","ap":100.01,"as":3,"c":["R"],"z":"C","t":"2024-01-02T15:00:00.6Z"}])");
    QCOMPARE(events.size(), 2u);
    QVERIFY(std::holds_alternative<Trade>(events[0]));
    QCOMPARE(std::get<Trade>(events[0]).ts, 1704207600500);
    QVERIFY(std::holds_alternative<Bbo>(events[1]));
    QCOMPARE(codec.stats().lulds, 1u);
}

void TestAlpacaCodec::unknownTypeIsSkippedAndCounted()
{
    Codec codec;
    const EventBatch events = decodeOk(
        codec,
        R"([{"T":"zz","S":"AAPL","q":{"nested":[1,2]}},{"T":"t","S":"AAPL","i":1,"p":1,"s":1,"t":"2024-01-02T15:00:00Z"}])");
    QCOMPARE(events.size(), 1u);
    QCOMPARE(codec.stats().unknownTypes, 1u);
    QCOMPARE(codec.stats().malformed, 0u);
    QVERIFY(decodeOk(codec, "[]").empty());
    QCOMPARE(codec.stats().malformed, 0u);
}

void TestAlpacaCodec::unknownErrorCode()
{
    Codec codec;
    EventBatch events;
    const DecodeResult result = codec.decode(R"([{"T":"error","code":499,"msg":"something new"}])", events);
    QCOMPARE(
        eventTexts(events),
        QStringList { venueError("venue_error", u"Alpaca reported an unknown error. (Alpaca 499: something new)"_s) });
    QCOMPARE(result.session.size(), 1u);
    QCOMPARE(result.session[0].errorCode, 499);
    QCOMPARE(classifyError(result.session[0].errorCode), ErrorAction::Report);
}

QTEST_GUILESS_MAIN(TestAlpacaCodec)
#include "tst_alpaca_codec.moc"
