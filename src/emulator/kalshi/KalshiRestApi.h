#pragma once

#include <QtCore/QByteArray>

namespace tapescope::emulator::kalshi {

class NflMarketSimulator;

struct RestReply
{
    int status = 200;
    QByteArray body;
};

// The REST side of the emulated venue (kalshi.md §13.3): GET /trade-api/v2/events (series, status, nested
// markets, cursor pagination), /markets, /markets/{ticker} and /markets/{ticker}/orderbook, over the simulator's
// games. Pages are small so that clients must follow the cursor.
class KalshiRestApi
{
public:
    KalshiRestApi(const NflMarketSimulator &simulator, int pageSize)
        : m_simulator(simulator)
        , m_pageSize(pageSize)
    { }

    RestReply handle(const QByteArray &method, const QByteArray &pathAndQuery) const;

private:
    RestReply events(const QByteArray &pathAndQuery) const;
    RestReply markets(const QByteArray &pathAndQuery) const;
    RestReply market(const QString &ticker, bool orderbook) const;

    const NflMarketSimulator &m_simulator;
    int m_pageSize;
};

} // namespace tapescope::emulator::kalshi
