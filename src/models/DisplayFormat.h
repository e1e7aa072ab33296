#pragma once

#include "core/Decimal.h"
#include "core/Events.h"

#include <QtCore/QString>

#include <optional>

namespace tapescope::display {

// Text for numbers a trader reads at a glance. Prices and sizes keep the venue's spelling
// elsewhere; these helpers are for derived figures (percentages, notional volume).

// 24 h change in percent: the venue's own figure where it sends one (FIML), else from the previous day's price
// to the current mid (or mark); nullopt without them.
std::optional<double> changePercent(const Ticker &ticker);
QString signedPercent(double percent, int decimals = 2); // "+1.23%", "-0.40%"
QString fundingRate(const Decimal &rate); // hourly rate 0.0000125 -> "0.0013%"
QString compactNotional(const Decimal &notional); // "$1.23B", "$845.1M", "$12.3K", "$950"
QString compactQuantity(const Decimal &quantity); // "1.23B", "845.1M", "12.3K", "950"
QString quoteSource(const Ticker &ticker); // "95% yahoo_finance"; "" when the venue quotes itself
QString clockTime(qint64 unixMs); // local "HH:mm:ss.zzz"
// Drops trailing fraction zeros: "0.10" -> "0.1", "5.0" -> "5".
Decimal normalized(const Decimal &value);
// Exactly `decimals` fraction digits for aligned columns ("0.486" at 5 -> "0.48600", "5.000000000" at 3 ->
// "5.000"), never losing a digit: a value with more significant digits keeps them. decimals < 0: normalized.
QString fixedText(const Decimal &value, int decimals);
// `value` rounded half away from zero to `decimals` fraction digits, for amounts of money ("12.35", "-0.01");
// only the text is rounded.
QString rounded(const Decimal &value, int decimals);
// Fraction digits `value` needs once trailing zeros are dropped: 0.4860 -> 3.
int significantDecimals(const Decimal &value);
// Rounds up to a multiple of `step`; nullopt on overflow.
std::optional<Decimal> ceilToStep(const Decimal &value, const Decimal &step);

} // namespace tapescope::display
