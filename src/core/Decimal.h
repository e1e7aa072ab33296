#pragma once

#include <QtCore/QString>

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tapescope {

// An exact decimal number as venues send it: a signed 64-bit mantissa and a count of fraction digits.
// The scale is remembered, so "63460.0" formats back as "63460.0" and "0.00028" as "0.00028".
// There is deliberately no conversion from double; toDouble() exists only for charts and statistics.
class Decimal
{
public:
    static constexpr int MaxScale = 18;

    constexpr Decimal() = default;
    static constexpr Decimal fromRaw(std::int64_t mantissa, int scale) { return Decimal(mantissa, scale); }
    static Decimal fromInteger(std::int64_t value) { return Decimal(value, 0); }

    // Parses "123", "-0.0086", "+1.50", ".5", "1e-5", "2.5E3". Returns nullopt for anything else,
    // including values whose mantissa does not fit 64 bits (or is -2^63, which could not be negated) or whose
    // scale exceeds MaxScale.
    static std::optional<Decimal> parse(std::string_view text);
    static std::optional<Decimal> parse(const QString &text);
    // For string literals, which would otherwise be ambiguous between the two overloads above.
    static std::optional<Decimal> parse(const char *text) { return parse(std::string_view(text)); }
    // Like parse(), but fraction digits beyond what fits (64-bit mantissa, MaxScale) are dropped,
    // rounding toward zero. For statistics a venue over-specifies, e.g. Hyperliquid's dayNtlVlm
    // "1821282705.4506571293"; never for prices or sizes, which must be exact.
    static std::optional<Decimal> parseTruncated(std::string_view text);

    // Scaled integer: value * 10^-decimals, e.g. O2's chain quantities ("1500000", 6) -> 1.5.
    static std::optional<Decimal> fromScaledInteger(std::string_view digits, int decimals);

    std::int64_t mantissa() const { return m_mantissa; }
    int scale() const { return m_scale; }
    bool isZero() const { return m_mantissa == 0; }
    bool isNegative() const { return m_mantissa < 0; }

    // Integer key at a fixed scale (for order-book maps). Returns nullopt when the value has more
    // fraction digits than `scale` allows (it would be rounded) or the key overflows.
    std::optional<std::int64_t> toKey(int scale) const;
    static Decimal fromKey(std::int64_t key, int scale) { return Decimal(key, scale); }

    // Same value with exactly `scale` fraction digits; nullopt when digits would be lost or it overflows.
    std::optional<Decimal> rescaled(int scale) const;
    // Rounds down (toward negative infinity) to a multiple of `step` (price grouping on the ladder).
    std::optional<Decimal> floorToStep(const Decimal &step) const;

    // Exact arithmetic; nullopt on overflow. The result's scale is the larger of the two.
    std::optional<Decimal> checkedAdd(const Decimal &other) const;
    std::optional<Decimal> checkedSub(const Decimal &other) const;
    // Exact product (scale = the sum of the scales, trailing zeros dropped while it exceeds MaxScale);
    // nullopt when the product does not fit. Position value and P&L: size times price.
    std::optional<Decimal> checkedMul(const Decimal &other) const;
    // Exactly half, with one more fraction digit when the mantissa is odd (mid prices); nullopt past MaxScale.
    std::optional<Decimal> halved() const;
    Decimal operator+(const Decimal &other) const; // saturates only on overflow (documented misuse)
    Decimal operator-(const Decimal &other) const;
    Decimal operator-() const { return Decimal(-m_mantissa, m_scale); }

    // Numeric comparison: 1.0 == 1.00.
    friend bool operator==(const Decimal &a, const Decimal &b) { return compare(a, b) == 0; }
    friend std::strong_ordering operator<=>(const Decimal &a, const Decimal &b)
    {
        const int c = compare(a, b);
        return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
    }
    // Same value and same spelling.
    bool identical(const Decimal &other) const { return m_mantissa == other.m_mantissa && m_scale == other.m_scale; }

    std::string toStdString() const;
    QString toString() const { return QString::fromStdString(toStdString()); }
    double toDouble() const;

private:
    constexpr Decimal(std::int64_t mantissa, int scale)
        : m_mantissa(mantissa)
        , m_scale(static_cast<std::int8_t>(scale))
    { }
    static int compare(const Decimal &a, const Decimal &b);
    static std::optional<Decimal> parseText(std::string_view text, bool truncateFraction);

    std::int64_t m_mantissa = 0;
    std::int8_t m_scale = 0;
};

} // namespace tapescope
