#include "O2SimulatedMarket.h"

#include <QtCore/QHashFunctions>

#include <algorithm>

namespace tapescope::emulator::o2 {

SimulatedMarket::SimulatedMarket(MarketSpec spec, quint32 seed, int levelsPerSide)
    : m_spec(std::move(spec))
    , m_random(quint32(seed ^ qHash(m_spec.marketId)))
    , m_levels(std::max(levelsPerSide, 2))
    , m_tick(m_spec.priceTick())
    , m_midTick(m_spec.startPrice / m_spec.priceTick())
{
    for (int k = 1; k <= m_levels; ++k) {
        m_bids[(m_midTick - std::uint64_t(k)) * m_tick] = randomLots() * m_spec.lot();
        m_asks[(m_midTick + std::uint64_t(k)) * m_tick] = randomLots() * m_spec.lot();
    }
}

std::uint64_t SimulatedMarket::randomLots()
{
    return m_spec.minLots + m_random.bounded(quint64(m_spec.maxLots - m_spec.minLots + 1));
}

void SimulatedMarket::fillInside()
{
    // A real book is rarely empty at the touch; keep one level on each side of the mid.
    m_bids.try_emplace((m_midTick - 1) * m_tick, randomLots() * m_spec.lot());
    m_asks.try_emplace((m_midTick + 1) * m_tick, randomLots() * m_spec.lot());
}

void SimulatedMarket::evolve()
{
    if (m_random.bounded(4) == 0 && m_midTick > std::uint64_t(m_levels) + 2) {
        m_midTick = m_random.bounded(2) == 0 ? m_midTick + 1 : m_midTick - 1;
        const std::uint64_t bestBidLimit = (m_midTick - 1) * m_tick;
        const std::uint64_t bestAskLimit = (m_midTick + 1) * m_tick;
        m_bids.erase(m_bids.upper_bound(bestBidLimit), m_bids.end());
        m_asks.erase(m_asks.begin(), m_asks.lower_bound(bestAskLimit));
        m_bids.erase(m_bids.begin(), m_bids.lower_bound((m_midTick - std::uint64_t(m_levels)) * m_tick));
        m_asks.erase(m_asks.upper_bound((m_midTick + std::uint64_t(m_levels)) * m_tick), m_asks.end());
    }
    const int changes = 1 + int(m_random.bounded(3));
    for (int i = 0; i < changes; ++i) {
        const bool bid = m_random.bounded(2) == 0;
        const auto offset = std::uint64_t(1 + m_random.bounded(m_levels));
        const std::uint64_t price = (bid ? m_midTick - offset : m_midTick + offset) * m_tick;
        auto &side = bid ? m_bids : m_asks;
        if (m_random.bounded(6) == 0)
            side.erase(price); // an order cancelled
        else
            side[price] = randomLots() * m_spec.lot();
    }
    fillInside();
}

std::optional<SimulatedTrade> SimulatedMarket::trade(std::int64_t nowMs)
{
    SimulatedTrade print;
    print.takerBuys = m_random.bounded(2) == 0;
    auto &side = print.takerBuys ? m_asks : m_bids;
    if (side.empty())
        return std::nullopt;
    const auto level = print.takerBuys ? side.begin() : std::prev(side.end());
    const std::uint64_t levelLots = level->second / m_spec.lot();
    const std::uint64_t lots = 1 + m_random.bounded(quint64(std::max<std::uint64_t>(levelLots / 3, 1)));
    print.id = m_nextTradeId++;
    print.price = level->first;
    print.quantity = std::min(lots, levelLots) * m_spec.lot();
    // price * quantity / 10^base.decimals, exact because every tick is a multiple of 10^base.maxPrecision.
    print.total = print.price / pow10u(m_spec.base.maxPrecision) * (print.quantity / m_spec.lot());
    print.timestampMs = nowMs;
    level->second -= print.quantity;
    if (level->second == 0)
        side.erase(level);
    return print;
}

DepthView SimulatedMarket::view(int precisionExponent) const
{
    const std::uint64_t bucket = pow10u(std::clamp(precisionExponent, 0, 18));
    DepthView view;
    if (bucket <= m_tick) {
        for (auto it = m_bids.rbegin(); it != m_bids.rend(); ++it)
            view.bids.emplace_back(it->first, it->second);
        for (const auto &[price, quantity] : m_asks)
            view.asks.emplace_back(price, quantity);
        return view;
    }
    std::map<std::uint64_t, std::uint64_t, std::greater<>> bids;
    std::map<std::uint64_t, std::uint64_t> asks;
    for (const auto &[price, quantity] : m_bids)
        bids[price / bucket * bucket] += quantity;
    for (const auto &[price, quantity] : m_asks)
        asks[(price + bucket - 1) / bucket * bucket] += quantity;
    view.bids.assign(bids.begin(), bids.end());
    view.asks.assign(asks.begin(), asks.end());
    return view;
}

} // namespace tapescope::emulator::o2
