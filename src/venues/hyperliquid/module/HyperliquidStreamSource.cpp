// `tapescope-cli stream --venue hyperliquid`: channels map one to one onto the venue's subscription types.
#include "venues/hyperliquid/module/HyperliquidCli.h"

#include "venues/hyperliquid/HyperliquidAccountService.h"
#include "venues/hyperliquid/HyperliquidService.h"

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

std::optional<hyperliquid::Endpoints> endpointsFor(const QString &environment, const QString &url, QString *error)
{
    using hyperliquid::Endpoints;
    Endpoints endpoints = Endpoints::mainnet();
    if (environment == u"testnet"_s) {
        endpoints = Endpoints::testnet();
    } else if (!environment.isEmpty() && environment != u"mainnet"_s) {
        *error = u"--environment for hyperliquid must be mainnet or testnet (or give --url)"_s;
        return std::nullopt;
    }
    if (!url.isEmpty()) {
        QString why;
        auto custom = Endpoints::custom(QUrl(url), &why);
        if (!custom) {
            *error = u"--url: "_s + why;
            return std::nullopt;
        }
        endpoints = *custom;
    }
    return endpoints;
}

} // namespace

std::optional<StreamSource> hyperliquidStreamSource(const StreamRequest &request, QString *error)
{
    using hyperliquid::Subscription;

    const auto endpoints = endpointsFor(request.environment, request.url, error);
    if (!endpoints)
        return std::nullopt;

    Subscription subscription;
    const auto type = Subscription::typeFromName(request.channel);
    if (!type) {
        *error = u"--channel for hyperliquid must be one of l2Book, bbo, trades, candle, allMids, activeAssetCtx"_s;
        return std::nullopt;
    }
    subscription.type = *type;
    subscription.coin = request.symbol;
    StreamPrintOptions printer;
    if (subscription.type == Subscription::Type::AllMids) {
        subscription.coin.clear();
        printer.symbolFilter = request.symbol; // allMids carries every coin; --symbol picks one
    } else if (subscription.coin.isEmpty()) {
        *error = u"--symbol is required for the %1 channel"_s.arg(request.channel);
        return std::nullopt;
    }
    if (subscription.type == Subscription::Type::Candle) {
        static const QStringList intervals = { u"1m"_s, u"3m"_s, u"5m"_s,  u"15m"_s, u"30m"_s, u"1h"_s, u"2h"_s,
                                               u"4h"_s, u"8h"_s, u"12h"_s, u"1d"_s,  u"3d"_s,  u"1w"_s, u"1M"_s };
        subscription.interval = request.interval.isEmpty() ? u"1m"_s : request.interval;
        if (!intervals.contains(subscription.interval)) {
            *error = u"--interval must be one of "_s + intervals.join(u' ');
            return std::nullopt;
        }
    }

    hyperliquid::HyperliquidService::Options options;
    options.fetchMetadata = false; // the CLI takes the wire coin as given; no REST needed
    options.coalesceSnapshots = false; // every book the venue sent is printed
    auto service = std::make_unique<hyperliquid::HyperliquidService>(*endpoints, options);
    service->subscribe(subscription);
    printer.endpoint = endpoints->wsUrl.toString();
    printer.fatalErrorCodes = { u"invalid_subscription"_s, u"bad_request"_s };
    return StreamSource { std::move(service), printer };
}

std::optional<StreamSource> hyperliquidAccountSource(const AccountRequest &request, QString *error)
{
    if (request.user.isEmpty()) {
        *error = u"--user is required: "_s + hyperliquid::addressRule();
        return std::nullopt;
    }
    const auto address = hyperliquid::normalizedAddress(request.user);
    if (!address) {
        *error = u"--user '%1' is not a Hyperliquid address: %2"_s.arg(request.user, hyperliquid::addressRule());
        return std::nullopt;
    }
    const auto endpoints = endpointsFor(request.environment, request.url, error);
    if (!endpoints)
        return std::nullopt;
    auto service = std::make_unique<hyperliquid::HyperliquidAccountService>(
        *endpoints, *address, hyperliquid::HyperliquidAccountService::Options {});
    StreamPrintOptions printer;
    printer.endpoint = endpoints->wsUrl.toString();
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
