#pragma once

#include <QtCore/QtGlobal>

namespace tapescope {

// Where a venue connection stands (VenueConnection::State). Here, apart from the connection, so that the
// layers above it (the hub, the models) know feed states without linking any networking.
enum class ConnectionState { Disconnected, Connecting, Live, Stale, Resyncing, BackingOff, Down };

struct ConnectionStats
{
    quint64 messages = 0;
    quint64 bytes = 0;
    double messagesPerSecond = 0.0; // over the last completed second
    qint64 lastMessageAgeMs = -1; // -1: nothing received yet
    quint32 reconnects = 0;
    quint64 decodeErrors = 0; // reported by the service through noteDecodeError()
    quint64 oversizedFrames = 0; // frames above ConnectionConfig::maxIncomingMessageBytes: each dropped the socket
    quint64 pacedSends = 0; // frames that waited for ConnectionConfig::sendBudget before they were sent
    qsizetype sendsWaiting = 0; // frames waiting for it now
};

} // namespace tapescope
