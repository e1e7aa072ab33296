#pragma once

#include "core/Events.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <map>
#include <optional>
#include <vector>

class QQuickWindow;

namespace tapescope {

class AccountHub;
class MarketHub;
class VenueFeed;
class Workspace;

// --perf-report FILE: what the app costs and how fresh the ladder is, written as JSON when the app exits
// (bench/README.md, benchmarks 4 and 6). Counts frames swapped and ladder model updates per second, the
// delay from a book reaching the MarketHub to the first frame swapped after the ladder showed it, this
// process's CPU and peak RSS, and start-up: process start to the first frame with a ladder that has rows.
// How far the screen is behind: at each frame swapped, how long the oldest book of the selected instrument
// not yet in that frame had been in the hub (0 when the frame shows the newest), against one display frame.
// For long sessions (docs/reliability.md, "Long session"): every SampleIntervalMs and at exit, the process's RSS and
// the size of every container on the data path that grows with time or traffic, each next to its bound (the constant
// that caps it, or none); the file is rewritten at each sample, so a run cut short still leaves its series.
class PerfReport : public QObject
{
    Q_OBJECT

public:
    // `sinceMain` was started first thing in main(). Measurements after `warmupMs` form the steady state.
    PerfReport(QString path, const QElapsedTimer &sinceMain, int warmupMs, QObject *parent = nullptr);

    void watch(QQuickWindow *window, Workspace *workspace, MarketHub *hub, AccountHub *accounts,
               const QList<VenueFeed *> &feeds);
    // Demo mode: the embedded emulators' demo traders' lists are sampled too (they live in this process).
    void watchEmulators(const QList<QObject *> &emulators) { m_emulators = emulators; }
    // Takes the last sample and writes the report; false (after a warning) if the file cannot be written.
    bool write();

    static constexpr int SampleIntervalMs = 60000;

private:
    void onBooksArrived(const EventBatch &batch);
    void onLadderUpdated(const QString &key);
    void onFrameSwapped();
    void onSecond();
    void sample();
    bool writeFile();
    // One container's size at the current sample; `bound` absent: nothing in the code caps it (`boundBy` says what
    // it follows instead).
    void note(const QString &name, qint64 size, std::optional<qint64> bound, const QString &boundBy);
    qint64 nowNs() const { return m_sinceMain.nsecsElapsed(); }

    QString m_path;
    QElapsedTimer m_sinceMain;
    int m_warmupMs;
    Workspace *m_workspace = nullptr;
    MarketHub *m_hub = nullptr;
    AccountHub *m_accounts = nullptr;
    QList<QObject *> m_emulators;

    qint64 m_startupNs = -1; // main() -> first swapped frame with ladder rows
    qint64 m_oldestUnshown = -1; // when the oldest book not yet in the ladder reached the hub
    qint64 m_awaitingSwap = -1; // the same, once the ladder model took it: the next swap shows it
    std::vector<double> m_bookToScreenMs;

    quint64 m_frames = 0;
    std::vector<double> m_waitingAtSwapMs; // per frame swapped: how long the oldest book not on it had been in the hub
    quint64 m_ladderUpdates = 0;
    quint64 m_booksArrived = 0;
    struct Second
    {
        quint64 frames, ladderUpdates, books;
    };
    std::vector<Second> m_seconds;
    quint64 m_framesAtTick = 0, m_ladderAtTick = 0, m_booksAtTick = 0;
    double m_cpuAtWarmup = -1.0;
    qint64 m_warmupEndNs = -1;

    struct Sample
    {
        double atSeconds;
        std::optional<qint64> rssKiB;
    };
    std::vector<Sample> m_samples;
    struct Container
    {
        std::optional<qint64> bound;
        QString boundBy;
        std::vector<qint64> sizes; // one per sample; -1 where the container did not exist yet (null in the JSON)
    };
    std::map<QString, Container> m_containers;
};

} // namespace tapescope
