// Every documented O2 server frame decodes to exactly the expected events; the codec's book state, side
// inversion, tick rule and chain-integer scaling do what the header promises.

#include "O2TestSupport.h"

#include "venues/o2/O2ChainNumber.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::o2;
using namespace tapescope::o2test;

class TestO2Codec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wsServerFixtureEveryLine();
    void snapshotUnderOrdersWinsOverView();
    void topLevelBookAndTupleLevels();
    void unsortedSnapshotIsSorted();
    void deltaBeforeSnapshotIsDropped();
    void resyncRequiredTakesBookOutOfLive();
    void aggressorIsOppositeOfMakerSide();
    void sidelessTradesUseTickRule();
    void perTradeMarketAndNumericFields();
    void timestampsInAnyUnit();
    void chainIntegersBeyondMantissa();
    void pongIsHeartbeat();
    void idsCompareCaseInsensitively();
    void unknownMarketsAndActions();
    void errorFramesWithoutAction();
    void setMarketsKeepsBooksWithSameDecimals();
};

void TestO2Codec::wsServerFixtureEveryLine()
{
    const QList<QByteArray> lines = fixtureLines("ws-server.jsonl");
    QCOMPARE(lines.size(), 15);
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // Line by line, in file order, through one codec: the deltas on lines 2 and 4 follow snapshots of 0xabc.
    const QList<QStringList> expected = {
        /* 1 */ { u"book symbol=0xabc ts=0 bids=[1.00/50.0] asks=[]"_s },
        /* 2 */ { u"delta symbol=0xabc ts=0 changes=[B 1.00/60.0,S 1.01/0.0]"_s },
        /* 3 (view.precision is a number and ignored) */
        { u"book symbol=0xabc ts=0 bids=[1.00/5.0] asks=[2.00/3.0]"_s },
        /* 4 */ { u"delta symbol=0xabc ts=0 changes=[B 1.00/5.0]"_s },
        /* 5 (under `orders`) */ { u"book symbol=0xabcd ts=0 bids=[] asks=[10/2]"_s },
        /* 6 */ { u"book symbol=0xaaaa ts=0 bids=[] asks=[]"_s },
        /* 7 (no book: ignored) */ {},
        /* 8 */
        { u"error code=resync_required symbol=0xaaaa message=venue asks to rebuild the depth book of BTC/USDC (0xaaaa) (Turbo venue)"_s },
        /* 9 */ {},
        /* 10 (account stream) */ {},
        /* 11 (account stream) */ {},
        /* 12 (no side: tick-rule estimate, first trade of the market counts as a buy) */
        { u"trade symbol=market1 ts=1234567890000 px=0.000100 sz=0.005 side=B known=0 id=trade123"_s },
        /* 13 (account stream) */ {},
        /* 14 (account stream) */ {},
        /* 15 */ { u"book symbol=market1 ts=0 bids=[] asks=[]"_s },
    };
    for (int i = 0; i < lines.size(); ++i) {
        const QStringList actual = decodeText(codec, lines[i]);
        if (actual != expected[i])
            qWarning().noquote() << "WS#" << i + 1 << actual;
        QCOMPARE(actual, expected[i]);
    }
    const CodecStats &stats = codec.stats();
    QCOMPARE(stats.frames, quint64(15));
    QCOMPARE(stats.malformed, quint64(0));
    QCOMPARE(stats.booklessSnapshots, quint64(1));
    QCOMPARE(stats.accountFrames, quint64(4));
    QCOMPARE(stats.resyncRequests, quint64(1));
    QCOMPARE(stats.unknownActions, quint64(0));
    QCOMPARE(stats.deltasBeforeSnapshot, quint64(0));
    QVERIFY(codec.hasBook(u"0xabc"_s));
    QVERIFY(codec.hasBook(u"0xabcd"_s));
    QVERIFY(!codec.hasBook(u"0xaaaa"_s)); // WS#8 asked for a rebuild
    QVERIFY(codec.hasBook(u"market1"_s));
}

