#pragma once

// Small simdjson On-Demand readers for the FIML frame decoders. Internal to the codec. Every reader
// returns false on a wrong type instead of throwing, so one bad field fails one frame.

#include "core/Decimal.h"
#include "core/IsoTime.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tapescope::fiml::detail {

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
inline bool readNumber(ondemand::value value, Decimal &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::number)
        return false;
    std::string_view token = value.raw_json_token();
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    auto parsed = Decimal::parse(token);
    if (!parsed)
        parsed = Decimal::parseTruncated(expandExponent(token));
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

// `volume` of a price update may be null (fiml.md §4.3.1): null -> nullopt.
inline bool readOptionalNumber(ondemand::value value, std::optional<Decimal> &out)
{
    if (isNull(value)) {
        out.reset();
        return value.is_null().error() == simdjson::SUCCESS; // consume the null token
    }
    Decimal parsed;
    if (!readNumber(value, parsed))
        return false;
    out = parsed;
    return true;
}

// ISO-8601 with 0 or 6 fraction digits and "Z"; provider candle times may be naive, read as UTC
// (fiml.md §7.2).
inline bool readTimestamp(ondemand::value value, std::int64_t &ms)
{
    std::string_view text;
    if (!readString(value, text))
        return false;
    const auto parsed = parseIsoTimestamp(text, NaiveTime::AsUtc);
    if (!parsed)
        return false;
    ms = parsed->ms;
    return true;
}

// Calls handler(key, value) for every member in wire order, so the whole object is consumed and a
// truncated one fails. Unknown members are simply not handled.
template<typename Handler> Problem forEachMember(ondemand::object &object, Handler &&handler)
{
    for (auto memberResult : object) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        if (const Problem problem = handler(member.key(), member.value()))
            return problem;
    }
    return nullptr;
}

template<typename Handler> Problem forEachElement(ondemand::value value, Problem notAnArray, Handler &&handler)
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

} // namespace tapescope::fiml::detail
