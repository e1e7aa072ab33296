#pragma once

#include "core/Decimal.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope::o2 {

// O2 sends prices, quantities and balances as unsigned chain integers: u64 for prices and quantities,
// u128 for balances and volumes (docs/protocols/o2.md §7), as decimal strings, and defensively as JSON numbers or
// "0x" hex strings. The human value is integer · 10^-decimals of the market's base or quote asset.
//
// Decimal holds a signed 64-bit mantissa and at most 18 fraction digits, so not every chain integer
// fits. The rule, chosen so a value is never rounded or wrapped:
//   - it fits: mantissa = the integer, scale = decimals (the chain's own precision, e.g. "0.100000000");
//   - it does not fit (above 2^63 - 1, or decimals > 18): trailing zero digits are dropped one at a time,
//     each lowering the scale by one, which is exact ("50000000000000000000000", 9 -> "50000000000000");
//   - it still does not fit: OutOfRange. The codec reports such a frame as one FeedError
//     "number_out_of_range" naming the field and value, never a corrupted number.
enum class ChainNumberError : std::uint8_t {
    None,
    NotAnInteger, // empty, signed, fractional, exponent, or a stray character
    OutOfRange, // a valid integer that no Decimal represents exactly (or above u128 for hex)
};

// `text` is the integer's text without JSON quotes: "1500000", "0x16e360" or a JSON number token.
std::optional<Decimal> chainToDecimal(std::string_view text, int decimals, ChainNumberError *error = nullptr);

// Plain unsigned integers (timestamps, nonces, trade ids sent as numbers): decimal or 0x hex, at most 2^64 - 1.
std::optional<std::uint64_t> chainToUInt64(std::string_view text);

// O2 timestamps come in units nobody documents (docs/protocols/o2.md §4.0: "UNKNOWN"; the SDK calls trade times
// milliseconds, the fixtures look like seconds). Chosen by magnitude: below 10^11 seconds, below 10^14
// milliseconds, below 10^17 microseconds, else nanoseconds; returned as Unix milliseconds, nullopt outside
// core/TimeUnits.h's window (after year 9999 in any unit).
std::optional<std::int64_t> unixMillisFromVenueTime(std::uint64_t raw);

} // namespace tapescope::o2
