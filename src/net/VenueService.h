#pragma once

#include "core/Events.h"
#include "net/FeedStatus.h"
#include "net/VenueConnection.h"
#include "net/VenueFeed.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>

namespace tapescope {

// The skeleton every venue service shares: its VenueConnection, the batch of decoded events and the timer
// that publishes it, the feed status on every change of the connection and once a second, and errors as
// FeedErrors in the batch, in order with the events around them. A venue decodes into pendingEvents(),
// calls eventsAdded(), and tells the rest through the hooks below: what only it counts, its own session
// phases, its own timers.
// Create a service, moveToThread() a worker, then invoke start() there; every slot must run in that thread.
class VenueService : public VenueFeed
{
    Q_OBJECT

public:
    struct Batching
    {
        // 0: flush when the worker's event queue drains (a 0 ms single-shot timer runs after the socket read
        // that filled the batch), so a quiet feed costs no latency and a busy one still batches; > 0: at
        // most this often.
        int intervalMs = 16;
        int maxEvents = 512; // a batch this large is published at once
    };
    // A category made by Q_LOGGING_CATEGORY, e.g. lcKalshi: reportError() warns in the venue's own.
    using LoggingCategory = const QLoggingCategory &(*)();

    ~VenueService() override;

    QString venue() const final { return m_venue; }
    bool isStarted() const { return m_started; }
    void setConnectTimeout(std::chrono::milliseconds timeout) final { m_connection->setConnectTimeout(timeout); }

public Q_SLOTS:
    // Once: the status timer runs and the venue starts its feed (startFeed()).
    void start() final;
    // The venue stops its own work (stopFeed()), what is pending is published, the connection closes for good.
    void stop() final;

protected:
    // `connection.venue` is set to `venue`.
    VenueService(const QString &venue, ConnectionConfig connection, Batching batching, LoggingCategory log,
                 QObject *parent);

    VenueConnection *connection() const { return m_connection; }

    // The batch being filled: decode straight into it, then call eventsAdded().
    EventBatch &pendingEvents() { return m_pending; }
    // A full batch is published at once; otherwise the flush timer makes sure it goes out soon.
    void eventsAdded()
    {
        if (m_pending.size() >= m_maxBatchEvents)
            flush();
        else if (!m_pending.empty() && !m_flushTimer.isActive() && !m_replaying)
            m_flushTimer.start(); // a replay publishes where the recording says it was published
    }
    // Publishes the pending batch now, e.g. so that an error goes out before the state it causes.
    void flush();
    // A FeedError of this venue, queued behind the events already pending, and a warning in the venue's log.
    void reportError(const QString &code, const QString &message, const QString &symbol = QString());
    // The connection's state, reason and counters, as adjusted by the venue (adjustStatus()).
    void publishStatus();

    // Open the socket, or begin with a REST bootstrap that opens it.
    virtual void startFeed() = 0;
    // Stop the venue's own timers and requests; the connection is closed afterwards.
    virtual void stopFeed() { }
    // What only the venue knows, before a status goes out: its counters (malformed frames, resyncs), and
    // where its own session or bootstrap overrides the socket's state (signing in, loading markets).
    virtual void adjustStatus(FeedStatus &status) const = 0;
    // The connection changed state or reason. Venues that must act on it (a session reset, sids that died
    // with the socket) override this and publish the status themselves.
    virtual void connectionStateChanged(ConnectionState state);
    // Once a second while started, before the status goes out: for deadlines the venue keeps.
    virtual void checkDeadlines() { }
    // Called by every flush() with the batch about to go out (empty when there is none): venues that index
    // into the pending batch start over here. Once per batch, never per event.
    virtual void batchClosing(const EventBatch &batch) { Q_UNUSED(batch) }

private:
    QString m_venue;
    LoggingCategory m_log;
    VenueConnection *m_connection;
    EventBatch m_pending;
    std::size_t m_maxBatchEvents;
    QTimer m_flushTimer;
    QTimer m_statusTimer;
    bool m_started = false;
    bool m_replaying = false;
};

} // namespace tapescope
