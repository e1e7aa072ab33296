#include "FeedState.h"

#include "market/MarketHub.h"

namespace tapescope::FeedState {

Value of(ConnectionState state)
{
    using S = ConnectionState;
    switch (state) {
    case S::Disconnected:
        return Disconnected;
    case S::Connecting:
        return Connecting;
    case S::Live:
        return Live;
    case S::Stale:
        return Stale;
    case S::Resyncing:
        return Resyncing;
    case S::BackingOff:
        return BackingOff;
    case S::Down:
        return Down;
    }
    return Disconnected;
}

Value of(const FeedHealth *health)
{
    if (!health)
        return Disconnected;
    // Until the service reports, the feed is not live, whatever the default state says.
    return health->hasStatus ? of(health->status.state) : Connecting;
}

} // namespace tapescope::FeedState
