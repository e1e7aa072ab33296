#pragma once

#include "Events.h"

#include <QtCore/QtGlobal>

#include <cstddef>
#include <vector>

namespace tapescope {

// The recent trades of one instrument, newest first, in a fixed-size ring: memory stays bounded
// however long the tape runs.
class TradeRing
{
public:
    explicit TradeRing(std::size_t capacity = 1000);

    void push(const Trade &trade);
    // Drops a trade already among the retained ones and returns false: Hyperliquid replays its
    // ~30 most recent trades on every subscribe, so a resubscribe would otherwise print them twice.
    // Trades match on (ts, id); a trade without an id matches on (ts, price, size, side) instead.
    bool pushUnique(const Trade &trade);
    bool contains(const Trade &trade) const;

    std::size_t size() const { return m_slots.size(); }
    std::size_t capacity() const { return m_capacity; }
    bool isEmpty() const { return m_slots.empty(); }
    const Trade &at(std::size_t i) const; // 0 = newest
    void clear();
    // Every trade pushed since construction, including those since overwritten or cleared.
    quint64 totalPushed() const { return m_totalPushed; }

private:
    std::vector<Trade> m_slots; // grows to m_capacity, then wraps
    std::size_t m_capacity;
    std::size_t m_newest = 0; // slot of at(0) when non-empty
    quint64 m_totalPushed = 0;
};

} // namespace tapescope
