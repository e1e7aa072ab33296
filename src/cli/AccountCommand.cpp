// `tapescope-cli account`: one trader's account at one venue as normalized JSON lines (README "Account events").
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
    StreamPrinter::writeLine(stderr, "tapescope-cli account: " + message.toUtf8());
    return 1;
}

} // namespace

int runAccount(const QStringList &args)
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
    parser.addOption(
        { u"user"_s,
          u"The account, as the venue names it (Hyperliquid: its 0x address). Venues that name the account with an "
          "option of their own (see below) do not need it; each venue refuses a missing account itself."_s,
          u"account"_s });
    parser.addOption(
        { u"url"_s, u"Venue URL (WebSocket, or REST base where the venue derives one from the other)."_s, u"url"_s });
    parser.addOption({ u"environment"_s, u"Venue environment, e.g. mainnet/testnet."_s, u"name"_s });
    parser.addOption({ u"testnet"_s, u"Shorthand for --environment testnet."_s });
    parser.addOption({ u"count"_s, u"Exit 0 after this many events (0 = run until interrupted)."_s, u"n"_s, u"0"_s });
    parser.addOption({ u"status"_s, u"Also print status, acknowledgement and heartbeat events on stdout."_s });
    parser.addOption({ u"reconnect-limit"_s,
                       u"Give up (exit 2) after this many seconds without a connection (0 = never)."_s, u"seconds"_s,
                       u"120"_s });
    for (const VenueModule *module : venueModules()) {
        if (module->hasAccounts())
            module->addAccountOptions(parser);
    }
    parser.process(args);

    const VenueModule *module = findVenueModule(parser.value(u"venue"_s));
    if (!module)
        return usageError(
            u"unsupported venue '%1' (with accounts: %2)"_s.arg(parser.value(u"venue"_s), venues.join(u", "_s)));
    if (!module->hasAccounts())
        return usageError(u"%1 has no account data (with accounts: %2)"_s.arg(module->name(), venues.join(u", "_s)));

    bool ok = false;
    const quint64 count = parser.value(u"count"_s).toULongLong(&ok);
    if (!ok)
        return usageError(u"--count must be a non-negative number"_s);
    const int reconnectLimit = parser.value(u"reconnect-limit"_s).toInt(&ok);
    if (!ok || reconnectLimit < 0)
        return usageError(u"--reconnect-limit must be a non-negative number of seconds"_s);

    AccountRequest request;
    request.user = parser.value(u"user"_s);
    request.url = parser.value(u"url"_s);
    request.environment = parser.isSet(u"testnet"_s) ? u"testnet"_s : parser.value(u"environment"_s);
    request.parser = &parser;
    QString error;
    std::optional<StreamSource> source = module->accountSource(request, &error);
    if (!source)
        return usageError(error);

    StreamPrinter::Options options = source->printer;
    options.command = u"account"_s;
    options.count = count;
    options.printStatus = parser.isSet(u"status"_s);
    options.reconnectLimitMs = reconnectLimit * 1000;
    StreamPrinter printer(source->feed.get(), options);
    QTimer::singleShot(0, source->feed.get(), &VenueFeed::start);
    const int code = QCoreApplication::exec();
    return code != 0 ? code : printer.exitCode();
}

} // namespace tapescope::cli
