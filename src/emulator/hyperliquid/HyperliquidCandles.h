#pragma once

#include <QtCore/QRandomGenerator>
#include <QtCore/QString>

#include <cstdint>
#include <deque>
#include <vector>

namespace tapescope::emulator::hyperliquid {

struct InstrumentSpec;

// The venue's candle intervals (protocol reference §6); "1M" is a calendar month.
struct CandleInterval
{
    QString name;
    std::int64_t ms = 0; // 0: calendar month
};
const std::vector<CandleInterval> &candleIntervals();
int candleIntervalIndex(const QString &name); // -1 when unknown

struct CandleBar
{
    std::int64_t openTime = 0;
    std::int64_t closeTime = 0; // next open - 1, as the venue sends T
    std::int64_t open = 0; // ticks
    std::int64_t high = 0;
    std::int64_t low = 0;
    std::int64_t close = 0;
    std::int64_t volumeLots = 0;
    int trades = 0;
};

// Every interval's bars for one instrument, built from the same trades. History older than what
// the emulator has seen is generated backwards from the oldest known open, on first request, so
// REST history always joins the live bar exactly (close of bar k == open of bar k+1).
class HyperliquidCandles
{
public:
    static constexpr int MaxBars = 5000; // the venue keeps the most recent 5000 candles (§10)

    HyperliquidCandles(const InstrumentSpec &spec, std::int64_t nowMs, std::int64_t priceTicks, quint32 seed);

    void apply(std::int64_t timeMs, std::int64_t priceTicks, std::int64_t lots);
    const CandleBar &liveBar(int interval) const { return m_tracks[static_cast<std::size_t>(interval)].live; }
    // Bars whose open time lies in [startTime, endTime], oldest first, the live bar included.
    std::vector<CandleBar> history(int interval, std::int64_t startTime, std::int64_t endTime);

    static std::int64_t barStart(int interval, std::int64_t timeMs);
    static std::int64_t nextBarStart(int interval, std::int64_t barStartMs);

private:
    struct Track
    {
        CandleBar live;
        std::deque<CandleBar> closed; // oldest first
        bool backfilled = false;
    };
    CandleBar openBar(int interval, std::int64_t timeMs, std::int64_t openTicks) const;
    void backfill(int interval);
    std::int64_t randomMove(std::int64_t priceTicks, std::int64_t spanMs, QRandomGenerator &rng) const;

    const InstrumentSpec &m_spec;
    quint32 m_seed;
    std::vector<Track> m_tracks;
};

} // namespace tapescope::emulator::hyperliquid
