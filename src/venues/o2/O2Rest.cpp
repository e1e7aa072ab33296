// REST endpoints and one-off bodies: environments, bars, error bodies (docs/protocols/o2.md §1, §8, §10).

#include "O2Rest.h"

#include "O2ChainNumber.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>
#include <QtCore/QTimeZone>
#include <QtCore/QUrlQuery>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

namespace {

Environment makeEnvironment(Environment::Network network, const QString &host)
{
    return Environment { network, QUrl(u"wss://"_s + host + u"/v1/ws"_s), QUrl(u"https://"_s + host) };
}

template<typename T> std::optional<T> fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// A chain integer as a JSON string, or defensively a JSON number (exact only up to 2^63 - 1 in Qt's JSON).
std::optional<Decimal> readChainValue(const QJsonValue &value, int decimals, const QString &what, QString *error)
{
    std::string text;
    if (value.isString()) {
        text = value.toString().toStdString();
    } else if (value.isDouble()) {
        const qint64 integer = value.toInteger(-1);
        if (integer < 0)
            return fail<Decimal>(error, what + u" is not an unsigned integer (or beyond exact JSON numbers)"_s);
        text = std::to_string(integer);
    } else {
        return fail<Decimal>(error, what + u" is missing or not a chain integer"_s);
    }
    ChainNumberError why = ChainNumberError::None;
    const auto decimal = chainToDecimal(text, decimals, &why);
    if (!decimal)
        return fail<Decimal>(error,
                             what + u' ' + QString::fromStdString(text)
                                 + (why == ChainNumberError::OutOfRange
                                        ? u" cannot be represented exactly (beyond 64-bit decimal range)"_s
                                        : u" is not an unsigned integer"_s));
    return decimal;
}

std::optional<std::int64_t> readBarTime(const QJsonObject &bar)
{
    const QJsonValue value = bar.contains(u"time"_s) ? bar.value(u"time"_s) : bar.value(u"timestamp"_s);
    std::optional<std::uint64_t> raw;
    if (value.isString())
        raw = chainToUInt64(value.toString().toStdString());
    else if (value.isDouble() && value.toInteger(-1) >= 0)
        raw = static_cast<std::uint64_t>(value.toInteger());
    if (!raw)
        return std::nullopt;
    return unixMillisFromVenueTime(*raw);
}

// Start of the bar after the one starting at `start`; months are calendar months in UTC.
std::int64_t nextBarStart(std::int64_t start, const QString &resolution)
{
    const QChar unit = resolution.back();
    const qint64 count = resolution.first(resolution.size() - 1).toLongLong();
    if (unit == u'M')
        return QDateTime::fromMSecsSinceEpoch(start, QTimeZone::utc())
            .addMonths(static_cast<int>(count))
            .toMSecsSinceEpoch();
    qint64 unitMs = 1000;
    if (unit == u'm')
        unitMs = 60'000;
    else if (unit == u'h')
        unitMs = 3'600'000;
    else if (unit == u'd')
        unitMs = 86'400'000;
    else if (unit == u'w')
        unitMs = 7 * 86'400'000LL;
    return start + count * unitMs;
}

std::optional<Candle> parseBar(const QJsonValue &value, const Market &market, const QString &resolution, QString *error)
{
    if (!value.isObject())
        return fail<Candle>(error, u"bar is not an object"_s);
    const QJsonObject bar = value.toObject();
    Candle candle;
    candle.venue = venueName();
    candle.symbol = market.marketId;
    candle.interval = resolution;
    const auto start = readBarTime(bar);
    if (!start)
        return fail<Candle>(error, u"bar lacks an unsigned integer time or timestamp"_s);
    candle.start = *start;
    candle.end = nextBarStart(candle.start, resolution) - 1;
    const int priceDecimals = market.quote.decimals;
    const auto open = readChainValue(bar.value(u"open"_s), priceDecimals, u"bar open"_s, error);
    const auto high = open ? readChainValue(bar.value(u"high"_s), priceDecimals, u"bar high"_s, error) : std::nullopt;
    const auto low = high ? readChainValue(bar.value(u"low"_s), priceDecimals, u"bar low"_s, error) : std::nullopt;
    const auto close = low ? readChainValue(bar.value(u"close"_s), priceDecimals, u"bar close"_s, error) : std::nullopt;
    if (!close)
        return std::nullopt;
    candle.open = *open;
    candle.high = *high;
    candle.low = *low;
    candle.close = *close;
    const int sizeDecimals = market.base.decimals;
    if (bar.contains(u"volume"_s)) {
        const auto volume = readChainValue(bar.value(u"volume"_s), sizeDecimals, u"bar volume"_s, error);
        if (!volume)
            return std::nullopt;
        candle.volume = *volume;
    } else {
        const auto buys = readChainValue(bar.value(u"buy_volume"_s), sizeDecimals, u"bar buy_volume"_s, error);
        const auto sells = buys ? readChainValue(bar.value(u"sell_volume"_s), sizeDecimals, u"bar sell_volume"_s, error)
                                : std::nullopt;
        if (!sells)
            return std::nullopt;
        const auto total = buys->checkedAdd(*sells);
        if (!total)
            return fail<Candle>(error, u"bar buy_volume + sell_volume overflows a 64-bit decimal"_s);
        candle.volume = *total;
    }
    return candle;
}

struct ErrorName
{
    int code;
    const char *name;
};

constexpr ErrorName kErrorNames[] = {
    { 1000, "InternalError" },     { 1001, "InvalidRequest" },    { 1002, "ParseError" },
    { 1003, "RateLimitExceeded" }, { 1004, "GeoRestricted" },     { 2000, "MarketNotFound" },
    { 4000, "InvalidSignature" },  { 6000, "AlreadySubscribed" }, { 6001, "TooManySubscriptions" },
    { 6002, "SubscriptionError" }, { 7004, "TooManyActions" },
};

} // namespace

