#include "EmulatorLog.h"

namespace tapescope::emulator {
Q_LOGGING_CATEGORY(lcEmulator, "tapescope.emulator")
}
