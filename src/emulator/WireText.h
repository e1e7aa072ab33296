#pragma once

// How the emulators write numbers and strings into the JSON they compose by hand, the way the venues' own
// serializers (Rust, Python, Go) do.

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QStringView>

#include <cstdint>

class QJsonObject;

namespace tapescope::emulator {

enum class IntegralDecimal { Bare, PointZero };

// mantissa × 10^-scale without trailing zeros: (12655, 2) -> "126.55", (13600, 2) -> "136". PointZero keeps one
// fraction digit on an integral value ("136.0"), as Rust and Python print floats. Exact, whatever the value.
QByteArray decimalText(std::int64_t mantissa, int scale, IntegralDecimal integral = IntegralDecimal::Bare);

// A JSON string literal, quotes included: quote and backslash escaped, \n \r \t as such, other control characters
// as \u00xx, everything else as UTF-8 (no \uXXXX for non-ASCII, like serde_json or Python's ensure_ascii=False).
QByteArray jsonString(QStringView text);
QByteArray jsonString(QByteArrayView utf8);

QByteArray compactJson(const QJsonObject &object);

} // namespace tapescope::emulator
