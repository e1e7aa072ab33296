// Every line of the Kalshi ws-server fixture through the codec, field by field, and the commands the
// codec writes against the ws-client fixture (docs/protocols/kalshi.md §4–§7, §12).

#include "KalshiTestSupport.h"

#include "venues/kalshi/KalshiCodec.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::test;
using tapescope::kalshi::Codec;

namespace {

const QString kServer = u"ws-server.jsonl"_s;
const QString kClient = u"ws-client.jsonl"_s;

// The fixture's delta examples refer to a 0.96 YES level their snapshot examples do not have; this
// snapshot gives them one so the delta itself can be checked (the real pairing is tested below).
const QByteArray kFedSnapshotWith96
    = R"({"type":"orderbook_snapshot","sid":2,"seq":2,"msg":{"market_ticker":"FED-23DEC-T3.00","yes_dollars_fp":[["0.9600","100.00"]]}})";

QJsonObject json(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object();
}

} // namespace

class KalshiCodecTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyServerLine_data();
    void everyServerLine();
    void fixtureDeltaAgainstItsOwnSnapshot();
    void errorMessagesInPlainWords();
    void unknownErrorCodeAndMarketsNotFound();
    void typeAfterMsgAndFlattenedOk();

    void subscribeMatchesFixture();
    void unsubscribeMatchesFixture();
    void updateSubscriptionMatchesFixture();
    void listSubscriptionsMatchesFixture();
    void commandsRefuseBadInput();
};

