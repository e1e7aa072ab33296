#include "cli/CliCommands.h"

#include "emulator/HyperliquidEmulator.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

int runEmulate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run the loopback venue emulator in the foreground (Ctrl+C stops it)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"emulate"_s, u"The command."_s);
    parser.addOption({u"venue"_s, u"Venue protocol to speak: hyperliquid."_s, u"venue"_s, u"hyperliquid"_s});
    parser.addOption({u"port"_s, u"TCP port to listen on (0 = any free port)."_s, u"port"_s, u"0"_s});
    parser.addOption({u"host"_s, u"Address to listen on."_s, u"address"_s, u"127.0.0.1"_s});
    parser.addOption({u"seed"_s, u"Random seed of the simulated market."_s, u"seed"_s, u"1"_s});
    parser.process(args);

    QTextStream err(stderr);
    if (parser.value(u"venue"_s) != u"hyperliquid"_s) {
        err << "tapescope-cli emulate: unsupported venue '" << parser.value(u"venue"_s) << "' (supported: hyperliquid)\n";
        return 1;
    }
    bool ok = false;
    const uint port = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "tapescope-cli emulate: --port must be a number from 0 to 65535\n";
        return 1;
    }
    const QHostAddress host(parser.value(u"host"_s));
    if (host.isNull()) {
        err << "tapescope-cli emulate: --host must be an IP address such as 127.0.0.1\n";
        return 1;
    }
    emulator::HyperliquidEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    emulator::HyperliquidEmulator emulator(options);
    if (!emulator.listen(host, static_cast<quint16>(port))) {
        err << "tapescope-cli emulate: cannot listen on " << host.toString() << ':' << port << '\n';
        return 2;
    }
    QTextStream out(stdout);
    out << "hyperliquid emulator listening: REST " << emulator.restBaseUrl().toString() << "/info, WebSocket "
        << emulator.wsUrl().toString() << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
