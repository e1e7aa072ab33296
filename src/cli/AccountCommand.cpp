// `tapescope-cli account`: one trader's account at one venue as normalized JSON lines (README "Account events").
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
    StreamPrinter::writeLine(stderr, fatalJson(u"account"_s, 1, message));
    return 1;
}

} // namespace

std::optional<PreparedFeed> prepareAccount(const QStringList &args, QString *error)
{
    QStringList venues;
    for (const VenueModule *module : venueModules()) {
        if (module->hasAccounts())
            venues.append(module->name());
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print a trader's orders, fills, positions, balances, funding and ledger as normalized JSON lines "
        "(see README, 'Account events'): the bootstrap first (\"snapshot\":true), then \"synced\", then live "
        "changes. Status and errors go to stderr."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"account"_s, u"The command."_s);
    parser.addOption({ u"venue"_s, u"Venue: %1."_s.arg(venues.join(u", "_s)), u"venue"_s, venues.value(0) });
    parser.addOption({ u"user"_s,
                       u"The account, as the venue names it, where the venue needs one (Hyperliquid: its 0x "
                       "address). Where the API key identifies the account the venue's section of the README says "
                       "whether it is accepted."_s,
                       u"account"_s });
    addFeedOptions(parser);
    for (const VenueModule *module : venueModules()) {
        if (module->hasAccounts())
            module->addAccountOptions(parser);
    }
    parser.process(args);

    const VenueModule *module = findVenueModule(parser.value(u"venue"_s));
    if (!module) {
        *error = u"unsupported venue '%1' (with accounts: %2)"_s.arg(parser.value(u"venue"_s), venues.join(u", "_s));
        return std::nullopt;
    }
    if (!module->hasAccounts()) {
        *error = u"%1 has no account data (with accounts: %2)"_s.arg(module->name(), venues.join(u", "_s));
        return std::nullopt;
    }

    const std::optional<FeedOptions> options = readFeedOptions(parser, error);
    if (!options)
        return std::nullopt;
    AccountRequest request;
    request.user = parser.value(u"user"_s);
    request.url = options->url;
    request.environment = options->environment;
    request.parser = &parser;
    std::optional<StreamSource> source = module->accountSource(request, error);
    if (!source)
        return std::nullopt;
    return PreparedFeed { std::move(*source), *options, module->name() };
}

int runAccount(const QStringList &args)
{
    QString error;
    std::optional<PreparedFeed> feed = prepareAccount(args, &error);
    if (!feed)
        return usageError(error);
    return runPrintedFeed(std::move(feed->source), feed->options, u"account"_s);
}

} // namespace tapescope::cli
