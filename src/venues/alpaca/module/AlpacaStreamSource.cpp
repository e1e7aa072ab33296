// `tapescope-cli stream --venue alpaca`: one channel of one feed; keys from ALPACA_API_KEY_ID / ALPACA_API_SECRET_KEY,
// else from the keychain entry the settings dialog saved.
#include "venues/alpaca/module/AlpacaCli.h"

#include "app/credentials/CredentialStore.h"
#include "venues/alpaca/AlpacaAccountService.h"
#include "venues/alpaca/AlpacaService.h"
#include "venues/api/CliCredentials.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope {
const VenueModule &alpacaModule();
}

namespace tapescope::cli {

std::optional<alpaca::Credentials> alpacaCredentials(CredentialStore &store, int timeoutMs, QString *error)
{
    const QString venue = alpacaModule().name();
    QString problem;
    const std::optional<BlockingLoadResult> found = findCredentials(store, venue, timeoutMs, &problem);
    if (found) {
        const VenueCredentials &saved = found->credentials;
        if (saved.keyId.isEmpty() || saved.secret.isEmpty()) {
            *error = u"%1 lacks the key id or the secret key; enter both in the settings dialog again"_s.arg(
                credentialOrigin(store, venue, found->source));
            return std::nullopt;
        }
        return alpaca::Credentials { saved.keyId, saved.secret };
    }
    *error = u"Alpaca needs API keys: set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY, or save them in Tapescope's "
             "settings dialog (kept in the keychain); keys are never taken on the command line"_s;
    if (!problem.isEmpty())
        *error += u" (%1)"_s.arg(problem);
    return std::nullopt;
}

std::optional<StreamSource> alpacaStreamSource(const StreamRequest &request, QString *error)
{
    using namespace alpaca;

    const QString feedText
        = request.parser && request.parser->isSet(u"feed"_s) ? request.parser->value(u"feed"_s) : u"iex"_s;
    const std::optional<Feed> feed = feedFromName(feedText);
    if (!feed) {
        *error = u"--feed for alpaca must be iex, sip, delayed_sip, test or crypto"_s;
        return std::nullopt;
    }
    static const QStringList channels
        = { u"trades"_s, u"quotes"_s, u"bars"_s, u"updatedBars"_s, u"dailyBars"_s, u"statuses"_s, u"orderbooks"_s };
    const std::optional<Channel> channel
        = channels.contains(request.channel) ? channelFromKey(request.channel.toStdString()) : std::nullopt;
    if (!channel) {
        *error = u"--channel for alpaca must be one of "_s + channels.join(u", "_s);
        return std::nullopt;
    }
    if (*channel == Channel::Orderbooks && !isCrypto(*feed)) {
        *error = u"order books exist only on --feed crypto; stock feeds have quotes (the inside) only"_s;
        return std::nullopt;
    }
    if (*channel == Channel::Statuses && isCrypto(*feed)) {
        *error = u"trading statuses exist only on the stock feeds"_s;
        return std::nullopt;
    }
    QString symbol = request.symbol;
    if (symbol.isEmpty() && *feed == Feed::Test)
        symbol = u"FAKEPACA"_s; // the test stream's only symbol (docs/protocols/alpaca.md §1.1)
    if (symbol.isEmpty()) {
        *error = u"--symbol is required, e.g. AAPL or BTC/USD (\"*\" for every symbol)"_s;
        return std::nullopt;
    }
    AlpacaService::Options options;
    options.oneLevelBooks = false; // print quotes as bbo lines only
    if (!request.url.isEmpty()) {
        const QUrl url(request.url);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"ws"_s && url.scheme() != u"wss"_s)) {
            *error = u"--url for alpaca must be a WebSocket URL such as ws://127.0.0.1:PORT/v2/test"_s;
            return std::nullopt;
        }
        options.url = url;
    }
    if (request.environment == u"sandbox"_s)
        options.sandbox = true;
    else if (!request.environment.isEmpty() && request.environment != u"production"_s) {
        *error = u"--environment for alpaca must be production or sandbox"_s;
        return std::nullopt;
    }
    // Last, after every cheap check: the keychain may take a moment (or ask to be unlocked).
    const std::optional<Credentials> credentials
        = alpacaCredentials(*systemCredentialStore(alpacaModule().description()), KeychainTimeoutMs, error);
    if (!credentials)
        return std::nullopt;

    auto service = std::make_unique<AlpacaService>(*feed, *credentials, options);
    SubscriptionSet subscription;
    subscription.add(*channel, symbol);
    service->subscribe(subscription);
    StreamPrintOptions printer;
    printer.endpoint = service->url().toString();
    printer.fatalErrorCodes = { u"invalid_subscription"_s, u"bad_request"_s, u"symbol_limit"_s };
    return StreamSource { std::move(service), printer };
}

void addAlpacaAccountOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"paper"_s, u"Alpaca: the paper trading account (the default)."_s });
    parser.addOption({ u"live"_s, u"Alpaca: the live trading account (live keys)."_s });
}

std::optional<StreamSource> alpacaAccountSource(const AccountRequest &request, QString *error)
{
    using namespace alpaca;

    const bool paperFlag = request.parser && request.parser->isSet(u"paper"_s);
    const bool liveFlag = request.parser && request.parser->isSet(u"live"_s);
    if (paperFlag && liveFlag) {
        *error = u"--paper and --live exclude each other"_s;
        return std::nullopt;
    }
    bool paper = !liveFlag;
    if (!request.environment.isEmpty()) {
        if (request.environment != u"paper"_s && request.environment != u"live"_s) {
            *error = u"--environment for alpaca must be paper or live"_s;
            return std::nullopt;
        }
        if ((request.environment == u"live"_s && paperFlag) || (request.environment == u"paper"_s && liveFlag)) {
            *error
                = u"--environment %1 contradicts --%2"_s.arg(request.environment, paperFlag ? u"paper"_s : u"live"_s);
            return std::nullopt;
        }
        paper = request.environment == u"paper"_s;
    }
    if (!request.user.isEmpty()) {
        *error = u"--user is not used by alpaca: the account is the one the API keys belong to"_s;
        return std::nullopt;
    }
    AlpacaAccountService::Options options;
    options.paper = paper;
    if (!request.url.isEmpty()) {
        const QUrl url(request.url);
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s)) {
            *error = u"--url for alpaca account must be the trading REST base, such as http://127.0.0.1:PORT (the "
                     "stream is derived: ws://127.0.0.1:PORT/stream)"_s;
            return std::nullopt;
        }
        options.tradingBase = url;
    }
    // Last, after every cheap check: the keychain may take a moment (or ask to be unlocked).
    const std::optional<Credentials> credentials
        = alpacaCredentials(*systemCredentialStore(alpacaModule().description()), KeychainTimeoutMs, error);
    if (!credentials)
        return std::nullopt;
    auto service = std::make_unique<AlpacaAccountService>(*credentials, options);
    StreamPrintOptions printer;
    printer.endpoint = service->streamUrl().toString();
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
