#pragma once

#include <QtCore/QStringList>

namespace tapescope::cli {

// Each command parses its own arguments (args[0] is the command name) and returns the process exit code.
// Exit codes: 0 success, 1 usage error, 2 cannot connect / listen, 3 the venue rejected the request or dropped for
// good.
int runStream(const QStringList &args);
int runAccount(const QStringList &args);
int runEmulate(const QStringList &args);
int runBench(const QStringList &args);
// 4: the recording is damaged (replay: what is intact was replayed).
int runRecord(const QStringList &args);
int runReplay(const QStringList &args);

} // namespace tapescope::cli