void KalshiCodecTest::everyServerLine_data()
{
    QTest::addColumn<int>("line");
    QTest::addColumn<QByteArray>("primer");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<int>("ignored"); // CodecStats::ignoredMessages after the line
    QTest::addColumn<int>("unknown");

    const QString fed = u"FED-23DEC-T3.00"_s;
    auto row = [](int line, const QStringList &expected, int ignored = 0, const QByteArray &primer = {}) {
        QTest::addRow("WS#%d", line) << line << primer << expected << ignored << 0;
    };
    row(1, { u"ack subscribed channel=orderbook_delta symbol= id=1 sid=1"_s });
    row(2, { u"ack unsubscribed channel= symbol= id=102 sid=2"_s });
    row(3,
        { u"ack subscribed channel= symbol=MARKET-1 id=123 sid=456"_s,
          u"ack subscribed channel= symbol=MARKET-2 id=123 sid=456"_s,
          u"ack subscribed channel= symbol=MARKET-3 id=123 sid=456"_s });
    row(4,
        { u"ack subscribed channel=orderbook_delta symbol= id=3 sid=1"_s,
          u"ack subscribed channel=ticker symbol= id=3 sid=2"_s, u"ack subscribed channel=fill symbol= id=3 sid=3"_s });
    row(5, { u"error already_subscribed symbol= id=123 sid=-1 expected=-1 got=-1"_s });
    row(6, { u"error unknown_channel symbol= id=124 sid=-1 expected=-1 got=-1"_s });
    row(7, { u"error venue_error symbol= id=125 sid=-1 expected=-1 got=-1"_s });
    row(8, { u"error auth_required symbol= id=126 sid=-1 expected=-1 got=-1"_s });
    row(9, { u"error unknown_market symbol=INVALID-MARKET id=127 sid=-1 expected=-1 got=-1"_s });
    row(10, { u"error unknown_subscription symbol= id=123 sid=-1 expected=-1 got=-1"_s });
    row(11, { u"error venue_error symbol= id=127 sid=-1 expected=-1 got=-1"_s });
    row(12, { u"ack subscribed channel=ticker symbol= id=1 sid=42"_s });
    // YES view: bids = YES bids best first; asks = 1 − NO bids, best (1 − 0.5600) first.
    row(13, { u"book FED-23DEC-T3.00 seq=2 ts=0 bids=2:0.2200/333.00 asks=2:0.4400/146.00"_s });
    row(14, { u"delta FED-23DEC-T3.00 seq=3 ts=1669149841000 bid 0.960/46.00"_s }, 0, kFedSnapshotWith96);
    row(15, { u"book FED-23DEC-T3.00 seq=2 ts=0 bids=2:0.2200/333.00 asks=2:0.4400/146.00"_s });
    row(16, { u"delta FED-23DEC-T3.00 seq=3 ts=1669149841000 bid 0.9600/46.00"_s }, 0, kFedSnapshotWith96);
    // docs/protocols/kalshi.md §9.1 worked example: best YES bid 0.1000 × 29.00, best NO bid 0.8900 × 207.00 → YES ask
    // 0.1100 × 207.00.
    row(17, { u"book KXHIGHNY-26JUN24-T82 seq=1 ts=0 bids=10:0.1000/29.00 asks=57:0.1100/207.00"_s });
    row(18, { u"delta KXHIGHNY-26JUN24-T82 seq=2 ts=1782316195033 bid 0.1000/36.00"_s }, 0,
        kalshiFixtureLine(kServer, 17));
    row(19,
        { u"bbo FED-23DEC-T3.00 ts=1669149841000 bid=0.450/0 ask=0.530/0"_s,
          u"ticker FED-23DEC-T3.00 ts=1669149841000 mid=0.490 last=0.480 oi=20422.00"_s });
    row(20,
        { u"bbo FED-23DEC-T3.00 ts=1669149841000 bid=0.4500/300.00 ask=0.5300/150.00"_s,
          u"ticker FED-23DEC-T3.00 ts=1669149841000 mid=0.4900 last=0.4800 oi=20422.00"_s });
    row(21,
        { u"bbo KXRANKLISTGOOGLESEARCH-26JAN-BIA ts=1732579880000 bid=0.1100/0 ask=0.1200/0"_s,
          u"ticker KXRANKLISTGOOGLESEARCH-26JAN-BIA ts=1732579880000 mid=0.1150 last=0.1200 oi=182646"_s });
    // Never traded: price 0 / price_dollars "" → no last.
    row(22,
        { u"bbo KXBRASILEIROGAME-25NOV29CEACRU-CRU ts=1732579880000 bid=0.3700/0 ask=0.4300/0"_s,
          u"ticker KXBRASILEIROGAME-25NOV29CEACRU-CRU ts=1732579880000 mid=0.4000 last=- oi=0"_s });
    row(23,
        { u"bbo KXXRP-26FEB1317-B1.3899500 ts=1770897976000 bid=0.0400/14.00 ask=0.9500/84.00"_s,
          u"ticker KXXRP-26FEB1317-B1.3899500 ts=1770897976000 mid=0.4950 last=0.1400 oi=892.00"_s });
    // Empty ask side encoded as 1.0000 × 0.00 (§7.3) → no ask, no mid.
    row(24,
        { u"bbo KXETHD-26FEB1217-T1779.99 ts=1770897976000 bid=0.9700/5000.00 ask=-"_s,
          u"ticker KXETHD-26FEB1217-T1779.99 ts=1770897976000 mid=- last=- oi=0.00"_s });
    row(25, { u"ticker FED-23DEC-T3.00 ts=1669149841000 mid=- last=0.480 oi=-"_s });
    row(26,
        { u"trade HIGHNY-22DEC23-B53.5 ts=1669149841000 sell 0.360/136.00 id=d91bc706-ee49-470d-82d8-11418bda6fed"_s });
    row(27,
        { u"trade HIGHNY-22DEC23-B53.5 ts=1669149841000 sell 0.3600/136.00 id=d91bc706-ee49-470d-82d8-11418bda6fed"_s });
    row(28,
        { u"trade KXSOLD-26FEB1217-T79.9999 ts=1770897981000 buy 0.7700/75.00 id=f851595a-6d92-424e-09f8-0d2669de70ae"_s });
    row(29,
        { u"trade KXBTCD-26FEB1217-T67749.99 ts=1770897984000 sell 0.5700/90.00 id=d6af7817-8764-6afb-f5b7-ced5fda2581c"_s });
    row(30,
        { u"trade KXBTCD-26MAR1213-T69499.99 ts=1773331880000 buy 0.8900/3.00 id=5d937db7-0c71-43cb-0b60-b56a4387af64"_s });
    for (int line = 31; line <= 36; ++line)
        row(line, {}, 1); // fill, market_position, user_order, order_group_updates: documented, not market data
    row(37, { u"status INXD-23SEP14-B4487 ts=0 state=created result= settle=-"_s });
    row(38, {}, 1); // price_level_structure_updated: no state change
    row(39, {}, 1); // metadata_updated
    row(40,
        { u"status KXMLBSPREAD-26JUL191605WSHATH-ATH4 ts=1784501722000 state=determined result=no settle=0.0000"_s });
    row(41, { u"status KXBNB15M-26JUL191830-30 ts=1784500206000 state=settled result= settle=-"_s });
    for (int line = 42; line <= 44; ++line)
        row(line, {}, 1); // event_lifecycle, event_fee_update, multivariate_lookup
    Q_UNUSED(fed);
}

