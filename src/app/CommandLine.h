#pragma once

#include "models/Workspace.h"

#include <QtCore/QString>

#include <optional>

class QCoreApplication;

namespace tapescope {

// What the user asked for on the command line.
struct LaunchOptions
{
    QString screenshotPath; // --screenshot FILE: render, save a PNG, exit
    int screenshotDelayMs = 3000; // --screenshot-delay-ms N
    bool selfTest = false; // --self-test: load the UI, wait for a live ladder, exit 0/1
    bool forceDemo = false; // --demo
    QString hyperliquid; // --hyperliquid mainnet|testnet|URL
    QString perfReportPath; // --perf-report FILE: frame/ladder rates, CPU, RSS, start-up, as JSON at exit
    int exitAfterMs = -1; // --exit-after-ms N: quit (exit 0) after N ms; -1 = run until closed
    Workspace::View view = Workspace::View::Markets; // --view markets|nfl|settings: what the window opens on
    QString select; // --select venue:symbol: the instrument the panels open on
    QString replayPath; // --replay FILE: play a recording instead of the live venues
    double replaySpeed = 1; // --replay-speed 1|N|max (0)
    bool record = false; // --record: record the feeds into the sessions folder from the start
};

// Parses the arguments; --help and --version print and exit here, as QCommandLineParser does.
// Returns nullopt (after printing why) when the arguments are invalid.
std::optional<LaunchOptions> parseCommandLine(const QCoreApplication &app);

} // namespace tapescope
