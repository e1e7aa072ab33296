// Composition root: settings and arguments decide the venue, MarketSession builds the backend,
// the Workspace is handed to QML, and the window is loaded.
#include "AppLog.h"
#include "AppSettings.h"
#include "CommandLine.h"
#include "MarketSession.h"
#include "UiChecks.h"
#include "models/Workspace.h"

#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtWidgets/QApplication>

#include <memory>

Q_IMPORT_QML_PLUGIN(TapescopePlugin)
Q_IMPORT_QML_PLUGIN(Tapescope_ModelsPlugin)

using namespace Qt::StringLiterals;

namespace {

// --hyperliquid wins, then --demo, then the settings; with no venue configured the app runs the demo.
std::optional<tapescope::MarketSession::Config> sessionConfig(const tapescope::LaunchOptions &options,
                                                             const tapescope::AppSettings &settings, QString *error)
{
    using tapescope::hyperliquid::Endpoints;
    tapescope::MarketSession::Config config;
    config.displayRate = settings.displayRate();
    config.watchlist = settings.watchlist();
    QString where = options.hyperliquid;
    if (where.isEmpty() && !options.forceDemo && settings.hyperliquidEnabled()) {
        where = settings.hyperliquidEnvironment();
        if (where == u"custom")
            where = settings.hyperliquidCustomUrl().toString();
    }
    if (where.isEmpty())
        return config; // demo
    if (where == u"mainnet") {
        config.hyperliquid = Endpoints::mainnet();
    } else if (where == u"testnet") {
        config.hyperliquid = Endpoints::testnet();
        config.venueLabel = u"hyperliquid (testnet)"_s;
    } else {
        config.hyperliquid = Endpoints::custom(QUrl(where), error);
        config.venueLabel = u"hyperliquid (%1)"_s.arg(QUrl(where).host());
        if (!config.hyperliquid)
            return std::nullopt;
    }
    return config;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt Charts' QML types are widgets-based in Qt 6.4: QApplication, not QGuiApplication.
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Tapescope"_s);
    QApplication::setApplicationName(u"Tapescope"_s);
    QApplication::setApplicationVersion(QStringLiteral(TAPESCOPE_VERSION));
    QQuickStyle::setStyle(u"Basic"_s);

    const std::optional<tapescope::LaunchOptions> options = tapescope::parseCommandLine(app);
    if (!options)
        return 2;

    QString error;
    const tapescope::AppSettings settings;
    const std::optional<tapescope::MarketSession::Config> config = sessionConfig(*options, settings, &error);
    tapescope::MarketSession session;
    if (!config || !session.start(*config, &error)) {
        qCCritical(lcApp).noquote() << "cannot start:" << error;
        return 1;
    }
    tapescope::Workspace::setInstance(session.workspace());

    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s);
    std::unique_ptr<tapescope::SelfTest> selfTest;
    if (options->selfTest) // before load(), so it hears warnings from the first binding on
        selfTest = std::make_unique<tapescope::SelfTest>(&engine, session.workspace());
    engine.load(QUrl(u"qrc:/qt/qml/Tapescope/Main.qml"_s));
    auto *window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        qCCritical(lcApp) << "the main window failed to load";
        return 1;
    }

    if (!options->screenshotPath.isEmpty())
        tapescope::scheduleScreenshot(window, options->screenshotPath, options->screenshotDelayMs);
    if (selfTest)
        selfTest->start();
    return QApplication::exec();
}