void KalshiCodecTest::everyServerLine()
{
    QFETCH(int, line);
    QFETCH(QByteArray, primer);
    QFETCH(QStringList, expected);
    QFETCH(int, ignored);
    QFETCH(int, unknown);
    QCOMPARE(kalshiFixtureLineCount(kServer), 44);

    Codec codec;
    EventBatch events;
    if (!primer.isEmpty()) {
        codec.decode(primer.toStdString(), events);
        QCOMPARE(events.size(), 1u);
        events.clear();
    }
    const QByteArray frame = kalshiFixtureLine(kServer, line);
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    QCOMPARE(kalshiEventTexts(events), expected);
    for (const MarketEvent &event : events)
        QCOMPARE(std::visit([](const auto &e) { return e.venue; }, event), u"kalshi"_s);
    QCOMPARE(codec.stats().malformed, 0u);
    QCOMPARE(codec.stats().sequenceGaps, 0u);
    QCOMPARE(static_cast<int>(codec.stats().ignoredMessages), ignored);
    QCOMPARE(static_cast<int>(codec.stats().unknownMessages), unknown);
}

void KalshiCodecTest::fixtureDeltaAgainstItsOwnSnapshot()
{
    // WS#14 removes 54 contracts at YES 0.96, a level WS#13 does not hold: the book would go negative,
    // so the codec refuses the delta and asks for a resync instead of publishing a wrong book.
    Codec codec;
    EventBatch events;
    const QByteArray snapshot = kalshiFixtureLine(kServer, 13);
    const QByteArray delta = kalshiFixtureLine(kServer, 14);
    codec.decode(snapshot.toStdString(), events);
    events.clear();
    codec.decode(delta.toStdString(), events);
    QCOMPARE(kalshiEventTexts(events),
             QStringList { u"error book_resync_needed symbol=FED-23DEC-T3.00 id=-1 sid=2 expected=-1 got=-1"_s });
    QVERIFY(std::get<FeedError>(events.front()).message.contains(u"negative"_s));
}

void KalshiCodecTest::errorMessagesInPlainWords()
{
    Codec codec;
    EventBatch events;
    codec.decode(kalshiFixtureLine(kServer, 8).toStdString(), events);
    codec.decode(kalshiFixtureLine(kServer, 9).toStdString(), events);
    QCOMPARE(events.size(), 2u);
    QCOMPARE(
        std::get<FeedError>(events[0]).message,
        u"Kalshi error 9: authentication is required: the connection was not signed or the signature was refused (server said \"Authentication required\")"_s);
    QCOMPARE(
        std::get<FeedError>(events[1]).message,
        u"Kalshi error 16: the market does not exist (invalid market ticker or id) (server said \"Market not found\"); markets: INVALID-MARKET"_s);
    // Every code in the §12 table has words; the terminal ones say the subscription must be made again.
    for (int code = 1; code <= 28; ++code)
        QVERIFY2(!Codec::errorCodeMeaning(code).isEmpty(), qPrintable(QString::number(code)));
    QVERIFY(Codec::errorCodeMeaning(10).contains(u"made again"_s));
    QVERIFY(Codec::errorCodeMeaning(25).contains(u"made again"_s));
    QCOMPARE(Codec::errorCodeToken(10), u"subscription_lost"_s);
    QCOMPARE(Codec::errorCodeToken(25), u"subscription_lost"_s);
    QCOMPARE(Codec::errorCodeToken(27), u"rate_limited"_s);
}

void KalshiCodecTest::unknownErrorCodeAndMarketsNotFound()
{
    Codec codec;
    EventBatch events;
    codec.decode(R"({"id":9,"type":"error","msg":{"code":99,"msg":"Something new"}})", events);
    // The live "Markets not found" answer with code 28 (docs/protocols/kalshi.md §12 conflict) names the markets.
    codec.decode(
        R"({"id":10,"type":"error","msg":{"code":28,"msg":"Markets not found","market_tickers":["KXNFLGAME-25SEP04DALPHI-DAL"]}})",
        events);
    // [AA-new]: an error scoped to a subscription carries sid; 25 is terminal.
    codec.decode(R"({"id":11,"sid":4,"type":"error","msg":{"code":25,"msg":"Subscription buffer overflow"}})", events);
    QCOMPARE(
        kalshiEventTexts(events),
        (QStringList { u"error venue_error symbol= id=9 sid=-1 expected=-1 got=-1"_s,
                       u"error unknown_market symbol=KXNFLGAME-25SEP04DALPHI-DAL id=10 sid=-1 expected=-1 got=-1"_s,
                       u"error subscription_lost symbol= id=11 sid=4 expected=-1 got=-1"_s }));
    QVERIFY(std::get<FeedError>(events[0]).message.contains(u"Something new"_s));
    QCOMPARE(codec.stats().malformed, 0u);
}

