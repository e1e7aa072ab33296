#include "CandleSeries.h"

#include <algorithm>

namespace tapescope {

namespace {

bool startsBefore(const Candle &a, const Candle &b)
{
    return a.start < b.start;
}

} // namespace

CandleSeries::CandleSeries(std::size_t capacity)
    : m_capacity(std::max<std::size_t>(1, capacity))
{ }

CandleSeries::Change CandleSeries::apply(const Candle &candle)
{
    if (m_candles.empty() || candle.start > m_candles.back().start) {
        m_candles.push_back(candle);
        trimToCapacity();
        return Change::Appended;
    }
    if (candle.start == m_candles.back().start) {
        m_candles.back() = candle;
        return Change::UpdatedLast;
    }
    const std::ptrdiff_t index = indexOfStart(candle.start);
    if (index < 0)
        return Change::None;
    m_candles[static_cast<std::size_t>(index)] = candle;
    return Change::Replaced;
}

void CandleSeries::mergeHistory(const std::vector<Candle> &history)
{
    if (history.empty())
        return;
    std::vector<Candle> incoming = history;
    std::stable_sort(incoming.begin(), incoming.end(), startsBefore);

    std::deque<Candle> merged;
    auto held = m_candles.begin();
    auto past = incoming.begin();
    while (held != m_candles.end() || past != incoming.end()) {
        if (past == incoming.end() || (held != m_candles.end() && held->start < past->start)) {
            merged.push_back(*held++);
        } else if (held == m_candles.end() || past->start < held->start) {
            // A repeated start inside the history itself: the later entry is the fresher one.
            if (!merged.empty() && merged.back().start == past->start)
                merged.back() = *past;
            else
                merged.push_back(*past);
            ++past;
        } else {
            ++past; // same start: the held (live) candle wins
        }
    }
    m_candles.swap(merged);
    trimToCapacity();
}

const Candle &CandleSeries::at(std::size_t i) const
{
    Q_ASSERT(i < m_candles.size());
    return m_candles[i];
}

const Candle &CandleSeries::last() const
{
    Q_ASSERT(!m_candles.empty());
    return m_candles.back();
}

std::ptrdiff_t CandleSeries::indexOfStart(std::int64_t start) const
{
    const auto it = std::lower_bound(m_candles.begin(), m_candles.end(), start,
                                     [](const Candle &c, std::int64_t s) { return c.start < s; });
    if (it == m_candles.end() || it->start != start)
        return -1;
    return it - m_candles.begin();
}

void CandleSeries::trimToCapacity()
{
    while (m_candles.size() > m_capacity)
        m_candles.pop_front();
}

} // namespace tapescope
