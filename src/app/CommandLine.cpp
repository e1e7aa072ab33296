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
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QCoreApplication::translate("main", "Render the main window to a PNG and exit."),
                                        QStringLiteral("file"));
    const QCommandLineOption screenshotDelay(QStringLiteral("screenshot-delay-ms"),
                                             QCoreApplication::translate("main", "Wait this long before the screenshot."),
                                             QStringLiteral("ms"), QStringLiteral("3000"));
    const QCommandLineOption selfTest(QStringLiteral("self-test"),
                                      QCoreApplication::translate("main", "Load the UI, wait for live data, exit 0 on success."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QCoreApplication::translate("main", "Use the built-in simulated market."));
    const QCommandLineOption hyperliquid(QStringLiteral("hyperliquid"),
                                         QCoreApplication::translate("main", "Connect to Hyperliquid: mainnet, testnet or a URL."),
                                         QStringLiteral("where"));
    parser.addOptions({screenshot, screenshotDelay, selfTest, demo, hyperliquid});
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
    if (options.forceDemo && !options.hyperliquid.isEmpty()) {
        std::fprintf(stderr, "--demo and --hyperliquid exclude each other\n");
        return std::nullopt;
    }
    return options;
}

} // namespace tapescope
