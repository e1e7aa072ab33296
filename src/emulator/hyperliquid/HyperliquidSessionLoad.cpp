#include "HyperliquidSessionLoad.h"

#include "HyperliquidClientRequest.h"
#include "HyperliquidEmulatorLog.h"
#include "HyperliquidMarketSimulator.h"

#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

constexpr qint64 kBurstHighWater = 256 * 1024; // bytes queued in the socket before Burst waits for a drain
constexpr qint64 kPacedBackPressure = 4 << 20; // Paced skips (and counts) frames while this much is queued
constexpr int kPaceTickMs = 1;
constexpr double kMaxCatchUpSeconds = 0.05; // a late tick sends at most this much of the rate at once
constexpr int kMinRingFrames = 32;

// The book is what a trading client is busiest with, then the inside, then the statistics.
int weightOf(const QString &channel)
{
    if (channel == "l2Book"_L1)
        return 4;
    if (channel == "bbo"_L1)
        return 2;
    return 1;
}

bool carriesLoad(const QString &channel)
{
    return channel == "l2Book"_L1 || channel == "bbo"_L1 || channel == "activeAssetCtx"_L1;
}

} // namespace

HyperliquidSessionLoad::HyperliquidSessionLoad(QWebSocket *socket, HyperliquidMarketSimulator &simulator,
                                               LoadProfile profile, int bookLevels, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_simulator(simulator)
    , m_profile(std::move(profile))
    , m_bookLevels(bookLevels)
{
    if (m_profile.mode == LoadProfile::Mode::Burst) {
        connect(m_socket, &QWebSocket::bytesWritten, this, &HyperliquidSessionLoad::pumpBurst);
    } else if (m_profile.mode == LoadProfile::Mode::Paced) {
        m_paceTimer = new QTimer(this);
        m_paceTimer->setTimerType(Qt::PreciseTimer);
        m_paceTimer->setInterval(kPaceTickMs);
        connect(m_paceTimer, &QTimer::timeout, this, &HyperliquidSessionLoad::onPaceTick);
    }
}

HyperliquidSessionLoad::~HyperliquidSessionLoad() = default;

void HyperliquidSessionLoad::addStream(const Subscription &subscription, MarketState &market,
                                       const frames::BookView &view)
{
    if (m_profile.mode == LoadProfile::Mode::Off || !carriesLoad(subscription.type))
        return;
    if (!m_profile.coins.isEmpty() && !m_profile.coins.contains(subscription.coin))
        return;
    Stream stream;
    stream.key = subscription.type + u':' + subscription.coin;
    stream.weight = weightOf(subscription.type);
    // Every frame differs (the book churns between them), so a consumer cannot shortcut repeats.
    const int frames = std::max(kMinRingFrames, m_profile.ringFrames / static_cast<int>(m_streams.size() + 1));
    stream.ring.reserve(static_cast<std::size_t>(frames));
    for (int i = 0; i < frames; ++i) {
        m_simulator.churn(market);
        QByteArray frame;
        if (subscription.type == "l2Book"_L1)
            frame = frames::l2Book(market, view);
        else if (subscription.type == "bbo"_L1)
            frame = frames::bbo(market);
        else
            frame = frames::assetContext(m_simulator, market);
        stream.ring.push_back(QString::fromUtf8(frame));
    }
    m_streams.push_back(std::move(stream));
    rebuildSchedule();
    qCDebug(lcHyperliquidEmulator) << "load stream" << m_streams.back().key << "with" << frames << "frames";
    if (m_paceTimer && !m_paceTimer->isActive()) {
        m_paceClock.start();
        m_paceBase = m_sent + m_skipped;
        m_paceTimer->start();
    }
    pumpBurst();
}

void HyperliquidSessionLoad::removeStream(const Subscription &subscription)
{
    const QString key = subscription.type + u':' + subscription.coin;
    const auto it = std::find_if(m_streams.begin(), m_streams.end(), [&key](const Stream &s) { return s.key == key; });
    if (it == m_streams.end())
        return;
    m_streams.erase(it);
    rebuildSchedule();
    if (m_streams.empty() && m_paceTimer)
        m_paceTimer->stop();
}

void HyperliquidSessionLoad::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused) {
        m_paceClock.restart();
        m_paceBase = m_sent + m_skipped;
        pumpBurst();
    }
}

// Smooth weighted round robin: a weight-4 stream is spread over the cycle instead of sent four in a row.
void HyperliquidSessionLoad::rebuildSchedule()
{
    m_schedule.clear();
    m_scheduleAt = 0;
    int total = 0;
    for (const Stream &stream : m_streams)
        total += stream.weight;
    std::vector<int> credit(m_streams.size(), 0);
    for (int slot = 0; slot < total; ++slot) {
        std::size_t best = 0;
        for (std::size_t i = 0; i < m_streams.size(); ++i) {
            credit[i] += m_streams[i].weight;
            if (credit[i] > credit[best])
                best = i;
        }
        credit[best] -= total;
        m_schedule.push_back(best);
    }
}

void HyperliquidSessionLoad::sendNext()
{
    Stream &stream = m_streams[m_schedule[m_scheduleAt]];
    m_scheduleAt = (m_scheduleAt + 1) % m_schedule.size();
    m_socket->sendTextMessage(stream.ring[stream.next]);
    stream.next = (stream.next + 1) % stream.ring.size();
    ++m_sent;
}

void HyperliquidSessionLoad::pumpBurst()
{
    if (m_profile.mode != LoadProfile::Mode::Burst || m_paused || m_streams.empty()
        || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    while (m_socket->bytesToWrite() < kBurstHighWater)
        sendNext();
}

void HyperliquidSessionLoad::onPaceTick()
{
    if (m_paused || m_streams.empty() || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    const double elapsed = static_cast<double>(m_paceClock.nsecsElapsed()) / 1e9;
    const auto due = m_paceBase + static_cast<quint64>(std::floor(elapsed * m_profile.messagesPerSecond));
    const quint64 done = m_sent + m_skipped;
    if (due <= done)
        return;
    quint64 owed = due - done;
    const auto catchUpCap = static_cast<quint64>(std::max(1.0, m_profile.messagesPerSecond * kMaxCatchUpSeconds));
    if (owed > catchUpCap || m_socket->bytesToWrite() > kPacedBackPressure) {
        // The client (or this process) fell behind: the rate stays honest by skipping, not by bursting later.
        const quint64 skip = m_socket->bytesToWrite() > kPacedBackPressure ? owed : owed - catchUpCap;
        m_skipped += skip;
        owed -= skip;
    }
    for (quint64 i = 0; i < owed; ++i)
        sendNext();
}

} // namespace tapescope::emulator::hyperliquid
