#pragma once

#include <QtCore/QLoggingCategory>

namespace tapescope::emulator::hyperliquid {
Q_DECLARE_LOGGING_CATEGORY(lcHyperliquidEmulator)
} // namespace tapescope::emulator::hyperliquid
