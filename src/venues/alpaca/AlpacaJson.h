#pragma once

// Small simdjson On-Demand readers for the Alpaca message decoders. Internal to the codec. Every
// reader returns false on a wrong type instead of throwing, so one bad field fails one frame.

#include "core/Decimal.h"
#include "core/IsoTime.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <cstdint>
#include <string_view>

namespace tapescope::alpaca::detail {

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

// Trade ids: crypto ids exceed 2^53 (alpaca.md §8.2), so they are read as integers and kept as text.
inline bool readId(ondemand::value value, QString &out)
{
    std::uint64_t id = 0;
    if (value.get_uint64().get(id) != simdjson::SUCCESS)
        return false;
    out = QString::number(id);
    return true;
}

// Prices and sizes are JSON numbers, integer-valued ones without a point (alpaca.md §8.3): the number's
// own text goes to Decimal, so "126.55" stays 126.55 and no binary float is involved.
inline bool readNumber(ondemand::value value, Decimal &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::number)
        return false;
    std::string_view token = value.raw_json_token();
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    const auto parsed = Decimal::parse(token);
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

// RFC 3339 with 0–9 fraction digits and a zone (alpaca.md §8.1) -> Unix ms.
inline bool readTimestamp(ondemand::value value, std::int64_t &ms)
{
    std::string_view text;
    if (!readString(value, text))
        return false;
    const auto parsed = parseIsoTimestamp(text);
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

} // namespace tapescope::alpaca::detail
