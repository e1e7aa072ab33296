#include "core/CandleAggregator.h"
#include "core/CandleSeries.h"

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

Candle candle(std::int64_t start, const char *close, const char *volume = "1")
{
    Candle c;
    c.venue = u"hyperliquid"_s;
    c.symbol = u"BTC"_s;
    c.interval = u"1m"_s;
    c.start = start;
    c.end = start + 59999;
    c.open = c.high = c.low = c.close = dec(close);
    c.volume = dec(volume);
    return c;
}

Trade trade(std::int64_t ts, const char *price, const char *size)
{
    Trade t;
    t.venue = u"o2"_s;
    t.symbol = u"ETH/USDC"_s;
    t.ts = ts;
    t.price = dec(price);
    t.size = dec(size);
    return t;
}

QList<qint64> starts(const CandleSeries &series)
{
    QList<qint64> out;
    for (std::size_t i = 0; i < series.size(); ++i)
        out << series.at(i).start;
    return out;
}

constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kT0 = 1785251520000; // a minute boundary

} // namespace

class TestCandles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seriesAppendsAndUpdatesLast();
    void seriesReplacesOlderCandle();
    void seriesIsBounded();
    void historyMergesUnderLive();
    void historyIsBoundedToNewest();
    void intervalLengths_data();
    void intervalLengths();
    void aggregatesOhlcv();
    void bucketsAlignToEpoch();
    void lateTradeUpdatesItsOwnBucket();
    void outOfOrderTradeSetsOpenByTime();
    void tradeOlderThanRetainedIsRefused();
    void unknownIntervalBuildsNothing();
    void aggregatorFeedsSeries();
};

void TestCandles::seriesAppendsAndUpdatesLast()
{
    CandleSeries series;
    QCOMPARE(series.apply(candle(kT0, "100")), CandleSeries::Change::Appended);
    QCOMPARE(series.apply(candle(kT0, "101", "2")), CandleSeries::Change::UpdatedLast);
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series.last().close, dec("101"));
    QCOMPARE(series.last().volume, dec("2"));
    QCOMPARE(series.apply(candle(kT0 + kMinute, "102")), CandleSeries::Change::Appended);
    QCOMPARE(series.size(), std::size_t(2));
    QCOMPARE(series.at(0).close, dec("101"));
    QCOMPARE(series.at(1).close, dec("102"));
}

void TestCandles::seriesReplacesOlderCandle()
{
    CandleSeries series;
    series.apply(candle(kT0, "100"));
    series.apply(candle(kT0 + 2 * kMinute, "102"));
    series.apply(candle(kT0 + 3 * kMinute, "103"));
    QCOMPARE(series.apply(candle(kT0 + 2 * kMinute, "99")), CandleSeries::Change::Replaced);
    QCOMPARE(series.at(1).close, dec("99"));
    // An older candle the series does not hold (a gap) is ignored, not inserted.
    QCOMPARE(series.apply(candle(kT0 + kMinute, "98")), CandleSeries::Change::None);
    QCOMPARE(series.apply(candle(kT0 - kMinute, "98")), CandleSeries::Change::None);
    QCOMPARE(starts(series), (QList<qint64> { kT0, kT0 + 2 * kMinute, kT0 + 3 * kMinute }));
    QCOMPARE(series.indexOfStart(kT0 + 3 * kMinute), std::ptrdiff_t(2));
    QCOMPARE(series.indexOfStart(kT0 + kMinute), std::ptrdiff_t(-1));
}

void TestCandles::seriesIsBounded()
{
    CandleSeries series(3);
    for (int i = 0; i < 5; ++i)
        series.apply(candle(kT0 + i * kMinute, "100"));
    QCOMPARE(series.size(), std::size_t(3));
    QCOMPARE(series.capacity(), std::size_t(3));
    QCOMPARE(series.at(0).start, kT0 + 2 * kMinute);
    QCOMPARE(series.last().start, kT0 + 4 * kMinute);
    series.clear();
    QVERIFY(series.isEmpty());
}

