#pragma once

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope::cli {

// `stream --venue alpaca|fiml` options: --feed (Alpaca) and --interval-ms (FIML).
void addAlpacaFimlStreamOptions(QCommandLineParser &parser);
// `emulate --venue alpaca|fiml` options: --heartbeat-ms (FIML), --tick-interval-ms and --bar-interval-ms (Alpaca).
void addAlpacaFimlEmulateOptions(QCommandLineParser &parser);

// The emulators in the foreground; read --seed and their options from `parser`. Exit codes as runEmulate.
int runAlpacaEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);
int runFimlEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
