#pragma once

#include <QtCore/QStringList>

class QCommandLineParser;

namespace tapescope::cli::bench {

// Each returns the process exit code; results go to stdout as readable lines and one JSON "result" line.
int runIngest(const QStringList &args);
int runLatency(const QStringList &args);
int runSoak(const QStringList &args);

// Options every bench shares: --emulator-port (use a running emulator instead of spawning one).
void addCommonOptions(QCommandLineParser &parser);
// A positive integer option, or -1 after printing why it is not one.
qint64 positiveOption(const QCommandLineParser &parser, const QString &name);
// The machine a figure came from, for the results table: "2 x AMD EPYC ...".
QString machineSummary();

} // namespace tapescope::cli::bench
