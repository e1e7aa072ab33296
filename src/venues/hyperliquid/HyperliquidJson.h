#pragma once

// Small simdjson On-Demand readers shared by the Hyperliquid channel decoders. Internal to the codec.
// Every reader returns false on a wrong type instead of throwing, so one bad field fails one frame.

#include "core/Decimal.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope::hyperliquid::detail {

namespace ondemand = simdjson::ondemand;

// Why a frame failed, as a static string (nullptr: it did not fail). Static so the success path
// never allocates; the codec turns it into FeedError text only when something went wrong.
using Problem = const char *;

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// At most `maxBytes` of venue text for a human-readable message (cut on a UTF-8 boundary, control
// bytes blanked): error texts echo whole requests and a malformed frame can be anything.
inline QString boundedText(std::string_view text, std::size_t maxBytes = 120)
{
    bool cut = false;
    if (text.size() > maxBytes) {
        std::size_t end = maxBytes;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        text = text.substr(0, end);
        cut = true;
    }
    QByteArray bytes(text.data(), static_cast<qsizetype>(text.size()));
    for (char &byte : bytes) {
        if (static_cast<unsigned char>(byte) < 0x20 || byte == 0x7f)
            byte = ' ';
    }
    QString result = QString::fromUtf8(bytes);
    if (cut)
        result += QChar(0x2026); // ellipsis
    return result;
}

inline bool readString(ondemand::value value, std::string_view &out)
{
    return value.get_string().get(out) == simdjson::SUCCESS;
}

inline bool readInt64(ondemand::value value, std::int64_t &out)
{
    return value.get_int64().get(out) == simdjson::SUCCESS;
}

inline bool readInt32(ondemand::value value, std::int32_t &out)
{
    std::int64_t wide = 0;
    if (!readInt64(value, wide) || wide < INT32_MIN || wide > INT32_MAX)
        return false;
    out = static_cast<std::int32_t>(wide);
    return true;
}

// The text between the quotes of a JSON string token, read straight from the input buffer: decimals
// never need unescaping, and a backslash inside one makes Decimal::parse reject it anyway.
inline bool rawStringToken(ondemand::value value, std::string_view &out)
{
    std::string_view token = value.raw_json_token();
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return false;
    out = token.substr(1, token.size() - 2);
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

// Prices, sizes and money are decimal strings on the wire (hyperliquid.md §11); a JSON number is a wrong type.
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

inline bool isNull(ondemand::value value)
{
    ondemand::json_type type;
    return value.type().get(type) == simdjson::SUCCESS && type == ondemand::json_type::null;
}

// Asset-context fields may be null (midPx, premium: hyperliquid.md §7.12): null -> nullopt.
inline bool readOptionalDecimal(ondemand::value value, std::optional<Decimal> &out)
{
    if (isNull(value)) {
        out.reset();
        return value.is_null().error() == simdjson::SUCCESS; // consume the null token
    }
    Decimal parsed;
    if (!readDecimal(value, parsed))
        return false;
    out = parsed;
    return true;
}

// Aggregates such as daily notional volume carry more fraction digits than a 64-bit mantissa holds
// ("1821282705.4506571293", WS#28): for these statistics, and only for them, drop the excess
// fraction digits (Decimal::parseTruncated rounds toward zero).
inline bool readOptionalStatistic(ondemand::value value, std::optional<Decimal> &out)
{
    if (isNull(value)) {
        out.reset();
        return value.is_null().error() == simdjson::SUCCESS;
    }
    std::string_view text;
    if (!rawStringToken(value, text))
        return false;
    out = Decimal::parseTruncated(text);
    return out.has_value();
}

// Calls handler(key, value) for every member in wire order, so the whole object is consumed and a
// truncated one fails. Unknown members are simply not handled (hyperliquid.md §12.11).
template<typename Handler>
Problem forEachMember(ondemand::value value, Problem notAnObject, Handler &&handler)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return notAnObject;
    for (auto memberResult : object) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        if (const Problem problem = handler(member.key(), member.value()))
            return problem;
    }
    return nullptr;
}

template<typename Handler>
Problem forEachElement(ondemand::value value, Problem notAnArray, Handler &&handler)
{
    ondemand::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS)
        return notAnArray;
    for (auto elementResult : array) {
        ondemand::value element;
        if (const auto error = std::move(elementResult).get(element))
            return simdjson::error_message(error);
        if (const Problem problem = handler(element))
            return problem;
    }
    return nullptr;
}

} // namespace tapescope::hyperliquid::detail
