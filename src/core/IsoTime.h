#pragma once

// RFC 3339 / ISO-8601 timestamps as venues send them ("2021-02-22T15:51:45.335689322Z",
// "2022-04-19T13:45:04.981350886-04:00", FIML's naive "2024-01-02T00:00:00") to Unix milliseconds,
// without QDateTime: it rounds to milliseconds and is far too slow for the trade hot path.
// Header-only so any codec can use it without a link dependency.

#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope {

struct IsoTimestamp
{
    std::int64_t ms = 0; // Unix milliseconds, UTC, truncated toward the past
    std::int32_t subMsNanos = 0; // 0..999999: the nanoseconds the millisecond drops (ordering within a ms)
    bool hadZone = true; // false: no "Z" or offset was given and the time was read as UTC
};

enum class NaiveTime { Reject, AsUtc };

namespace iso_time_detail {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
constexpr std::int64_t daysFromCivil(std::int64_t year, std::int64_t month, std::int64_t day)
{
    year -= month <= 2 ? 1 : 0;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t yearOfEra = year - era * 400;
    const std::int64_t dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

constexpr unsigned daysInMonth(std::int64_t year, unsigned month)
{
    constexpr unsigned kDays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// Reads exactly `count` digits at `pos`.
constexpr bool readDigits(std::string_view text, std::size_t &pos, int count, unsigned &out)
{
    if (pos + static_cast<std::size_t>(count) > text.size())
        return false;
    out = 0;
    for (int i = 0; i < count; ++i) {
        const char c = text[pos++];
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + static_cast<unsigned>(c - '0');
    }
    return true;
}

} // namespace iso_time_detail

// "YYYY-MM-DD(T|t| )HH:MM:SS[.fraction][Z|z|±HH:MM]"; any number of fraction digits (the first nine
// count). Without a zone the text is rejected, or read as UTC when `naive` is AsUtc.
constexpr std::optional<IsoTimestamp> parseIsoTimestamp(std::string_view text, NaiveTime naive = NaiveTime::Reject)
{
    using namespace iso_time_detail;
    std::size_t pos = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!readDigits(text, pos, 4, year) || pos >= text.size() || text[pos++] != '-' || !readDigits(text, pos, 2, month)
        || pos >= text.size() || text[pos++] != '-' || !readDigits(text, pos, 2, day))
        return std::nullopt;
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return std::nullopt;
    ++pos;
    if (!readDigits(text, pos, 2, hour) || pos >= text.size() || text[pos++] != ':' || !readDigits(text, pos, 2, minute)
        || pos >= text.size() || text[pos++] != ':' || !readDigits(text, pos, 2, second))
        return std::nullopt;
    // Second 60 is a leap second: RFC 3339 allows it; it lands on the next second like POSIX time does.
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;

    std::int64_t nanos = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 9)
                nanos = nanos * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0)
            return std::nullopt;
        for (; digits < 9; ++digits)
            nanos *= 10;
    }

    std::int64_t offsetSeconds = 0;
    bool hadZone = true;
    if (pos == text.size()) {
        if (naive == NaiveTime::Reject)
            return std::nullopt;
        hadZone = false;
    } else if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        const bool negative = text[pos++] == '-';
        unsigned offsetHours = 0, offsetMinutes = 0;
        if (!readDigits(text, pos, 2, offsetHours) || pos >= text.size() || text[pos++] != ':'
            || !readDigits(text, pos, 2, offsetMinutes) || offsetHours > 23 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = static_cast<std::int64_t>(offsetHours * 3600 + offsetMinutes * 60);
        if (negative)
            offsetSeconds = -offsetSeconds;
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;

    const std::int64_t seconds = daysFromCivil(year, month, day) * 86400
        + static_cast<std::int64_t>(hour * 3600 + minute * 60 + second) - offsetSeconds;
    IsoTimestamp result;
    result.ms = seconds * 1000 + nanos / 1000000;
    result.subMsNanos = static_cast<std::int32_t>(nanos % 1000000);
    result.hadZone = hadZone;
    return result;
}

} // namespace tapescope
