#include "O2MarketBoard.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>

namespace tapescope::emulator::o2 {

MarketBoard::MarketBoard(quint32 seed, Timing timing, int levelsPerSide, QObject *parent)
    : QObject(parent)
    , m_seed(seed)
{
    for (MarketSpec &spec : defaultMarkets())
        m_markets.push_back(std::make_unique<SimulatedMarket>(std::move(spec), seed, levelsPerSide));
    if (timing.bookIntervalMs > 0) {
        m_bookTimer = new QTimer(this);
        connect(m_bookTimer, &QTimer::timeout, this, &MarketBoard::onBookTick);
        m_bookTimer->start(timing.bookIntervalMs);
    }
    if (timing.tradeIntervalMs > 0) {
        m_tradeTimer = new QTimer(this);
        connect(m_tradeTimer, &QTimer::timeout, this, &MarketBoard::onTradeTick);
        m_tradeTimer->start(timing.tradeIntervalMs);
    }
}

MarketBoard::~MarketBoard() = default;

std::vector<MarketSpec> MarketBoard::specs() const
{
    std::vector<MarketSpec> specs;
    for (const auto &market : m_markets)
        specs.push_back(market->spec());
    return specs;
}

int MarketBoard::indexOf(const QString &marketId) const
{
    const QString id = normalisedId(marketId);
    for (std::size_t i = 0; i < m_markets.size(); ++i) {
        if (m_markets[i]->spec().marketId == id)
            return int(i);
    }
    return -1;
}

void MarketBoard::setPaused(bool paused)
{
    m_paused = paused;
}

void MarketBoard::step(int index)
{
    if (index < 0 || index >= size())
        return;
    m_markets[std::size_t(index)]->evolve();
    Q_EMIT bookChanged(index);
}

void MarketBoard::onBookTick()
{
    if (m_paused)
        return;
    for (int i = 0; i < size(); ++i)
        step(i);
}

void MarketBoard::onTradeTick()
{
    if (m_paused)
        return;
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (int index = 0; index < size(); ++index) {
        const auto print = m_markets[std::size_t(index)]->trade(now);
        if (!print)
            continue;
        Q_EMIT traded(index, *print);
        Q_EMIT bookChanged(index); // the trade took liquidity from the inside
    }
}

} // namespace tapescope::emulator::o2
