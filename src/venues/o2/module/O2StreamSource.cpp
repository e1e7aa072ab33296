// `tapescope-cli stream --venue o2`: depth or trades of one market, named by pair ("fFUEL/fUSDC") or id.
//
// Output (README "Normalized JSON"): `depth` prints the venue's snapshot as one `book` event, then each
// change as a `book_delta` event (absolute new size, "0" removes the level) — exactly what the service
// emits, so a consumer can rebuild the book. After a reconnect or a resync_required the next `book`
// replaces the book. `trades` prints `trade` events whose side is the aggressor's (the wire says the
// maker's). Every event's `symbol` is the market id (0x…); stderr names the pair it resolved to.
#include "venues/o2/module/O2Cli.h"

#include "cli/StreamPrinter.h"
#include "core/EventJson.h"

#include "venues/o2/O2AccountService.h"
#include "venues/o2/O2Service.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

const QString kPrecisionOption = u"depth-precision"_s;
const QString kAccountOption = u"account"_s;

std::optional<o2::Environment> environmentFor(const QString &name, const QString &url, QString *error)
{
    std::optional<o2::Environment> environment = o2::Environment::mainnet();
    if (!name.isEmpty()) {
        environment = o2::Environment::fromName(name);
        if (!environment) {
            *error = u"--environment for o2 must be mainnet, testnet or devnet (or give --url)"_s;
            return std::nullopt;
        }
    }
    if (!url.isEmpty()) {
        QString why;
        environment = o2::O2Service::customEnvironment(QUrl(url), &why);
        if (!environment) {
            *error = u"--url: "_s + why;
            return std::nullopt;
        }
    }
    return environment;
}

} // namespace

void addO2AccountOptions(QCommandLineParser &parser)
{
    parser.addOption({ kAccountOption,
                       u"O2: the trade account's contract id (0x + 64 hex digits; public, not a secret)."_s,
                       u"0x…"_s });
}

std::optional<StreamSource> o2AccountSource(const AccountRequest &request, QString *error)
{
    // --account is O2's own option; --user (the generic one) is accepted for the same id.
    QString given
        = request.parser && request.parser->isSet(kAccountOption) ? request.parser->value(kAccountOption) : QString();
    if (given.isEmpty())
        given = request.user;
    if (given.isEmpty()) {
        *error = u"--account is required: "_s + o2::tradeAccountRule();
        return std::nullopt;
    }
    const auto account = o2::normalizedTradeAccount(given);
    if (!account) {
        *error = u"--account '%1' is not an O2 trade account id: %2"_s.arg(given, o2::tradeAccountRule());
        return std::nullopt;
    }
    const auto environment = environmentFor(request.environment, request.url, error);
    if (!environment)
        return std::nullopt;
    auto service = std::make_unique<o2::O2AccountService>(*environment, *account, o2::O2AccountService::Options {});
    StreamPrintOptions printer;
    printer.endpoint = environment->restBaseUrl.toString() + u" / "_s + environment->webSocketUrl.toString();
    return StreamSource { std::move(service), printer };
}

void addO2StreamOptions(QCommandLineParser &parser)
{
    parser.addOption({ kPrecisionOption, u"O2 depth: price buckets of 10^N chain units, 1 (finest, default) to 18."_s,
                       u"N"_s, u"1"_s });
}

std::optional<StreamSource> o2StreamSource(const StreamRequest &request, QString *error)
{
    using o2::Environment;
    using o2::O2Service;

    std::optional<Environment> environment = Environment::mainnet();
    if (!request.environment.isEmpty()) {
        environment = Environment::fromName(request.environment);
        if (!environment) {
            *error = u"--environment for o2 must be mainnet, testnet or devnet (or give --url)"_s;
            return std::nullopt;
        }
    }
    if (!request.url.isEmpty()) {
        QString why;
        environment = O2Service::customEnvironment(QUrl(request.url), &why);
        if (!environment) {
            *error = u"--url: "_s + why;
            return std::nullopt;
        }
    }
    const bool depth = request.channel == u"depth"_s;
    if (!depth && request.channel != u"trades"_s) {
        *error = u"--channel for o2 must be depth or trades"_s;
        return std::nullopt;
    }
    if (request.symbol.isEmpty()) {
        *error = u"--symbol is required: a pair such as fFUEL/fUSDC (testnet) or FUEL/USDC, or a market id"_s;
        return std::nullopt;
    }
    int precision = 1;
    if (request.parser && request.parser->isSet(kPrecisionOption)) {
        bool ok = false;
        precision = request.parser->value(kPrecisionOption).toInt(&ok);
        if (!ok || precision < o2::Subscription::MinPrecisionExponent
            || precision > o2::Subscription::MaxPrecisionExponent) {
            *error = u"--depth-precision must be a whole number from 1 to 18"_s;
            return std::nullopt;
        }
    }

    auto service = std::make_unique<O2Service>(*environment);
    // Subscriptions wait inside the service until GET /v1/markets has resolved the pair name.
    if (depth)
        service->subscribeDepth(request.symbol, precision);
    else
        service->subscribeTrades(request.symbol);
    const QString symbol = request.symbol;
    QObject::connect(service.get(), &O2Service::instrumentsReady, service.get(),
                     [symbol](const QList<Instrument> &instruments) {
                         for (const Instrument &instrument : instruments) {
                             if (instrument.id.display == symbol || instrument.id.symbol == o2::normaliseId(symbol)) {
                                 // {"type":"market","venue":"o2","symbol":"fFUEL/fUSDC","market_id":"0x…"}
                                 QByteArray line = R"({"type":"market","venue":"o2","symbol":)";
                                 appendJsonString(line, instrument.id.display);
                                 line += R"(,"market_id":)";
                                 appendJsonString(line, instrument.id.symbol);
                                 StreamPrinter::writeLine(stderr, line + '}');
                                 return;
                             }
                         }
                     });

    StreamPrintOptions printer;
    printer.endpoint = environment->restBaseUrl.toString() + u" / "_s + environment->webSocketUrl.toString();
    // An unknown pair, or a market the socket does not know: the request cannot be served.
    printer.fatalErrorCodes = { u"unknown_market"_s, u"market_not_found"_s, u"invalid_subscription"_s };
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
