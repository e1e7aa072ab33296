#include "HyperliquidInfoEndpoint.h"

#include "HyperliquidDemoTrader.h"
#include "HyperliquidFrames.h"
#include "HyperliquidMarketSimulator.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonValue>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

HttpResponse failure(int status, const QByteArray &message)
{
    return { status, errorBody(status, message), {} };
}

HttpResponse deserializeFailure(const QByteArray &detail)
{
    return failure(422, "Failed to deserialize the JSON body into the target type: " + detail);
}

} // namespace

QByteArray errorBody(int status, QByteArrayView message)
{
    return "{\"code\":" + QByteArray::number(status) + ",\"msg\":" + jsonString(message) + ",\"data\":null}";
}

HyperliquidInfoEndpoint::HyperliquidInfoEndpoint(HyperliquidMarketSimulator &simulator,
                                                 const HyperliquidTraders &traders)
    : m_simulator(simulator)
    , m_traders(traders)
{ }

HttpResponse HyperliquidInfoEndpoint::handle(const QByteArray &body) const
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return failure(400, "Failed to parse the request body as JSON: " + error.errorString().toUtf8());
    if (!document.isObject())
        return deserializeFailure("expected an object");
    return handle(document.object());
}

HttpResponse HyperliquidInfoEndpoint::handle(const QJsonObject &request) const
{
    const QString type = request.value("type"_L1).toString();
    if (type == "meta"_L1)
        return { 200, m_simulator.catalog().metaJson(), {} };
    if (type == "spotMeta"_L1)
        return { 200, m_simulator.catalog().spotMetaJson(), {} };
    if (type == "allMids"_L1)
        return { 200, frames::midsData(m_simulator), {} };
    if (type == "l2Book"_L1) {
        if (!request.value("coin"_L1).isString())
            return deserializeFailure("missing field `coin`");
        const MarketState *market = m_simulator.market(request.value("coin"_L1).toString());
        if (!market)
            return { 200, QByteArrayLiteral("null"), {} }; // an unknown coin is not an error here (§10)
        frames::BookView view;
        if (request.value("nSigFigs"_L1).isDouble())
            view.nSigFigs = static_cast<int>(request.value("nSigFigs"_L1).toInteger());
        if (request.value("mantissa"_L1).isDouble())
            view.mantissa = static_cast<int>(request.value("mantissa"_L1).toInteger());
        if ((view.nSigFigs && (*view.nSigFigs < 2 || *view.nSigFigs > 5))
            || (view.mantissa
                && (view.nSigFigs != 5 || (*view.mantissa != 1 && *view.mantissa != 2 && *view.mantissa != 5))))
            return deserializeFailure("invalid nSigFigs/mantissa");
        return { 200, frames::bookData(*market, view), {} };
    }
    if (type == "candleSnapshot"_L1)
        return candleSnapshot(request);
    if (type == "clearinghouseState"_L1 || type == "spotClearinghouseState"_L1 || type == "openOrders"_L1
        || type == "frontendOpenOrders"_L1 || type == "userFills"_L1 || type == "userFunding"_L1
        || type == "userNonFundingLedgerUpdates"_L1 || type == "orderStatus"_L1)
        return userRequest(type, request);
    return deserializeFailure("unknown variant `" + type.toUtf8() + '`');
}

HttpResponse HyperliquidInfoEndpoint::userRequest(const QString &type, const QJsonObject &request) const
{
    const QJsonValue user = request.value("user"_L1);
    if (!user.isString())
        return deserializeFailure("missing field `user`");
    if (!HyperliquidTraders::isAddress(user.toString()))
        return deserializeFailure("invalid address `" + user.toString().toUtf8() + '`');
    const TraderAccount &account = m_traders.account(user.toString());
    const qint64 now = HyperliquidMarketSimulator::nowMs();
    if (type == "clearinghouseState"_L1) {
        if (request.value("dex"_L1).isString() && !request.value("dex"_L1).toString().isEmpty())
            return { 200, QByteArrayLiteral("null"), {} }; // no builder dexes here
        return { 200, account::clearinghouseState(account, m_simulator, now), {} };
    }
    if (type == "spotClearinghouseState"_L1)
        return { 200, account::spotState(account, m_simulator), {} };
    if (type == "openOrders"_L1 || type == "frontendOpenOrders"_L1)
        return { 200, account::openOrders(account, m_simulator, type == "frontendOpenOrders"_L1), {} };
    if (type == "userFills"_L1)
        return { 200, account::userFills(account), {} };
    if (type == "orderStatus"_L1) {
        const QJsonValue oid = request.value("oid"_L1);
        if (oid.isString()) // the oid field may hold a cloid instead
            return { 200, account::orderStatus(account, m_simulator, 0, oid.toString().toLower().toLatin1()), {} };
        if (!oid.isDouble())
            return deserializeFailure("missing field `oid`");
        return { 200, account::orderStatus(account, m_simulator, oid.toInteger()), {} };
    }
    // userFunding and userNonFundingLedgerUpdates: a time range, startTime required.
    const QJsonValue start = request.value("startTime"_L1);
    if (!start.isDouble())
        return deserializeFailure("missing field `startTime`");
    const QJsonValue end = request.value("endTime"_L1);
    const qint64 endTime = end.isDouble() ? end.toInteger() : now;
    if (type == "userFunding"_L1)
        return { 200, account::fundingHistory(account, start.toInteger(), endTime), {} };
    return { 200, account::ledgerHistory(account, start.toInteger(), endTime), {} };
}

HttpResponse HyperliquidInfoEndpoint::candleSnapshot(const QJsonObject &request) const
{
    const QJsonObject req = request.value("req"_L1).toObject();
    const QJsonValue coin = req.value("coin"_L1);
    const QJsonValue start = req.value("startTime"_L1);
    if (!coin.isString() || !req.value("interval"_L1).isString() || !start.isDouble())
        return deserializeFailure("missing field in `req` (coin, interval, startTime)");
    const int interval = candleIntervalIndex(req.value("interval"_L1).toString());
    if (interval < 0)
        return deserializeFailure("unknown candle interval");
    MarketState *market = m_simulator.market(coin.toString());
    if (!market)
        return { 200, QByteArrayLiteral("[]"), {} };
    const qint64 endTime = req.value("endTime"_L1).isDouble() ? req.value("endTime"_L1).toInteger()
                                                              : HyperliquidMarketSimulator::nowMs();
    const auto bars = market->candles.history(interval, start.toInteger(), endTime);
    QByteArray out = "[";
    for (std::size_t i = 0; i < bars.size() && i < HyperliquidCandles::MaxBars; ++i) {
        if (i > 0)
            out += ',';
        out += frames::candleData(*market, interval, bars[i]);
    }
    out += ']';
    return { 200, out, {} };
}

} // namespace tapescope::emulator::hyperliquid
