#pragma once

#include "core/Decimal.h"
#include "core/Events.h"

#include <QtCore/QString>

#include <optional>

namespace tapescope::display {

// Text for numbers a trader reads at a glance. Prices and sizes keep the venue's spelling
// elsewhere; these helpers are for derived figures (percentages, notional volume).

// 24 h change in percent from the previous day's price to the current mid (or mark); nullopt without both.
std::optional<double> changePercent(const Ticker &ticker);
QString signedPercent(double percent, int decimals = 2); // "+1.23%", "-0.40%"
QString fundingRate(const Decimal &rate);                 // hourly rate 0.0000125 -> "0.0013%"
QString compactNotional(const Decimal &notional);         // "$1.23B", "$845.1M", "$12.3K", "$950"
QString clockTime(qint64 unixMs);                         // local "HH:mm:ss.zzz"
// Drops trailing fraction zeros: "0.10" -> "0.1", "5.0" -> "5".
Decimal normalized(const Decimal &value);
// Rounds up to a multiple of `step`; nullopt on overflow.
std::optional<Decimal> ceilToStep(const Decimal &value, const Decimal &step);

} // namespace tapescope::display
