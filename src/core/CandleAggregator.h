#pragma once

#include "Events.h"

#include <QtCore/QString>

#include <cstdint>
#include <deque>
#include <limits>
#include <optional>

namespace tapescope {

// Builds candles from trades for venues that stream no candles of their own. Buckets are aligned
// to the Unix epoch (start = floor(ts / interval) * interval, end = start + interval - 1), the same
// convention as Hyperliquid's candle stream, so built and streamed candles line up on one chart.
class CandleAggregator
{
public:
    // Length of a fixed interval: 1m 3m 5m 15m 30m 1h 2h 4h 8h 12h 1d 3d 1w. Calendar months ("1M")
    // have no fixed length and return nullopt, as does anything unknown.
    static std::optional<std::int64_t> intervalMs(const QString &interval);

    CandleAggregator(QString venue, QString symbol, QString interval);

    bool isValid() const { return m_intervalMs > 0; }

    // Folds the trade into its bucket and returns that candle as it now stands. Trades may arrive
    // late or out of order: open and close follow the trades' times, not their arrival. Returns
    // nullopt when the interval is unknown, or when the trade's bucket is older than the recent
    // candles kept here (its totals would be wrong, so it is not guessed at).
    std::optional<Candle> addTrade(const Trade &trade);

    // Candles kept for late trades; older ones are forgotten.
    static constexpr std::size_t RetainedCandles = 64;
    std::size_t retained() const { return m_buckets.size(); } // at most RetainedCandles

private:
    struct Bucket
    {
        Candle candle;
        std::int64_t openTs; // time of the trade that set the open
        std::int64_t closeTs; // time of the trade that set the close
    };

    Bucket newBucket(std::int64_t start, const Trade &trade) const;
    static void fold(Bucket &bucket, const Trade &trade);

    QString m_venue;
    QString m_symbol;
    QString m_interval;
    std::int64_t m_intervalMs = 0;
    std::deque<Bucket> m_buckets; // increasing start
    std::int64_t m_forgottenThrough = std::numeric_limits<std::int64_t>::min(); // newest start already dropped
};

} // namespace tapescope
