// Composition root: settings and arguments decide the venues, MarketSession builds the backend,
// the Workspace is handed to QML, and the window is loaded.
#include "AppLog.h"
#include "AppSettings.h"
#include "CommandLine.h"
#include "ConsoleOutput.h"
#include "FrameClock.h"
#include "LaunchPlan.h"
#include "MarketSession.h"
#include "PerfReport.h"
#include "Translations.h"
#include "UiChecks.h"
#include "cli/FeedCommand.h"
#include "credentials/CredentialStore.h"
#include "credentials/KeychainBackend.h"
#include "models/Workspace.h"
#include "settings/SettingsController.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtGui/QIcon>
#include <QtGui/QScreen>
#include <QtNetwork/QSslConfiguration>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlExtensionPlugin>
#include <QtQuick/QQuickWindow>
#include <QtQuickControls2/QQuickStyle>
#include <QtWidgets/QApplication>

#include <algorithm>
#include <cstdlib>
#include <memory>

Q_IMPORT_QML_PLUGIN(TapescopePlugin)
Q_IMPORT_QML_PLUGIN(Tapescope_ModelsPlugin)
Q_IMPORT_QML_PLUGIN(Tapescope_SettingsPlugin)

using namespace Qt::StringLiterals;

namespace {

// --help and --version must work on a machine with no display, so they are answered before any GUI exists.
bool wantsInformationOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "--help-all" || arg == "--version" || arg == "-v")
            return true;
    }
    return false;
}

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"Tapescope"_s);
    QCoreApplication::setApplicationName(u"Tapescope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPESCOPE_VERSION));
}

// The window and taskbar icon (resources/icons, compiled in), and the desktop entry that Wayland compositors and
// task managers match the window with (resources/linux).
void setApplicationIcon()
{
    QIcon icon;
    for (const int size : { 16, 24, 32, 48, 64, 128, 256 })
        icon.addFile(u":/icons/%1x%1/apps/io.github.tapescope.Tapescope.png"_s.arg(size), QSize(size, size));
    QGuiApplication::setWindowIcon(icon);
    QGuiApplication::setDesktopFileName(u"io.github.tapescope.Tapescope"_s);
}

// The window opens at its designed size (Main.qml) or smaller where the screen's free area is smaller, as on a
// 1366×768 laptop, centred. The offscreen platform's screen is a placeholder (800×600), so headless runs
// (screenshots, self-test) keep the designed size or -qwindowgeometry's.
void fitToScreen(QQuickWindow *window)
{
    if (QGuiApplication::platformName() == u"offscreen" || !window->screen())
        return;
    const QRect available = window->screen()->availableGeometry();
    const QMargins frame = window->frameMargins(); // still zero before the first show on most platforms
    const int titleBar = frame.top() > 0 ? frame.top() : 32;
    const QSize fitted(std::min(window->width(), available.width() - frame.left() - frame.right()),
                       std::min(window->height(), available.height() - titleBar - frame.bottom()));
    if (fitted == window->size())
        return;
    window->resize(fitted);
    window->setPosition(available.x() + (available.width() - fitted.width()) / 2,
                        available.y() + titleBar + (available.height() - titleBar - fitted.height()) / 2);
}

