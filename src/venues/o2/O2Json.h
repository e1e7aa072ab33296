#pragma once

// Small simdjson On-Demand readers for the O2 frame decoders. Internal to the codec. Every reader
// returns false on a wrong type instead of throwing, so one bad field fails one frame.

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace tapescope::o2::detail {

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

inline std::string_view trimmedJsonToken(std::string_view token)
{
    while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    return token;
}

inline bool readString(ondemand::value value, std::string_view &out)
{
    return value.get_string().get(out) == simdjson::SUCCESS;
}

// The text of a JSON string straight from the input buffer, not unescaped. It survives a document
// rewind (get_string()'s buffer does not); for names such as `action`, which never need escapes.
inline bool readRawString(ondemand::value value, std::string_view &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::string)
        return false;
    const std::string_view token = trimmedJsonToken(value.raw_json_token());
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return false;
    out = token.substr(1, token.size() - 2);
    return true;
}

inline bool readBool(ondemand::value value, bool &out)
{
    return value.get_bool().get(out) == simdjson::SUCCESS;
}

// A chain integer's text as sent: the inside of a JSON string ("1500000", "0x16e360") or a JSON
// number token (1500000), read straight from the input so u128 values are never narrowed. Whether
// it is an unsigned integer is checked when it is scaled (chainToDecimal).
inline bool readChainToken(ondemand::value value, std::string_view &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return false;
    const std::string_view token = trimmedJsonToken(value.raw_json_token());
    if (type == ondemand::json_type::number) {
        out = token;
        return true;
    }
    if (type != ondemand::json_type::string || token.size() < 2 || token.front() != '"' || token.back() != '"')
        return false;
    out = token.substr(1, token.size() - 2);
    return true;
}

// Calls handler(key, value) for every member in wire order, so the whole object is consumed and a
// truncated one fails. Members nobody handles are skipped.
template<typename Handler>
Problem forEachMember(ondemand::object &object, Handler &&handler)
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

template<typename Handler>
Problem forEachMember(ondemand::value value, Problem notAnObject, Handler &&handler)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return notAnObject;
    return forEachMember(object, std::forward<Handler>(handler));
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

// Consumes a value of any type, so a truncated frame fails even where nothing is read from it.
inline Problem skipValue(ondemand::value value)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return "value cannot be read";
    switch (type) {
    case ondemand::json_type::object:
        return forEachMember(value, "value is not an object", [](auto, ondemand::value member) { return skipValue(member); });
    case ondemand::json_type::array:
        return forEachElement(value, "value is not an array", [](ondemand::value element) { return skipValue(element); });
    default:
        // raw_json_token() does not validate scalars; skipping them is what the parser does anyway.
        return nullptr;
    }
}

} // namespace tapescope::o2::detail
