#include "cli/CliCommands.h"

#include "venues/api/VenueModule.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>
#include <QtNetwork/QHostAddress>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

int runEmulate(const QStringList &args)
{
    QStringList venues;
    for (const VenueModule *module : venueModules())
        venues.append(module->name());

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run the loopback venue emulator in the foreground (Ctrl+C stops it)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"emulate"_s, u"The command."_s);
    parser.addOption(
        { u"venue"_s, u"Venue protocol to speak: %1."_s.arg(venues.join(u", "_s)), u"venue"_s, venues.value(0) });
    parser.addOption({ u"port"_s, u"TCP port to listen on (0 = any free port)."_s, u"port"_s, u"0"_s });
    parser.addOption({ u"host"_s, u"Address to listen on."_s, u"address"_s, u"127.0.0.1"_s });
    parser.addOption({ u"seed"_s, u"Random seed of the simulated market."_s, u"seed"_s, u"1"_s });
    parser.addOption({ u"book-interval-ms"_s, u"Regular book refresh period."_s, u"ms"_s, u"250"_s });
    parser.addOption({ u"trade-interval-ms"_s, u"Regular trade tick period."_s, u"ms"_s, u"150"_s });
    for (const VenueModule *module : venueModules())
        module->addEmulateOptions(parser);
    parser.process(args);

    QTextStream err(stderr);
    const VenueModule *module = findVenueModule(parser.value(u"venue"_s));
    if (!module) {
        err << "tapescope-cli emulate: unsupported venue '" << parser.value(u"venue"_s)
            << "' (supported: " << venues.join(u", "_s) << ")\n";
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
    return module->runEmulator(parser, host, static_cast<quint16>(port));
}

} // namespace tapescope::cli
