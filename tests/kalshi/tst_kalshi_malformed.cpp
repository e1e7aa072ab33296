// Broken input never crashes, yields exactly one FeedError "malformed" and changes no codec state.

#include "KalshiTestSupport.h"

#include "venues/kalshi/KalshiCodec.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::test;
using tapescope::kalshi::Codec;

class KalshiMalformedTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneErrorNoEvents_data();
    void oneErrorNoEvents();
    void everyTruncationOfEveryLine();
    void malformedFrameChangesNoState();
    void unknownTypesAreCounted();
};

void KalshiMalformedTest::oneErrorNoEvents_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("reason"); // a fragment of the FeedError message

    QTest::newRow("empty") << QByteArray() << u"frame:"_s;
    QTest::newRow("not json") << QByteArray("heartbeat") << u"frame:"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << u"not a JSON object"_s;
    QTest::newRow("no type") << QByteArray(R"({"id":1,"msg":{}})") << u"no type"_s;
    QTest::newRow("type number") << QByteArray(R"({"type":5})") << u"type is not a string"_s;
    QTest::newRow("sid string") << QByteArray(R"({"type":"ticker","sid":"1","msg":{"market_ticker":"A"}})") << u"sid"_s;
    QTest::newRow("negative seq") << QByteArray(R"({"type":"trade","sid":1,"seq":-4,"msg":{}})") << u"seq"_s;
    QTest::newRow("trailing") << QByteArray(R"({"type":"ok","id":1}{})") << u"trailing"_s;
    QTest::newRow("snapshot no msg") << QByteArray(R"({"type":"orderbook_snapshot","sid":1,"seq":1})") << u"no msg"_s;
    QTest::newRow("snapshot level text") << QByteArray(
        R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["x","1.00"]]}})")
                                         << u"price"_s;
    QTest::newRow("snapshot level triple") << QByteArray(
        R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","yes_dollars_fp":[["0.1","1.00","2"]]}})")
                                           << u"more than two"_s;
    QTest::newRow("snapshot price 1") << QByteArray(
        R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A","no_dollars_fp":[["1.0000","1.00"]]}})")
                                      << u"out of range"_s;
    QTest::newRow("snapshot no ticker") << QByteArray(
        R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"yes_dollars_fp":[]}})")
                                        << u"lacks market_ticker"_s;
    QTest::newRow("delta bad side") << QByteArray(
        R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"A","price_dollars":"0.1","delta_fp":"1","side":"maybe"}})")
                                    << u"side"_s;
    QTest::newRow("delta price number") << QByteArray(
        R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"A","price_dollars":0.1,"delta_fp":"1","side":"yes"}})")
                                        << u"price_dollars"_s;
    QTest::newRow("delta no delta") << QByteArray(
        R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"A","price_dollars":"0.1","side":"yes"}})")
                                    << u"lacks"_s;
    QTest::newRow("ticker msg array") << QByteArray(R"({"type":"ticker","sid":1,"msg":[]})") << u"not an object"_s;
    QTest::newRow("ticker bid text") << QByteArray(
        R"({"type":"ticker","sid":1,"msg":{"market_ticker":"A","yes_bid_dollars":"abc"}})")
                                     << u"yes_bid_dollars"_s;
    QTest::newRow("ticker cents string") << QByteArray(
        R"({"type":"ticker","sid":1,"msg":{"market_ticker":"A","yes_bid":"45"}})")
                                         << u"yes_bid"_s;
    QTest::newRow("trade no side") << QByteArray(
        R"({"type":"trade","sid":1,"msg":{"market_ticker":"A","yes_price_dollars":"0.5","count_fp":"1.00"}})")
                                   << u"taker side"_s;
    QTest::newRow("trade count bool") << QByteArray(
        R"({"type":"trade","sid":1,"msg":{"market_ticker":"A","yes_price_dollars":"0.5","count":true,"taker_side":"yes"}})")
                                      << u"count"_s;
    QTest::newRow("lifecycle no type") << QByteArray(
        R"({"type":"market_lifecycle_v2","sid":1,"msg":{"market_ticker":"A"}})")
                                       << u"event_type"_s;
    QTest::newRow("error code text") << QByteArray(R"({"id":1,"type":"error","msg":{"code":"9","msg":"x"}})")
                                     << u"code"_s;
    QTest::newRow("subscribed sid text") << QByteArray(
        R"({"id":1,"type":"subscribed","msg":{"channel":"ticker","sid":"2"}})")
                                         << u"sid"_s;
    QTest::newRow("list entry without sid")
        << QByteArray(R"({"id":3,"type":"ok","msg":[{"channel":"ticker"}]})") << u"lacks channel or sid"_s;
    QTest::newRow("ok tickers number") << QByteArray(R"({"id":3,"type":"ok","msg":{"market_tickers":[1]}})")
                                       << u"non-string"_s;
    // Found by fuzzing: seconds * 1000 overflowed (signed overflow, undefined behaviour).
    QTest::newRow("ts seconds too large")
        << QByteArray(R"({"type":"ticker","msg":{"market_ticker":"0","ts":16691498419841000}})") << u"ts"_s;
    QTest::newRow("determination_ts too large") << QByteArray(
        R"({"type":"market_lifecycle_v2","msg":{"market_ticker":"A","event_type":"determined","determination_ts":-9223372036854775807}})")
                                                << u"determination_ts"_s;
    // Times outside core/TimeUnits.h's window (1970 to year 9999), in every unit Kalshi sends.
    QTest::newRow("ts seconds after year 9999")
        << QByteArray(R"({"type":"ticker","msg":{"market_ticker":"A","ts":253402300800}})") << u"ts"_s;
    QTest::newRow("ts seconds negative") << QByteArray(R"({"type":"ticker","msg":{"market_ticker":"A","ts":-1}})")
                                         << u"ts"_s;
    QTest::newRow("ts_ms after year 9999")
        << QByteArray(R"({"type":"ticker","msg":{"market_ticker":"A","ts_ms":253402300800000}})") << u"ts_ms"_s;
    QTest::newRow("ts_ms negative") << QByteArray(R"({"type":"ticker","msg":{"market_ticker":"A","ts_ms":-5}})")
                                    << u"ts_ms"_s;
    QTest::newRow("settled_ts negative") << QByteArray(
        R"({"type":"market_lifecycle_v2","msg":{"market_ticker":"A","event_type":"settled","settled_ts":-1}})")
                                         << u"settled_ts"_s;
    QTest::newRow("delta ts before 1970") << QByteArray(
        R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"A","price_dollars":"0.1","delta_fp":"1","side":"yes","ts":"1969-12-31T23:59:59Z"}})")
                                          << u"ts"_s;
    QTest::newRow("delta ts_ms after year 9999") << QByteArray(
        R"({"type":"orderbook_delta","sid":1,"seq":1,"msg":{"market_ticker":"A","price_dollars":"0.1","delta_fp":"1","side":"yes","ts_ms":253402300800000}})")
                                                 << u"ts_ms"_s;
    QTest::newRow("truncated ignored type")
        << QByteArray(R"({"type":"fill","sid":13,"msg":{"trade_id":"d9)") << u"frame"_s;
}

