#pragma once

// One line of text per normalized event, spelling every field, so a test can state the whole expected
// output of a frame as readable strings (decimals keep the venue's spelling via Decimal::toString).

#include "core/Events.h"

#include <QtCore/QStringList>

namespace tapescope::test {

QString eventText(const MarketEvent &event);
QStringList eventTexts(const EventBatch &events);

} // namespace tapescope::test
