#pragma once

#include "HyperliquidFrames.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <vector>

class QTimer;
class QWebSocket;

// Public API of HyperliquidEmulator, hence in the emulator namespace itself.
namespace tapescope::emulator {

// Benchmark load for every client of an emulator: the streams a client subscribes to for the load coins
// carry pre-rendered frames, either as fast as the socket drains (Burst) or at a fixed total rate (Paced).
struct LoadProfile
{
    enum class Mode { Off, Burst, Paced };
    Mode mode = Mode::Off;
    QStringList coins; // streams of these coins carry load; empty = every coin
    double messagesPerSecond = 0.0; // Paced: total frames per second per connection, over all its load streams
    int ringFrames = 1024; // distinct frames rendered ahead per connection (at least 32 per stream)
};

} // namespace tapescope::emulator

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;
struct MarketState;
struct Subscription;

// The load of one client connection. Frames are rendered into a ring when a stream is subscribed, so
// sending costs one socket write and the emulator is not what a benchmark measures.
class HyperliquidSessionLoad : public QObject
{
    Q_OBJECT
public:
    HyperliquidSessionLoad(QWebSocket *socket, HyperliquidMarketSimulator &simulator, LoadProfile profile,
                           int bookLevels, QObject *parent = nullptr);
    ~HyperliquidSessionLoad() override;

    // Called by the session after it acknowledged a subscription / unsubscription.
    // Streams of other coins, and channels without a steady flow (trades, candles), carry no load.
    void addStream(const Subscription &subscription, MarketState &market, const frames::BookView &view);
    void removeStream(const Subscription &subscription);
    void setPaused(bool paused);

    quint64 framesSent() const { return m_sent; }
    quint64 framesSkipped() const { return m_skipped; } // Paced: frames not sent because the client fell behind

private:
    struct Stream
    {
        QString key; // channel + coin
        std::vector<QString> ring;
        std::size_t next = 0;
        int weight = 1;
    };

    void rebuildSchedule();
    void sendNext();
    void pumpBurst();
    void onPaceTick();

    QWebSocket *m_socket;
    HyperliquidMarketSimulator &m_simulator;
    LoadProfile m_profile;
    int m_bookLevels;
    std::vector<Stream> m_streams;
    std::vector<std::size_t> m_schedule; // stream indices, each repeated by its weight, interleaved
    std::size_t m_scheduleAt = 0;
    QTimer *m_paceTimer = nullptr;
    QElapsedTimer m_paceClock;
    quint64 m_paceBase = 0; // frames owed before the clock (re)started
    quint64 m_sent = 0;
    quint64 m_skipped = 0;
    bool m_paused = false;
};

} // namespace tapescope::emulator::hyperliquid
