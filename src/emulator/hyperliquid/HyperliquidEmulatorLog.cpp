#include "HyperliquidEmulatorLog.h"

namespace tapescope::emulator::hyperliquid {
Q_LOGGING_CATEGORY(lcHyperliquidEmulator, "tapescope.emulator.hyperliquid")
} // namespace tapescope::emulator::hyperliquid