void KalshiMalformedTest::oneErrorNoEvents()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, reason);
    Codec codec;
    EventBatch events;
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    QCOMPARE(events.size(), 1u);
    const auto *error = std::get_if<FeedError>(&events.front());
    QVERIFY(error);
    QCOMPARE(error->code, u"malformed"_s);
    QCOMPARE(error->venue, u"kalshi"_s);
    QVERIFY2(error->message.contains(reason), qPrintable(error->message));
    QCOMPARE(codec.stats().malformed, 1u);
}

void KalshiMalformedTest::everyTruncationOfEveryLine()
{
    // Cutting any fixture line anywhere must give exactly one malformed error (or, for a cut that still
    // parses, never more than the whole line gives) and never crash.
    const int lines = kalshiFixtureLineCount(u"ws-server.jsonl"_s);
    for (int line = 1; line <= lines; ++line) {
        const QByteArray frame = kalshiFixtureLine(u"ws-server.jsonl"_s, line);
        for (qsizetype cut = 0; cut < frame.size(); cut += std::max<qsizetype>(1, frame.size() / 60)) {
            Codec codec;
            EventBatch events;
            codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(cut)), events);
            QVERIFY2(events.size() == 1, qPrintable(u"WS#%1 cut at %2"_s.arg(line).arg(cut)));
            const auto *error = std::get_if<FeedError>(&events.front());
            QVERIFY2(error && error->code == u"malformed"_s, qPrintable(u"WS#%1 cut at %2"_s.arg(line).arg(cut)));
        }
    }
}

void KalshiMalformedTest::malformedFrameChangesNoState()
{
    Codec codec;
    EventBatch events;
    codec.decode(
        R"({"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"A-1","yes_dollars_fp":[["0.4000","10.00"]]}})",
        events);
    // A delta whose seq would be a gap but whose body is broken: no gap report, no book change.
    codec.decode(
        R"({"type":"orderbook_delta","sid":1,"seq":5,"msg":{"market_ticker":"A-1","price_dollars":"0.4000","delta_fp":"x","side":"yes"}})",
        events);
    QCOMPARE(codec.lastSequence(1), 1);
    QCOMPARE(codec.stats().sequenceGaps, 0u);
    events.clear();
    codec.decode(
        R"({"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"A-1","price_dollars":"0.4000","delta_fp":"1.00","side":"yes"}})",
        events);
    QCOMPARE(kalshiEventTexts(events), QStringList { u"delta A-1 seq=2 ts=0 bid 0.4000/11.00"_s });
}

void KalshiMalformedTest::unknownTypesAreCounted()
{
    Codec codec;
    EventBatch events;
    codec.decode(R"({"type":"brand_new_thing","sid":3,"seq":1,"msg":{"x":[1,2,{"y":null}]}})", events);
    codec.decode(R"({"type":"fill","sid":13,"msg":{"trade_id":"x"}})", events);
    QVERIFY(events.empty());
    QCOMPARE(codec.stats().unknownMessages, 1u);
    QCOMPARE(codec.stats().ignoredMessages, 1u);
    QCOMPARE(codec.stats().malformed, 0u);
    QCOMPARE(codec.lastSequence(3), 1); // unknown types still take part in sequencing
}

QTEST_GUILESS_MAIN(KalshiMalformedTest)
#include "tst_kalshi_malformed.moc"
