#pragma once

#include <QtCore/QLoggingCategory>

namespace tapescope::emulator {
Q_DECLARE_LOGGING_CATEGORY(lcEmulator)
}
