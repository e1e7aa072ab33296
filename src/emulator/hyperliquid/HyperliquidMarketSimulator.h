#pragma once

#include "HyperliquidCandles.h"
#include "HyperliquidInstrumentCatalog.h"

#include "emulator/SimulatedBook.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

class QTimer;

namespace tapescope::emulator::hyperliquid {

struct PrintedTrade
{
    std::int64_t time = 0;
    bool buyAggressor = true;
    std::int64_t priceTicks = 0;
    std::int64_t lots = 0;
    std::int64_t tid = 0; // 50-bit like the venue's (buyer oid, seller oid) hash
    QByteArray hash;
    QByteArray buyer;
    QByteArray seller;
};

// Live state of one emulated market; frames are rendered from it.
struct MarketState
{
    MarketState(const InstrumentSpec &instrument, std::int64_t nowMs, quint32 seed, QRandomGenerator *rng);

    const InstrumentSpec &spec;
    SimulatedBook book;
    HyperliquidCandles candles;
    std::deque<PrintedTrade> recentTrades; // oldest first, the last RecentTrades prints
    std::int64_t bookTime = 0;
    std::int64_t lastTradeTicks = 0;
    std::int64_t prevDayTicks = 0;
    std::int64_t dayBaseLots = 0;
    std::int64_t dayNotional = 0; // mantissa at scale priceScale + szDecimals
    std::int64_t openInterestLots = 0;
    std::int64_t fundingE10 = 0; // hourly funding rate * 10^10
    std::int64_t oracleTicks = 0;

    static constexpr std::size_t RecentTrades = 30; // the venue replays 30 trades on subscribe (§3)
};

// One market engine shared by every connection: a seeded random walk of books and trades,
// ticking on timers, so two clients see the same market and a seed reproduces it.
class HyperliquidMarketSimulator : public QObject
{
    Q_OBJECT
public:
    struct Timing
    {
        int bookIntervalMs = 250;
        int tradeIntervalMs = 150;
        int midsIntervalMs = 1000;
        int ctxIntervalMs = 1000;
    };

    HyperliquidMarketSimulator(quint32 seed, Timing timing, QObject *parent = nullptr);
    // With `syntheticPerps` extra made-up perps in the catalog (load tests over many instruments).
    HyperliquidMarketSimulator(quint32 seed, Timing timing, int syntheticPerps, QObject *parent = nullptr);
    ~HyperliquidMarketSimulator() override;

    const HyperliquidInstrumentCatalog &catalog() const { return m_catalog; }
    const std::vector<std::unique_ptr<MarketState>> &markets() const { return m_markets; }
    MarketState *market(const QString &coin) const;

    // One quote-churn step for a single market outside the timers (burst mode); emits nothing.
    void churn(MarketState &market);
    // One book step of every market now, as the book timer does it (booksRefreshed, insideChanged).
    void stepBooks();

    static std::int64_t nowMs();

Q_SIGNALS:
    void booksRefreshed();
    void tradesPrinted(const QString &coin, const std::vector<PrintedTrade> &trades);
    void insideChanged(const QString &coin);
    void midsTick();
    void contextsTick();

private:
    void onTradeTimer();
    void onContextTimer();
    std::vector<PrintedTrade> trade(MarketState &market, std::int64_t timeMs);
    std::int64_t aggressorLots(const MarketState &market);
    QByteArray randomHex(int digits);
    void noteInside(MarketState &market, std::vector<QString> &changed);

    HyperliquidInstrumentCatalog m_catalog;
    QRandomGenerator m_rng;
    std::vector<std::unique_ptr<MarketState>> m_markets;
    std::vector<QByteArray> m_traders;
    struct Inside
    {
        std::int64_t bid = 0, bidLots = 0, ask = 0, askLots = 0;
        bool operator==(const Inside &) const = default;
    };
    std::vector<Inside> m_lastInside;
    QTimer *m_bookTimer;
    QTimer *m_tradeTimer;
    QTimer *m_midsTimer;
    QTimer *m_contextTimer;
};

} // namespace tapescope::emulator::hyperliquid
