#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope::cli {

// `stream --venue fiml`: option --interval-ms (100..60000).
void addFimlStreamOptions(QCommandLineParser &parser);
std::optional<StreamSource> fimlStreamSource(const StreamRequest &request, QString *error);

// `emulate --venue fiml`: options --heartbeat-ms; the emulator in the foreground, reading --seed too.
// Exit codes as runEmulate.
void addFimlEmulateOptions(QCommandLineParser &parser);
int runFimlEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
