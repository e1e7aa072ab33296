#include "O2RestEndpoint.h"

#include "O2Bars.h"
#include "O2DemoTrader.h"
#include "O2Frames.h"
#include "O2MarketBoard.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrl>
#include <QtCore/QUrlQuery>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

namespace {

HttpResponse failure(int status, int code, const QString &message)
{
    return { status, frames::error(code, message), {} };
}

HttpResponse depth(const MarketBoard &board, int market, const QUrlQuery &query)
{
    bool ok = false;
    const quint64 precision = query.queryItemValue(u"precision"_s).toULongLong(&ok);
    int exponent = 0;
    for (quint64 p = precision; ok && p >= 10 && p % 10 == 0; p /= 10)
        ++exponent;
    if (!ok || exponent < 1 || pow10u(exponent) != precision)
        return failure(400, 1001, u"InvalidRequest: precision must be a power of ten from 10"_s);
    const QString marketId = board.market(market).spec().marketId;
    // REST depth has the WebSocket snapshot's shape with action "depth" (docs/protocols/o2.md §8).
    QJsonObject body
        = QJsonDocument::fromJson(frames::depthSnapshot(marketId, board.market(market).view(exponent), 0)).object();
    body.insert(u"action"_s, u"depth"_s);
    body.remove(u"onchain_timestamp"_s);
    body.remove(u"seen_timestamp"_s);
    return { 200, compactJson(body), {} };
}

} // namespace

HttpResponse handleRest(const MarketBoard &board, const DemoTrader &trader, const QByteArray &method,
                        const QByteArray &target)
{
    const QUrl url(QString::fromLatin1(target));
    const QString path = url.path();
    const QUrlQuery query(url);
    if (method != "GET")
        return failure(405, 1001, u"InvalidRequest: use GET"_s);
    if (path == u"/health"_s)
        return { 200, QByteArrayLiteral("{\"status\":\"ok\"}"), {} };
    if (path == u"/v1/markets"_s)
        return { 200, marketsBody(board.specs()), {} };
    if (path == u"/v1/accounts"_s) {
        const QString account = query.queryItemValue(u"trade_account_id"_s);
        if (trader.isAccount(account))
            return { 200, trader.accountBody(), {} };
        return { 200,
                 compactJson(
                     { { u"trade_account_id"_s, normalisedId(account) },
                       { u"trade_account"_s, QJsonObject { { u"last_modification"_s, 0 }, { u"nonce"_s, u"0"_s } } } }),
                 {} };
    }
    if (path == u"/v1/balance"_s) {
        const QString contract = query.queryItemValue(u"contract"_s);
        return { 200,
                 trader.isAccount(contract) ? trader.balanceBody(query.queryItemValue(u"asset_id"_s))
                                            : DemoTrader::emptyBalanceBody(),
                 {} };
    }
    if (path != u"/v1/bars"_s && path != u"/v1/depth"_s && path != u"/v1/orders"_s && path != u"/v1/order"_s)
        return failure(404, 1001, u"InvalidRequest: no endpoint %1"_s.arg(path));

    const QString marketId = query.queryItemValue(u"market_id"_s);
    const int market = board.indexOf(marketId);
    if (market < 0)
        return failure(404, 2000, u"MarketNotFound: %1"_s.arg(marketId));
    if (path == u"/v1/depth"_s)
        return depth(board, market, query);
    if (path == u"/v1/orders"_s) {
        const QString contract = query.queryItemValue(u"contract"_s);
        const int count = query.hasQueryItem(u"count"_s) ? query.queryItemValue(u"count"_s).toInt() : 20;
        if (!trader.isAccount(contract))
            return { 200, DemoTrader::emptyOrdersBody(contract, board.market(market).spec().marketId), {} };
        return { 200, trader.ordersBody(market, query.queryItemValue(u"is_open"_s) == u"true"_s, count), {} };
    }
    if (path == u"/v1/order"_s) {
        if (const auto body = trader.orderBody(market, query.queryItemValue(u"order_id"_s)))
            return { 200, *body, {} };
        return failure(404, 1001, u"InvalidRequest: no order %1"_s.arg(query.queryItemValue(u"order_id"_s)));
    }

    bool fromOk = false;
    bool toOk = false;
    const qint64 from = query.queryItemValue(u"from"_s).toLongLong(&fromOk);
    const qint64 to = query.queryItemValue(u"to"_s).toLongLong(&toOk);
    if (!fromOk || !toOk)
        return failure(400, 1001, u"InvalidRequest: from and to must be Unix times in ms"_s);
    QString error;
    const auto body
        = barsBody(board.market(market).spec(), board.seed(), query.queryItemValue(u"resolution"_s), from, to, &error);
    if (!body)
        return failure(400, 1001, u"InvalidRequest: "_s + error);
    return { 200, *body, {} };
}

} // namespace tapescope::emulator::o2