void TestCandles::historyMergesUnderLive()
{
    CandleSeries series;
    series.apply(candle(kT0 + 3 * kMinute, "103.5"));
    series.apply(candle(kT0 + 4 * kMinute, "104.5"));

    // REST history overlaps the live candle at +3 and reaches back before it (unsorted on purpose).
    series.mergeHistory({ candle(kT0 + 1 * kMinute, "101"), candle(kT0, "100"), candle(kT0 + 3 * kMinute, "103"),
                          candle(kT0 + 2 * kMinute, "102") });
    QCOMPARE(starts(series),
             (QList<qint64> { kT0, kT0 + kMinute, kT0 + 2 * kMinute, kT0 + 3 * kMinute, kT0 + 4 * kMinute }));
    QCOMPARE(series.at(0).close, dec("100"));
    QCOMPARE(series.at(3).close, dec("103.5")); // live wins on the same start
    QCOMPARE(series.last().close, dec("104.5"));

    // Live updates keep working after a merge.
    QCOMPARE(series.apply(candle(kT0 + 4 * kMinute, "105")), CandleSeries::Change::UpdatedLast);
    QCOMPARE(series.apply(candle(kT0 + kMinute, "101.5")), CandleSeries::Change::Replaced);

    // History into an empty series.
    CandleSeries empty;
    empty.mergeHistory({ candle(kT0, "1"), candle(kT0 + kMinute, "2") });
    QCOMPARE(empty.size(), std::size_t(2));
    empty.mergeHistory({});
    QCOMPARE(empty.size(), std::size_t(2));
}

void TestCandles::historyIsBoundedToNewest()
{
    CandleSeries series(3);
    series.apply(candle(kT0 + 10 * kMinute, "110"));
    std::vector<Candle> history;
    for (int i = 0; i < 10; ++i)
        history.push_back(candle(kT0 + i * kMinute, "100"));
    series.mergeHistory(history);
    QCOMPARE(starts(series), (QList<qint64> { kT0 + 8 * kMinute, kT0 + 9 * kMinute, kT0 + 10 * kMinute }));
}

void TestCandles::intervalLengths_data()
{
    QTest::addColumn<QString>("interval");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("1m") << u"1m"_s << qint64(60000);
    QTest::newRow("3m") << u"3m"_s << qint64(180000);
    QTest::newRow("5m") << u"5m"_s << qint64(300000);
    QTest::newRow("15m") << u"15m"_s << qint64(900000);
    QTest::newRow("30m") << u"30m"_s << qint64(1800000);
    QTest::newRow("1h") << u"1h"_s << qint64(3600000);
    QTest::newRow("2h") << u"2h"_s << qint64(7200000);
    QTest::newRow("4h") << u"4h"_s << qint64(14400000);
    QTest::newRow("8h") << u"8h"_s << qint64(28800000);
    QTest::newRow("12h") << u"12h"_s << qint64(43200000);
    QTest::newRow("1d") << u"1d"_s << qint64(86400000);
    QTest::newRow("3d") << u"3d"_s << qint64(259200000);
    QTest::newRow("1w") << u"1w"_s << qint64(604800000);
    QTest::newRow("month has no fixed length") << u"1M"_s << qint64(-1);
    QTest::newRow("unknown") << u"7m"_s << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("case matters") << u"1H"_s << qint64(-1);
}

void TestCandles::intervalLengths()
{
    QFETCH(QString, interval);
    QFETCH(qint64, ms);
    QCOMPARE(CandleAggregator::intervalMs(interval).value_or(-1), ms);
}

void TestCandles::aggregatesOhlcv()
{
    CandleAggregator aggregator(u"o2"_s, u"ETH/USDC"_s, u"1m"_s);
    QVERIFY(aggregator.isValid());
    aggregator.addTrade(trade(kT0 + 1000, "3000.10", "0.5"));
    aggregator.addTrade(trade(kT0 + 2000, "3010.00", "0.25"));
    aggregator.addTrade(trade(kT0 + 3000, "2995.5", "1"));
    const auto c = aggregator.addTrade(trade(kT0 + 59999, "3001", "0.125"));
    QVERIFY(c);
    QCOMPARE(c->venue, u"o2"_s);
    QCOMPARE(c->symbol, u"ETH/USDC"_s);
    QCOMPARE(c->interval, u"1m"_s);
    QCOMPARE(c->start, kT0);
    QCOMPARE(c->end, kT0 + 59999);
    QCOMPARE(c->open.toString(), u"3000.10"_s);
    QCOMPARE(c->high.toString(), u"3010.00"_s);
    QCOMPARE(c->low.toString(), u"2995.5"_s);
    QCOMPARE(c->close.toString(), u"3001"_s);
    QCOMPARE(c->volume.toString(), u"1.875"_s);
    QCOMPARE(c->trades, std::optional<std::int64_t>(4));

    // The next millisecond opens a new bucket.
    const auto next = aggregator.addTrade(trade(kT0 + kMinute, "3002", "2"));
    QCOMPARE(next->start, kT0 + kMinute);
    QCOMPARE(next->open, dec("3002"));
    QCOMPARE(next->volume, dec("2"));
    QCOMPARE(next->trades, std::optional<std::int64_t>(1));
}