void TestO2Codec::snapshotUnderOrdersWinsOverView()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // Both SDKs read `orders` first (docs/protocols/o2.md §4.1).
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[{"price":"1","quantity":"1"}],"sells":[]},"orders":{"buys":[{"price":"7","quantity":"3"}]}})"),
        QStringList { u"book symbol=0xabcd ts=0 bids=[7/3] asks=[]"_s });
}

void TestO2Codec::topLevelBookAndTupleLevels()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // The Python SDK falls back to buys/sells on the frame itself; the trading bot reads [price, quantity].
    QCOMPARE(
        decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabcd","buys":[["9","4"]],"sells":[[11,5]]})"),
        QStringList { u"book symbol=0xabcd ts=0 bids=[9/4] asks=[11/5]"_s });
    QCOMPARE(codec.stats().booklessSnapshots, quint64(0));
}

void TestO2Codec::unsortedSnapshotIsSorted()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[{"price":"5","quantity":"1"},{"price":"7","quantity":"2"},{"price":"6","quantity":"3"}],"sells":[{"price":"12","quantity":"1"},{"price":"10","quantity":"2"}]}})"),
        QStringList { u"book symbol=0xabcd ts=0 bids=[7/2,6/3,5/1] asks=[10/2,12/1]"_s });
}

void TestO2Codec::deltaBeforeSnapshotIsDropped()
{
    const QList<QByteArray> lines = fixtureLines("ws-server.jsonl");
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    QVERIFY(!codec.hasBook(u"0xabc"_s));
    QCOMPARE(decodeText(codec, lines[1]), QStringList {}); // WS#2 before any snapshot
    QCOMPARE(codec.stats().deltasBeforeSnapshot, quint64(1));
    QCOMPARE(decodeText(codec, lines[0]).size(), 1); // WS#1 snapshot
    QVERIFY(codec.hasBook(u"0xabc"_s));
    QCOMPARE(decodeText(codec, lines[1]),
             QStringList { u"delta symbol=0xabc ts=0 changes=[B 1.00/60.0,S 1.01/0.0]"_s });

    codec.forgetBook(u"0xABC"_s); // e.g. after unsubscribe_depth
    QCOMPARE(decodeText(codec, lines[1]), QStringList {});
    QCOMPARE(codec.stats().deltasBeforeSnapshot, quint64(2));
    decodeText(codec, lines[0]);
    codec.reset(); // reconnect: every book waits for its new snapshot
    QCOMPARE(decodeText(codec, lines[1]), QStringList {});
    QCOMPARE(codec.stats().deltasBeforeSnapshot, quint64(3));
    // A delta of a market that is not in the table can have no snapshot either.
    QCOMPARE(decodeText(codec,
                        R"({"action":"subscribe_depth_update","market_id":"0xffff","changes":{"buys":[],"sells":[]}})"),
             QStringList {});
    QCOMPARE(codec.stats().deltasBeforeSnapshot, quint64(4));
    QCOMPARE(codec.stats().malformed, quint64(0));
}

void TestO2Codec::resyncRequiredTakesBookOutOfLive()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[],"sells":[]}})");
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[],"sells":[]}})");
    QCOMPARE(
        decodeText(codec, R"({"action":"error","market_id":"0xABC","resync_required":true})"),
        QStringList {
            u"error code=resync_required symbol=0xabc message=venue asks to rebuild the depth book of FUEL/USDC (0xabc)"_s });
    QVERIFY(!codec.hasBook(u"0xabc"_s));
    QVERIFY(codec.hasBook(u"0xabcd"_s));
    // Without a market id no book can be trusted.
    QCOMPARE(
        decodeText(codec, R"({"action":"error","resync_required":true})"),
        QStringList {
            u"error code=resync_required symbol= message=venue asks to rebuild the depth book of every market"_s });
    QVERIFY(!codec.hasBook(u"0xabcd"_s));
    // An error frame that does not ask for a resync leaves books alone.
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[],"sells":[]}})");
    QCOMPARE(decodeText(codec,
                        R"({"action":"error","market_id":"0xabcd","resync_required":false,"message":"slow consumer"})"),
             QStringList { u"error code=venue_error symbol=0xabcd message=slow consumer"_s });
    QVERIFY(codec.hasBook(u"0xabcd"_s));
}

