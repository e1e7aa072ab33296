#include "net/NetLogging.h"

namespace tapescope {
Q_LOGGING_CATEGORY(lcNet, "tapescope.net")
} // namespace tapescope
