#pragma once

// How the emulated Alpaca writes numbers and times (alpaca.md §5, §8): prices are JSON numbers and an
// integer-valued one has no decimal point ("136"); times are RFC 3339 with nine fraction digits.

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <cstdint>

namespace tapescope::emulator::alpaca {

// mantissa * 10^-scale as a JSON number without trailing zeros: (12655, 2) -> 126.55, (13600, 2) -> 136.
QByteArray number(std::int64_t mantissa, int scale);
// "2021-02-22T15:51:45.335689322Z"
QByteArray rfc3339(std::int64_t ms, int subMsNanos = 0);
QByteArray quoted(const QString &text);

} // namespace tapescope::emulator::alpaca
