#include "cli/CliCommands.h"

#include "cli/FeedCommand.h"
#include "cli/StreamPrinter.h"
#include "core/EventJson.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

int usageError(const QString &message)
{
    StreamPrinter::writeLine(stderr, fatalJson(u"stream"_s, 1, message));
    return 1;
}

} // namespace

std::optional<PreparedFeed> prepareStream(const QStringList &args, QString *error)
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
    addFeedOptions(parser);
    parser.addOption(
        { u"channel"_s, u"Channel to stream; the venue's section of the README lists them."_s, u"channel"_s });
    parser.addOption({ u"symbol"_s, u"Instrument in the venue's own spelling."_s, u"symbol"_s });
    parser.addOption({ u"interval"_s, u"Candle interval for candle channels, e.g. 1m."_s, u"interval"_s });
    for (const VenueModule *module : venueModules())
        module->addStreamOptions(parser);
    parser.process(args);

    const VenueModule *module = findVenueModule(parser.value(u"venue"_s));
    if (!module) {
        *error = u"unsupported venue '%1' (supported: %2)"_s.arg(parser.value(u"venue"_s), venues.join(u", "_s));
        return std::nullopt;
    }
    if (!parser.isSet(u"channel"_s)) {
        *error = u"--channel is required"_s;
        return std::nullopt;
    }

    const std::optional<FeedOptions> options = readFeedOptions(parser, error);
    if (!options)
        return std::nullopt;
    StreamRequest request;
    request.channel = parser.value(u"channel"_s);
    request.symbol = parser.value(u"symbol"_s);
    request.interval = parser.value(u"interval"_s);
    request.url = options->url;
    request.environment = options->environment;
    request.parser = &parser;
    std::optional<StreamSource> stream = module->streamSource(request, error);
    if (!stream)
        return std::nullopt;
    return PreparedFeed { std::move(*stream), *options, module->name() };
}

int runStream(const QStringList &args)
{
    QString error;
    std::optional<PreparedFeed> feed = prepareStream(args, &error);
    if (!feed)
        return usageError(error);
    return runPrintedFeed(std::move(feed->source), feed->options, u"stream"_s);
}

} // namespace tapescope::cli
