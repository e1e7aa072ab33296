#include "SimulatedBook.h"

#include <algorithm>

namespace tapescope::emulator {

SimulatedBook::SimulatedBook(std::int64_t midTicks, std::int64_t levelLots, QRandomGenerator *rng)
    : m_levelLots(std::max<std::int64_t>(levelLots, 1))
    , m_rng(rng)
{
    const std::int64_t bidLots = randomLots();
    const std::int64_t askLots = randomLots();
    m_bids.emplace(midTicks, RestingLevel { bidLots, ordersFor(bidLots) });
    m_asks.emplace(midTicks + 1, RestingLevel { askLots, ordersFor(askLots) });
    refill();
}

std::int64_t SimulatedBook::randomLots()
{
    // Mostly modest quotes with the occasional large one, as on a real ladder.
    const std::int64_t base = m_levelLots / 20 + 1;
    std::int64_t lots = base
        + static_cast<std::int64_t>(
                            m_rng->bounded(static_cast<quint32>(std::min<std::int64_t>(m_levelLots * 2, 0x7fffffff))));
    if (m_rng->bounded(10) == 0)
        lots *= 4;
    return lots;
}

int SimulatedBook::ordersFor(std::int64_t lots)
{
    return 1 + static_cast<int>(std::min<std::int64_t>(lots * 3 / m_levelLots, 40)) + m_rng->bounded(3);
}

void SimulatedBook::refill()
{
    while (m_bids.size() < Depth) {
        const std::int64_t price = m_bids.rbegin()->first - 1 - m_rng->bounded(3);
        if (price <= 0)
            break;
        const std::int64_t lots = randomLots();
        m_bids.emplace(price, RestingLevel { lots, ordersFor(lots) });
    }
    while (m_asks.size() < Depth) {
        const std::int64_t price = m_asks.rbegin()->first + 1 + m_rng->bounded(3);
        const std::int64_t lots = randomLots();
        m_asks.emplace(price, RestingLevel { lots, ordersFor(lots) });
    }
}

std::vector<SimulatedBook::Fill> SimulatedBook::execute(bool buyAggressor, std::int64_t lots)
{
    std::vector<Fill> fills;
    auto sweep = [&](auto &side) {
        while (lots > 0 && side.size() > 1) {
            auto best = side.begin();
            const std::int64_t traded = std::min(lots, best->second.lots);
            fills.push_back({ best->first, traded });
            lots -= traded;
            best->second.lots -= traded;
            if (best->second.lots == 0)
                side.erase(best);
            else
                best->second.orders = std::max(1, best->second.orders - 1);
        }
    };
    if (buyAggressor)
        sweep(m_asks);
    else
        sweep(m_bids);
    refill();
    return fills;
}

void SimulatedBook::churn()
{
    // Resize a few resting levels (cancels and new orders behind the inside).
    for (int i = 0; i < 4; ++i) {
        const bool bidSide = m_rng->bounded(2) == 0;
        const int index = m_rng->bounded(Depth);
        auto touch = [&](auto &side) {
            if (index >= static_cast<int>(side.size()))
                return;
            auto it = std::next(side.begin(), index);
            const std::int64_t lots = randomLots();
            it->second = { lots, ordersFor(lots) };
        };
        bidSide ? touch(m_bids) : touch(m_asks);
    }
    // A wide spread attracts a new quote strictly inside it, which is what moves the mid both ways.
    const std::int64_t spread = bestAsk() - bestBid();
    if (spread > 1 && m_rng->bounded(3) != 0) {
        const std::int64_t offset = 1 + m_rng->bounded(static_cast<quint32>(spread - 1));
        const std::int64_t lots = randomLots() / 2 + 1;
        if (m_rng->bounded(2) == 0)
            m_bids.emplace(bestBid() + offset, RestingLevel { lots, 1 });
        else
            m_asks.emplace(bestAsk() - offset, RestingLevel { lots, 1 });
    }
    // Drop the deepest levels so the ladder stays near the inside after the mid moves.
    while (m_bids.size() > Depth + 4)
        m_bids.erase(std::prev(m_bids.end()));
    while (m_asks.size() > Depth + 4)
        m_asks.erase(std::prev(m_asks.end()));
    refill();
}

} // namespace tapescope::emulator