void TestO2Codec::aggressorIsOppositeOfMakerSide()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // `side` is the maker's (docs/protocols/o2.md §4.4), in any capitalisation (§11.12).
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_trades","market_id":"0xabcd","trades":[{"trade_id":"1","side":"buy","price":"10","quantity":"2","timestamp":"1734876543210"},{"trade_id":"2","side":"Sell","price":"11","quantity":"3","timestamp":1734876543211},{"trade_id":"3","side":"BUY","price":"12","quantity":"4"}]})"),
        (QStringList { u"trade symbol=0xabcd ts=1734876543210 px=10 sz=2 side=S known=1 id=1"_s,
                       u"trade symbol=0xabcd ts=1734876543211 px=11 sz=3 side=B known=1 id=2"_s,
                       u"trade symbol=0xabcd ts=0 px=12 sz=4 side=S known=1 id=3"_s }));
    // The `trades` alias (docs/protocols/o2.md §4.0).
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"trades","market_id":"0xabcd","trades":[{"trade_id":"4","side":"sell","price":"9","quantity":"1"}]})"),
        QStringList { u"trade symbol=0xabcd ts=0 px=9 sz=1 side=B known=1 id=4"_s });
}

void TestO2Codec::sidelessTradesUseTickRule()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_trades","market_id":"0xabcd","trades":[{"price":"100","quantity":"1"},{"price":"99","quantity":"1"},{"price":"99","quantity":"1"},{"price":"101","quantity":"1"}]})"),
        (QStringList { u"trade symbol=0xabcd ts=0 px=100 sz=1 side=B known=0 id="_s,
                       u"trade symbol=0xabcd ts=0 px=99 sz=1 side=S known=0 id="_s,
                       u"trade symbol=0xabcd ts=0 px=99 sz=1 side=S known=0 id="_s,
                       u"trade symbol=0xabcd ts=0 px=101 sz=1 side=B known=0 id="_s }));
    // A trade with a known side moves the reference too; the next frame continues from it.
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_trades","market_id":"0xabcd","trades":[{"side":"buy","price":"105","quantity":"1"},{"price":"105","quantity":"1"}]})"),
        (QStringList { u"trade symbol=0xabcd ts=0 px=105 sz=1 side=S known=1 id="_s,
                       u"trade symbol=0xabcd ts=0 px=105 sz=1 side=S known=0 id="_s }));
    codec.reset();
    QCOMPARE(
        decodeText(codec,
                   R"({"action":"subscribe_trades","market_id":"0xabcd","trades":[{"price":"1","quantity":"1"}]})"),
        QStringList { u"trade symbol=0xabcd ts=0 px=1 sz=1 side=B known=0 id="_s });
}

void TestO2Codec::perTradeMarketAndNumericFields()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // A trade's own market_id wins over the frame's; numbers and 0x hex are accepted defensively (docs/protocols/o2.md
    // §7).
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_trades","trades":[{"trade_id":18446744073709551615,"side":"sell","price":"0x64","quantity":5,"market_id":"0xABC","total":"500","trader_side":"maker","maker":{"ContractId":"0x1"}}],"market_id":"0xabcd"})"),
        QStringList { u"trade symbol=0xabc ts=0 px=1.00 sz=0.5 side=B known=1 id=18446744073709551615"_s });
}

void TestO2Codec::timestampsInAnyUnit()
{
    QCOMPARE(unixMillisFromVenueTime(1734876543ULL), std::int64_t(1734876543000));
    QCOMPARE(unixMillisFromVenueTime(1734876543210ULL), std::int64_t(1734876543210));
    QCOMPARE(unixMillisFromVenueTime(1734876543210123ULL), std::int64_t(1734876543210));
    QCOMPARE(unixMillisFromVenueTime(1734876543210123456ULL), std::int64_t(1734876543210));
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[],"sells":[]}})");
    // onchain_timestamp is the event's time; seen_timestamp only when there is none.
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth_update","market_id":"0xabcd","changes":{"buys":[{"price":"1","quantity":"0"}]},"onchain_timestamp":"1734876543","seen_timestamp":"1734876544"})"),
        QStringList { u"delta symbol=0xabcd ts=1734876543000 changes=[B 1/0]"_s });
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth_update","market_id":"0xabcd","changes":{"sells":[]},"seen_timestamp":1734876544123})"),
        QStringList { u"delta symbol=0xabcd ts=1734876544123 changes=[]"_s });
}

