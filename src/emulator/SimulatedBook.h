#pragma once

#include <QtCore/QRandomGenerator>

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

namespace tapescope::emulator {

struct RestingLevel
{
    std::int64_t lots = 0;
    int orders = 0;
};

// One emulated order book in integer ticks and lots. It is never crossed: liquidity is only ever
// added strictly inside the spread or behind the inside, and trades only remove it.
class SimulatedBook
{
public:
    static constexpr int Depth = 24; // kept a little deeper than the 20 levels a frame shows

    SimulatedBook(std::int64_t midTicks, std::int64_t levelLots, QRandomGenerator *rng);

    using Bids = std::map<std::int64_t, RestingLevel, std::greater<>>;
    using Asks = std::map<std::int64_t, RestingLevel>;
    const Bids &bids() const { return m_bids; }
    const Asks &asks() const { return m_asks; }
    std::int64_t bestBid() const { return m_bids.begin()->first; }
    std::int64_t bestAsk() const { return m_asks.begin()->first; }

    struct Fill
    {
        std::int64_t priceTicks = 0;
        std::int64_t lots = 0;
    };
    // A marketable order: walks the opposite side best-first, so big orders trade through the inside.
    std::vector<Fill> execute(bool buyAggressor, std::int64_t lots);

    // Quote churn between trades: resizes levels, sometimes improves the inside, refills depth.
    void churn();

private:
    std::int64_t randomLots();
    int ordersFor(std::int64_t lots);
    void refill();

    Bids m_bids;
    Asks m_asks;
    std::int64_t m_levelLots;
    QRandomGenerator *m_rng;
};

} // namespace tapescope::emulator
