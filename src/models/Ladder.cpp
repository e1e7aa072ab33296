#include "Ladder.h"

#include "DisplayFormat.h"

#include <algorithm>

namespace tapescope {

std::vector<GroupedLevel> groupLevels(const std::vector<DepthLevel> &levels, const std::optional<Decimal> &step,
                                      bool isBid, int maxLevels)
{
    std::vector<GroupedLevel> grouped;
    grouped.reserve(static_cast<std::size_t>(std::max(maxLevels, 0)));
    Decimal cumulative;
    for (const DepthLevel &level : levels) {
        Decimal price = level.price;
        if (step) {
            const std::optional<Decimal> bucket
                = isBid ? level.price.floorToStep(*step) : display::ceilToStep(level.price, *step);
            if (!bucket)
                continue; // cannot happen for sane steps; a level we cannot place is left out, not misplaced
            price = bucket->rescaled(step->scale()).value_or(*bucket);
        }
        if (grouped.empty() || grouped.back().price != price) {
            if (static_cast<int>(grouped.size()) == maxLevels)
                break;
            grouped.push_back({ price, Decimal(), cumulative });
        }
        GroupedLevel &bucket = grouped.back();
        bucket.size = bucket.size + level.size;
        cumulative = cumulative + level.size;
        bucket.cumulative = cumulative;
    }
    return grouped;
}

std::vector<LadderRow> buildLadder(const OrderBook &book, int levelsPerSide, const std::optional<Decimal> &step)
{
    const int perSide = std::max(levelsPerSide, 0);
    std::vector<LadderRow> rows(static_cast<std::size_t>(perSide * 2 + 1));
    // Grouping may fold many levels into one bucket, so it needs the whole side; otherwise the top suffices.
    const int fetch = step ? -1 : perSide;
    const std::vector<GroupedLevel> bids = groupLevels(book.bids(fetch), step, true, perSide);
    const std::vector<GroupedLevel> asks = groupLevels(book.asks(fetch), step, false, perSide);

    Decimal largest;
    for (const auto *side : { &bids, &asks }) {
        for (const GroupedLevel &level : *side)
            largest = std::max(largest, level.size);
    }
    const double largestSize = largest.toDouble();
    const auto heatOf = [largestSize](const Decimal &size) {
        return largestSize > 0.0 ? std::clamp(size.toDouble() / largestSize, 0.0, 1.0) : 0.0;
    };

    // One number of fraction digits per column, so the digits line up and venues that send every value at
    // full chain precision (O2: "5131.821000000") do not bury the figures in zeros.
    int priceDecimals = 0;
    int sizeDecimals = 0;
    for (const auto *side : { &bids, &asks }) {
        for (const GroupedLevel &level : *side) {
            priceDecimals = std::max(priceDecimals, display::significantDecimals(level.price));
            sizeDecimals = std::max({ sizeDecimals, display::significantDecimals(level.size),
                                      display::significantDecimals(level.cumulative) });
        }
    }
    const auto price = [priceDecimals](const Decimal &value) { return display::fixedText(value, priceDecimals); };
    const auto size = [sizeDecimals](const Decimal &value) { return display::fixedText(value, sizeDecimals); };

    // Asks fill upward from just above the spread row, so the best ask sits next to it.
    for (std::size_t i = 0; i < asks.size(); ++i) {
        LadderRow &row = rows[static_cast<std::size_t>(perSide) - 1 - i];
        row.price = price(asks[i].price);
        row.askSize = size(asks[i].size);
        row.cumulative = size(asks[i].cumulative);
        row.heat = heatOf(asks[i].size);
        row.isBestAsk = i == 0;
    }
    LadderRow &spreadRow = rows[static_cast<std::size_t>(perSide)];
    spreadRow.isSpreadRow = true;
    if (const std::optional<Decimal> spread = book.spread())
        spreadRow.price = price(*spread);
    for (std::size_t i = 0; i < bids.size(); ++i) {
        LadderRow &row = rows[static_cast<std::size_t>(perSide) + 1 + i];
        row.price = price(bids[i].price);
        row.bidSize = size(bids[i].size);
        row.cumulative = size(bids[i].cumulative);
        row.heat = heatOf(bids[i].size);
        row.isBestBid = i == 0;
    }
    return rows;
}

std::optional<Decimal> estimateTick(const OrderBook &book)
{
    std::optional<Decimal> tick;
    const auto scan = [&tick](const std::vector<DepthLevel> &levels) {
        for (std::size_t i = 1; i < levels.size(); ++i) {
            const std::optional<Decimal> gap = levels[i - 1].price.checkedSub(levels[i].price);
            if (!gap || gap->isZero())
                continue;
            const Decimal size = gap->isNegative() ? -*gap : *gap;
            if (!tick || size < *tick)
                tick = size;
        }
    };
    scan(book.bids(20));
    scan(book.asks(20));
    if (tick)
        tick = display::normalized(*tick);
    return tick;
}

} // namespace tapescope
