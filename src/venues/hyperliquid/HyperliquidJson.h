#pragma once

// Hyperliquid's decimal rules on top of the shared simdjson readers (venues/common/SimdjsonReaders.h).
// Internal to the codec.

#include "venues/common/SimdjsonReaders.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope::hyperliquid::detail {

using namespace tapescope::venuejson;

inline bool readInt32(ondemand::value value, std::int32_t &out)
{
    std::int64_t wide = 0;
    if (!readInt64(value, wide) || wide < INT32_MIN || wide > INT32_MAX)
        return false;
    out = static_cast<std::int32_t>(wide);
    return true;
}

// The venue's plain spelling ("63460.0", "-0.0086") with at most 18 digits cannot overflow a 64-bit
// mantissa, so it skips Decimal::parse's checked arithmetic (the hot path: 80 decimals per book
// frame). Anything else (exponents, "+", long numbers) goes through Decimal::parse; same results.
inline std::optional<Decimal> parseDecimal(std::string_view text)
{
    const char *cursor = text.data();
    const char *const end = cursor + text.size();
    const bool negative = cursor != end && *cursor == '-';
    if (negative)
        ++cursor;
    std::int64_t mantissa = 0;
    int digits = 0;
    int scale = 0;
    bool seenPoint = false;
    for (; cursor != end; ++cursor) {
        const char c = *cursor;
        if (c >= '0' && c <= '9') {
            if (++digits > 18)
                return Decimal::parse(text);
            mantissa = mantissa * 10 + (c - '0');
            scale += seenPoint ? 1 : 0;
        } else if (c == '.' && !seenPoint) {
            seenPoint = true;
        } else {
            return Decimal::parse(text);
        }
    }
    if (digits == 0)
        return std::nullopt;
    return Decimal::fromRaw(negative ? -mantissa : mantissa, scale);
}

// Prices, sizes and money are decimal strings on the wire (docs/protocols/hyperliquid.md §11); a JSON number is a wrong
// type.
inline bool readDecimal(ondemand::value value, Decimal &out)
{
    std::string_view text;
    if (!rawStringToken(value, text))
        return false;
    const auto parsed = parseDecimal(text);
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

// Asset-context fields may be null (midPx, premium: docs/protocols/hyperliquid.md §7.12): null -> nullopt.
inline bool readOptionalDecimal(ondemand::value value, std::optional<Decimal> &out)
{
    return readNullable(value, out, readDecimal);
}

// Aggregates such as daily notional volume carry more fraction digits than a 64-bit mantissa holds
// ("1821282705.4506571293", WS#28): for these statistics, and only for them, drop the excess
// fraction digits (Decimal::parseTruncated rounds toward zero).
inline bool readOptionalStatistic(ondemand::value value, std::optional<Decimal> &out)
{
    return readNullable(value, out, [](ondemand::value statistic, Decimal &parsed) {
        std::string_view text;
        if (!rawStringToken(statistic, text))
            return false;
        const auto truncated = Decimal::parseTruncated(text);
        if (!truncated)
            return false;
        parsed = *truncated;
        return true;
    });
}

} // namespace tapescope::hyperliquid::detail
