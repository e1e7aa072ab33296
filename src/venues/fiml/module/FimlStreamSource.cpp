// `tapescope-cli stream --venue fiml`: one FIML subscription (comma-separated symbols) on ws://host:port/ws/stream.
#include "venues/fiml/module/FimlCli.h"

#include "venues/fiml/FimlService.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::optional<StreamSource> fimlStreamSource(const StreamRequest &request, QString *error)
{
    using namespace fiml;

    const std::optional<StreamType> type = streamTypeFromName(request.channel.toStdString());
    if (!type) {
        *error = u"--channel for fiml must be one of price, ohlcv, quote, trades, multi_asset"_s;
        return std::nullopt;
    }
    ServiceConfig config;
    if (!request.url.isEmpty()) {
        QString why;
        const auto fromUrl = ServiceConfig::fromUrl(QUrl(request.url), &why);
        if (!fromUrl) {
            *error = u"--url: "_s + why;
            return std::nullopt;
        }
        config = *fromUrl;
    }
    SubscribeRequest subscription;
    subscription.streamType = *type;
    subscription.symbols = request.symbol.split(u',', Qt::SkipEmptyParts);
    for (QString &symbol : subscription.symbols)
        symbol = symbol.trimmed();
    if (request.parser && request.parser->isSet(u"interval-ms"_s)) {
        bool ok = false;
        subscription.intervalMs = request.parser->value(u"interval-ms"_s).toInt(&ok);
        if (!ok) {
            *error = u"--interval-ms must be a number of milliseconds"_s;
            return std::nullopt;
        }
    }
    // The server's limits, checked before connecting: 1-50 symbols, 100-60000 ms (docs/protocols/fiml.md §3.1).
    const BuiltRequest built = subscribeFrame(subscription);
    if (!built.ok()) {
        *error = built.error
            + (subscription.symbols.isEmpty() ? u" Give --symbol AAPL or --symbol AAPL,MSFT."_s : QString());
        return std::nullopt;
    }

    auto service = std::make_unique<FimlService>(config);
    service->subscribe(subscription);
    StreamPrintOptions printer;
    printer.endpoint = config.url().toString();
    printer.fatalErrorCodes = { u"invalid_subscription"_s, u"unknown_request"_s, u"bad_request"_s };
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
