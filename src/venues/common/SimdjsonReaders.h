#pragma once

// simdjson On-Demand readers shared by the venue codecs (each venue's *Json.h adds its own wire rules).
// Every reader returns false on a wrong type instead of throwing, so one bad field fails one frame and
// nothing else.

#include "core/Decimal.h"
#include "core/IsoTime.h"
#include "core/TimeUnits.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace tapescope::venuejson {

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

// raw_json_token() runs up to the next structural character, so it may end in whitespace.
inline std::string_view trimmedJsonToken(std::string_view token)
{
    while (!token.empty()
           && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' || token.back() == '\r'))
        token.remove_suffix(1);
    return token;
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

// The text between the quotes of a JSON string token, read straight from the input buffer: decimals
// never need unescaping, and a backslash inside one makes Decimal::parse reject it anyway.
inline bool rawStringToken(ondemand::value value, std::string_view &out)
{
    const std::string_view token = trimmedJsonToken(value.raw_json_token());
    if (token.size() < 2 || token.front() != '"' || token.back() != '"')
        return false;
    out = token.substr(1, token.size() - 2);
    return true;
}

// The text of a JSON number token as sent, so it reaches Decimal without a binary float in between.
inline bool rawNumberToken(ondemand::value value, std::string_view &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS || type != ondemand::json_type::number)
        return false;
    out = trimmedJsonToken(value.raw_json_token());
    return true;
}

// A JSON number read exactly ("126.55" stays 126.55); more digits than Decimal holds is a wrong value.
inline bool readNumber(ondemand::value value, Decimal &out)
{
    std::string_view token;
    if (!rawNumberToken(value, token))
        return false;
    const auto parsed = Decimal::parse(token);
    if (!parsed)
        return false;
    out = *parsed;
    return true;
}

// null -> nullopt; anything else goes through `read(value, T &)`.
template<typename T, typename Reader> bool readNullable(ondemand::value value, std::optional<T> &out, Reader &&read)
{
    if (isNull(value)) {
        out.reset();
        return value.is_null().error() == simdjson::SUCCESS; // consume the null token
    }
    T parsed;
    if (!read(value, parsed))
        return false;
    out = parsed;
    return true;
}

// Unix milliseconds as an integer, inside core/TimeUnits.h's window.
inline bool readUnixMillis(ondemand::value value, std::int64_t &ms)
{
    std::int64_t number = 0;
    if (!readInt64(value, number) || !time_units::inWindow(number))
        return false;
    ms = number;
    return true;
}

// An ISO-8601 / RFC 3339 string -> Unix ms; `naive` says whether a time without a zone is accepted as UTC.
inline bool readIsoTimestamp(ondemand::value value, std::int64_t &ms, NaiveTime naive = NaiveTime::Reject)
{
    std::string_view text;
    if (!readString(value, text))
        return false;
    const auto parsed = parseIsoTimestamp(text, naive);
    if (!parsed || !time_units::inWindow(parsed->ms)) // before 1970: not a time a venue sends (core/TimeUnits.h)
        return false;
    ms = parsed->ms;
    return true;
}

// simdjson reads up to SIMDJSON_PADDING bytes past the input: the frame is copied into `buffer` (kept
// by the codec and reused, so a steady stream allocates nothing) with zeroed padding after it.
inline simdjson::padded_string_view paddedCopy(std::vector<char> &buffer, std::string_view frame)
{
    if (buffer.size() < frame.size() + simdjson::SIMDJSON_PADDING)
        buffer.resize(std::max<std::size_t>(frame.size() + simdjson::SIMDJSON_PADDING, 4096));
    std::memcpy(buffer.data(), frame.data(), frame.size());
    std::memset(buffer.data() + frame.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(buffer.data(), frame.size(), buffer.size());
}

// Anything but whitespace after the top-level value: On-Demand stops at the value's end, so a frame
// such as `{...}{...}` would otherwise pass as its first half.
inline bool hasTrailingContent(ondemand::document &document)
{
    const char *trailing = nullptr;
    return document.current_location().get(trailing) == simdjson::SUCCESS;
}

// Calls handle(field) for every member in wire order, so the whole object is consumed and a truncated
// one fails.
template<typename FieldHandler> Problem forEachField(ondemand::object &object, FieldHandler &&handle)
{
    for (auto memberResult : object) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        if (const Problem problem = handle(member))
            return problem;
    }
    return nullptr;
}

// Calls handler(key, value) for every member in wire order. Unknown members are simply not handled:
// venues add fields. The key is the raw_json_string as sent (compared without unescaping, which plain
// ASCII member names never need).
template<typename Handler> Problem forEachMember(ondemand::object &object, Handler &&handler)
{
    return forEachField(
        object, [&handler](ondemand::field &member) -> Problem { return handler(member.key(), member.value()); });
}

template<typename Handler> Problem forEachMember(ondemand::value value, Problem notAnObject, Handler &&handler)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return notAnObject;
    return forEachMember(object, std::forward<Handler>(handler));
}

// forEachMember with each key unescaped to a std::string_view; a key that cannot be unescaped fails.
template<typename Handler> Problem forEachUnescapedMember(ondemand::value value, Problem notAnObject, Handler &&handler)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return notAnObject;
    return forEachField(object, [&handler](ondemand::field &member) -> Problem {
        std::string_view key;
        if (member.unescaped_key().get(key) != simdjson::SUCCESS)
            return "member name is not a string";
        return handler(key, member.value());
    });
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

} // namespace tapescope::venuejson
