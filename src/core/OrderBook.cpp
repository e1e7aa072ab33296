#include "OrderBook.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// Bids are kept highest key first, asks lowest key first, so index 0 is always the inside.
bool better(std::int64_t a, std::int64_t b, bool descending)
{
    return descending ? a > b : a < b;
}

} // namespace

OrderBook::OrderBook(int maxDepth)
    : m_maxDepth(std::max(1, maxDepth))
{ }

BookIntegrity OrderBook::applySnapshot(const BookSnapshot &snapshot)
{
    m_bids.clear();
    m_asks.clear();
    // The book is empty now, so the scale can grow without re-keying anything.
    for (const auto *levels : { &snapshot.bids, &snapshot.asks }) {
        for (const Level &level : *levels)
            m_scale = std::max(m_scale, level.price.scale());
    }
    bool rejected = false;
    fillSide(m_bids, snapshot.bids, true, rejected);
    fillSide(m_asks, snapshot.asks, false, rejected);
    m_timestamp = snapshot.ts;
    ++m_version;
    return rejected ? BookIntegrity::BadPrice : integrity();
}

void OrderBook::fillSide(SideLevels &side, const std::vector<Level> &levels, bool descending, bool &rejected)
{
    side.reserve(levels.size());
    bool ordered = true;
    for (const Level &level : levels) {
        if (level.size.isZero())
            continue;
        const auto key = keyFor(level.price);
        if (!key || level.size.isNegative()) {
            rejected = true;
            continue;
        }
        if (!side.empty() && !better(side.back().key, *key, descending))
            ordered = false;
        side.push_back(Entry { *key, level });
    }
    if (!ordered) {
        // Venues send snapshots best first; this path only guards against a misbehaving feed.
        std::stable_sort(side.begin(), side.end(),
                         [descending](const Entry &a, const Entry &b) { return better(a.key, b.key, descending); });
        // Keep the last occurrence of a repeated price, as a delta stream would.
        SideLevels unique;
        unique.reserve(side.size());
        for (const Entry &entry : side) {
            if (!unique.empty() && unique.back().key == entry.key)
                unique.back() = entry;
            else
                unique.push_back(entry);
        }
        side.swap(unique);
    }
    if (side.size() > static_cast<std::size_t>(m_maxDepth))
        side.resize(static_cast<std::size_t>(m_maxDepth));
}

BookIntegrity OrderBook::applyDelta(const BookDelta &delta)
{
    bool rejected = false;
    bool changed = false;
    for (const BookDelta::Change &change : delta.changes) {
        const bool isBid = change.side == Side::Buy;
        changed |= applyChange(isBid ? m_bids : m_asks, isBid, change, rejected);
    }
    m_timestamp = delta.ts;
    if (changed)
        ++m_version;
    return rejected ? BookIntegrity::BadPrice : integrity();
}

bool OrderBook::applyChange(SideLevels &side, bool descending, const BookDelta::Change &change, bool &rejected)
{
    if (change.size.isNegative() || !ensureScale(change.price.scale())) {
        rejected = true;
        return false;
    }
    const auto key = keyFor(change.price);
    if (!key) {
        rejected = true;
        return false;
    }
    auto it = std::lower_bound(side.begin(), side.end(), *key,
                               [descending](const Entry &e, std::int64_t k) { return better(e.key, k, descending); });
    const bool found = it != side.end() && it->key == *key;
    if (change.size.isZero()) {
        if (!found)
            return false;
        side.erase(it);
        return true;
    }
    // The delta carries no order count, so a count from an earlier snapshot would be stale.
    const Level level { change.price, change.size, -1 };
    if (found) {
        it->level = level;
        return true;
    }
    if (side.size() >= static_cast<std::size_t>(m_maxDepth)) {
        if (it == side.end())
            return false; // worse than every level we keep
        side.pop_back();
        it = std::lower_bound(side.begin(), side.end(), *key,
                              [descending](const Entry &e, std::int64_t k) { return better(e.key, k, descending); });
    }
    side.insert(it, Entry { *key, level });
    return true;
}

