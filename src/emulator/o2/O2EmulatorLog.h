#pragma once

#include <QtCore/QLoggingCategory>

namespace tapescope::emulator::o2 {
Q_DECLARE_LOGGING_CATEGORY(lcO2Emulator) // "tapescope.emulator.o2"
}