void KalshiCodecTest::typeAfterMsgAndFlattenedOk()
{
    Codec codec;
    EventBatch events;
    codec.decode(R"({"msg":{"channel":"trade","sid":3},"id":4,"type":"subscribed"})", events);
    codec.decode(R"({"id":5,"sid":3,"type":"ok","market_tickers":["A-1"]})", events);
    codec.decode(R"({"type":"subscribed","id":6})", events);
    QCOMPARE(kalshiEventTexts(events),
             (QStringList { u"ack subscribed channel=trade symbol= id=4 sid=3"_s,
                            u"ack subscribed channel= symbol=A-1 id=5 sid=3"_s,
                            u"ack subscribed channel= symbol= id=6 sid=-1"_s }));
}

void KalshiCodecTest::subscribeMatchesFixture()
{
    // REQ#2 plus the two parameters this client always sends (docs/protocols/kalshi.md §9.3, §7.3).
    QJsonObject expected = json(kalshiFixtureLine(kClient, 2));
    QJsonObject params = expected.value(u"params"_s).toObject();
    params.insert(u"use_yes_price"_s, false);
    params.insert(u"send_initial_snapshot"_s, true);
    expected.insert(u"params"_s, params);
    const QByteArray frame = Codec::subscribeFrame(2, { u"orderbook_delta"_s, u"ticker"_s },
                                                   { u"FED-23DEC-T3.00"_s, u"CORIVER-2024-T1030"_s });
    QCOMPARE(json(frame), expected);

    // REQ#4: the lifecycle channel takes no market filter.
    QCOMPARE(json(Codec::subscribeFrame(5, { u"market_lifecycle_v2"_s })), json(kalshiFixtureLine(kClient, 4)));
    // REQ#3: ticker with its initial snapshot.
    QCOMPARE(json(Codec::subscribeFrame(7, { u"ticker"_s }, { u"FED-23DEC-T3.00"_s })),
             json(kalshiFixtureLine(kClient, 3)));
}

void KalshiCodecTest::unsubscribeMatchesFixture()
{
    QCOMPARE(json(Codec::unsubscribeFrame(124, { 1, 2 })), json(kalshiFixtureLine(kClient, 5)));
}

void KalshiCodecTest::updateSubscriptionMatchesFixture()
{
    using kalshi::UpdateAction;
    QCOMPARE(json(Codec::updateSubscriptionFrame(124, 456, UpdateAction::AddMarkets,
                                                 { u"NEW-MARKET-1"_s, u"NEW-MARKET-2"_s })),
             json(kalshiFixtureLine(kClient, 7)));
    QCOMPARE(json(Codec::updateSubscriptionFrame(125, 456, UpdateAction::DeleteMarkets,
                                                 { u"MARKET-TO-REMOVE-1"_s, u"MARKET-TO-REMOVE-2"_s })),
             json(kalshiFixtureLine(kClient, 8)));
    QCOMPARE(
        json(Codec::updateSubscriptionFrame(127, 456, UpdateAction::GetSnapshot, { u"MARKET-1"_s, u"MARKET-2"_s })),
        json(kalshiFixtureLine(kClient, 10)));
}

void KalshiCodecTest::listSubscriptionsMatchesFixture()
{
    QCOMPARE(json(Codec::listSubscriptionsFrame(3)), json(kalshiFixtureLine(kClient, 6)));
}

void KalshiCodecTest::commandsRefuseBadInput()
{
    QVERIFY(Codec::subscribeFrame(1, {}, { u"A-1"_s }).isEmpty());
    QVERIFY(Codec::subscribeFrame(1, { u"orderbook_delta"_s }).isEmpty()); // the book channel requires markets
    QVERIFY(Codec::subscribeFrame(1, { u"trade"_s }, { u"kxnflgame-25sep04dalphi-phi"_s }).isEmpty());
    QVERIFY(Codec::subscribeFrame(1, { u"trade"_s }, { u"A B"_s }).isEmpty());
    QVERIFY(Codec::unsubscribeFrame(1, {}).isEmpty());
    QVERIFY(Codec::updateSubscriptionFrame(1, 2, kalshi::UpdateAction::GetSnapshot, {}).isEmpty());
    QVERIFY(Codec::isValidMarketTicker(u"KXHIGHNY-26JUN24-T82"_s));
    QVERIFY(Codec::isValidMarketTicker(
        u"KXBTCD-26FEB1217-T67749.99"_s)); // live tickers carry '.' despite the spec's pattern
    QVERIFY(!Codec::isValidMarketTicker(u"KXNFLGAME*"_s));
}

QTEST_GUILESS_MAIN(KalshiCodecTest)
#include "tst_kalshi_codec.moc"