void TestCandles::bucketsAlignToEpoch()
{
    CandleAggregator hourly(u"o2"_s, u"ETH/USDC"_s, u"4h"_s);
    const std::int64_t fourHours = 4 * 3600000;
    const std::int64_t ts = 1785251521889;
    const auto c = hourly.addTrade(trade(ts, "1", "1"));
    QCOMPARE(c->start, ts / fourHours * fourHours);
    QCOMPARE(c->start % fourHours, std::int64_t(0));
    QCOMPARE(c->end, c->start + fourHours - 1);
    QVERIFY(c->start <= ts && ts <= c->end);
}

void TestCandles::lateTradeUpdatesItsOwnBucket()
{
    CandleAggregator aggregator(u"o2"_s, u"ETH/USDC"_s, u"1m"_s);
    aggregator.addTrade(trade(kT0 + 1000, "100", "1"));
    aggregator.addTrade(trade(kT0 + kMinute + 1000, "200", "1"));
    // A trade that belongs to the previous minute arrives after the new minute began.
    const auto late = aggregator.addTrade(trade(kT0 + 30000, "90", "3"));
    QCOMPARE(late->start, kT0);
    QCOMPARE(late->low, dec("90"));
    QCOMPARE(late->close, dec("90"));
    QCOMPARE(late->volume, dec("4"));
    QCOMPARE(late->trades, std::optional<std::int64_t>(2));
    // The newer bucket is untouched.
    const auto current = aggregator.addTrade(trade(kT0 + kMinute + 2000, "201", "1"));
    QCOMPARE(current->open, dec("200"));
    QCOMPARE(current->low, dec("200"));
    QCOMPARE(current->trades, std::optional<std::int64_t>(2));
}

void TestCandles::outOfOrderTradeSetsOpenByTime()
{
    CandleAggregator aggregator(u"o2"_s, u"ETH/USDC"_s, u"1m"_s);
    aggregator.addTrade(trade(kT0 + 5000, "100", "1"));
    aggregator.addTrade(trade(kT0 + 9000, "105", "1"));
    const auto c = aggregator.addTrade(trade(kT0 + 1000, "98", "1")); // earlier than the open
    QCOMPARE(c->open, dec("98"));
    QCOMPARE(c->close, dec("105")); // still the latest trade by time
    QCOMPARE(c->low, dec("98"));
}

void TestCandles::tradeOlderThanRetainedIsRefused()
{
    CandleAggregator aggregator(u"o2"_s, u"ETH/USDC"_s, u"1m"_s);
    for (std::size_t i = 0; i <= CandleAggregator::RetainedCandles; ++i)
        QVERIFY(aggregator.addTrade(trade(kT0 + static_cast<std::int64_t>(i) * kMinute, "100", "1")));
    // The first minute's candle has been forgotten: its totals can no longer be built honestly.
    QVERIFY(!aggregator.addTrade(trade(kT0 + 10, "100", "1")));
    QVERIFY(!aggregator.addTrade(trade(kT0 - kMinute, "100", "1")));
    // The second minute is still held.
    const auto held = aggregator.addTrade(trade(kT0 + kMinute + 10, "100", "1"));
    QVERIFY(held);
    QCOMPARE(held->trades, std::optional<std::int64_t>(2));
}

void TestCandles::unknownIntervalBuildsNothing()
{
    CandleAggregator monthly(u"o2"_s, u"ETH/USDC"_s, u"1M"_s);
    QVERIFY(!monthly.isValid());
    QVERIFY(!monthly.addTrade(trade(kT0, "1", "1")));
}

void TestCandles::aggregatorFeedsSeries()
{
    CandleAggregator aggregator(u"o2"_s, u"ETH/USDC"_s, u"1m"_s);
    CandleSeries series;
    QCOMPARE(series.apply(*aggregator.addTrade(trade(kT0 + 1, "10", "1"))), CandleSeries::Change::Appended);
    QCOMPARE(series.apply(*aggregator.addTrade(trade(kT0 + 2, "11", "1"))), CandleSeries::Change::UpdatedLast);
    QCOMPARE(series.apply(*aggregator.addTrade(trade(kT0 + kMinute, "12", "1"))), CandleSeries::Change::Appended);
    QCOMPARE(series.apply(*aggregator.addTrade(trade(kT0 + 3, "9", "1"))), CandleSeries::Change::Replaced);
    QCOMPARE(series.at(0).low, dec("9"));
    QCOMPARE(series.at(0).volume, dec("3"));
}

QTEST_GUILESS_MAIN(TestCandles)
#include "tst_candles.moc"
