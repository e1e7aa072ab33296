#pragma once

#include "core/Events.h"

#include <map>
#include <optional>
#include <vector>

namespace tapescope::kalshi {

enum class ContractSide { Yes, No };

// One market's Kalshi book as the venue keeps it — YES bids and NO bids only (docs/protocols/kalshi.md §9.1) — so that
// deltas, which Kalshi sends as increments (§9.2), can be published as new level totals in the YES view:
// bids = YES bids; asks = YES asks = 1 − NO bid price with that NO bid's size (best NO bid → best YES ask).
// All arithmetic is exact Decimal.
class YesViewBook
{
public:
    struct NativeLevel
    {
        Decimal price; // dollars on the side's own leg, 0 < price < 1
        Decimal count; // contracts, fixed-point
    };

    // A snapshot replaces the whole book; zero-count levels are dropped, a repeated price keeps the last.
    void replace(const std::vector<NativeLevel> &yesBids, const std::vector<NativeLevel> &noBids);
    // Adds `delta` contracts at `price` on `side` and returns the YES-view change: a bid at `price` for
    // YES, an ask at 1 − `price` for NO, with the new total (zero removes the level). Returns nullopt and
    // changes nothing when the level would go negative: the book no longer matches the venue's.
    std::optional<BookDelta::Change> apply(ContractSide side, const Decimal &price, const Decimal &delta);

    // The normalized ladder: bids best (highest) first, asks best (lowest) first.
    std::vector<Level> bids() const;
    std::vector<Level> asks() const;
    std::optional<Decimal> count(ContractSide side, const Decimal &price) const;
    bool isEmpty() const { return m_yes.empty() && m_no.empty(); }

    // 1 − price, keeping the price's number of decimals ("0.8900" → "0.1100").
    static Decimal complement(const Decimal &price);

private:
    std::map<Decimal, Decimal> m_yes; // price → contracts, ascending
    std::map<Decimal, Decimal> m_no;
};

} // namespace tapescope::kalshi
