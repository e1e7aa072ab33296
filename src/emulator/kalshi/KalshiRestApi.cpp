#include "KalshiRestApi.h"

#include "KalshiWireFrames.h"
#include "NflMarketSimulator.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonArray>
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

constexpr int kMaxEventsLimit = 200; // §11: /events limit default and max 200
constexpr int kMaxMarketsLimit = 1000;

HttpResponse json(int status, const QJsonObject &object)
{
    return { status, compactJson(object), {} };
}

HttpResponse error(int status, const QString &code, const QString &message)
{
    return { status, errorBody(code, message), {} };
}

// Opaque to clients, and with '=' and '/' in it, so a client that does not percent-encode breaks here as it would
// on the venue.
QString cursorFor(int offset)
{
    return QString::fromLatin1(QByteArray("page/offset=" + QByteArray::number(offset)).toBase64());
}

std::optional<int> offsetOf(const QString &cursor)
{
    if (cursor.isEmpty())
        return 0;
    const QByteArray decoded = QByteArray::fromBase64(cursor.toLatin1());
    if (!decoded.startsWith("page/offset="))
        return std::nullopt;
    bool ok = false;
    const int offset = decoded.mid(12).toInt(&ok);
    return ok && offset >= 0 ? std::optional<int>(offset) : std::nullopt;
}

// Does a game's market status match the status query word (§13.3: query "open" ↔ returned "active")?
bool statusMatches(const QString &query, const QString &marketStatus)
{
    if (query.isEmpty())
        return true;
    if (query == u"open"_s)
        return marketStatus == u"active"_s;
    if (query == u"closed"_s)
        return marketStatus == u"closed"_s || marketStatus == u"determined"_s;
    if (query == u"settled"_s)
        return marketStatus == u"finalized"_s;
    return false;
}

struct Page
{
    int offset = 0;
    int size = 0;
    QString next;
};

std::optional<Page> pageOf(const QUrlQuery &query, int total, int pageSize, int maxLimit)
{
    const auto offset = offsetOf(query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded));
    if (!offset)
        return std::nullopt;
    bool ok = false;
    int limit = query.queryItemValue(u"limit"_s).toInt(&ok);
    if (!ok || limit <= 0)
        limit = maxLimit;
    Page page;
    page.offset = std::min(*offset, total);
    page.size = std::min({ limit, maxLimit, pageSize, total - page.offset });
    if (page.offset + page.size < total)
        page.next = cursorFor(page.offset + page.size);
    return page;
}

} // namespace

QByteArray errorBody(const QString &code, const QString &message)
{
    return compactJson({ { u"error"_s, QJsonObject { { u"code"_s, code }, { u"message"_s, message } } } });
}

HttpResponse KalshiRestApi::handle(const QByteArray &method, const QByteArray &pathAndQuery) const
{
    if (method != "GET")
        return error(405, u"method_not_allowed"_s, u"the emulator serves GET only"_s);
    QByteArray path = pathAndQuery;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    if (path == "/trade-api/v2/events")
        return events(pathAndQuery);
    if (path == "/trade-api/v2/markets")
        return markets(pathAndQuery);
    if (path.startsWith("/trade-api/v2/markets/")) {
        QString rest = QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(22)));
        const bool orderbook = rest.endsWith(u"/orderbook"_s);
        if (orderbook)
            rest.chop(10);
        if (!rest.contains(u'/'))
            return market(rest, orderbook);
    }
    return error(404, u"not_found"_s, u"no such endpoint"_s);
}

HttpResponse KalshiRestApi::events(const QByteArray &pathAndQuery) const
{
    const QUrlQuery query(QUrl::fromEncoded(pathAndQuery));
    const QString series = query.queryItemValue(u"series_ticker"_s);
    const QString status = query.queryItemValue(u"status"_s);
    const bool nested = query.queryItemValue(u"with_nested_markets"_s) == u"true"_s;
    std::vector<const SimGame *> games;
    for (const SimGame &game : m_simulator.games()) {
        if ((series.isEmpty() || series == u"KXNFLGAME"_s)
            && statusMatches(status, m_simulator.markets()[game.homeMarket].status))
            games.push_back(&game);
    }
    const auto page = pageOf(query, int(games.size()), m_pageSize, kMaxEventsLimit);
    if (!page)
        return error(400, u"bad_request"_s, u"invalid cursor"_s);
    QJsonArray events;
    for (int i = page->offset; i < page->offset + page->size; ++i)
        events.append(frames::eventJson(*games[std::size_t(i)], m_simulator.markets(), nested));
    return json(200, { { u"events"_s, events }, { u"cursor"_s, page->next } });
}

HttpResponse KalshiRestApi::markets(const QByteArray &pathAndQuery) const
{
    const QUrlQuery query(QUrl::fromEncoded(pathAndQuery));
    const QString series = query.queryItemValue(u"series_ticker"_s);
    const QString event = query.queryItemValue(u"event_ticker"_s);
    const QString status = query.queryItemValue(u"status"_s);
    std::vector<std::pair<const SimMarket *, const SimGame *>> listed;
    for (const SimGame &game : m_simulator.games()) {
        for (const std::size_t index : { game.awayMarket, game.homeMarket }) {
            const SimMarket &market = m_simulator.markets()[index];
            if ((series.isEmpty() || series == u"KXNFLGAME"_s) && (event.isEmpty() || event == market.eventTicker)
                && statusMatches(status, market.status))
                listed.emplace_back(&market, &game);
        }
    }
    const auto page = pageOf(query, int(listed.size()), m_pageSize * 2, kMaxMarketsLimit);
    if (!page)
        return error(400, u"bad_request"_s, u"invalid cursor"_s);
    QJsonArray markets;
    for (int i = page->offset; i < page->offset + page->size; ++i)
        markets.append(frames::marketJson(*listed[std::size_t(i)].first, *listed[std::size_t(i)].second));
    return json(200, { { u"markets"_s, markets }, { u"cursor"_s, page->next } });
}

HttpResponse KalshiRestApi::market(const QString &ticker, bool orderbook) const
{
    const SimMarket *found = m_simulator.market(ticker);
    if (!found)
        return error(404, u"not_found"_s, u"market %1 not found"_s.arg(ticker));
    if (orderbook)
        return { 200, frames::orderbookBody(*found), {} };
    for (const SimGame &game : m_simulator.games()) {
        if (game.eventTicker == found->eventTicker)
            return json(200, { { u"market"_s, frames::marketJson(*found, game) } });
    }
    return error(404, u"not_found"_s, u"market %1 not found"_s.arg(ticker));
}

} // namespace tapescope::emulator::kalshi
