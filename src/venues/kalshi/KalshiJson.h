#pragma once

// Small simdjson On-Demand readers for the Kalshi decoders. Internal to the codec. Every reader returns
// false on a wrong type instead of throwing, so one bad field fails one frame and nothing else.

#include "core/Decimal.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope::kalshi::detail {

namespace ondemand = simdjson::ondemand;

// Why a frame failed, as a static string (nullptr: it did not fail), so the success path never allocates.
using Problem = const char *;

inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// At most `maxBytes` of venue text for a message (cut on a UTF-8 boundary, control bytes blanked).
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
        result += QChar(0x2026);
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

inline bool readBool(ondemand::value value, bool &out)
{
    return value.get_bool().get(out) == simdjson::SUCCESS;
}

inline bool isNull(ondemand::value value)
{
    ondemand::json_type type;
    return value.type().get(type) == simdjson::SUCCESS && type == ondemand::json_type::null;
}

// The text between the quotes of a JSON string token, straight from the input: decimals need no unescaping.
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

// Dollar prices and fixed-point counts are decimal strings (kalshi.md §8): "0.4500", "2230.99", "-54.00".
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

// Legacy integer cents (kalshi.md §8): 45 -> 0.45 dollars.
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

// Calls handler(key, value) for every member in wire order, so the whole object is consumed and a
// truncated one fails. Unknown members are not handled: the protocol adds fields (kalshi.md §0).
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
        std::string_view key;
        if (member.unescaped_key().get(key) != simdjson::SUCCESS)
            return "member name is not a string";
        if (const Problem problem = handler(key, member.value()))
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

} // namespace tapescope::kalshi::detail
