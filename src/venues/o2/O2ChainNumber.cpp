// Chain integers to exact decimals (docs/protocols/o2.md §7).

#include "O2ChainNumber.h"

#include "core/TimeUnits.h"

#include <algorithm>
#include <string>

namespace tapescope::o2 {

namespace {

constexpr std::string_view kInt64Max = "9223372036854775807";
constexpr std::size_t kU128HexDigits = 32;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (isDigit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool hasHexPrefix(std::string_view text)
{
    return text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
}

// Hex digits to decimal digits (most significant first), schoolbook: at most 32 hex digits.
std::string hexToDecimalDigits(std::string_view hex)
{
    std::string little = "0"; // decimal digits, least significant first
    for (const char c : hex) {
        int carry = hexValue(c);
        for (char &digit : little) {
            const int value = (digit - '0') * 16 + carry;
            digit = static_cast<char>('0' + value % 10);
            carry = value / 10;
        }
        while (carry > 0) {
            little.push_back(static_cast<char>('0' + carry % 10));
            carry /= 10;
        }
    }
    std::reverse(little.begin(), little.end());
    return little;
}

bool fitsInt64(std::string_view digits)
{
    return digits.size() < kInt64Max.size() || (digits.size() == kInt64Max.size() && digits <= kInt64Max);
}

std::optional<Decimal> fail(ChainNumberError *error, ChainNumberError what)
{
    if (error)
        *error = what;
    return std::nullopt;
}

// Decimal digits without sign or leading zeros (or "0"), or nullopt with the reason.
std::optional<std::string> canonicalDigits(std::string_view text, ChainNumberError &why)
{
    std::string digits;
    if (hasHexPrefix(text)) {
        std::string_view hex = text.substr(2);
        if (!std::all_of(hex.begin(), hex.end(), [](char c) { return hexValue(c) >= 0; })) {
            why = ChainNumberError::NotAnInteger;
            return std::nullopt;
        }
        while (hex.size() > 1 && hex.front() == '0')
            hex.remove_prefix(1);
        if (hex.size() > kU128HexDigits) {
            why = ChainNumberError::OutOfRange;
            return std::nullopt;
        }
        digits = hexToDecimalDigits(hex);
    } else {
        if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit)) {
            why = ChainNumberError::NotAnInteger;
            return std::nullopt;
        }
        while (text.size() > 1 && text.front() == '0')
            text.remove_prefix(1);
        digits.assign(text);
    }
    return digits;
}

} // namespace

std::optional<Decimal> chainToDecimal(std::string_view text, int decimals, ChainNumberError *error)
{
    if (error)
        *error = ChainNumberError::None;
    if (decimals < 0)
        return fail(error, ChainNumberError::OutOfRange);
    // The common case, a short decimal string, needs no allocation.
    if (!text.empty() && text.size() <= 18 && decimals <= Decimal::MaxScale
        && std::all_of(text.begin(), text.end(), isDigit)) {
        std::int64_t mantissa = 0;
        for (const char c : text)
            mantissa = mantissa * 10 + (c - '0');
        return Decimal::fromRaw(mantissa, decimals);
    }
    ChainNumberError why = ChainNumberError::None;
    auto digits = canonicalDigits(text, why);
    if (!digits)
        return fail(error, why);
    int scale = decimals;
    // Drop trailing zeros only while needed: the result keeps the chain's scale whenever it can.
    while ((!fitsInt64(*digits) || scale > Decimal::MaxScale) && scale > 0 && digits->size() > 1
           && digits->back() == '0') {
        digits->pop_back();
        --scale;
    }
    if (!fitsInt64(*digits) || scale > Decimal::MaxScale)
        return fail(error, ChainNumberError::OutOfRange);
    std::int64_t mantissa = 0;
    for (const char c : *digits)
        mantissa = mantissa * 10 + (c - '0');
    return Decimal::fromRaw(mantissa, scale);
}

std::optional<std::uint64_t> chainToUInt64(std::string_view text)
{
    if (hasHexPrefix(text)) {
        std::string_view hex = text.substr(2);
        while (hex.size() > 1 && hex.front() == '0')
            hex.remove_prefix(1);
        if (hex.size() > 16)
            return std::nullopt;
        std::uint64_t value = 0;
        for (const char c : hex) {
            const int digit = hexValue(c);
            if (digit < 0)
                return std::nullopt;
            value = value * 16 + static_cast<std::uint64_t>(digit);
        }
        return value;
    }
    if (text.empty())
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return std::nullopt;
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::optional<std::int64_t> unixMillisFromVenueTime(std::uint64_t raw)
{
    if (raw < 100'000'000'000ULL)
        return time_units::secondsToMs(static_cast<std::int64_t>(raw));
    if (raw < 100'000'000'000'000ULL)
        return time_units::millisToMs(static_cast<std::int64_t>(raw));
    if (raw < 100'000'000'000'000'000ULL)
        return time_units::microsToMs(static_cast<std::int64_t>(raw));
    return time_units::millisToMs(static_cast<std::int64_t>(raw / 1'000'000)); // below 2^64 ns: before 2555
}

} // namespace tapescope::o2
