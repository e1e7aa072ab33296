#pragma once

#include "core/AccountEvents.h"
#include "core/Events.h"
#include "net/FeedStatus.h"

#include <QtCore/QList>
#include <QtCore/QObject>

#include <chrono>

namespace tapescope {

// What every venue service publishes, so the app, the CLI and the benchmarks can wire any venue the same way.
// A service lives in a worker thread: connect to these signals (queued) and invoke start()/stop() there.
// Subscribing is venue-specific (each service has its own typed subscribe slots); the app reaches them
// through a FeedController adapter per venue.
class VenueFeed : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~VenueFeed() override = default;

    // Stable lower-case venue name used in events and settings (the venue module's name).
    virtual QString venue() const = 0;
    // How long a connection attempt may take up to the end of the WebSocket handshake (ConnectionConfig::
    // connectTimeout), for the attempts to come. Feeds without a connection of their own ignore it.
    virtual void setConnectTimeout(std::chrono::milliseconds timeout) { Q_UNUSED(timeout) }

public Q_SLOTS:
    virtual void start() = 0;
    virtual void stop() = 0;

Q_SIGNALS:
    void eventsReady(const tapescope::EventBatch &batch);
    // Account feeds only: the trader's orders, fills, positions, ... (core/AccountEvents.h), in venue order.
    void accountEventsReady(const tapescope::AccountEventBatch &batch);
    void instrumentsReady(const QList<tapescope::Instrument> &instruments);
    void candleHistoryReady(const tapescope::CandleHistory &history);
    void feedStatusChanged(const tapescope::FeedStatus &status);
};

} // namespace tapescope
