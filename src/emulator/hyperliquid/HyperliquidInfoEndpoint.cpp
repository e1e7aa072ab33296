#include "HyperliquidInfoEndpoint.h"

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

HyperliquidInfoEndpoint::HyperliquidInfoEndpoint(HyperliquidMarketSimulator &simulator)
    : m_simulator(simulator)
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
    return deserializeFailure("unknown variant `" + type.toUtf8() + '`');
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
