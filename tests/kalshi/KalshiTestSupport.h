#pragma once

// Helpers shared by the Kalshi tests: fixture access and a one-line text form of every event, so a
// test compares what the codec produced field by field with one QCOMPARE.

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace tapescope::test {

QByteArray kalshiFixture(const QString &relativePath); // whole file under tests/data/kalshi
QByteArray kalshiFixtureLine(const QString &file, int lineNumber); // 1-based line of a .jsonl fixture
int kalshiFixtureLineCount(const QString &file);

QString kalshiEventText(const MarketEvent &event);
QStringList kalshiEventTexts(const EventBatch &events);

} // namespace tapescope::test
