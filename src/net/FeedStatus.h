#pragma once

#include "net/ConnectionState.h"
#include "net/FeedReason.h"

#include <QtCore/QMetaType>
#include <QtCore/QString>

namespace tapescope {

// What a panel needs to know to never show stale data as live: the feed's state plus its counters.
// Published by a venue service whenever the state changes and once a second otherwise.
struct FeedStatus
{
    QString venue;
    ConnectionState state = ConnectionState::Disconnected;
    FeedReason reason; // why it is in that state: englishText() for the CLI and logs, the UI translates
    ConnectionStats stats;
    quint64 malformedFrames = 0;
    quint64 resyncs = 0;
    qint64 nextAttemptAtMs = 0; // BackingOff only

    bool isLive() const { return state == ConnectionState::Live; }
    // Stable lower-case names for the CLI's JSON status events: "live", "stale", "backing_off", ...
    static QString stateName(ConnectionState state)
    {
        using S = ConnectionState;
        switch (state) {
        case S::Disconnected:
            return QStringLiteral("disconnected");
        case S::Connecting:
            return QStringLiteral("connecting");
        case S::Live:
            return QStringLiteral("live");
        case S::Stale:
            return QStringLiteral("stale");
        case S::Resyncing:
            return QStringLiteral("resyncing");
        case S::BackingOff:
            return QStringLiteral("backing_off");
        case S::Down:
            return QStringLiteral("down");
        }
        return QStringLiteral("unknown");
    }
};

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::FeedStatus)
