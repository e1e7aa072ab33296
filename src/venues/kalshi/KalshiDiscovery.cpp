// REST bodies for market discovery (docs/protocols/kalshi.md §13.3). One-off bodies, so Qt's JSON classes are fine
// here.

#include "KalshiDiscovery.h"

#include "NflGame.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QUrl>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi::discovery {

namespace {

// A dollar string ("0.21"), or legacy integer cents (21) when only those are sent (docs/protocols/kalshi.md §8).
std::optional<Decimal> dollars(const QJsonObject &object, const QString &stringKey, const QString &centsKey)
{
    const QJsonValue text = object.value(stringKey);
    if (text.isString() && !text.toString().isEmpty())
        return Decimal::parse(text.toString());
    const QJsonValue cents = object.value(centsKey);
    if (cents.isDouble() && cents.toDouble() == static_cast<double>(cents.toInteger()))
        return Decimal::fromRaw(cents.toInteger(), 2);
    return std::nullopt;
}

std::optional<Decimal> count(const QJsonObject &object, const QString &stringKey, const QString &integerKey)
{
    const QJsonValue text = object.value(stringKey);
    if (text.isString() && !text.toString().isEmpty())
        return Decimal::parse(text.toString());
    const QJsonValue integer = object.value(integerKey);
    if (integer.isDouble() && integer.toDouble() == static_cast<double>(integer.toInteger()))
        return Decimal::fromInteger(integer.toInteger());
    return std::nullopt;
}

// Kalshi lists an empty side at the edge of the range (bid 0, ask 1), as on the socket.
std::optional<Decimal> insideQuote(const std::optional<Decimal> &price)
{
    if (!price || *price <= Decimal() || *price >= Decimal::fromInteger(1))
        return std::nullopt;
    return price;
}

// An RFC 3339 time ("2025-09-05T00:20:00Z", fractions and offsets allowed) in UTC; invalid when absent or malformed.
QDateTime utcTime(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() && time.timeSpec() != Qt::LocalTime ? time.toUTC() : QDateTime();
}

QJsonObject parseObject(const QByteArray &body, QString &error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = u"the body is not JSON: %1"_s.arg(parseError.errorString());
        return {};
    }
    if (!document.isObject()) {
        error = u"the body is not a JSON object"_s;
        return {};
    }
    return document.object();
}

} // namespace

QByteArray nflEventsPath(const QString &cursor, const QString &status)
{
    // Cursors are opaque and may hold '+', '/' or '=': percent-encode everything but unreserved characters.
    QByteArray path = "/trade-api/v2/events?series_ticker=" + QByteArray(NflGameSeries)
        + "&status=" + QUrl::toPercentEncoding(status) + "&with_nested_markets=true&limit=200";
    if (!cursor.isEmpty())
        path += "&cursor=" + QUrl::toPercentEncoding(cursor);
    return path;
}

MarketState marketStateFromRest(const QString &status)
{
    if (status == u"active"_s || status == u"open"_s)
        return MarketState::Open;
    if (status == u"initialized"_s || status == u"unopened"_s)
        return MarketState::Created;
    if (status == u"inactive"_s || status == u"paused"_s)
        return MarketState::Paused;
    if (status == u"closed"_s)
        return MarketState::Closed;
    if (status == u"determined"_s || status == u"disputed"_s || status == u"amended"_s)
        return MarketState::Determined;
    if (status == u"finalized"_s || status == u"settled"_s)
        return MarketState::Settled;
    return MarketState::Unknown;
}

std::optional<MarketListing> parseMarket(const QJsonObject &market)
{
    MarketListing listing;
    listing.ticker = market.value(u"ticker"_s).toString();
    if (listing.ticker.isEmpty())
        return std::nullopt;
    listing.eventTicker = market.value(u"event_ticker"_s).toString();
    listing.teamCode = listing.ticker.mid(listing.ticker.lastIndexOf(u'-') + 1);
    listing.title = market.value(u"title"_s).toString();
    listing.yesSubTitle = market.value(u"yes_sub_title"_s).toString();
    listing.status = market.value(u"status"_s).toString();
    listing.state = marketStateFromRest(listing.status);
    listing.result = market.value(u"result"_s).toString();
    listing.yesBid = insideQuote(dollars(market, u"yes_bid_dollars"_s, u"yes_bid"_s));
    listing.yesAsk = insideQuote(dollars(market, u"yes_ask_dollars"_s, u"yes_ask"_s));
    listing.yesBidSize = count(market, u"yes_bid_size_fp"_s, u"yes_bid_size"_s);
    listing.yesAskSize = count(market, u"yes_ask_size_fp"_s, u"yes_ask_size"_s);
    const auto last = dollars(market, u"last_price_dollars"_s, u"last_price"_s);
    listing.lastPrice = last && *last > Decimal() ? last : std::nullopt; // 0 = never traded
    listing.volume = count(market, u"volume_fp"_s, u"volume"_s);
    listing.openInterest = count(market, u"open_interest_fp"_s, u"open_interest"_s);
    listing.occurrenceTime = utcTime(market.value(u"occurrence_datetime"_s));
    return listing;
}

MarketsPage parseMarketsPage(const QByteArray &body)
{
    MarketsPage page;
    const QJsonObject root = parseObject(body, page.error);
    if (!page.error.isEmpty())
        return page;
    if (!root.value(u"markets"_s).isArray()) {
        page.error = u"the body has no \"markets\" array"_s;
        return page;
    }
    for (const QJsonValue &value : root.value(u"markets"_s).toArray()) {
        if (auto listing = parseMarket(value.toObject()))
            page.markets.push_back(std::move(*listing));
    }
    page.cursor = root.value(u"cursor"_s).toString();
    return page;
}

EventsPage parseEventsPage(const QByteArray &body)
{
    EventsPage page;
    const QJsonObject root = parseObject(body, page.error);
    if (!page.error.isEmpty())
        return page;
    if (!root.value(u"events"_s).isArray()) {
        page.error = u"the body has no \"events\" array"_s;
        return page;
    }
    for (const QJsonValue &value : root.value(u"events"_s).toArray()) {
        const QJsonObject object = value.toObject();
        EventListing event;
        event.eventTicker = object.value(u"event_ticker"_s).toString();
        if (event.eventTicker.isEmpty())
            continue;
        event.seriesTicker = object.value(u"series_ticker"_s).toString();
        event.title = object.value(u"title"_s).toString();
        event.subTitle = object.value(u"sub_title"_s).toString();
        for (const QJsonValue &market : object.value(u"markets"_s).toArray()) {
            if (auto listing = parseMarket(market.toObject()))
                event.markets.push_back(std::move(*listing));
        }
        page.events.push_back(std::move(event));
    }
    page.cursor = root.value(u"cursor"_s).toString();
    return page;
}

std::vector<NflGame> nflGames(const EventsPage &page, QStringList *skipped)
{
    std::vector<NflGame> games;
    for (const EventListing &event : page.events) {
        QStringList tickers;
        for (const MarketListing &market : event.markets)
            tickers << market.ticker;
        QString why;
        auto game = NflGame::fromMarkets(event.eventTicker, tickers, &why);
        if (!game) {
            if (skipped)
                *skipped << why;
            continue;
        }
        for (const MarketListing &market : event.markets)
            game->apply(market);
        games.push_back(std::move(*game));
    }
    return games;
}

} // namespace tapescope::kalshi::discovery
