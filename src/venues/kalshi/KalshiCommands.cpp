// Client → server commands (docs/protocols/kalshi.md §4). One-off frames, so Qt's JSON classes are fine here.

#include "KalshiCodec.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

QByteArray commandFrame(qint64 id, const QString &command, const QJsonObject &params)
{
    QJsonObject frame { { u"id"_s, id }, { u"cmd"_s, command } };
    if (!params.isEmpty())
        frame.insert(u"params"_s, params);
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

// Nothing is sent for a list with a bad ticker: Kalshi has no wildcards (§12.4) and would answer with an
// error and no data, which is the Neural SDK's "KXNFLGAME*" failure (§14.2).
bool tickersArray(const QStringList &tickers, QJsonArray &out)
{
    for (const QString &ticker : tickers) {
        if (!Codec::isValidMarketTicker(ticker))
            return false;
        out.append(ticker);
    }
    return true;
}

} // namespace

bool Codec::isValidMarketTicker(const QString &ticker)
{
    if (ticker.isEmpty())
        return false;
    return std::all_of(ticker.begin(), ticker.end(), [](QChar c) {
        // The spec's pattern is ^[A-Z0-9-]+$, yet its own examples and live tickers carry '.'
        // (FED-23DEC-T3.00, KXBTCD-26FEB1217-T67749.99), so '.' is allowed too; '*' never is.
        return (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'.';
    });
}

QByteArray Codec::subscribeFrame(qint64 id, const QStringList &channels, const QStringList &marketTickers)
{
    if (channels.isEmpty())
        return {};
    QJsonArray tickers;
    if (!tickersArray(marketTickers, tickers))
        return {};
    // orderbook_delta requires markets (§6); the others take none to mean "all markets".
    if (channels.contains(QLatin1String(channel::OrderbookDelta)) && tickers.isEmpty())
        return {};
    QJsonObject params { { u"channels"_s, QJsonArray::fromStringList(channels) } };
    if (!tickers.isEmpty())
        params.insert(u"market_tickers"_s, tickers);
    // The default of use_yes_price is announced to flip; pin NO-leg pricing, which the YES view expects (§9.3).
    if (channels.contains(QLatin1String(channel::OrderbookDelta)))
        params.insert(u"use_yes_price"_s, false);
    // The ticker channel is delta-only unless asked for a first snapshot (§7.3).
    if (channels.contains(QLatin1String(channel::Ticker)))
        params.insert(u"send_initial_snapshot"_s, true);
    return commandFrame(id, u"subscribe"_s, params);
}

QByteArray Codec::unsubscribeFrame(qint64 id, const QList<qint64> &sids)
{
    if (sids.isEmpty())
        return {};
    QJsonArray array;
    for (const qint64 sid : sids)
        array.append(sid);
    return commandFrame(id, u"unsubscribe"_s, QJsonObject { { u"sids"_s, array } });
}

QByteArray Codec::updateSubscriptionFrame(qint64 id, qint64 sid, UpdateAction action, const QStringList &marketTickers)
{
    QJsonArray tickers;
    if (marketTickers.isEmpty() || !tickersArray(marketTickers, tickers))
        return {};
    static const QString kActions[] = { u"add_markets"_s, u"delete_markets"_s, u"get_snapshot"_s };
    // `sids` must hold exactly one id (error 12 otherwise, §4.3).
    const QJsonObject params { { u"sids"_s, QJsonArray { sid } },
                               { u"market_tickers"_s, tickers },
                               { u"action"_s, kActions[static_cast<int>(action)] } };
    return commandFrame(id, u"update_subscription"_s, params);
}

QByteArray Codec::listSubscriptionsFrame(qint64 id)
{
    return commandFrame(id, u"list_subscriptions"_s, {});
}

} // namespace tapescope::kalshi
