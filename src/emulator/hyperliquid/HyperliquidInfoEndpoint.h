#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QJsonObject>

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;

// The venue's error JSON, the {code, msg, data} shape the official SDK's error handler reads (§10).
QByteArray errorBody(int status, QByteArrayView message);

// Answers POST /info bodies (protocol reference §10) from the live market: meta, spotMeta,
// allMids, l2Book and candleSnapshot. Shared by HTTP and by the WebSocket "post" method.
class HyperliquidInfoEndpoint
{
public:
    explicit HyperliquidInfoEndpoint(HyperliquidMarketSimulator &simulator);

    HttpResponse handle(const QByteArray &body) const;
    HttpResponse handle(const QJsonObject &request) const;

private:
    HttpResponse candleSnapshot(const QJsonObject &request) const;

    HyperliquidMarketSimulator &m_simulator;
};

} // namespace tapescope::emulator::hyperliquid
