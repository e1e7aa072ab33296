#include "net/VenueService.h"

using namespace std::chrono_literals;

namespace tapescope {

namespace {

constexpr auto kStatusInterval = 1s;

ConnectionConfig forVenue(ConnectionConfig config, const QString &venue)
{
    config.venue = venue;
    return config;
}

} // namespace

VenueService::VenueService(const QString &venue, ConnectionConfig connection, Batching batching, LoggingCategory log,
                           QObject *parent)
    : VenueFeed(parent)
    , m_venue(venue)
    , m_log(log)
    , m_connection(new VenueConnection(forVenue(std::move(connection), venue), this))
    , m_maxBatchEvents(static_cast<std::size_t>(batching.maxEvents))
    , m_flushTimer(this)
    , m_statusTimer(this)
{
    // Everything a service sends across threads; venues register their own subscription types.
    qRegisterMetaType<tapescope::EventBatch>();
    qRegisterMetaType<tapescope::AccountEventBatch>();
    qRegisterMetaType<tapescope::CandleHistory>();
    qRegisterMetaType<tapescope::FeedStatus>();
    qRegisterMetaType<QList<tapescope::Instrument>>();

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(batching.intervalMs);
    m_statusTimer.setInterval(kStatusInterval);
    connect(&m_flushTimer, &QTimer::timeout, this, &VenueService::flush);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        checkDeadlines();
        publishStatus();
    });
    connect(m_connection, &VenueConnection::stateChanged, this, &VenueService::connectionStateChanged);
    m_replaying = m_connection->isReplaying();
    connect(m_connection, &VenueConnection::replayPublishRequested, this, &VenueService::flush);
}

VenueService::~VenueService() = default;

void VenueService::start()
{
    if (m_started)
        return;
    m_started = true;
    m_statusTimer.start();
    startFeed();
}

void VenueService::stop()
{
    m_started = false;
    m_statusTimer.stop();
    stopFeed();
    flush();
    m_connection->close({ FeedReason::Code::Stopped });
    publishStatus();
}

void VenueService::flush()
{
    m_flushTimer.stop();
    batchClosing(m_pending);
    if (m_pending.empty())
        return;
    m_connection->notePublished();
    EventBatch batch;
    batch.swap(m_pending);
    Q_EMIT eventsReady(batch);
}

void VenueService::reportError(const QString &code, const QString &message, const QString &symbol)
{
    qCWarning(m_log).noquote() << code << message;
    m_pending.push_back(FeedError { m_venue, code, message, symbol });
    if (!m_flushTimer.isActive() && !m_replaying)
        m_flushTimer.start();
}

void VenueService::publishStatus()
{
    FeedStatus status;
    status.venue = m_venue;
    status.state = m_connection->state();
    status.reason = m_connection->stateReason();
    status.stats = m_connection->stats();
    if (status.state == ConnectionState::BackingOff && m_connection->nextAttemptAt().isValid())
        status.nextAttemptAtMs = m_connection->nextAttemptAt().toMSecsSinceEpoch();
    adjustStatus(status);
    Q_EMIT feedStatusChanged(status);
}

void VenueService::connectionStateChanged(ConnectionState state)
{
    Q_UNUSED(state)
    publishStatus();
}

} // namespace tapescope