// The settings' recording limits (MB of 1,000,000 bytes, minutes; 0: none) for the session's next REC.
void applyRecordingLimits(tapescope::MarketSession &session, const tapescope::DisplaySettings &display)
{
    session.setRecordingLimits(qint64(display.recordingLimitMb) * 1'000'000,
                               qint64(display.recordingLimitMinutes) * 60'000'000'000);
}

// QT_FATAL_WARNINGS=1 (the self-test under ctest) makes every warning fatal, which is the point: a QML binding
// error, a missing type, a timer in the wrong thread fail the test. One warning is Qt's own bookkeeping, not ours:
// "QUnifiedTimer::stopAnimationDriver: driver is not running" (Qt Quick's animation driver asked to stop when it
// already had), which aborted one self-test on a loaded machine with nothing wrong on screen. So the app takes the
// fatality over from Qt: every warning and critical message is printed by Qt's handler and then aborts, except that
// one, which is only printed. So is a venue request that timed out ("no answer within 15 s", networkErrorText()): a
// demo venue slow to answer on an overloaded machine is a feed state the panels show, not a defect of the UI, and it
// aborted the self-test twice while a sanitizer build ran alongside (2026-12-06).
QtMessageHandler g_qtMessageHandler = nullptr;

void fatalWarningsButQtBookkeeping(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_qtMessageHandler(type, context, message);
    const bool tolerated = message.startsWith(u"QUnifiedTimer::stopAnimationDriver: driver is not running"_s)
        || (QByteArrayView(context.category).startsWith("tapescope.") && message.contains(u"no answer within "_s));
    if ((type == QtWarningMsg || type == QtCriticalMsg) && !tolerated)
        std::abort();
}

void takeOverFatalWarnings()
{
    if (qEnvironmentVariableIntValue("QT_FATAL_WARNINGS") != 1)
        return; // unset, or "fatal from the Nth warning": Qt's own rule
    qunsetenv("QT_FATAL_WARNINGS"); // before the first warning: Qt reads it then
    g_qtMessageHandler = qInstallMessageHandler(fatalWarningsButQtBookkeeping);
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain; // first thing: start-up is measured from here (--perf-report)
    sinceMain.start();
    takeOverFatalWarnings();
    tapescope::attachConsoleForCommandLineOutput(argc, argv); // Windows: a GUI executable has no console of its own
    if (wantsInformationOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationIdentity();
        return tapescope::parseCommandLine(app) ? 0 : 2; // prints and exits for --help/--version
    }
    // Qt Charts' QML types are widgets-based in Qt 6.4: QApplication, not QGuiApplication.
    QApplication app(argc, argv);
    setApplicationIdentity();
    setApplicationIcon();
    QQuickStyle::setStyle(u"Basic"_s);

    const std::optional<tapescope::LaunchOptions> options = tapescope::parseCommandLine(app);
    if (!options)
        return 2;

    // TAPESCOPE_CA_FILE: certificates every socket trusts besides the system's, as in the CLI; verification is never
    // switched off. A file that is not one is refused here, naming the variable to fix.
    if (const QString caFile = qEnvironmentVariable("TAPESCOPE_CA_FILE"); !caFile.isEmpty()) {
        QString why;
        const auto certificates = tapescope::cli::readCaFile(caFile, u"TAPESCOPE_CA_FILE"_s, &why);
        if (!certificates) {
            qCCritical(lcApp).noquote() << "cannot start:" << why;
            return 1;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(*certificates);
        QSslConfiguration::setDefaultConfiguration(tls);
        qCInfo(lcApp).noquote() << "trusting" << certificates->size() << "certificate(s) from" << caFile
                                << "besides the system's";
    }

    tapescope::AppSettings settings;
    tapescope::Translations translations;
    translations.use(settings.language());
    tapescope::CredentialStore credentials(std::make_unique<tapescope::KeychainBackend>(),
                                           tapescope::venueCredentialVariables());

    QString error;
    const std::optional<tapescope::MarketSession::Config> config
        = tapescope::planLaunch(*options, settings, credentials, &error);
    if (!config) {
        qCCritical(lcApp).noquote() << "cannot start:" << error;
        return 1;
    }
    tapescope::MarketSession session;
    session.setRecordingFolder(settings.recordingFolder());
    applyRecordingLimits(session, settings.display());
    // When no configured venue can start (missing keys, a bad URL), the window still opens, on the settings,
    // with the reason: the place to fix it. Headless runs (--self-test, --screenshot) fail instead.
    QString startProblem;
    if (!options->replayPath.isEmpty()) {
        // A recording instead of the live venues; closing it in the window starts those.
        session.rememberLive(*config);
        if (!session.startReplay(options->replayPath, { options->replaySpeed, false, 0 }, &error)) {
            qCCritical(lcApp).noquote() << "cannot replay:" << error;
            return 1;
        }
    } else if (!session.start(*config, &error)) {
        qCCritical(lcApp).noquote() << "cannot start:" << error;
        if (options->selfTest || !options->screenshotPath.isEmpty() || options->exitAfterMs >= 0)
            return 1;
        startProblem = error;
    }
    if (options->record && startProblem.isEmpty() && !session.setRecording(true, &error))
        qCWarning(lcApp).noquote() << "cannot record:" << error;
    tapescope::Workspace::setInstance(session.workspace());

    // Accepted settings apply to the running session: the affected venue restarts, nothing else does.
    QQmlApplicationEngine *enginePointer = nullptr; // the engine must go before the session, so it is made later
    tapescope::SettingsController::Hooks hooks;
    hooks.applyVenue
        = [&session](const tapescope::VenueSettings &venue, const tapescope::VenueCredentials &secrets, QString *why) {
              return session.reconfigureVenue({ venue, secrets, false }, why);
          };
    hooks.applyDisplay = [&session, &translations, &enginePointer](const tapescope::DisplaySettings &display) {
        session.setDisplayRate(display.updateRate);
        session.setRecordingFolder(display.recordingFolder.isEmpty() ? tapescope::AppSettings::defaultRecordingFolder()
                                                                     : display.recordingFolder);
        applyRecordingLimits(session, display);
        translations.use(display.language);
        if (enginePointer)
            enginePointer->retranslate();
    };
    tapescope::SettingsController settingsController(&settings, &credentials, std::move(hooks));
    tapescope::SettingsController::setInstance(&settingsController);
    settingsController.setStartProblem(startProblem);
    session.workspace()->setView(startProblem.isEmpty() ? options->view : tapescope::Workspace::View::Settings);

    QQmlApplicationEngine engine;
    enginePointer = &engine;
    engine.addImportPath(u"qrc:/qt/qml"_s);
    std::unique_ptr<tapescope::SelfTest> selfTest;
    if (options->selfTest) { // before load(), so it hears warnings from the first binding on
        // TAPESCOPE_SELF_TEST_TIMEOUT_MS: a longer wait where the app runs slowly (the sanitizer suite: tests/qml).
        bool ok = false;
        const int timeoutMs = qEnvironmentVariableIntValue("TAPESCOPE_SELF_TEST_TIMEOUT_MS", &ok);
        selfTest = ok && timeoutMs > 0 ? std::make_unique<tapescope::SelfTest>(&engine, session.workspace(), timeoutMs)
                                       : std::make_unique<tapescope::SelfTest>(&engine, session.workspace());
    }
    engine.load(QUrl(u"qrc:/qt/qml/Tapescope/Main.qml"_s));
    auto *window
        = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        qCCritical(lcApp) << "the main window failed to load";
        return 1;
    }

    fitToScreen(window);
    // Owned by the window's content item: the models now change as the window prepares each frame.
    new tapescope::FrameClock(window, session.hub());

    if (!options->screenshotPath.isEmpty())
        tapescope::scheduleScreenshot(window, options->screenshotPath, options->screenshotDelayMs);
    if (selfTest)
        selfTest->start();
    std::unique_ptr<tapescope::PerfReport> perfReport;
    if (!options->perfReportPath.isEmpty()) {
        constexpr int kWarmupMs = 5000; // connect, metadata, first books, QML caches: not the steady state
        perfReport = std::make_unique<tapescope::PerfReport>(options->perfReportPath, sinceMain, kWarmupMs);
        perfReport->watch(window, session.workspace(), session.hub(), session.accounts(), session.feeds());
        perfReport->watchEmulators(session.emulators());
    }
    if (options->exitAfterMs >= 0)
        QTimer::singleShot(options->exitAfterMs, &app, &QCoreApplication::quit);
    const int exitCode = QApplication::exec();
    if (perfReport && !perfReport->write())
        return exitCode == 0 ? 1 : exitCode;
    return exitCode;
}
