#pragma once

#include "O2SimulatedMarket.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>
#include <vector>

class QTimer;

namespace tapescope::emulator::o2 {

// Every emulated market, shared by all connections and ticking on timers, so two clients see the same
// venue and a seed reproduces it. Sessions turn its signals into each client's frames.
class MarketBoard : public QObject
{
    Q_OBJECT
public:
    struct Timing
    {
        int bookIntervalMs = 100; // one book step per market this often (0 = only step())
        int tradeIntervalMs = 300; // one trade per market this often (0 = none)
    };

    MarketBoard(quint32 seed, Timing timing, int levelsPerSide, QObject *parent = nullptr);
    ~MarketBoard() override;

    quint32 seed() const { return m_seed; }
    int size() const { return int(m_markets.size()); }
    const SimulatedMarket &market(int index) const { return *m_markets[std::size_t(index)]; }
    std::vector<MarketSpec> specs() const;
    // Index of a market by id in any case, with or without 0x; -1 if none.
    int indexOf(const QString &marketId) const;

    // While paused the markets stand still (no book steps, no trades): tests compare books exactly.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // One book step of one market now, paused or not.
    void step(int index);

Q_SIGNALS:
    void bookChanged(int index);
    void traded(int index, const tapescope::emulator::o2::SimulatedTrade &trade);

private:
    void onBookTick();
    void onTradeTick();

    quint32 m_seed;
    std::vector<std::unique_ptr<SimulatedMarket>> m_markets;
    QTimer *m_bookTimer = nullptr;
    QTimer *m_tradeTimer = nullptr;
    bool m_paused = false;
};

} // namespace tapescope::emulator::o2
