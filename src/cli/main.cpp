// tapescope-cli: stream normalized market data, run the venue emulators, and the venues' own commands.
#include "cli/CliCommands.h"
#include "cli/StreamPrinter.h"

#include "core/EventJson.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace {

void printUsage(QTextStream &out)
{
    out << "Usage: tapescope-cli <command> [options]\n\n"
           "Commands:\n"
           "  stream    Print one normalized JSON event per line from a venue feed\n"
           "  account   Print a trader's orders, fills, positions and balances as normalized JSON lines\n"
           "  record    Record a stream or account session to a file (and print its events)\n"
           "  replay    Play a recording back and print the same events, with no network\n"
           "  emulate   Run the loopback venue emulator in the foreground\n";
    for (const tapescope::VenueModule *module : tapescope::venueModules()) {
        for (const tapescope::CliCommand &command : module->commands())
            out << "  " << command.name.leftJustified(9) << ' ' << command.summary << '\n';
    }
    out << "  bench     Measure ingest rate, latency and memory against an emulator process\n\n"
           "Run 'tapescope-cli <command> --help' for the options of a command.\n"
           "--verbose (any command) also prints the libraries' log lines on stderr.\n";
}

// stderr carries JSON lines only: the libraries' log lines too ({"type":"log",...}).
void writeLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *level = "debug";
    switch (type) {
    case QtDebugMsg:
        level = "debug";
        break;
    case QtInfoMsg:
        level = "info";
        break;
    case QtWarningMsg:
        level = "warning";
        break;
    case QtCriticalMsg:
        level = "critical";
        break;
    case QtFatalMsg:
        level = "fatal";
        break;
    }
    tapescope::cli::StreamPrinter::writeLine(stderr, tapescope::logJson(level, context.category, message));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tapescope-cli"_s);
    QCoreApplication::setOrganizationName(u"Tapescope"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPESCOPE_VERSION));

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.isEmpty() || args.first() == u"--help"_s || args.first() == u"-h"_s || args.first() == u"help"_s) {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? 1 : 0;
    }
    if (args.first() == u"--version"_s) {
        out << "tapescope-cli " << QCoreApplication::applicationVersion() << '\n';
        return 0;
    }
    // stdout carries the events and stderr the JSON status/error lines; library chatter only on request.
    if (!args.removeAll(u"--verbose"_s))
        QLoggingCategory::setFilterRules(u"tapescope.*.debug=false\ntapescope.*.info=false"_s);
    qInstallMessageHandler(writeLogLine);
    const QString command = args.first();
    if (command == u"stream"_s)
        return tapescope::cli::runStream(args);
    if (command == u"account"_s)
        return tapescope::cli::runAccount(args);
    if (command == u"record"_s)
        return tapescope::cli::runRecord(args);
    if (command == u"replay"_s)
        return tapescope::cli::runReplay(args);
    if (command == u"emulate"_s)
        return tapescope::cli::runEmulate(args);
    for (const tapescope::VenueModule *module : tapescope::venueModules()) {
        for (const tapescope::CliCommand &venueCommand : module->commands()) {
            if (venueCommand.name == command)
                return venueCommand.run(args);
        }
    }
    if (command == u"bench"_s)
        return tapescope::cli::runBench(args);
    err << "tapescope-cli: unknown command '" << command << "'\n\n";
    printUsage(err);
    return 1;
}
