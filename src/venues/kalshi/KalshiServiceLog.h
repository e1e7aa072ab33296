#pragma once

#include <QtCore/QLoggingCategory>

namespace tapescope::kalshi {
// "tapescope.venue.kalshi": the service's connection, subscription and resync decisions. Never key material.
Q_DECLARE_LOGGING_CATEGORY(lcKalshi)
} // namespace tapescope::kalshi
