#include "Decimal.h"

#include <QtCore/qnumeric.h>

#include <array>
#include <cmath>
#include <limits>

namespace tapescope {

namespace {

constexpr std::array<std::int64_t, 19> kPow10 = { 1LL,
                                                  10LL,
                                                  100LL,
                                                  1000LL,
                                                  10000LL,
                                                  100000LL,
                                                  1000000LL,
                                                  10000000LL,
                                                  100000000LL,
                                                  1000000000LL,
                                                  10000000000LL,
                                                  100000000000LL,
                                                  1000000000000LL,
                                                  10000000000000LL,
                                                  100000000000000LL,
                                                  1000000000000000LL,
                                                  10000000000000000LL,
                                                  100000000000000000LL,
                                                  1000000000000000000LL };

bool mulPow10(std::int64_t value, int exponent, std::int64_t &out)
{
    if (exponent < 0 || exponent > 18)
        return false;
    return !qMulOverflow(value, kPow10[static_cast<std::size_t>(exponent)], &out);
}

int compareInt(std::int64_t a, std::int64_t b)
{
    return a < b ? -1 : a > b ? 1 : 0;
}

} // namespace

std::optional<Decimal> Decimal::parse(std::string_view text)
{
    return parseText(text, false);
}

std::optional<Decimal> Decimal::parseTruncated(std::string_view text)
{
    return parseText(text, true);
}

std::optional<Decimal> Decimal::parseText(std::string_view text, bool truncateFraction)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    bool negative = false;
    if (i < n && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    // The exponent first: truncation keeps the digits that land within MaxScale after it is applied
    // ("0.0000000000000000001e1" is 1e-18, not 0).
    const std::size_t mantissaEnd = std::min(text.find_first_of("eE", i), n);
    int exponent = 0;
    if (mantissaEnd < n) {
        std::size_t e = mantissaEnd + 1;
        bool expNegative = false;
        if (e < n && (text[e] == '-' || text[e] == '+')) {
            expNegative = text[e] == '-';
            ++e;
        }
        if (e == n)
            return std::nullopt;
        for (; e < n; ++e) {
            if (text[e] < '0' || text[e] > '9' || exponent > 100)
                return std::nullopt;
            exponent = exponent * 10 + (text[e] - '0');
        }
        if (expNegative)
            exponent = -exponent;
    }
    const int keptFractionDigits = MaxScale + exponent; // fraction digits that survive the exponent
    // Accumulate as a negative number so INT64_MIN is representable.
    std::int64_t acc = 0;
    int scale = 0;
    int digits = 0;
    bool seenPoint = false;
    for (; i < mantissaEnd; ++i) {
        const char c = text[i];
        if (c == '.') {
            if (seenPoint)
                return std::nullopt;
            seenPoint = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        ++digits;
        std::int64_t next = 0;
        const bool fits
            = !qMulOverflow(acc, std::int64_t { 10 }, &next) && !qSubOverflow(next, std::int64_t { c - '0' }, &next);
        if (truncateFraction && seenPoint && (!fits || scale >= keptFractionDigits))
            continue; // drop fraction digits that do not fit: rounds toward zero
        if (!fits)
            return std::nullopt;
        acc = next;
        if (seenPoint)
            ++scale;
    }
    if (digits == 0)
        return std::nullopt;
    scale -= exponent;
    if (acc == 0 && scale < 0)
        scale = 0; // "0e50" is zero, not an overflow
    if (scale < 0) {
        if (!mulPow10(acc, -scale, acc))
            return std::nullopt;
        scale = 0;
    }
    if (scale > MaxScale && truncateFraction) {
        // Integer digits pushed below MaxScale by a negative exponent ("5e-20"): truncate them too.
        const int drop = scale - MaxScale;
        acc = drop > 18 ? 0 : acc / kPow10[static_cast<std::size_t>(drop)];
        scale = MaxScale;
    }
    if (scale > MaxScale)
        return std::nullopt;
    // INT64_MIN is refused in both signs, so every Decimal can be negated (operator-() cannot overflow).
    if (acc == std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    if (!negative)
        acc = -acc;
    return Decimal(acc, scale);
}

std::optional<Decimal> Decimal::parse(const QString &text)
{
    const QByteArray latin = text.toLatin1();
    return parse(std::string_view(latin.constData(), static_cast<std::size_t>(latin.size())));
}

std::optional<Decimal> Decimal::fromScaledInteger(std::string_view digits, int decimals)
{
    if (decimals < 0 || decimals > MaxScale)
        return std::nullopt;
    for (char c : digits) {
        if (c == '.' || c == 'e' || c == 'E')
            return std::nullopt; // an integer is required
    }
    auto whole = parse(digits);
    if (!whole)
        return std::nullopt;
    return Decimal(whole->m_mantissa, decimals);
}

std::optional<std::int64_t> Decimal::toKey(int scale) const
{
    auto r = rescaled(scale);
    if (!r)
        return std::nullopt;
    return r->m_mantissa;
}

std::optional<Decimal> Decimal::rescaled(int scale) const
{
    if (scale < 0 || scale > MaxScale)
        return std::nullopt;
    if (scale >= m_scale) {
        std::int64_t m = 0;
        if (!mulPow10(m_mantissa, scale - m_scale, m))
            return std::nullopt;
        return Decimal(m, scale);
    }
    const std::int64_t div = kPow10[static_cast<std::size_t>(m_scale - scale)];
    if (m_mantissa % div != 0)
        return std::nullopt;
    return Decimal(m_mantissa / div, scale);
}

std::optional<Decimal> Decimal::floorToStep(const Decimal &step) const
{
    if (step.m_mantissa <= 0)
        return std::nullopt;
    const int scale = std::max<int>(m_scale, step.m_scale);
    auto a = rescaled(scale);
    auto s = step.rescaled(scale);
    if (!a || !s)
        return std::nullopt;
    std::int64_t q = a->m_mantissa / s->m_mantissa;
    if (a->m_mantissa % s->m_mantissa != 0 && a->m_mantissa < 0)
        --q;
    std::int64_t m = 0;
    // -2^63 fits the product but not a Decimal (it has no negation): -9223372036854775807 floored to a step of 2.
    if (qMulOverflow(q, s->m_mantissa, &m) || m == std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    return Decimal(m, scale);
}

std::optional<Decimal> Decimal::checkedAdd(const Decimal &other) const
{
    const int scale = std::max<int>(m_scale, other.m_scale);
    auto a = rescaled(scale);
    auto b = other.rescaled(scale);
    std::int64_t sum = 0;
    if (a && b) {
        if (qAddOverflow(a->m_mantissa, b->m_mantissa, &sum) || sum == std::numeric_limits<std::int64_t>::min())
            return std::nullopt;
        return Decimal(sum, scale);
    }
    // One operand does not fit 64 bits at the common scale (5.000043671019630163 - 10.03: 10.03 at scale 18). The
    // sum can still fit when the other operand, which has that scale, cancels part of it: |sum| < 2^63 and |other| <
    // 2^63 leave |aligned| < 2^64, so the aligned magnitude and the difference are exact in unsigned 64 bits.
    // The operand already at the common scale always rescales, so exactly one of a and b is empty.
    const Decimal &wide = a ? other : *this;
    const std::int64_t narrowMantissa = a ? a->m_mantissa : b->m_mantissa;
    if ((wide.m_mantissa < 0) == (narrowMantissa < 0) || narrowMantissa == 0)
        return std::nullopt; // same signs: the sum is larger than the operand that already overflows
    const auto magnitude = [](std::int64_t v) {
        return v < 0 ? std::uint64_t { 0 } - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    };
    std::uint64_t aligned = 0;
    if (qMulOverflow(magnitude(wide.m_mantissa),
                     static_cast<std::uint64_t>(kPow10[static_cast<std::size_t>(scale - wide.m_scale)]), &aligned))
        return std::nullopt;
    const std::uint64_t difference = aligned - magnitude(narrowMantissa); // aligned >= 2^63 > |narrow|
    if (difference > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        return std::nullopt;
    const auto value = static_cast<std::int64_t>(difference);
    return Decimal(wide.m_mantissa < 0 ? -value : value, scale);
}

std::optional<Decimal> Decimal::checkedSub(const Decimal &other) const
{
    if (other.m_mantissa == std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    return checkedAdd(-other);
}

std::optional<Decimal> Decimal::checkedMul(const Decimal &other) const
{
    std::int64_t product = 0;
    if (qMulOverflow(m_mantissa, other.m_mantissa, &product) || product == std::numeric_limits<std::int64_t>::min())
        return std::nullopt;
    int scale = m_scale + other.m_scale;
    while (scale > MaxScale && product % 10 == 0) {
        product /= 10;
        --scale;
    }
    if (scale > MaxScale)
        return std::nullopt;
    return Decimal(product, scale);
}

std::optional<Decimal> Decimal::halved() const
{
    if (m_mantissa % 2 == 0)
        return Decimal(m_mantissa / 2, m_scale);
    // An odd mantissa halves exactly with one more fraction digit: x/2 = (x*5)/10.
    std::int64_t m = 0;
    if (m_scale >= MaxScale || qMulOverflow(m_mantissa, std::int64_t { 5 }, &m))
        return std::nullopt;
    return Decimal(m, m_scale + 1);
}

Decimal Decimal::operator+(const Decimal &other) const
{
    return checkedAdd(other).value_or(*this);
}

Decimal Decimal::operator-(const Decimal &other) const
{
    return checkedSub(other).value_or(*this);
}

int Decimal::compare(const Decimal &a, const Decimal &b)
{
    if (a.m_scale == b.m_scale)
        return compareInt(a.m_mantissa, b.m_mantissa);
    // Align the value with fewer fraction digits to the other's scale. When that overflows 64 bits, its aligned
    // magnitude exceeds every int64, so the other (already at that scale, an int64) lies strictly between it and
    // zero: the sign of the overflowing value decides, no wider arithmetic needed.
    if (a.m_scale < b.m_scale) {
        std::int64_t aligned = 0;
        if (!mulPow10(a.m_mantissa, b.m_scale - a.m_scale, aligned))
            return a.m_mantissa < 0 ? -1 : 1;
        return compareInt(aligned, b.m_mantissa);
    }
    std::int64_t aligned = 0;
    if (!mulPow10(b.m_mantissa, a.m_scale - b.m_scale, aligned))
        return b.m_mantissa < 0 ? 1 : -1;
    return compareInt(a.m_mantissa, aligned);
}

std::string Decimal::toStdString() const
{
    const bool negative = m_mantissa < 0;
    // Unsigned magnitude so INT64_MIN formats correctly.
    std::uint64_t magnitude
        = negative ? 0 - static_cast<std::uint64_t>(m_mantissa) : static_cast<std::uint64_t>(m_mantissa);
    std::string digits = std::to_string(magnitude);
    if (m_scale > 0) {
        if (digits.size() <= static_cast<std::size_t>(m_scale))
            digits.insert(0, static_cast<std::size_t>(m_scale) - digits.size() + 1, '0');
        digits.insert(digits.size() - static_cast<std::size_t>(m_scale), 1, '.');
    }
    if (negative)
        digits.insert(0, 1, '-');
    return digits;
}

double Decimal::toDouble() const
{
    return static_cast<double>(m_mantissa) / static_cast<double>(kPow10[static_cast<std::size_t>(m_scale)]);
}

} // namespace tapescope
