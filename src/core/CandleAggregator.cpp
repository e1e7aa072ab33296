#include "CandleAggregator.h"

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

constexpr std::int64_t kMinute = 60 * 1000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

// Floor division: trades before 1970 are not expected, but the bucket must still contain the trade.
std::int64_t bucketStart(std::int64_t ts, std::int64_t intervalMs)
{
    std::int64_t quotient = ts / intervalMs;
    if (ts % intervalMs != 0 && ts < 0)
        --quotient;
    return quotient * intervalMs;
}

} // namespace

std::optional<std::int64_t> CandleAggregator::intervalMs(const QString &interval)
{
    static const std::array<std::pair<QLatin1StringView, std::int64_t>, 13> kIntervals = { {
        { "1m"_L1, kMinute },
        { "3m"_L1, 3 * kMinute },
        { "5m"_L1, 5 * kMinute },
        { "15m"_L1, 15 * kMinute },
        { "30m"_L1, 30 * kMinute },
        { "1h"_L1, kHour },
        { "2h"_L1, 2 * kHour },
        { "4h"_L1, 4 * kHour },
        { "8h"_L1, 8 * kHour },
        { "12h"_L1, 12 * kHour },
        { "1d"_L1, kDay },
        { "3d"_L1, 3 * kDay },
        { "1w"_L1, 7 * kDay },
    } };
    for (const auto &[name, ms] : kIntervals) {
        if (interval == name) // case-sensitive: "1M" is a month, "1m" a minute
            return ms;
    }
    return std::nullopt;
}

CandleAggregator::CandleAggregator(QString venue, QString symbol, QString interval)
    : m_venue(std::move(venue))
    , m_symbol(std::move(symbol))
    , m_interval(std::move(interval))
    , m_intervalMs(intervalMs(m_interval).value_or(0))
{ }

std::optional<Candle> CandleAggregator::addTrade(const Trade &trade)
{
    if (!isValid())
        return std::nullopt;
    const std::int64_t start = bucketStart(trade.ts, m_intervalMs);
    if (start <= m_forgottenThrough)
        return std::nullopt;

    auto it = std::lower_bound(m_buckets.begin(), m_buckets.end(), start,
                               [](const Bucket &b, std::int64_t s) { return b.candle.start < s; });
    if (it != m_buckets.end() && it->candle.start == start) {
        fold(*it, trade);
        return it->candle;
    }
    it = m_buckets.insert(it, newBucket(start, trade));
    Candle result = it->candle;
    if (m_buckets.size() > RetainedCandles) {
        m_forgottenThrough = m_buckets.front().candle.start;
        m_buckets.pop_front();
    }
    return result;
}

CandleAggregator::Bucket CandleAggregator::newBucket(std::int64_t start, const Trade &trade) const
{
    Candle candle;
    candle.venue = m_venue;
    candle.symbol = m_symbol;
    candle.interval = m_interval;
    candle.start = start;
    candle.end = start + m_intervalMs - 1;
    candle.open = candle.high = candle.low = candle.close = trade.price;
    candle.volume = trade.size;
    candle.trades = 1;
    return Bucket { candle, trade.ts, trade.ts };
}

void CandleAggregator::fold(Bucket &bucket, const Trade &trade)
{
    Candle &candle = bucket.candle;
    // Ties keep arrival order: the first trade in a millisecond opens, the last one closes.
    if (trade.ts < bucket.openTs) {
        candle.open = trade.price;
        bucket.openTs = trade.ts;
    }
    if (trade.ts >= bucket.closeTs) {
        candle.close = trade.price;
        bucket.closeTs = trade.ts;
    }
    candle.high = std::max(candle.high, trade.price);
    candle.low = std::min(candle.low, trade.price);
    candle.volume = candle.volume.checkedAdd(trade.size).value_or(candle.volume);
    candle.trades = candle.trades.value_or(0) + 1;
}

} // namespace tapescope
