#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QJsonObject>

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;
class HyperliquidTraders;

// The venue's error JSON, the {code, msg, data} shape the official SDK's error handler reads (§10).
QByteArray errorBody(int status, QByteArrayView message);

// Answers POST /info bodies (protocol reference §10) from the live market: meta, spotMeta,
// allMids, l2Book and candleSnapshot; and from the demo traders' accounts (any other address is an empty
// account): clearinghouseState, spotClearinghouseState, openOrders, frontendOpenOrders, userFills,
// userFunding, userNonFundingLedgerUpdates and orderStatus. Shared by HTTP and by the WebSocket "post" method.
class HyperliquidInfoEndpoint
{
public:
    HyperliquidInfoEndpoint(HyperliquidMarketSimulator &simulator, const HyperliquidTraders &traders);

    HttpResponse handle(const QByteArray &body) const;
    HttpResponse handle(const QJsonObject &request) const;

private:
    HttpResponse candleSnapshot(const QJsonObject &request) const;
    HttpResponse userRequest(const QString &type, const QJsonObject &request) const;

    HyperliquidMarketSimulator &m_simulator;
    const HyperliquidTraders &m_traders;
};

} // namespace tapescope::emulator::hyperliquid
