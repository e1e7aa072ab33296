#pragma once

#include "O2MarketCatalog.h"
#include "O2SimulatedMarket.h"

#include "emulator/VenueEmulator.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <vector>

namespace tapescope::emulator::o2 {

class MarketBoard;

struct O2EmulatorOptions
{
    quint32 seed = 1;
    int bookIntervalMs = 100; // one book step per market this often (0 = only on step())
    int tradeIntervalMs = 300; // one trade per market this often (0 = no trades)
    int levelsPerSide = 20;
};

// A loopback O2 (Fuel) exchange: the venue's WebSocket protocol on /v1/ws and its REST API (/v1/markets,
// /v1/bars, /v1/depth) on one port, over seeded random-walk books of fFUEL/fUSDC, fETH/fUSDC and fBTC/fUSDC
// (docs/protocols/o2.md §1-§8). Depth is a snapshot then deltas at the precision asked for, prices and quantities chain
// integers as strings; trades carry the maker's side; text PING is answered with PONG. While silent it
// sends nothing at all (no data, no PONG, no REST replies). Used for demo mode, integration tests and fault
// injection.
class O2Emulator : public VenueEmulator
{
    Q_OBJECT
public:
    using Options = O2EmulatorOptions;

    explicit O2Emulator(Options options = {}, QObject *parent = nullptr);

    QUrl restBaseUrl() const; // http://127.0.0.1:PORT  (GET /v1/markets, /v1/bars, /v1/depth)
    QUrl wsUrl() const; // ws://127.0.0.1:PORT/v1/ws

    std::vector<MarketSpec> markets() const;
    QString marketId(const QString &pair) const; // empty when no market has that pair name
    // The market's current book at a depth precision, in chain integers: what a client's book must equal.
    DepthView book(const QString &marketId, int precisionExponent) const;

    // Market control for exact comparisons: paused markets stand still; step() moves one book once.
    void setPaused(bool paused);
    void step(const QString &marketId);

    // Fault: breaks the market's depth stream on every connection subscribed to it: a change is lost, the
    // client gets `resync_required` and no more deltas until it subscribes again (docs/protocols/o2.md §4.7).
    // Returns how many connections were told.
    int requireResync(const QString &marketId);

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;

private:
    MarketBoard *m_board;
};

} // namespace tapescope::emulator::o2
