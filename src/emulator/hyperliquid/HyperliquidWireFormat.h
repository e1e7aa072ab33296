#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <cstdint>

namespace tapescope::emulator::hyperliquid::wire {

// Hyperliquid prints decimals the way Rust prints floats: no trailing zeros, but an integer keeps
// one ".0" ("97000.0", "0.00028", "12.0"). The value is exact: mantissa * 10^-scale.
QByteArray decimal(std::int64_t mantissa, int scale);

// A JSON string literal, quotes included.
QByteArray quoted(const QString &text);
QByteArray quoted(const QByteArray &utf8);

QByteArray number(std::int64_t value);

} // namespace tapescope::emulator::hyperliquid::wire
