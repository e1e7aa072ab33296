#pragma once

#include "core/Decimal.h"
#include "core/OrderBook.h"

#include <QtCore/QString>

#include <optional>
#include <vector>

namespace tapescope {

// One row of the price ladder as the view shows it. Text is final: the delegate only lays it out.
struct LadderRow
{
    QString price; // the level's price (grouped to the step), or the spread on the spread row
    QString bidSize;
    QString askSize;
    QString cumulative; // depth summed from the inside out on the row's side
    double heat = 0.0; // size relative to the largest visible size, 0..1
    bool isSpreadRow = false;
    bool isBestBid = false;
    bool isBestAsk = false;
    // The trader's own working orders on this row (remaining size, summed over accounts), and whether the
    // position's entry price falls on it (AccountHub; empty / false without accounts).
    QString ownBidSize;
    QString ownAskSize;
    bool isEntry = false;

    friend bool operator==(const LadderRow &, const LadderRow &) = default;
};

// A price level after grouping: bids floor and asks ceil to the step, sizes summed exactly.
struct GroupedLevel
{
    Decimal price;
    Decimal size;
    Decimal cumulative;
};

// Groups one side of a book, best first, into at most `maxLevels` buckets of `step`
// (no step: the levels as they are). Bids round down, asks round up, so a bucket never
// claims a better price than any order in it.
std::vector<GroupedLevel> groupLevels(const std::vector<DepthLevel> &levels, const std::optional<Decimal> &step,
                                      bool isBid, int maxLevels);

// The fixed window the ladder shows: `levelsPerSide` ask rows (best ask lowest), one spread row,
// then `levelsPerSide` bid rows (best bid highest). Rows beyond the book's depth stay blank.
std::vector<LadderRow> buildLadder(const OrderBook &book, int levelsPerSide, const std::optional<Decimal> &step);

// The smallest price increment visible in the book's top levels (its tick, in practice).
std::optional<Decimal> estimateTick(const OrderBook &book);

} // namespace tapescope
