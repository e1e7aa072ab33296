#pragma once

// Shared by the 100-drop tests in each venue's service test (issue 14; docs/reliability.md, "Dropped connection"):
// how many cycles, reconnects fast enough for them, and the level-by-level comparison of a client's book with the
// venue's.
#include "core/Events.h"
#include "core/OrderBook.h"
#include "net/VenueConnection.h"

#include <QtCore/QString>

#include <chrono>

namespace droptest {

using namespace tapescope;

inline constexpr int kCycles = 100;

// A retry within 20 ms after the first drop, never later than 50 ms after many: 100 cycles take seconds, not minutes.
inline void fastReconnects(ConnectionConfig &connection)
{
    connection.backoffBase = std::chrono::milliseconds(20);
    connection.backoffCap = std::chrono::milliseconds(50);
}

// Empty when `book` holds exactly the venue's levels (price and size, every level of both sides), else the first
// difference: "bids level 3: 101.5 x 2, venue 101.5 x 3".
inline QString bookDifference(const OrderBook &book, const BookSnapshot &venue)
{
    const auto compare
        = [](const std::vector<DepthLevel> &ours, const std::vector<Level> &theirs, const char *side) -> QString {
        if (ours.size() != theirs.size()) {
            return QStringLiteral("%1: %2 levels, venue %3")
                .arg(QLatin1String(side))
                .arg(ours.size())
                .arg(theirs.size());
        }
        for (std::size_t i = 0; i < ours.size(); ++i) {
            if (!(ours[i].price == theirs[i].price) || !(ours[i].size == theirs[i].size)) {
                return QStringLiteral("%1 level %2: %3 x %4, venue %5 x %6")
                    .arg(QLatin1String(side))
                    .arg(i)
                    .arg(ours[i].price.toString(), ours[i].size.toString(), theirs[i].price.toString(),
                         theirs[i].size.toString());
            }
        }
        return QString();
    };
    const QString bids = compare(book.bids(-1), venue.bids, "bids");
    return bids.isEmpty() ? compare(book.asks(-1), venue.asks, "asks") : bids;
}

// "cycle 37 of 100: what"
inline QString atCycle(int cycle, const QString &what)
{
    return QStringLiteral("cycle %1 of %2: %3").arg(cycle).arg(kCycles).arg(what);
}

} // namespace droptest
