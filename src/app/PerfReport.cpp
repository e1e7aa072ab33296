#include "PerfReport.h"

#include "AppLog.h"
#include "market/MarketHub.h"
#include "models/OrderBookModel.h"
#include "models/Workspace.h"
#include "net/VenueFeed.h"
#include "platform/ProcessStats.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>
#include <QtQuick/QQuickWindow>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// This process's CPU seconds (user + system); NaN when the OS did not say, so a rate made from it is NaN too
// (written to the JSON report as null), never a made-up 0.
double cpuSeconds()
{
    return platform::sampleProcess().cpuSeconds().value_or(std::nan(""));
}

QJsonValue orNull(std::optional<qint64> value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

} // namespace

PerfReport::PerfReport(QString path, const QElapsedTimer &sinceMain, int warmupMs, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_sinceMain(sinceMain)
    , m_warmupMs(warmupMs)
{ }

void PerfReport::watch(QQuickWindow *window, Workspace *workspace, MarketHub *hub, const QList<VenueFeed *> &feeds)
{
    m_workspace = workspace;
    // Queued from the service thread like the hub's own connection, and made after it: the hub has
    // applied the batch when this runs.
    for (VenueFeed *feed : feeds)
        connect(feed, &VenueFeed::eventsReady, this, &PerfReport::onBooksArrived);
    // The ladder model refreshes from this very signal (connected earlier, so it has already run).
    connect(hub, &MarketHub::bookChanged, this, &PerfReport::onLadderUpdated);
    // frameSwapped comes from the render thread with the threaded render loop: counted here, in order.
    connect(window, &QQuickWindow::frameSwapped, this, &PerfReport::onFrameSwapped);
    auto *seconds = new QTimer(this);
    connect(seconds, &QTimer::timeout, this, &PerfReport::onSecond);
    seconds->start(1000);
}

void PerfReport::onBooksArrived(const EventBatch &batch)
{
    const QString selected = m_workspace->selectedKey();
    for (const MarketEvent &event : batch) {
        const auto *book = std::get_if<BookSnapshot>(&event);
        if (!book || book->venue + u':' + book->symbol != selected)
            continue;
        ++m_booksArrived;
        if (m_oldestUnshown < 0)
            m_oldestUnshown = nowNs();
    }
}

void PerfReport::onLadderUpdated(const QString &key)
{
    if (key != m_workspace->selectedKey())
        return;
    ++m_ladderUpdates;
    if (m_awaitingSwap < 0)
        m_awaitingSwap = m_oldestUnshown;
    m_oldestUnshown = -1;
}

void PerfReport::onFrameSwapped()
{
    ++m_frames;
    const qint64 now = nowNs();
    if (m_startupNs < 0 && m_workspace->orderBook()->hasData())
        m_startupNs = now;
    const bool steady = now >= m_warmupMs * 1000000LL;
    if (m_awaitingSwap >= 0) {
        if (steady)
            m_bookToScreenMs.push_back(static_cast<double>(now - m_awaitingSwap) / 1e6);
        m_awaitingSwap = -1;
    }
    if (steady)
        m_waitingAtSwapMs.push_back(m_oldestUnshown < 0 ? 0.0 : static_cast<double>(now - m_oldestUnshown) / 1e6);
}

void PerfReport::onSecond()
{
    m_seconds.push_back(
        { m_frames - m_framesAtTick, m_ladderUpdates - m_ladderAtTick, m_booksArrived - m_booksAtTick });
    m_framesAtTick = m_frames;
    m_ladderAtTick = m_ladderUpdates;
    m_booksAtTick = m_booksArrived;
    if (m_cpuAtWarmup < 0 && m_sinceMain.elapsed() >= m_warmupMs) {
        m_cpuAtWarmup = cpuSeconds();
        m_warmupEndNs = nowNs();
    }
}

bool PerfReport::write()
{
    const double cpuNow = cpuSeconds();
    const qint64 now = nowNs();
    // Whole seconds after the warm-up: the steady state a trader lives in.
    const auto warmSeconds = static_cast<std::size_t>(std::ceil(m_warmupMs / 1000.0));
    double frames = 0, ladder = 0, books = 0, steadySeconds = 0;
    for (std::size_t i = warmSeconds; i < m_seconds.size(); ++i) {
        frames += static_cast<double>(m_seconds[i].frames);
        ladder += static_cast<double>(m_seconds[i].ladderUpdates);
        books += static_cast<double>(m_seconds[i].books);
        ++steadySeconds;
    }
    QJsonObject steady;
    if (steadySeconds > 0 && m_warmupEndNs >= 0) {
        const double window = static_cast<double>(now - m_warmupEndNs) / 1e9;
        steady = QJsonObject { { u"seconds"_s, steadySeconds },
                               { u"framesSwappedPerSecond"_s, frames / steadySeconds },
                               { u"ladderUpdatesPerSecond"_s, ladder / steadySeconds },
                               { u"selectedBooksPerSecond"_s, books / steadySeconds },
                               { u"cpuPercentOfOneCore"_s, 100.0 * (cpuNow - m_cpuAtWarmup) / window } };
    }
    const std::optional<qint64> uptimeMs = platform::processUptimeMs();
    const qint64 mainAfterExecMs = uptimeMs ? *uptimeMs - m_sinceMain.elapsed() : -1;
    QJsonArray perSecond;
    for (const Second &s : m_seconds)
        perSecond.append(QJsonArray { static_cast<qint64>(s.frames), static_cast<qint64>(s.ladderUpdates),
                                      static_cast<qint64>(s.books) });
    const QJsonObject report {
        { u"runSeconds"_s, static_cast<double>(now) / 1e9 },
        { u"startupMs"_s, m_startupNs < 0 ? QJsonValue() : QJsonValue(static_cast<double>(m_startupNs) / 1e6) },
        // Linux's process start time has 10 ms resolution (platform/ProcessStats.h).
        { u"execToMainMs"_s, mainAfterExecMs },
        { u"steadyState"_s, steady },
        { u"bookToScreenMs"_s,
          QJsonObject { { u"samples"_s, static_cast<qint64>(m_bookToScreenMs.size()) },
                        { u"p50"_s, percentile(m_bookToScreenMs, 0.5) },
                        { u"p99"_s, percentile(m_bookToScreenMs, 0.99) },
                        { u"max"_s, percentile(m_bookToScreenMs, 1.0) } } },
        { u"bookWaitingAtSwapMs"_s,
          QJsonObject { { u"frames"_s, static_cast<qint64>(m_waitingAtSwapMs.size()) },
                        { u"p50"_s, percentile(m_waitingAtSwapMs, 0.5) },
                        { u"p99"_s, percentile(m_waitingAtSwapMs, 0.99) },
                        { u"max"_s, percentile(m_waitingAtSwapMs, 1.0) },
                        { u"overOneFrame"_s,
                          static_cast<qint64>(std::count_if(m_waitingAtSwapMs.begin(), m_waitingAtSwapMs.end(),
                                                            [](double ms) { return ms > 1000.0 / 60.0; })) } } },
        { u"cpuSecondsTotal"_s, cpuNow },
        { u"peakRssKiB"_s, orNull(platform::sampleProcess().peakResidentKiB) },
        { u"perSecond"_s, perSecond }, // [frames swapped, ladder updates, books for the selected instrument]
    };
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qCWarning(lcApp).noquote() << "cannot write the perf report to" << m_path << file.errorString();
        return false;
    }
    file.write(QJsonDocument(report).toJson());
    return true;
}

} // namespace tapescope