bool OrderBook::ensureScale(int scale)
{
    if (scale <= m_scale)
        return true;
    for (const auto *side : { &m_bids, &m_asks }) {
        for (const Entry &entry : *side) {
            if (!Decimal::fromKey(entry.key, m_scale).toKey(scale))
                return false;
        }
    }
    for (auto *side : { &m_bids, &m_asks }) {
        for (Entry &entry : *side)
            entry.key = *Decimal::fromKey(entry.key, m_scale).toKey(scale);
    }
    m_scale = scale;
    return true;
}

std::optional<std::int64_t> OrderBook::keyFor(const Decimal &price) const
{
    return price.toKey(m_scale);
}

void OrderBook::clear()
{
    if (!m_bids.empty() || !m_asks.empty())
        ++m_version;
    m_bids.clear();
    m_asks.clear();
    m_scale = 0;
}

std::optional<Level> OrderBook::bestBid() const
{
    if (m_bids.empty())
        return std::nullopt;
    return m_bids.front().level;
}

std::optional<Level> OrderBook::bestAsk() const
{
    if (m_asks.empty())
        return std::nullopt;
    return m_asks.front().level;
}

std::optional<Decimal> OrderBook::spread() const
{
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    return m_asks.front().level.price.checkedSub(m_bids.front().level.price);
}

std::optional<Decimal> OrderBook::mid() const
{
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    const auto sum = m_bids.front().level.price.checkedAdd(m_asks.front().level.price);
    if (!sum)
        return std::nullopt;
    return sum->halved();
}

BookIntegrity OrderBook::integrity() const
{
    if (m_bids.empty() && m_asks.empty())
        return BookIntegrity::Empty;
    if (m_bids.empty() || m_asks.empty())
        return BookIntegrity::Ok;
    const std::int64_t bid = m_bids.front().key;
    const std::int64_t ask = m_asks.front().key;
    if (bid > ask)
        return BookIntegrity::Crossed;
    if (bid == ask)
        return BookIntegrity::Locked;
    return BookIntegrity::Ok;
}

std::vector<DepthLevel> OrderBook::depth(const SideLevels &side, int maxLevels)
{
    const std::size_t count = maxLevels < 0 ? side.size() : std::min(side.size(), static_cast<std::size_t>(maxLevels));
    std::vector<DepthLevel> out;
    out.reserve(count);
    Decimal cumulative;
    for (std::size_t i = 0; i < count; ++i) {
        const Level &level = side[i].level;
        cumulative = cumulative.checkedAdd(level.size).value_or(cumulative);
        out.push_back(DepthLevel { level.price, level.size, cumulative, level.orders });
    }
    return out;
}

std::vector<DepthLevel> OrderBook::bids(int maxLevels) const
{
    return depth(m_bids, maxLevels);
}

std::vector<DepthLevel> OrderBook::asks(int maxLevels) const
{
    return depth(m_asks, maxLevels);
}

int OrderBook::bidCount() const
{
    return static_cast<int>(m_bids.size());
}

int OrderBook::askCount() const
{
    return static_cast<int>(m_asks.size());
}

QString OrderBook::integrityText(BookIntegrity integrity)
{
    switch (integrity) {
    case BookIntegrity::Ok:
        return u"ok"_s;
    case BookIntegrity::Crossed:
        return u"crossed"_s;
    case BookIntegrity::Locked:
        return u"locked"_s;
    case BookIntegrity::BadPrice:
        return u"bad price"_s;
    case BookIntegrity::Empty:
        return u"empty"_s;
    }
    return QString();
}

QString OrderBook::integrityDetail() const
{
    const BookIntegrity state = integrity();
    if (state != BookIntegrity::Crossed && state != BookIntegrity::Locked)
        return integrityText(state);
    const QString bid = m_bids.front().level.price.toString();
    const QString ask = m_asks.front().level.price.toString();
    if (state == BookIntegrity::Crossed)
        return u"crossed book: best bid "_s + bid + u" > best ask "_s + ask;
    return u"locked book: best bid "_s + bid + u" = best ask "_s + ask;
}

} // namespace tapescope
