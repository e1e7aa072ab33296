#pragma once

// Venue times to Unix milliseconds, checked: one conversion for every codec (issue 14: Kalshi's seconds * 1000
// overflowed, which is undefined behaviour). Each returns nullopt for a time outside the window below, and the
// codec counts the frame as malformed; none can overflow, whatever the input.
//
// The window: 1970-01-01T00:00:00Z (0 ms) to 9999-12-31T23:59:59.999Z (253402300799999 ms), what an RFC 3339 time
// with a four-digit year can say. A venue time before 1970 or after year 9999 is not a time this app can use.
// Header-only so any codec can use it without a link dependency.

#include <cmath>
#include <cstdint>
#include <optional>

namespace tapescope::time_units {

inline constexpr std::int64_t kMinMs = 0;
inline constexpr std::int64_t kMaxMs = 253402300799999; // 9999-12-31T23:59:59.999Z

constexpr bool inWindow(std::int64_t ms)
{
    return ms >= kMinMs && ms <= kMaxMs;
}

constexpr std::optional<std::int64_t> millisToMs(std::int64_t ms)
{
    return inWindow(ms) ? std::optional<std::int64_t>(ms) : std::nullopt;
}

constexpr std::optional<std::int64_t> secondsToMs(std::int64_t seconds)
{
    // Compared before multiplying, so the product always fits.
    if (seconds < kMinMs / 1000 || seconds > kMaxMs / 1000)
        return std::nullopt;
    return seconds * 1000;
}

constexpr std::optional<std::int64_t> microsToMs(std::int64_t micros)
{
    if (micros < 0)
        return std::nullopt;
    return millisToMs(micros / 1000);
}

constexpr std::optional<std::int64_t> nanosToMs(std::int64_t nanos)
{
    if (nanos < 0)
        return std::nullopt;
    return millisToMs(nanos / 1000000); // every non-negative int64 of ns is before year 2263
}

// Fractional seconds ("ts": 1700000000.123): truncated toward the past to whole milliseconds. NaN, infinities and
// anything outside the window are refused before the conversion to an integer (which would be undefined).
inline std::optional<std::int64_t> secondsToMs(double seconds)
{
    if (!std::isfinite(seconds))
        return std::nullopt;
    const double ms = std::floor(seconds * 1000.0);
    if (!(ms >= double(kMinMs) && ms <= double(kMaxMs)))
        return std::nullopt;
    return static_cast<std::int64_t>(ms);
}

} // namespace tapescope::time_units
