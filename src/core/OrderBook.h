#pragma once

#include "Decimal.h"
#include "Events.h"

#include <QtCore/QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace tapescope {

struct DepthLevel
{
    Decimal price;
    Decimal size;
    Decimal cumulative; // size summed from the best level down to and including this one
    std::int32_t orders = -1;
};

enum class BookIntegrity {
    Ok,
    Crossed,
    Locked,
    BadPrice, // price not representable at the book's scale
    Empty,
};

// One instrument's L2 book, keyed by integer price at the book's scale so lookups never compare
// spellings; each level keeps the venue's Decimal for display. Bounded to maxDepth levels per side.
// A crossed or locked book is reported, not repaired: the book holds what the venue sent and the
// service decides whether to resync.
class OrderBook
{
public:
    explicit OrderBook(int maxDepth = 500);

    // Replaces the book wholesale. Zero-size levels are skipped; when a price repeats the later one wins.
    BookIntegrity applySnapshot(const BookSnapshot &snapshot);
    // Size is the new total at the price; zero removes the level. Returns BadPrice when any change
    // was rejected (the others still apply), otherwise the integrity after the delta.
    BookIntegrity applyDelta(const BookDelta &delta);
    void clear();

    std::optional<Level> bestBid() const;
    std::optional<Level> bestAsk() const;
    std::optional<Decimal> spread() const; // ask - bid
    std::optional<Decimal> mid() const; // (bid + ask) / 2 exactly, one more fraction digit if needed
    // Crossed when bestBid > bestAsk, Locked when equal, Empty when both sides are empty.
    BookIntegrity integrity() const;

    // Best first; cumulative size summed from the inside. A negative maxLevels returns every level.
    std::vector<DepthLevel> bids(int maxLevels) const;
    std::vector<DepthLevel> asks(int maxLevels) const;
    int bidCount() const;
    int askCount() const;
    int maxDepth() const { return m_maxDepth; }

    // The integer-key scale in use: the most fraction digits seen in any price. It only grows;
    // growing re-keys the levels already held.
    int priceScale() const { return m_scale; }
    std::int64_t timestamp() const { return m_timestamp; } // ts of the last applied snapshot/delta
    // +1 on every snapshot, on every delta that changed a level and on clear() of a non-empty book.
    quint64 version() const { return m_version; }

    static QString integrityText(BookIntegrity integrity); // "ok", "crossed", "locked", ...
    // Human-readable state for logs and the feed status line, e.g.
    // "crossed book: best bid 101 > best ask 100".
    QString integrityDetail() const;

private:
    struct Entry
    {
        std::int64_t key;
        Level level;
    };
    using SideLevels = std::vector<Entry>; // best first

    // Grows the key scale to `scale`; false (and nothing changed) when a held key would overflow.
    bool ensureScale(int scale);
    std::optional<std::int64_t> keyFor(const Decimal &price) const;
    void fillSide(SideLevels &side, const std::vector<Level> &levels, bool descending, bool &rejected);
    bool applyChange(SideLevels &side, bool descending, const BookDelta::Change &change, bool &rejected);
    static std::vector<DepthLevel> depth(const SideLevels &side, int maxLevels);

    SideLevels m_bids; // keys descending
    SideLevels m_asks; // keys ascending
    int m_maxDepth;
    int m_scale = 0;
    std::int64_t m_timestamp = 0;
    quint64 m_version = 0;
};

} // namespace tapescope
