#pragma once

#include "net/ConnectionState.h"

#include <QtCore/QObject>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

struct FeedHealth;

// A feed's state as the panels compare it: `feedState === FeedState.Live`. The states are VenueConnection's;
// a venue that has not reported yet is Connecting, one that is not running is Disconnected.
namespace FeedState {
Q_NAMESPACE
QML_ELEMENT

enum Value { Disconnected, Connecting, Live, Stale, Resyncing, BackingOff, Down };
Q_ENUM_NS(Value)

Value of(ConnectionState state);
// What the hub knows of a venue's feed (nullptr: the venue is not running).
Value of(const FeedHealth *health);

} // namespace FeedState

} // namespace tapescope
