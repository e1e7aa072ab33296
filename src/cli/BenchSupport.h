#pragma once

#include "core/Events.h"

#include "net/FeedThread.h"
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QProcess>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

class QWebSocket;

namespace tapescope {
class MarketHub;
namespace hyperliquid {
class HyperliquidService;
}
} // namespace tapescope

namespace tapescope::cli::bench {

// CPU seconds (user + system) of a process (0 = this one), NaN when the OS did not say (platform/ProcessStats.h):
// a rate made from it prints as nan and is null in the JSON, never a made-up 0.
double processCpuSeconds(qint64 pid);
// CPU seconds of this process's threads by name: "main", and "hyperliquid" for the service thread. Empty when the OS
// lists no per-thread times.
QHash<QString, double> threadCpuSeconds();

// `tapescope-cli emulate ...` in a child process, so the load generator never shares this process's
// event loop or threads with what is measured.
class EmulatorProcess
{
public:
    ~EmulatorProcess();
    // Starts this executable as `emulate --port 0 <arguments>` and waits for its "listening" line.
    bool start(const QStringList &arguments, QString *error);
    QUrl restBase() const { return m_restBase; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QUrl m_restBase;
};

// The GUI's data path without the GUI: HyperliquidService in a worker QThread, MarketHub in this thread,
// batches crossing through the same queued eventsReady connection the app makes.
class MarketPipeline : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QUrl restBase;
        QStringList bookCoins; // l2Book subscriptions; empty with allBooks = every listed instrument
        bool allBooks = false;
        int batchIntervalMs = -1; // -1: the service's default
        std::function<void(const QByteArray &frame)> frameProbe; // service thread, before decoding
        // Main thread, right after the hub applied a batch, with the number of books in it.
        std::function<void(const EventBatch &batch)> afterApply;
    };

    explicit MarketPipeline(Config config, QObject *parent = nullptr);
    ~MarketPipeline() override;

    void start();
    quint64 booksApplied() const { return m_booksApplied; }
    // Books the service dropped because a newer snapshot of the same instrument replaced them in a pending batch
    // (read from the service thread's counter, so it may run a batch ahead of booksApplied()).
    quint64 booksSuperseded() const;
    // Every l2Book frame ends either applied in the hub or superseded in the service: the frames the path consumed.
    quint64 booksConsumed() const { return booksApplied() + booksSuperseded(); }
    // Frames the service thread has taken from the socket: ahead of booksConsumed() when the hub lags.
    quint64 framesReceived() const { return m_framesReceived->load(std::memory_order_relaxed); }
    quint64 batchesApplied() const { return m_batchesApplied; }
    // The most frames received but not yet consumed seen when a batch was applied, since the last call:
    // how far the hub thread fell behind the service thread (the queued batches in between hold that many).
    quint64 takeMaxBacklog() { return std::exchange(m_maxBacklog, 0); }
    int subscribedBooks() const { return m_subscribedBooks; }
    MarketHub &hub() const { return *m_hub; }

private:
    void subscribeBook(const QString &coin);

    Config m_config;
    MarketHub *m_hub;
    hyperliquid::HyperliquidService *m_service = nullptr; // lives in m_thread
    FeedThread m_thread;
    std::shared_ptr<std::atomic<quint64>> m_framesReceived = std::make_shared<std::atomic<quint64>>(0);
    quint64 m_booksApplied = 0;
    quint64 m_maxBacklog = 0;
    quint64 m_batchesApplied = 0;
    int m_subscribedBooks = 0;
};

// The reference: one QWebSocket that subscribes to the same l2Book streams and only counts frames.
class BareClient : public QObject
{
    Q_OBJECT
public:
    BareClient(const QUrl &wsUrl, const QStringList &bookCoins, QObject *parent = nullptr);
    ~BareClient() override;
    quint64 frames() const { return m_frames; }

private:
    QWebSocket *m_socket;
    quint64 m_frames = 0;
};

// The emulator to measure against: a running one on 127.0.0.1:`port` (started with the matching --load),
// or, with port empty, a child started with `spawnArguments`. False after printing why not.
bool useEmulator(const QString &port, const QStringList &spawnArguments, EmulatorProcess &process, QUrl *restBase);

// Runs the event loop for `ms` milliseconds (or until `done` returns true, checked every 10 ms).
void runFor(int ms, const std::function<bool()> &done = {});

double median(std::vector<double> values);

} // namespace tapescope::cli::bench
