#pragma once

#include <QtCore/QLoggingCategory>

namespace tapescope {
// "tapescope.net": connection state changes (info), sent frames as short previews (debug).
Q_DECLARE_LOGGING_CATEGORY(lcNet)
} // namespace tapescope
