#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;

struct InfoReply
{
    int status = 200;
    QByteArray body; // JSON
};

// Answers POST /info bodies (protocol reference §10) from the live market: meta, spotMeta,
// allMids, l2Book and candleSnapshot. Shared by HTTP and by the WebSocket "post" method.
class HyperliquidInfoEndpoint
{
public:
    explicit HyperliquidInfoEndpoint(HyperliquidMarketSimulator &simulator);

    InfoReply handle(const QByteArray &body) const;
    InfoReply handle(const QJsonObject &request) const;

private:
    InfoReply candleSnapshot(const QJsonObject &request) const;

    HyperliquidMarketSimulator &m_simulator;
};

} // namespace tapescope::emulator::hyperliquid
