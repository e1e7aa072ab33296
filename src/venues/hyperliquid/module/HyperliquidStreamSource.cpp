// `tapescope-cli stream --venue hyperliquid`: channels map one to one onto the venue's subscription types.
#include "venues/hyperliquid/module/HyperliquidCli.h"

#include "venues/hyperliquid/HyperliquidService.h"

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::optional<StreamSource> hyperliquidStreamSource(const StreamRequest &request, QString *error)
{
    using hyperliquid::Endpoints;
    using hyperliquid::Subscription;

    Endpoints endpoints = Endpoints::mainnet();
    if (request.environment == u"testnet"_s) {
        endpoints = Endpoints::testnet();
    } else if (!request.environment.isEmpty() && request.environment != u"mainnet"_s) {
        *error = u"--environment for hyperliquid must be mainnet or testnet (or give --url)"_s;
        return std::nullopt;
    }
    if (!request.url.isEmpty()) {
        QString why;
        auto custom = Endpoints::custom(QUrl(request.url), &why);
        if (!custom) {
            *error = u"--url: "_s + why;
            return std::nullopt;
        }
        endpoints = *custom;
    }

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
    auto service = std::make_unique<hyperliquid::HyperliquidService>(endpoints, options);
    service->subscribe(subscription);
    printer.endpoint = endpoints.wsUrl.toString();
    printer.fatalErrorCodes = { u"invalid_subscription"_s, u"bad_request"_s };
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
