#pragma once

// FIML's number and time rules on top of the shared simdjson readers (venues/common/SimdjsonReaders.h).
// Internal to the codec.

#include "venues/common/SimdjsonReaders.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapescope::fiml::detail {

using namespace tapescope::venuejson;

// "-1.2345678901234567e-07" -> "-0.00000012345678901234567": a float's exponent written out, so the
// fraction digits beyond Decimal's reach can be truncated. Text without an exponent comes back as is.
inline std::string expandExponent(std::string_view text)
{
    const auto e = text.find_first_of("eE");
    if (e == std::string_view::npos)
        return std::string(text);
    std::string_view mantissa = text.substr(0, e);
    int exponent = 0;
    std::string_view exponentText = text.substr(e + 1);
    const bool exponentNegative = !exponentText.empty() && exponentText.front() == '-';
    if (!exponentText.empty() && (exponentText.front() == '-' || exponentText.front() == '+'))
        exponentText.remove_prefix(1);
    if (exponentText.empty() || exponentText.size() > 3)
        return std::string(text); // let Decimal reject it
    for (const char c : exponentText) {
        if (c < '0' || c > '9')
            return std::string(text);
        exponent = exponent * 10 + (c - '0');
    }
    if (exponentNegative)
        exponent = -exponent;
    std::string sign;
    if (!mantissa.empty() && mantissa.front() == '-') {
        sign = "-";
        mantissa.remove_prefix(1);
    }
    std::string digits;
    int pointAt = static_cast<int>(mantissa.size());
    for (std::size_t i = 0; i < mantissa.size(); ++i) {
        if (mantissa[i] == '.')
            pointAt = static_cast<int>(i);
        else
            digits.push_back(mantissa[i]);
    }
    pointAt += exponent;
    if (pointAt <= 0)
        return sign + "0." + std::string(static_cast<std::size_t>(-pointAt), '0') + digits;
    if (pointAt >= static_cast<int>(digits.size()))
        return sign + digits + std::string(static_cast<std::size_t>(pointAt) - digits.size(), '0');
    return sign + digits.substr(0, static_cast<std::size_t>(pointAt)) + "."
        + digits.substr(static_cast<std::size_t>(pointAt));
}

// Numbers are Python floats serialised by json.dumps ("100.0", "-1.48", "1e-05"): the number's own
// text goes to Decimal. A float's 17 significant digits can exceed what a price needs; those excess
// fraction digits carry only binary noise and are dropped (rounding toward zero).
inline bool readFloatNumber(ondemand::value value, Decimal &out)
{
    std::string_view token;
    if (!rawNumberToken(value, token))
        return false;
    auto parsed = Decimal::parse(token);
    if (!parsed)
        parsed = Decimal::parseTruncated(expandExponent(token));
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

// `volume` of a price update may be null (docs/protocols/fiml.md §4.3.1): null -> nullopt.
inline bool readOptionalFloatNumber(ondemand::value value, std::optional<Decimal> &out)
{
    return readNullable(value, out, readFloatNumber);
}

// ISO-8601 with 0 or 6 fraction digits and "Z"; provider candle times may be naive, read as UTC
// (docs/protocols/fiml.md §7.2).
inline bool readTimestamp(ondemand::value value, std::int64_t &ms)
{
    return readIsoTimestamp(value, ms, NaiveTime::AsUtc);
}

} // namespace tapescope::fiml::detail
