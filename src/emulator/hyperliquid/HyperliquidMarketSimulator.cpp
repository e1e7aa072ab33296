#include "HyperliquidMarketSimulator.h"

#include "HyperliquidEmulatorLog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>

#include <algorithm>
#include <cmath>

namespace tapescope::emulator::hyperliquid {

namespace {

std::int64_t pow10(int exponent)
{
    std::int64_t value = 1;
    while (exponent-- > 0)
        value *= 10;
    return value;
}

// The fraction of timer ticks in which a market sees an aggressive order: busier for the majors.
int activityPercent(const InstrumentSpec &spec)
{
    return std::min(70, 20 + spec.tradesPerDay / 20000);
}

} // namespace

MarketState::MarketState(const InstrumentSpec &instrument, std::int64_t nowMs, quint32 seed, QRandomGenerator *rng)
    : spec(instrument)
    , book(instrument.startTicks, instrument.levelLots, rng)
    , candles(instrument, nowMs, instrument.startTicks, seed)
    , bookTime(nowMs)
    , lastTradeTicks(instrument.startTicks)
{
    // A plausible trading day behind the market: up to +-4 % since yesterday, a day's volume.
    const auto swing = static_cast<std::int64_t>(rng->bounded(801)) - 400; // basis points * 0.1
    prevDayTicks = std::max<std::int64_t>(instrument.startTicks - instrument.startTicks * swing / 10000, 1);
    dayBaseLots = instrument.dayBaseUnits * pow10(instrument.szDecimals);
    dayNotional = instrument.dayBaseUnits * pow10(instrument.szDecimals) * instrument.startTicks;
    openInterestLots = instrument.openInterestUnits * pow10(instrument.szDecimals);
    fundingE10 = 125000; // 0.0000125: the venue's baseline hourly rate
    oracleTicks = instrument.startTicks;
}

HyperliquidMarketSimulator::HyperliquidMarketSimulator(quint32 seed, Timing timing, QObject *parent)
    : HyperliquidMarketSimulator(seed, timing, 0, parent)
{ }

HyperliquidMarketSimulator::HyperliquidMarketSimulator(quint32 seed, Timing timing, int syntheticPerps, QObject *parent)
    : QObject(parent)
    , m_catalog(syntheticPerps)
    , m_rng(seed)
    , m_bookTimer(new QTimer(this))
    , m_tradeTimer(new QTimer(this))
    , m_midsTimer(new QTimer(this))
    , m_contextTimer(new QTimer(this))
{
    for (int i = 0; i < 48; ++i)
        m_traders.push_back("0x" + randomHex(40));

    const std::int64_t now = nowMs();
    for (const InstrumentSpec &spec : m_catalog.instruments()) {
        auto market = std::make_unique<MarketState>(spec, now, seed, &m_rng);
        // Recent prints exist before anyone connects, so the first trades subscribe can replay 30.
        // They predate the live candles, which already account for the elapsed part of each bar.
        std::int64_t time = now - 45'000;
        while (market->recentTrades.size() < MarketState::RecentTrades) {
            time += 200 + m_rng.bounded(1200);
            for (const PrintedTrade &print : trade(*market, std::min(time, now)))
                market->recentTrades.push_back(print);
        }
        while (market->recentTrades.size() > MarketState::RecentTrades)
            market->recentTrades.pop_front();
        m_markets.push_back(std::move(market));
    }
    m_lastInside.resize(m_markets.size());
    std::vector<QString> ignored;
    for (auto &market : m_markets)
        noteInside(*market, ignored);

    connect(m_bookTimer, &QTimer::timeout, this, &HyperliquidMarketSimulator::stepBooks);
    connect(m_tradeTimer, &QTimer::timeout, this, &HyperliquidMarketSimulator::onTradeTimer);
    connect(m_midsTimer, &QTimer::timeout, this, &HyperliquidMarketSimulator::midsTick);
    connect(m_contextTimer, &QTimer::timeout, this, &HyperliquidMarketSimulator::onContextTimer);
    m_bookTimer->start(std::max(timing.bookIntervalMs, 1));
    m_tradeTimer->start(std::max(timing.tradeIntervalMs, 1));
    m_midsTimer->start(std::max(timing.midsIntervalMs, 1));
    m_contextTimer->start(std::max(timing.ctxIntervalMs, 1));
    qCDebug(lcHyperliquidEmulator) << "market engine started with seed" << seed << "and" << m_markets.size()
                                   << "markets";
}

HyperliquidMarketSimulator::~HyperliquidMarketSimulator() = default;

std::int64_t HyperliquidMarketSimulator::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

MarketState *HyperliquidMarketSimulator::market(const QString &coin) const
{
    for (const auto &market : m_markets) {
        if (market->spec.coin == coin)
            return market.get();
    }
    return nullptr;
}

QByteArray HyperliquidMarketSimulator::randomHex(int digits)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out(digits, '0');
    for (int i = 0; i < digits; ++i)
        out[i] = hex[m_rng.bounded(16)];
    return out;
}

