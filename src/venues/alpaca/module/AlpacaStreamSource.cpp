// `tapescope-cli stream --venue alpaca`: one channel of one feed; keys from ALPACA_API_KEY_ID / ALPACA_API_SECRET_KEY,
// else from the keychain entry the settings dialog saved.
#include "cli/CliCredentials.h"
#include "cli/StreamSources.h"

#include "app/credentials/CredentialStore.h"

#include "venues/alpaca/AlpacaService.h"

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::optional<StreamSource> alpacaStreamSource(const StreamRequest &request, QString *error)
{
    using namespace alpaca;

    const QString feedText = request.parser && request.parser->isSet(u"feed"_s) ? request.parser->value(u"feed"_s)
                                                                                 : u"iex"_s;
    const std::optional<Feed> feed = feedFromName(feedText);
    if (!feed) {
        *error = u"--feed for alpaca must be iex, sip, delayed_sip, test or crypto"_s;
        return std::nullopt;
    }
    static const QStringList channels = {u"trades"_s, u"quotes"_s, u"bars"_s, u"updatedBars"_s,
                                         u"dailyBars"_s, u"statuses"_s, u"orderbooks"_s};
    const std::optional<Channel> channel = channels.contains(request.channel)
        ? channelFromKey(request.channel.toStdString())
        : std::nullopt;
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
        symbol = u"FAKEPACA"_s; // the test stream's only symbol (alpaca.md §1.1)
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
    const std::optional<Credentials> credentials = alpacaCredentials(*systemCredentialStore(), KeychainTimeoutMs, error);
    if (!credentials)
        return std::nullopt;

    auto service = std::make_unique<AlpacaService>(*feed, *credentials, options);
    SubscriptionSet subscription;
    subscription.add(*channel, symbol);
    service->subscribe(subscription);
    StreamPrinter::Options printer;
    printer.endpoint = service->url().toString();
    printer.fatalErrorCodes = {u"invalid_subscription"_s, u"bad_request"_s, u"symbol_limit"_s};
    return StreamSource{std::move(service), printer};
}

} // namespace tapescope::cli