Environment Environment::mainnet()
{
    return makeEnvironment(Network::Mainnet, u"api.o2.app"_s);
}

Environment Environment::testnet()
{
    return makeEnvironment(Network::Testnet, u"api.testnet.o2.app"_s);
}

Environment Environment::devnet()
{
    return makeEnvironment(Network::Devnet, u"api.devnet.o2.app"_s);
}

Environment Environment::custom(const QUrl &webSocketUrl, const QUrl &restBaseUrl)
{
    return Environment { Network::Custom, webSocketUrl, restBaseUrl };
}

std::optional<Environment> Environment::fromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    if (lower == u"mainnet"_s)
        return mainnet();
    if (lower == u"testnet"_s)
        return testnet();
    if (lower == u"devnet"_s)
        return devnet();
    return std::nullopt;
}

QString Environment::networkName(Network network)
{
    switch (network) {
    case Network::Mainnet:
        return u"mainnet"_s;
    case Network::Testnet:
        return u"testnet"_s;
    case Network::Devnet:
        return u"devnet"_s;
    case Network::Custom:
        break;
    }
    return u"custom"_s;
}

QUrl Environment::endpoint(const QString &path) const
{
    QUrl url = restBaseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    return url;
}

QUrl Environment::marketsUrl() const
{
    return endpoint(u"/v1/markets"_s);
}

QUrl Environment::depthUrl(const QString &marketId, int precisionExponent) const
{
    QUrl url = endpoint(u"/v1/depth"_s);
    QUrlQuery query;
    query.addQueryItem(u"market_id"_s, normaliseId(marketId));
    QString precision = u"1"_s;
    precision += QString(qBound(0, precisionExponent, 18), u'0');
    query.addQueryItem(u"precision"_s, precision);
    url.setQuery(query);
    return url;
}

QUrl Environment::barsUrl(const QString &marketId, const QString &resolution, qint64 fromMs, qint64 toMs) const
{
    QUrl url = endpoint(u"/v1/bars"_s);
    QUrlQuery query;
    query.addQueryItem(u"market_id"_s, normaliseId(marketId));
    query.addQueryItem(u"from"_s, QString::number(fromMs));
    query.addQueryItem(u"to"_s, QString::number(toMs));
    query.addQueryItem(u"resolution"_s, resolution);
    url.setQuery(query);
    return url;
}

QUrl Environment::tradesUrl(const QString &marketId, int count) const
{
    QUrl url = endpoint(u"/v1/trades"_s);
    QUrlQuery query;
    query.addQueryItem(u"market_id"_s, normaliseId(marketId));
    query.addQueryItem(u"direction"_s, u"desc"_s);
    query.addQueryItem(u"count"_s, QString::number(count));
    url.setQuery(query);
    return url;
}

