#pragma once

// How the emulated Alpaca writes numbers and times (docs/protocols/alpaca.md §5, §8): prices are JSON numbers and an
// integer-valued one has no decimal point ("136": decimalText() as it is); times are RFC 3339 with nine fraction
// digits.

#include "emulator/WireText.h"

#include <QtCore/QByteArray>

#include <cstdint>

namespace tapescope::emulator::alpaca {

// "2021-02-22T15:51:45.335689322Z"
QByteArray rfc3339(std::int64_t ms, int subMsNanos = 0);

} // namespace tapescope::emulator::alpaca
