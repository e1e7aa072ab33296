// `tapescope-cli stream --venue kalshi`: one market's order book (YES view), ticker or trades.
#include "venues/kalshi/module/KalshiCliSupport.h"

#include "venues/kalshi/KalshiService.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::optional<StreamSource> kalshiStreamSource(const StreamRequest &request, QString *error)
{
    static const QHash<QString, QString> channels = {
        { u"orderbook"_s, QLatin1String(kalshi::channel::OrderbookDelta) },
        { u"ticker"_s, QLatin1String(kalshi::channel::Ticker) },
        { u"trade"_s, QLatin1String(kalshi::channel::Trade) },
        { u"lifecycle"_s, QLatin1String(kalshi::channel::MarketLifecycle) },
    };
    const QString channel = channels.value(request.channel);
    if (channel.isEmpty()) {
        *error = u"--channel for kalshi must be one of orderbook, ticker, trade, lifecycle"_s;
        return std::nullopt;
    }
    if (request.symbol.isEmpty() || !kalshi::Codec::isValidMarketTicker(request.symbol)) {
        *error = u"--symbol must be a Kalshi market ticker such as KXNFLGAME-25SEP04DALPHI-PHI (no wildcards)"_s;
        return std::nullopt;
    }
    const auto endpoints = kalshicli::endpoints(request.url, request.environment, error);
    if (!endpoints)
        return std::nullopt;
    const auto credentials = kalshicli::credentials(*request.parser, true, error);
    if (!credentials)
        return std::nullopt;

    auto service = std::make_unique<kalshi::KalshiService>(*endpoints, *credentials);
    service->subscribeMarket(request.symbol, { channel });
    StreamPrintOptions printer;
    printer.endpoint = endpoints->wsUrl.toString();
    printer.fatalErrorCodes
        = { u"unknown_market"_s, u"invalid_subscription"_s, u"unknown_channel"_s, u"auth_required"_s };
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
