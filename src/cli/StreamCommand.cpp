#include "cli/CliCommands.h"

#include "cli/StreamPrinter.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

int usageError(const QString &message)
{
    StreamPrinter::writeLine(stderr, "tapescope-cli stream: " + message.toUtf8());
    return 1;
}

} // namespace

int runStream(const QStringList &args)
{
    QStringList venues;
    for (const VenueModule *module : venueModules())
        venues.append(module->name());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print one normalized JSON event per line (see README, 'Normalized JSON'). Errors and state changes go to stderr."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"stream"_s, u"The command."_s);
    parser.addOption({ u"venue"_s, u"Venue: %1."_s.arg(venues.join(u", "_s)), u"venue"_s, venues.value(0) });
    parser.addOption(
        { u"url"_s, u"Venue URL (WebSocket, or REST base where the venue derives one from the other)."_s, u"url"_s });
    parser.addOption({ u"environment"_s, u"Venue environment, e.g. mainnet/testnet, production/demo."_s, u"name"_s });
    parser.addOption({ u"testnet"_s, u"Shorthand for --environment testnet."_s });
    parser.addOption(
        { u"channel"_s, u"Channel to stream; the venue's section of the README lists them."_s, u"channel"_s });
    parser.addOption({ u"symbol"_s, u"Instrument in the venue's own spelling."_s, u"symbol"_s });
    parser.addOption({ u"interval"_s, u"Candle interval for candle channels, e.g. 1m."_s, u"interval"_s });
    parser.addOption({ u"count"_s, u"Exit 0 after this many events (0 = run until interrupted)."_s, u"n"_s, u"0"_s });
    parser.addOption({ u"status"_s, u"Also print status, acknowledgement and heartbeat events on stdout."_s });
    parser.addOption({ u"reconnect-limit"_s,
                       u"Give up (exit 2) after this many seconds without a connection (0 = never)."_s, u"seconds"_s,
                       u"120"_s });
    for (const VenueModule *module : venueModules())
        module->addStreamOptions(parser);
    parser.process(args);

    const VenueModule *module = findVenueModule(parser.value(u"venue"_s));
    if (!module)
        return usageError(
            u"unsupported venue '%1' (supported: %2)"_s.arg(parser.value(u"venue"_s), venues.join(u", "_s)));
    if (!parser.isSet(u"channel"_s))
        return usageError(u"--channel is required"_s);

    bool ok = false;
    const quint64 count = parser.value(u"count"_s).toULongLong(&ok);
    if (!ok)
        return usageError(u"--count must be a non-negative number"_s);
    const int reconnectLimit = parser.value(u"reconnect-limit"_s).toInt(&ok);
    if (!ok || reconnectLimit < 0)
        return usageError(u"--reconnect-limit must be a non-negative number of seconds"_s);

    StreamRequest request;
    request.channel = parser.value(u"channel"_s);
    request.symbol = parser.value(u"symbol"_s);
    request.interval = parser.value(u"interval"_s);
    request.url = parser.value(u"url"_s);
    request.environment = parser.isSet(u"testnet"_s) ? u"testnet"_s : parser.value(u"environment"_s);
    request.parser = &parser;
    QString error;
    std::optional<StreamSource> stream = module->streamSource(request, &error);
    if (!stream)
        return usageError(error);

    StreamPrinter::Options options = stream->printer;
    options.count = count;
    options.printStatus = parser.isSet(u"status"_s);
    options.reconnectLimitMs = reconnectLimit * 1000;
    StreamPrinter printer(stream->feed.get(), options);
    QTimer::singleShot(0, stream->feed.get(), &VenueFeed::start);
    const int code = QCoreApplication::exec();
    return code != 0 ? code : printer.exitCode();
}

} // namespace tapescope::cli
