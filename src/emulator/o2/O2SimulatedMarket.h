#pragma once

#include "O2MarketCatalog.h"

#include <QtCore/QRandomGenerator>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace tapescope::emulator::o2 {

// A print on the emulated venue. The wire says the maker's side (docs/protocols/o2.md §4.4), so both are kept.
struct SimulatedTrade
{
    std::uint64_t id = 0;
    bool takerBuys = true; // the aggressor lifted the offer; the maker sold
    std::uint64_t price = 0; // quote chain units
    std::uint64_t quantity = 0; // base chain units
    std::uint64_t total = 0; // quote chain units: price * quantity / 10^base.decimals
    std::int64_t timestampMs = 0;
};

// Levels in chain integers, best first: what a depth snapshot lists and what a client's book must equal.
struct DepthView
{
    std::vector<std::pair<std::uint64_t, std::uint64_t>> bids; // price, quantity; highest first
    std::vector<std::pair<std::uint64_t, std::uint64_t>> asks; // lowest first
    friend bool operator==(const DepthView &, const DepthView &) = default;
};

// One market's resting book as a seeded random walk on the market's price grid. Never crossed: bids sit
// below the mid tick, asks above it. Trades take liquidity from the inside, so the book moves with them.
class SimulatedMarket
{
public:
    SimulatedMarket(MarketSpec spec, quint32 seed, int levelsPerSide);

    const MarketSpec &spec() const { return m_spec; }

    // One book step: a few levels change size, appear or vanish, and now and then the mid moves a tick.
    void evolve();
    // A taker hits the best bid or lifts the best offer; nullopt when that side is empty.
    std::optional<SimulatedTrade> trade(std::int64_t nowMs);

    // The book aggregated into price buckets of 10^precisionExponent chain units, as subscribe_depth's
    // `precision` asks (docs/protocols/o2.md §3): bids round down, asks round up, so buckets never cross. A bucket
    // finer than the market's tick is the book itself.
    DepthView view(int precisionExponent) const;

private:
    std::uint64_t randomLots();
    void fillInside();

    MarketSpec m_spec;
    QRandomGenerator m_random;
    int m_levels;
    std::uint64_t m_tick;
    std::uint64_t m_midTick; // bids at or below m_midTick - 1, asks at or above m_midTick + 1 (in ticks)
    std::map<std::uint64_t, std::uint64_t> m_bids; // price -> quantity (chain units)
    std::map<std::uint64_t, std::uint64_t> m_asks;
    std::uint64_t m_nextTradeId = 1;
};

} // namespace tapescope::emulator::o2