void TestO2Codec::chainIntegersBeyondMantissa()
{
    ChainNumberError why = ChainNumberError::None;
    // Fits: kept at the chain's scale.
    QCOMPARE(chainToDecimal("100000000", 9)->toString(), u"0.100000000"_s);
    QCOMPARE(chainToDecimal("9223372036854775807", 0)->toString(), u"9223372036854775807"_s);
    // u64 above 2^63 - 1 with trailing zeros: scaled down exactly.
    QCOMPARE(chainToDecimal("10000000000000000000", 9)->toString(), u"10000000000.00000000"_s);
    // u128 with trailing zeros: 5e22 at 9 decimals = 5e13, exact.
    const auto big = chainToDecimal("50000000000000000000000", 9, &why);
    QVERIFY(big.has_value());
    QCOMPARE(why, ChainNumberError::None);
    QCOMPARE(*big, *Decimal::parse("50000000000000"));
    // Decimals beyond Decimal::MaxScale work when the trailing digits allow it.
    QCOMPARE(chainToDecimal("1500000000000000000000", 24)->toString(), u"0.001500000000000000"_s);
    // u128 max: no exact Decimal exists -> reported, never rounded.
    QVERIFY(!chainToDecimal("340282366920938463463374607431768211455", 9, &why));
    QCOMPARE(why, ChainNumberError::OutOfRange);
    QVERIFY(!chainToDecimal("18446744073709551615", 0, &why)); // u64 max, no trailing zero
    QCOMPARE(why, ChainNumberError::OutOfRange);
    QVERIFY(!chainToDecimal("0x1000000000000000000000000000000000", 0, &why)); // above u128
    QCOMPARE(why, ChainNumberError::OutOfRange);
    QCOMPARE(chainToDecimal("0xff", 1)->toString(), u"25.5"_s);
    QCOMPARE(chainToDecimal("0x0DE0B6B3A7640000", 18)->toString(), u"1.000000000000000000"_s); // 1e18 in hex
    for (const char *bad : { "", "-1", "1.5", "1e3", "+1", "0x", "0xg1", " 1", "１" }) {
        QVERIFY2(!chainToDecimal(bad, 2, &why), bad);
        QCOMPARE(why, ChainNumberError::NotAnInteger);
    }

    Codec codec;
    codec.setMarkets(fixtureMarkets());
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xaaaa","view":{"buys":[],"sells":[]}})");
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth_update","market_id":"0xaaaa","changes":{"buys":[{"price":"100000000000000000000000","quantity":"50000000000000000000000"}]}})"),
        QStringList { u"delta symbol=0xaaaa ts=0 changes=[B 100000000000000.0000/50000000000000.00000]"_s });
    // One FeedError naming the market and value, no delta, and the book is no longer live.
    const QStringList out = decodeText(
        codec,
        R"({"action":"subscribe_depth_update","market_id":"0xaaaa","changes":{"buys":[{"price":"100","quantity":"1"}],"sells":[{"price":"101","quantity":"340282366920938463463374607431768211455"}]}})");
    QCOMPARE(out.size(), 1);
    QVERIFY2(
        out[0].startsWith(
            u"error code=number_out_of_range symbol=0xaaaa message=subscribe_depth_update: number out of range: quantity 340282366920938463463374607431768211455 cannot be represented exactly"_s),
        qPrintable(out[0]));
    QCOMPARE(codec.stats().outOfRange, quint64(1));
    QCOMPARE(codec.stats().malformed, quint64(0));
    QVERIFY(!codec.hasBook(u"0xaaaa"_s));
}

void TestO2Codec::pongIsHeartbeat()
{
    Codec codec;
    QCOMPARE(decodeText(codec, "PONG"), QStringList { u"heartbeat"_s });
    QCOMPARE(decodeText(codec, "PONG\r\n"), QStringList { u"heartbeat"_s });
    QCOMPARE(codec.stats().heartbeats, quint64(2));
    QCOMPARE(Codec::pingFrame(), QByteArray("PING"));
}

