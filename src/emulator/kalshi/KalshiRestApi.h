#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

namespace tapescope::emulator::kalshi {

class NflMarketSimulator;

// The venue's error JSON: {"error":{"code":…,"message":…}}.
QByteArray errorBody(const QString &code, const QString &message);

// The REST side of the emulated venue (docs/protocols/kalshi.md §13.3): GET /trade-api/v2/events (series, status,
// nested markets, cursor pagination), /markets, /markets/{ticker} and /markets/{ticker}/orderbook, over the simulator's
// games. Pages are small so that clients must follow the cursor.
class KalshiRestApi
{
public:
    KalshiRestApi(const NflMarketSimulator &simulator, int pageSize)
        : m_simulator(simulator)
        , m_pageSize(pageSize)
    { }

    HttpResponse handle(const QByteArray &method, const QByteArray &pathAndQuery) const;

private:
    HttpResponse events(const QByteArray &pathAndQuery) const;
    HttpResponse markets(const QByteArray &pathAndQuery) const;
    HttpResponse market(const QString &ticker, bool orderbook) const;

    const NflMarketSimulator &m_simulator;
    int m_pageSize;
};

} // namespace tapescope::emulator::kalshi
