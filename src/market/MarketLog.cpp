#include "MarketLog.h"

Q_LOGGING_CATEGORY(lcMarket, "tapescope.market")
