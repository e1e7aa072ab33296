#pragma once

// Kalshi's price and count rules on top of the shared simdjson readers (venues/common/SimdjsonReaders.h).
// Internal to the codec. Kalshi decoders walk objects with forEachUnescapedMember: their handlers take
// member names as std::string_view.

#include "venues/common/SimdjsonReaders.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope::kalshi::detail {

using namespace tapescope::venuejson;

// Dollar prices and fixed-point counts are decimal strings (docs/protocols/kalshi.md §8): "0.4500", "2230.99",
// "-54.00".
inline bool readDecimalString(ondemand::value value, Decimal &out)
{
    std::string_view text;
    if (!rawStringToken(value, text))
        return false;
    const auto parsed = Decimal::parse(text);
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

// An optional decimal string where "" means "not known" (ticker price_dollars of a never-traded market, WS#22).
inline bool readOptionalDecimalString(ondemand::value value, std::optional<Decimal> &out)
{
    std::string_view text;
    if (!rawStringToken(value, text))
        return false;
    if (text.empty()) {
        out.reset();
        return true;
    }
    out = Decimal::parse(text);
    return out.has_value();
}

// Legacy integer cents (docs/protocols/kalshi.md §8): 45 -> 0.45 dollars.
inline bool readCents(ondemand::value value, Decimal &out)
{
    std::int64_t cents = 0;
    if (!readInt64(value, cents))
        return false;
    out = Decimal::fromRaw(cents, 2);
    return true;
}

// Legacy integer counts: 300 -> 300.
inline bool readIntegerCount(ondemand::value value, Decimal &out)
{
    std::int64_t count = 0;
    if (!readInt64(value, count))
        return false;
    out = Decimal::fromInteger(count);
    return true;
}

} // namespace tapescope::kalshi::detail
