#pragma once

// Shared by the Alpaca codec tests: fixture lines and a readable text per event or session message.

#include "venues/alpaca/AlpacaCodec.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QStringList>

namespace tapescope::test {

// Lines of tests/data/alpaca/<file>, without the trailing empty line.
QList<QByteArray> alpacaFixtureLines(const char *file);
// The normalized JSON of every event (core/EventJson.h), one string each.
QStringList eventTexts(const EventBatch &events);
// "connected", "authenticated", "error 406 connection limit exceeded",
// "subscription trades=[AAPL] quotes=[AMD,CLDR] ..." (channels with symbols only, in Channel order).
QStringList sessionTexts(const std::vector<alpaca::SessionMessage> &session);

} // namespace tapescope::test
