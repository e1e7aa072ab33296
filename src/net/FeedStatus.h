#pragma once

#include "net/VenueConnection.h"

#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace tapescope {

// What a panel needs to know to never show stale data as live: the feed's state plus its counters.
// Published by a venue service whenever the state changes and once a second otherwise.
struct FeedStatus
{
    QString venue;
    VenueConnection::State state = VenueConnection::State::Disconnected;
    QString detail;          // plain words: "backing off: connection refused, next attempt in 2.1 s"
    ConnectionStats stats;
    quint64 malformedFrames = 0;
    quint64 resyncs = 0;
    qint64 nextAttemptAtMs = 0; // BackingOff only

    bool isLive() const { return state == VenueConnection::State::Live; }
    // Stable lower-case names used in the CLI's status events and the UI: "live", "stale", "backing_off", ...
    static QString stateName(VenueConnection::State state)
    {
        using S = VenueConnection::State;
        switch (state) {
        case S::Disconnected: return QStringLiteral("disconnected");
        case S::Connecting: return QStringLiteral("connecting");
        case S::Live: return QStringLiteral("live");
        case S::Stale: return QStringLiteral("stale");
        case S::Resyncing: return QStringLiteral("resyncing");
        case S::BackingOff: return QStringLiteral("backing_off");
        case S::Down: return QStringLiteral("down");
        }
        return QStringLiteral("unknown");
    }
};

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::FeedStatus)
