#pragma once

namespace tapescope {

// On Windows the app is a GUI executable (WIN32_EXECUTABLE, src/app/CMakeLists.txt): it starts with no console, so
// what --help, --version and --self-test print would go nowhere. When one of them is given, this attaches to the
// console of the process that started the app (a terminal, a CI step) and opens stdout and stderr on it, unless the
// parent already gave the stream a handle (a pipe or a file: redirection keeps working). Call it first thing in
// main(), before anything prints. Elsewhere it does nothing.
void attachConsoleForCommandLineOutput(int argc, char *argv[]);

} // namespace tapescope
