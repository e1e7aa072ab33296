#include "TradeRing.h"

#include <algorithm>

namespace tapescope {

namespace {

bool sameTrade(const Trade &a, const Trade &b)
{
    if (a.ts != b.ts || a.id != b.id)
        return false;
    if (!a.id.isEmpty())
        return true;
    return a.side == b.side && a.price.identical(b.price) && a.size.identical(b.size);
}

} // namespace

TradeRing::TradeRing(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(1, capacity))
{ }

void TradeRing::push(const Trade &trade)
{
    if (m_slots.size() < m_capacity) {
        // Slots fill in order until the ring is full, so the newest is always the last one added.
        m_slots.push_back(trade);
        m_newest = m_slots.size() - 1;
    } else {
        m_newest = (m_newest + 1) % m_capacity;
        m_slots[m_newest] = trade;
    }
    ++m_totalPushed;
}

bool TradeRing::pushUnique(const Trade &trade)
{
    if (contains(trade))
        return false;
    push(trade);
    return true;
}

bool TradeRing::contains(const Trade &trade) const
{
    return std::any_of(m_slots.begin(), m_slots.end(), [&trade](const Trade &held) { return sameTrade(held, trade); });
}

const Trade &TradeRing::at(std::size_t i) const
{
    Q_ASSERT(i < m_slots.size());
    return m_slots[(m_newest + m_slots.size() - i) % m_slots.size()];
}

void TradeRing::clear()
{
    m_slots.clear();
    m_newest = 0;
}

} // namespace tapescope
