#pragma once

#include "Events.h"

#include <cstddef>
#include <deque>
#include <vector>

namespace tapescope {

// The candles of one instrument and interval, oldest first, bounded to `capacity` (the oldest drop).
// Live candles from the stream and REST history meet here; a live candle always wins over history
// for the same start because it is newer information.
class CandleSeries
{
public:
    explicit CandleSeries(std::size_t capacity = 5000);

    enum class Change { None, UpdatedLast, Appended, Replaced };

    // Same start as the last candle: update it in place. Newer: append. Older: update the candle
    // with that start if the series still holds it (Replaced), otherwise ignore (None).
    Change apply(const Candle &candle);
    // History (any order) is merged under the held candles: a held candle wins on the same start.
    void mergeHistory(const std::vector<Candle> &history);

    std::size_t size() const { return m_candles.size(); }
    std::size_t capacity() const { return m_capacity; }
    bool isEmpty() const { return m_candles.empty(); }
    const Candle &at(std::size_t i) const; // 0 = oldest
    const Candle &last() const; // requires !isEmpty()
    // Index of the candle starting at `start`, or -1.
    std::ptrdiff_t indexOfStart(std::int64_t start) const;
    void clear() { m_candles.clear(); }

private:
    void trimToCapacity();

    std::deque<Candle> m_candles; // strictly increasing start
    std::size_t m_capacity;
};

} // namespace tapescope
