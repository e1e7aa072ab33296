#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope::cli {

// `stream --venue o2`: depth or trades of one market; option --depth-precision N (price buckets of 10^N chain
// units, 1..18).
void addO2StreamOptions(QCommandLineParser &parser);
std::optional<StreamSource> o2StreamSource(const StreamRequest &request, QString *error);

// `emulate --venue o2`: the O2 emulator in the foreground; reads --seed, --book-interval-ms and
// --trade-interval-ms from `parser`. Exit codes as runEmulate.
int runO2Emulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
