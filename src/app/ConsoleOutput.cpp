#include "ConsoleOutput.h"

#include <QtCore/QByteArrayView>
#include <QtCore/qsystemdetection.h>

#ifdef Q_OS_WIN
#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <cstdio>
#endif

namespace tapescope {

#ifdef Q_OS_WIN
namespace {

// The options whose whole point is their output (CommandLine.cpp).
bool printsToConsole(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v"
            || arg == "--self-test")
            return true;
    }
    return false;
}

} // namespace

void attachConsoleForCommandLineOutput(int argc, char *argv[])
{
    // A GUI process's standard streams have no file descriptor (_fileno() < 0) unless its parent redirected them.
    const bool needsOut = _fileno(stdout) < 0, needsErr = _fileno(stderr) < 0;
    if ((!needsOut && !needsErr) || !printsToConsole(argc, argv) || !AttachConsole(ATTACH_PARENT_PROCESS))
        return; // started from Explorer: no console to attach to (QCommandLineParser then shows a message box)
    FILE *stream = nullptr;
    if (needsOut)
        freopen_s(&stream, "CONOUT$", "w", stdout);
    if (needsErr)
        freopen_s(&stream, "CONOUT$", "w", stderr);
}

#else

void attachConsoleForCommandLineOutput(int, char *[]) { }

#endif

} // namespace tapescope
