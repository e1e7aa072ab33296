#include "CommandLine.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>

#include <cstdio>

namespace tapescope {

std::optional<LaunchOptions> parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Live order books, trades and candles."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"), QCoreApplication::translate("main", "Render the main window to a PNG and exit."),
        QStringLiteral("file"));
    const QCommandLineOption screenshotDelay(
        QStringLiteral("screenshot-delay-ms"),
        QCoreApplication::translate("main", "Wait this long before the screenshot."), QStringLiteral("ms"),
        QStringLiteral("3000"));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QCoreApplication::translate("main", "Load the UI, wait for live data, exit 0 on success."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main", "Use the built-in simulated market."));
    const QCommandLineOption hyperliquid(
        QStringLiteral("hyperliquid"),
        QCoreApplication::translate("main", "Connect to Hyperliquid: mainnet, testnet or a URL."),
        QStringLiteral("where"));
    const QCommandLineOption perfReport(QStringLiteral("perf-report"),
                                        QCoreApplication::translate("main",
                                                                    "Write frame rate, ladder updates, CPU, memory "
                                                                    "and start-up time as JSON at exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption exitAfter(QStringLiteral("exit-after-ms"),
                                       QCoreApplication::translate("main", "Quit after this many milliseconds."),
                                       QStringLiteral("ms"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QCoreApplication::translate("main", "Open on this view: markets, nfl or settings."),
                                  QStringLiteral("view"), QStringLiteral("markets"));
    const QCommandLineOption select(QStringLiteral("select"),
                                    QCoreApplication::translate("main",
                                                                "Open on this instrument: venue:symbol, e.g. "
                                                                "hyperliquid:ETH, alpaca:AAPL, o2:fFUEL/fUSDC."),
                                    QStringLiteral("instrument"));
    const QCommandLineOption replay(
        QStringLiteral("replay"),
        QCoreApplication::translate("main", "Play a recording (tapescope-cli record) instead of the live venues."),
        QStringLiteral("file"));
    const QCommandLineOption replaySpeed(
        QStringLiteral("replay-speed"),
        QCoreApplication::translate("main", "How fast to play the recording: 1 (as recorded), N times faster, or max."),
        QStringLiteral("speed"), QStringLiteral("1"));
    const QCommandLineOption record(
        QStringLiteral("record"),
        QCoreApplication::translate("main", "Record every venue's feed into the sessions folder from the start."));
    parser.addOptions({ screenshot, screenshotDelay, selfTest, demo, hyperliquid, perfReport, exitAfter, view, select,
                        replay, replaySpeed, record });
    parser.process(app);

    LaunchOptions options;
    options.screenshotPath = parser.value(screenshot);
    bool ok = false;
    options.screenshotDelayMs = parser.value(screenshotDelay).toInt(&ok);
    if (!ok || options.screenshotDelayMs < 0) {
        std::fprintf(stderr, "--screenshot-delay-ms needs a non-negative number of milliseconds\n");
        return std::nullopt;
    }
    options.selfTest = parser.isSet(selfTest);
    options.forceDemo = parser.isSet(demo);
    options.hyperliquid = parser.value(hyperliquid);
    options.perfReportPath = parser.value(perfReport);
    if (parser.isSet(exitAfter)) {
        options.exitAfterMs = parser.value(exitAfter).toInt(&ok);
        if (!ok || options.exitAfterMs < 0) {
            std::fprintf(stderr, "--exit-after-ms needs a non-negative number of milliseconds\n");
            return std::nullopt;
        }
    }
    options.select = parser.value(select);
    if (!options.select.isEmpty() && options.select.indexOf(QLatin1Char(':')) < 1) {
        std::fprintf(stderr, "--select takes venue:symbol, e.g. hyperliquid:ETH\n");
        return std::nullopt;
    }
    const std::optional<Workspace::View> named = Workspace::viewNamed(parser.value(view));
    if (!named) {
        std::fprintf(stderr, "--view takes markets, nfl or settings\n");
        return std::nullopt;
    }
    options.view = *named;
    options.replayPath = parser.value(replay);
    options.record = parser.isSet(record);
    if (options.record && !options.replayPath.isEmpty()) {
        std::fprintf(stderr, "--record and --replay exclude each other\n");
        return std::nullopt;
    }
    const QString speed = parser.value(replaySpeed);
    if (speed == QLatin1String("max")) {
        options.replaySpeed = 0;
    } else {
        options.replaySpeed = speed.toDouble(&ok);
        if (!ok || options.replaySpeed <= 0) {
            std::fprintf(stderr, "--replay-speed takes a positive number or max\n");
            return std::nullopt;
        }
    }
    if (options.forceDemo && !options.hyperliquid.isEmpty()) {
        std::fprintf(stderr, "--demo and --hyperliquid exclude each other\n");
        return std::nullopt;
    }
    return options;
}

} // namespace tapescope
