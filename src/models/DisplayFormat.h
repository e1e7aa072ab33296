#pragma once

#include "core/Decimal.h"
#include "core/Events.h"

#include <QtCore/QString>

#include <optional>

namespace tapescope::display {

// Text for numbers a trader reads at a glance. Prices and sizes keep the venue's digits; what the UI shows is
// written in the default QLocale (Translations::use sets it): its decimal separator and minus sign, and its digit
// grouping where the column has room (Grouping::Grouped: summary figures; never the ladder's or the tape's fixed
// columns). fixedText, rounded and normalized stay in the C locale ('.'): the emulators, venues and files use them.

enum class Grouping { None, Grouped };

// `plain`, a number in C notation ("-1234.50": an optional sign, digits, an optional '.' and digits), in the
// default locale: "-1234,50" (de), "-1.234,50" (de, grouped), "-1 234,50" (fr, grouped, a narrow no-break space).
// Text that is not such a number comes back unchanged.
QString localized(const QString &plain, Grouping grouping = Grouping::None);
// A number the user typed, in C notation for Decimal::parse: the default locale's decimal separator is
// accepted as well as '.', and the locale's group separator is dropped where it cannot be mistaken for the
// decimal point ("1 000,5" in French). Surrounding spaces are trimmed; anything else is left for the parser to refuse.
QString typedNumber(const QString &text);

// 24 h change in percent: the venue's own figure where it sends one (FIML), else from the previous day's price
// to the current mid (or mark); nullopt without them.
std::optional<double> changePercent(const Ticker &ticker);
QString signedPercent(double percent, int decimals = 2); // "+1.23%", "-0.40%" (de: "+1,23%")
QString fundingRate(const Decimal &rate); // hourly rate 0.0000125 -> "0.0013%"
QString compactNotional(const Decimal &notional); // "$1.23B", "$845.1M", "$12.3K", "$950"
QString compactQuantity(const Decimal &quantity); // "1.23B", "845.1M", "12.3K", "950"
QString quoteSource(const Ticker &ticker); // "95% yahoo_finance"; "" when the venue quotes itself
// Local "HH:mm:ss.zzz" in every language: the tape's and the account tables' time columns have a fixed width, and
// 24-hour times with milliseconds read the same in each of the UI's languages.
QString clockTime(qint64 unixMs);
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
