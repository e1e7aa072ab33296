#include "HyperliquidCandles.h"

#include "HyperliquidInstrumentCatalog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kDay = 1440 * kMinute;
constexpr std::int64_t kVenueLaunch = 1672531200000; // 2023-01-01: generated history starts no earlier
constexpr double kDailyVolatility = 0.03;

double gaussian(QRandomGenerator &rng)
{
    // Box-Muller by hand: std::normal_distribution differs between standard libraries, and the
    // market must be the same for a given seed everywhere.
    const double u1 = std::max(rng.generateDouble(), 1e-12);
    const double u2 = rng.generateDouble();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

quint32 mix(quint32 seed, const QString &coin, int interval)
{
    quint32 h = 2166136261u ^ seed; // FNV-1a: stable across runs, unlike the seeded qHash
    for (const QChar c : coin) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    h ^= static_cast<quint32>(interval) * 0x9e3779b9u;
    return h;
}

} // namespace

const std::vector<CandleInterval> &candleIntervals()
{
    static const std::vector<CandleInterval> intervals = {
        { u"1m"_s, kMinute },       { u"3m"_s, 3 * kMinute },
        { u"5m"_s, 5 * kMinute },   { u"15m"_s, 15 * kMinute },
        { u"30m"_s, 30 * kMinute }, { u"1h"_s, 60 * kMinute },
        { u"2h"_s, 120 * kMinute }, { u"4h"_s, 240 * kMinute },
        { u"8h"_s, 480 * kMinute }, { u"12h"_s, 720 * kMinute },
        { u"1d"_s, kDay },          { u"3d"_s, 3 * kDay },
        { u"1w"_s, 7 * kDay },      { u"1M"_s, 0 },
    };
    return intervals;
}

