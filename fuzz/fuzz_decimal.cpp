// Decimal: parse, parseTruncated, fromScaledInteger, the arithmetic and the formatting, each checked against exact
// 128-bit arithmetic. The input is two texts separated by the first '\n' (a second line is optional).
// Invariants:
//  - parse(toStdString(x)) is x, identically (same mantissa and scale): the formatting round-trips;
//  - where parse accepts a text, parseTruncated gives the same value (it only differs where parse refuses);
//  - checkedAdd / checkedSub / checkedMul give the exact result, or nullopt only when it does not fit;
//  - operator<=> agrees with the exact values; halved() * 2 is the value; rescaled() keeps the value;
//  - floorToStep(step) is at most the value and less than one step below it, for a positive step;
//  - operator-() on every Decimal a parser or the arithmetic can produce (no overflow).

#include "FuzzSupport.h"

#include "core/Decimal.h"

#include <limits>
#include <optional>

namespace {

using tapescope::Decimal;
using tapescope::fuzz::check;
__extension__ typedef __int128 Wide; // GCC and clang (fuzz/CMakeLists.txt is not built with MSVC)

Wide pow10(int n)
{
    Wide value = 1;
    for (int i = 0; i < n; ++i)
        value *= 10;
    return value;
}

// The exact value at scale 18 (|mantissa| < 2^63 and 10^18 < 2^60: fits 128 bits).
Wide exact(const Decimal &d)
{
    return static_cast<Wide>(d.mantissa()) * pow10(Decimal::MaxScale - d.scale());
}

// A Decimal's mantissa: 64 bits, but not -2^63 (which could not be negated).
bool fitsMantissa(Wide value)
{
    return value > std::numeric_limits<std::int64_t>::min() && value <= std::numeric_limits<std::int64_t>::max();
}

void checkRoundTrip(const Decimal &x)
{
    check(x.scale() >= 0 && x.scale() <= Decimal::MaxScale, "a Decimal with a scale outside 0..MaxScale");
    const std::string text = x.toStdString();
    const std::optional<Decimal> again = Decimal::parse(text);
    check(again.has_value(), "parse refused what toStdString wrote");
    check(again->identical(x), "parse(toStdString(x)) is not x");
    check(exact(-x) == -exact(x), "operator-() is not the negation");
    const QString qtext = x.toString();
    check(qtext.toStdString() == text, "toString and toStdString differ");
}

std::optional<Decimal> parseChecked(std::string_view text)
{
    const std::optional<Decimal> parsed = Decimal::parse(text);
    const std::optional<Decimal> truncated = Decimal::parseTruncated(text);
    if (parsed) {
        checkRoundTrip(*parsed);
        check(truncated.has_value(), "parseTruncated refused what parse accepts");
        check(exact(*truncated) == exact(*parsed), "parseTruncated differs from parse where parse accepts");
    }
    if (truncated)
        checkRoundTrip(*truncated);
    return parsed ? parsed : truncated;
}

void checkPair(const Decimal &a, const Decimal &b)
{
    const Wide ea = exact(a);
    const Wide eb = exact(b);
    const int scale = std::max(a.scale(), b.scale());
    const Wide unit = pow10(Decimal::MaxScale - scale);

    check(((a <=> b) == std::strong_ordering::less) == (ea < eb), "operator<=> disagrees with the exact values");
    check((a == b) == (ea == eb), "operator== disagrees with the exact values");

    const std::optional<Decimal> sum = a.checkedAdd(b);
    if (sum) {
        checkRoundTrip(*sum);
        check(exact(*sum) == ea + eb, "checkedAdd is not exact");
    } else {
        check(!fitsMantissa((ea + eb) / unit), "checkedAdd refused a sum that fits");
    }
    const std::optional<Decimal> difference = a.checkedSub(b);
    if (difference) {
        checkRoundTrip(*difference);
        check(exact(*difference) == ea - eb, "checkedSub is not exact");
    } else {
        check(!fitsMantissa((ea - eb) / unit), "checkedSub refused a difference that fits");
    }

    // The exact product at scale a.scale + b.scale: |mantissa product| < 2^126.
    const Wide product = static_cast<Wide>(a.mantissa()) * b.mantissa();
    const int productScale = a.scale() + b.scale();
    if (const std::optional<Decimal> result = a.checkedMul(b)) {
        checkRoundTrip(*result);
        check(result->scale() <= productScale, "checkedMul invented fraction digits");
        check(static_cast<Wide>(result->mantissa()) * pow10(productScale - result->scale()) == product,
              "checkedMul is not exact");
    }

    if (b.mantissa() > 0) {
        if (const std::optional<Decimal> floor = a.floorToStep(b)) {
            checkRoundTrip(*floor);
            const Wide ef = exact(*floor);
            check(ef <= ea && ea - ef < eb, "floorToStep is not the step multiple at or below the value");
            check(ef % eb == 0, "floorToStep is not a multiple of the step");
        }
    }
}

void checkOne(const Decimal &x)
{
    if (const std::optional<Decimal> half = x.halved()) {
        checkRoundTrip(*half);
        check(exact(*half) * 2 == exact(x), "halved() * 2 is not the value");
    }
    for (int scale = 0; scale <= Decimal::MaxScale; scale += 3) {
        if (const std::optional<Decimal> rescaled = x.rescaled(scale)) {
            check(rescaled->scale() == scale && exact(*rescaled) == exact(x), "rescaled() changed the value");
        }
        if (const std::optional<std::int64_t> key = x.toKey(scale))
            check(Decimal::fromKey(*key, scale) == x, "fromKey(toKey(x)) is not x");
    }
    (void)x.toDouble();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view first = input.substr(0, newline);
    const std::string_view second = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    const std::optional<Decimal> a = parseChecked(first);
    const std::optional<Decimal> b = newline == std::string_view::npos ? std::nullopt : parseChecked(second);
    if (a)
        checkOne(*a);
    if (b)
        checkOne(*b);
    if (a && b) {
        checkPair(*a, *b);
        checkPair(*b, *a);
    }
    // Chain integers (O2): the first line as digits, the second line's length as the decimals.
    const int decimals = static_cast<int>(second.size() % 40);
    if (const std::optional<Decimal> scaled = Decimal::fromScaledInteger(first, decimals))
        checkRoundTrip(*scaled);
    return 0;
}