std::int64_t HyperliquidMarketSimulator::aggressorLots(const MarketState &market)
{
    const std::int64_t level = std::max<std::int64_t>(market.spec.levelLots, 3);
    const int kind = m_rng.bounded(100);
    auto between = [this](std::int64_t low, std::int64_t high) {
        return low
            + static_cast<std::int64_t>(m_rng.bounded(static_cast<quint32>(std::max<std::int64_t>(high - low, 1))));
    };
    if (kind < 70)
        return between(1, level / 3); // retail-sized, rests inside the best level
    if (kind < 95)
        return between(level / 2, level * 3 / 2); // often takes out the best level
    return between(level * 2, level * 5); // a sweep through several levels
}

std::vector<PrintedTrade> HyperliquidMarketSimulator::trade(MarketState &market, std::int64_t timeMs)
{
    const bool buy = m_rng.bounded(2) == 0;
    const auto fills = market.book.execute(buy, aggressorLots(market));
    const QByteArray hash = "0x" + randomHex(64);
    const QByteArray &taker = m_traders[m_rng.bounded(static_cast<quint32>(m_traders.size()))];
    std::vector<PrintedTrade> prints;
    for (const SimulatedBook::Fill &fill : fills) {
        PrintedTrade print;
        print.time = timeMs;
        print.buyAggressor = buy;
        print.priceTicks = fill.priceTicks;
        print.lots = fill.lots;
        print.tid = static_cast<std::int64_t>((m_rng.generate64() & ((quint64(1) << 49) - 1)) | (quint64(1) << 49));
        print.hash = hash;
        const QByteArray &maker = m_traders[m_rng.bounded(static_cast<quint32>(m_traders.size()))];
        print.buyer = buy ? taker : maker;
        print.seller = buy ? maker : taker;
        prints.push_back(print);
        market.lastTradeTicks = fill.priceTicks;
        market.dayBaseLots += fill.lots;
        market.dayNotional += fill.lots * fill.priceTicks;
    }
    return prints;
}

void HyperliquidMarketSimulator::noteInside(MarketState &market, std::vector<QString> &changed)
{
    std::size_t i = 0;
    while (i + 1 < m_markets.size() && m_markets[i].get() != &market)
        ++i;
    const auto &bids = market.book.bids();
    const auto &asks = market.book.asks();
    const Inside now { bids.begin()->first, bids.begin()->second.lots, asks.begin()->first, asks.begin()->second.lots };
    if (!(now == m_lastInside[i])) {
        m_lastInside[i] = now;
        changed.push_back(market.spec.coin);
    }
}

void HyperliquidMarketSimulator::onTradeTimer()
{
    const std::int64_t now = nowMs();
    std::vector<QString> changed;
    for (auto &market : m_markets) {
        if (static_cast<int>(m_rng.bounded(100)) >= activityPercent(market->spec))
            continue;
        std::vector<PrintedTrade> prints = trade(*market, now);
        for (const PrintedTrade &print : prints) {
            market->candles.apply(print.time, print.priceTicks, print.lots);
            market->recentTrades.push_back(print);
        }
        while (market->recentTrades.size() > MarketState::RecentTrades)
            market->recentTrades.pop_front();
        market->bookTime = std::max(market->bookTime, now);
        noteInside(*market, changed);
        Q_EMIT tradesPrinted(market->spec.coin, prints);
    }
    for (const QString &coin : changed)
        Q_EMIT insideChanged(coin);
}

void HyperliquidMarketSimulator::churn(MarketState &market)
{
    market.book.churn();
    market.bookTime = std::max(market.bookTime + 1, nowMs());
}

void HyperliquidMarketSimulator::stepBooks()
{
    std::vector<QString> changed;
    for (auto &market : m_markets) {
        churn(*market);
        noteInside(*market, changed);
    }
    Q_EMIT booksRefreshed();
    for (const QString &coin : changed)
        Q_EMIT insideChanged(coin);
}

void HyperliquidMarketSimulator::onContextTimer()
{
    for (auto &market : m_markets) {
        // Open interest and funding drift slowly; the oracle tracks the book's mid within a few ticks.
        const auto oiStep
            = static_cast<std::int64_t>(std::min<std::int64_t>(market->openInterestLots / 2000 + 1, 1 << 30));
        const auto oiMove = static_cast<std::int64_t>(m_rng.bounded(static_cast<quint32>(2 * oiStep + 1))) - oiStep;
        market->openInterestLots = std::max<std::int64_t>(market->openInterestLots + oiMove, 0);
        market->fundingE10 += static_cast<std::int64_t>(m_rng.bounded(2001)) - 1000;
        const std::int64_t mid = (market->book.bestBid() + market->book.bestAsk()) / 2;
        market->oracleTicks = mid + static_cast<std::int64_t>(m_rng.bounded(5)) - 2;
    }
    Q_EMIT contextsTick();
}

} // namespace tapescope::emulator::hyperliquid