QUrl Environment::openOrdersUrl(const QString &marketId, const QString &tradeAccount, int count) const
{
    QUrl url = endpoint(u"/v1/orders"_s);
    QUrlQuery query;
    query.addQueryItem(u"market_id"_s, normaliseId(marketId));
    query.addQueryItem(u"contract"_s, normaliseId(tradeAccount));
    query.addQueryItem(u"direction"_s, u"desc"_s);
    query.addQueryItem(u"count"_s, QString::number(count));
    query.addQueryItem(u"is_open"_s, u"true"_s);
    url.setQuery(query);
    return url;
}

QUrl Environment::orderUrl(const QString &marketId, const QString &orderId) const
{
    QUrl url = endpoint(u"/v1/order"_s);
    QUrlQuery query;
    query.addQueryItem(u"market_id"_s, normaliseId(marketId));
    query.addQueryItem(u"order_id"_s, orderId);
    url.setQuery(query);
    return url;
}

QUrl Environment::balanceUrl(const QString &assetId, const QString &tradeAccount) const
{
    QUrl url = endpoint(u"/v1/balance"_s);
    QUrlQuery query;
    query.addQueryItem(u"asset_id"_s, normaliseId(assetId));
    query.addQueryItem(u"contract"_s, normaliseId(tradeAccount));
    url.setQuery(query);
    return url;
}

QUrl Environment::accountUrl(const QString &tradeAccount) const
{
    QUrl url = endpoint(u"/v1/accounts"_s);
    QUrlQuery query;
    query.addQueryItem(u"trade_account_id"_s, normaliseId(tradeAccount));
    url.setQuery(query);
    return url;
}

bool isBarResolution(const QString &resolution)
{
    static const QStringList kResolutions
        = { u"1s"_s, u"1m"_s, u"2m"_s, u"3m"_s,  u"5m"_s, u"15m"_s, u"30m"_s, u"1h"_s, u"2h"_s,
            u"4h"_s, u"6h"_s, u"8h"_s, u"12h"_s, u"1d"_s, u"3d"_s,  u"1w"_s,  u"1M"_s, u"3M"_s };
    return kResolutions.contains(resolution);
}

std::optional<std::vector<Candle>> parseBarsBody(const QByteArray &body, const Market &market,
                                                 const QString &resolution, QString *error)
{
    if (!isBarResolution(resolution))
        return fail<std::vector<Candle>>(error, u"bars: unknown resolution "_s + resolution);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail<std::vector<Candle>>(error, u"bars: not JSON ("_s + parseError.errorString() + u')');
    QJsonArray bars;
    if (document.isArray()) {
        bars = document.array();
    } else if (document.isObject() && document.object().value(u"bars"_s).isArray()) {
        bars = document.object().value(u"bars"_s).toArray();
    } else {
        return fail<std::vector<Candle>>(error, u"bars: expected a list or {\"bars\": [...]}"_s);
    }
    std::vector<Candle> candles;
    candles.reserve(static_cast<std::size_t>(bars.size()));
    for (const QJsonValue &value : bars) {
        QString barError;
        auto candle = parseBar(value, market, resolution, &barError);
        if (!candle)
            return fail<std::vector<Candle>>(error, u"bars: "_s + barError);
        candles.push_back(std::move(*candle));
    }
    // The order the server lists bars in is not documented; chart history wants oldest first.
    std::stable_sort(candles.begin(), candles.end(),
                     [](const Candle &a, const Candle &b) { return a.start < b.start; });
    return candles;
}

QString VenueError::token() const
{
    if (code == 1003)
        return u"rate_limited"_s;
    if (code == 1004)
        return u"geo_restricted"_s;
    if (code == 2000)
        return u"market_not_found"_s;
    if (code >= 6000 && code <= 6002)
        return u"subscription_error"_s;
    return u"venue_error"_s;
}

QString VenueError::name() const
{
    for (const ErrorName &entry : kErrorNames) {
        if (entry.code == code)
            return QLatin1String(entry.name);
    }
    return QString();
}

std::optional<VenueError> parseErrorBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue code = object.value(u"code"_s);
    if (!code.isDouble() || object.contains(u"tx_id"_s))
        return std::nullopt;
    const qint64 integer = code.toInteger(-1);
    if (integer < 0 || integer > std::numeric_limits<int>::max())
        return std::nullopt;
    return VenueError { static_cast<int>(integer), object.value(u"message"_s).toString(),
                        object.value(u"reason"_s).toString() };
}

} // namespace tapescope::o2