int candleIntervalIndex(const QString &name)
{
    const auto &all = candleIntervals();
    const auto it = std::find_if(all.begin(), all.end(), [&name](const CandleInterval &i) { return i.name == name; });
    return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

std::int64_t HyperliquidCandles::barStart(int interval, std::int64_t timeMs)
{
    const std::int64_t len = candleIntervals()[static_cast<std::size_t>(interval)].ms;
    if (len == 0) {
        const QDate date = QDateTime::fromMSecsSinceEpoch(timeMs, QTimeZone::utc()).date();
        return QDate(date.year(), date.month(), 1).startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
    }
    // Epoch-aligned like the venue's stream (so a "1w" bar opens on a Thursday), the same rule
    // core's CandleAggregator uses for candles built from trades.
    return timeMs - ((timeMs % len) + len) % len;
}

std::int64_t HyperliquidCandles::nextBarStart(int interval, std::int64_t barStartMs)
{
    const std::int64_t len = candleIntervals()[static_cast<std::size_t>(interval)].ms;
    if (len != 0)
        return barStartMs + len;
    const QDate date = QDateTime::fromMSecsSinceEpoch(barStartMs, QTimeZone::utc()).date();
    return date.addMonths(1).startOfDay(QTimeZone::utc()).toMSecsSinceEpoch();
}

HyperliquidCandles::HyperliquidCandles(const InstrumentSpec &spec, std::int64_t nowMs, std::int64_t priceTicks,
                                       quint32 seed)
    : m_spec(spec)
    , m_seed(seed)
{
    const int count = static_cast<int>(candleIntervals().size());
    m_tracks.resize(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        // The bar in progress already has a past: open it where a random walk from its start
        // would have come from, with the volume the elapsed part of it would have traded.
        QRandomGenerator rng(mix(m_seed, spec.coin, i) ^ 0x5bd1e995u);
        const std::int64_t start = barStart(i, nowMs);
        const std::int64_t elapsed = std::max<std::int64_t>(nowMs - start, 1);
        const std::int64_t open = std::max<std::int64_t>(priceTicks - randomMove(priceTicks, elapsed, rng), 1);
        CandleBar bar = openBar(i, start, open);
        const std::int64_t wick = std::abs(randomMove(priceTicks, elapsed / 4 + 1, rng));
        bar.high = std::max(open, priceTicks) + wick / 2;
        bar.low = std::max<std::int64_t>(std::min(open, priceTicks) - wick / 2, 1);
        bar.close = priceTicks;
        const double share = static_cast<double>(elapsed) / kDay * (0.6 + 0.8 * rng.generateDouble());
        bar.volumeLots = std::llround(static_cast<double>(spec.dayBaseUnits) * std::pow(10.0, spec.szDecimals) * share);
        bar.trades = static_cast<int>(std::llround(spec.tradesPerDay * share));
        m_tracks[static_cast<std::size_t>(i)].live = bar;
    }
}

CandleBar HyperliquidCandles::openBar(int interval, std::int64_t timeMs, std::int64_t openTicks) const
{
    CandleBar bar;
    bar.openTime = barStart(interval, timeMs);
    bar.closeTime = nextBarStart(interval, bar.openTime) - 1;
    bar.open = bar.high = bar.low = bar.close = openTicks;
    return bar;
}

std::int64_t HyperliquidCandles::randomMove(std::int64_t priceTicks, std::int64_t spanMs, QRandomGenerator &rng) const
{
    // Statistics only: the double decides how many whole ticks the price moves.
    const double sigma = kDailyVolatility * std::sqrt(static_cast<double>(spanMs) / kDay);
    return std::llround(static_cast<double>(priceTicks) * sigma * gaussian(rng));
}

void HyperliquidCandles::apply(std::int64_t timeMs, std::int64_t priceTicks, std::int64_t lots)
{
    for (std::size_t i = 0; i < m_tracks.size(); ++i) {
        Track &track = m_tracks[i];
        if (timeMs > track.live.closeTime) {
            track.closed.push_back(track.live);
            while (track.closed.size() > MaxBars - 1)
                track.closed.pop_front();
            track.live = openBar(static_cast<int>(i), timeMs, track.live.close);
        }
        CandleBar &bar = track.live;
        bar.high = std::max(bar.high, priceTicks);
        bar.low = std::min(bar.low, priceTicks);
        bar.close = priceTicks;
        bar.volumeLots += lots;
        ++bar.trades;
    }
}

void HyperliquidCandles::backfill(int interval)
{
    Track &track = m_tracks[static_cast<std::size_t>(interval)];
    track.backfilled = true;
    QRandomGenerator rng(mix(m_seed, m_spec.coin, interval));
    const double lotsPerDay = static_cast<double>(m_spec.dayBaseUnits) * std::pow(10.0, m_spec.szDecimals);
    std::int64_t nextOpen = track.closed.empty() ? track.live.openTime : track.closed.front().openTime;
    std::int64_t close = track.closed.empty() ? track.live.open : track.closed.front().open;
    const std::int64_t floorTicks = std::max<std::int64_t>(m_spec.startTicks / 50, 1);
    while (track.closed.size() + 1 < MaxBars) {
        const std::int64_t start = barStart(interval, nextOpen - 1);
        if (start < kVenueLaunch)
            break;
        const std::int64_t span = nextOpen - start;
        CandleBar bar = openBar(interval, start, std::max(close - randomMove(close, span, rng), floorTicks));
        bar.close = close;
        const std::int64_t wick = std::abs(randomMove(close, span / 3 + 1, rng));
        bar.high = std::max(bar.open, bar.close) + wick / 2;
        bar.low = std::max<std::int64_t>(std::min(bar.open, bar.close) - (wick - wick / 2), 1);
        const double share = static_cast<double>(span) / kDay * (0.5 + rng.generateDouble());
        bar.volumeLots = std::max<std::int64_t>(std::llround(lotsPerDay * share), 1);
        bar.trades = std::max(1, static_cast<int>(std::llround(m_spec.tradesPerDay * share)));
        track.closed.push_front(bar);
        nextOpen = start;
        close = bar.open;
    }
}

std::vector<CandleBar> HyperliquidCandles::history(int interval, std::int64_t startTime, std::int64_t endTime)
{
    Track &track = m_tracks[static_cast<std::size_t>(interval)];
    if (!track.backfilled)
        backfill(interval);
    std::vector<CandleBar> bars;
    for (const CandleBar &bar : track.closed) {
        if (bar.openTime >= startTime && bar.openTime <= endTime)
            bars.push_back(bar);
    }
    if (track.live.openTime >= startTime && track.live.openTime <= endTime)
        bars.push_back(track.live);
    return bars;
}

} // namespace tapescope::emulator::hyperliquid