void TestO2Codec::idsCompareCaseInsensitively()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    QCOMPARE(decodeText(codec, R"({"action":"subscribe_depth","market_id":"ABCD","view":{"buys":[],"sells":[]}})"),
             QStringList { u"book symbol=0xabcd ts=0 bids=[] asks=[]"_s });
    QVERIFY(codec.hasBook(u"0XABCD"_s));
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth_update","market_id":"0xAbCd","changes":{"buys":[{"price":"3","quantity":"0"}]}})"),
        QStringList { u"delta symbol=0xabcd ts=0 changes=[B 3/0]"_s });
    QCOMPARE(normaliseId(u"0XAbC"_s), u"0xabc"_s);
    QCOMPARE(normaliseId(u"abc"_s), u"0xabc"_s);
    QCOMPARE(normaliseId(u"Market1"_s), u"market1"_s);
}

void TestO2Codec::unknownMarketsAndActions()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    QCOMPARE(
        decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xFFFF","view":{"buys":[],"sells":[]}})"),
        QStringList {
            u"error code=unknown_market symbol=0xffff message=depth snapshot for a market missing from /v1/markets: 0xFFFF"_s });
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_trades","market_id":"0xffff","trades":[{"price":"1","quantity":"1"},{"price":"2","quantity":"1"}]})"),
        QStringList {
            u"error code=unknown_market symbol=0xffff message=trades for a market missing from /v1/markets: 0xffff"_s });
    QCOMPARE(codec.stats().unknownMarkets, quint64(2));
    // Unknown actions, including the undocumented subscribe_depth_view, are counted and ignored.
    QCOMPARE(decodeText(codec, R"({"action":"subscribe_depth_view","market_id":"0xabc","view":{"buys":[["1","2"]]}})"),
             QStringList {});
    QCOMPARE(decodeText(codec, R"({"action":"something_new","payload":{"nested":[1,2,{"a":null}]}})"), QStringList {});
    QCOMPARE(codec.stats().unknownActions, quint64(2));
    QCOMPARE(codec.stats().malformed, quint64(0));
}

void TestO2Codec::errorFramesWithoutAction()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // The frame for subscription errors 6000-6002 is undocumented: a code/message frame is an error
    // (docs/protocols/o2.md §2.2).
    QCOMPARE(decodeText(codec, R"({"code":6000,"message":"already subscribed"})"),
             QStringList {
                 u"error code=subscription_error symbol= message=code 6000 AlreadySubscribed: already subscribed"_s });
    QCOMPARE(decodeText(codec, R"({"code":1003,"message":"slow down","market_id":"0xabc"})"),
             QStringList { u"error code=rate_limited symbol=0xabc message=code 1003 RateLimitExceeded: slow down"_s });
    QCOMPARE(decodeText(codec, R"({"message":"bad"})"),
             QStringList { u"error code=venue_error symbol= message=bad"_s });
    QCOMPARE(codec.stats().malformed, quint64(0));
}

void TestO2Codec::setMarketsKeepsBooksWithSameDecimals()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[],"sells":[]}})");
    decodeText(codec, R"({"action":"subscribe_depth","market_id":"0xabcd","view":{"buys":[],"sells":[]}})");
    // A refreshed table: 0xabc unchanged (now listed second), 0xabcd with other decimals.
    codec.setMarkets(MarketTable(
        { makeMarket(u"0xabcd"_s, u"ETH"_s, 2, u"USDC"_s, 0), makeMarket(u"0xabc"_s, u"FUEL"_s, 1, u"USDC"_s, 2) }));
    QVERIFY(codec.hasBook(u"0xabc"_s));
    QVERIFY(!codec.hasBook(u"0xabcd"_s));
    QCOMPARE(
        decodeText(
            codec,
            R"({"action":"subscribe_depth_update","market_id":"0xabc","changes":{"sells":[{"price":"250","quantity":"3"}]}})"),
        QStringList { u"delta symbol=0xabc ts=0 changes=[S 2.50/0.3]"_s });
}

QTEST_GUILESS_MAIN(TestO2Codec)
#include "tst_o2_codec.moc"
