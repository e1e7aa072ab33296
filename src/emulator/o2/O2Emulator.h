#pragma once

#include "O2DemoTrader.h"
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
    int traderIntervalMs = 1500; // the demo trader's pace: one order action per interval
    bool traderAutomatic = true; // false: it acts only through the test hooks (fills from the flow still happen)
};

// A loopback O2 (Fuel) exchange: the venue's WebSocket protocol on /v1/ws and its REST API (/v1/markets,
// /v1/bars, /v1/depth, and a demo trade account's calls) on one port, over seeded random-walk books of fFUEL/fUSDC,
// fETH/fUSDC and fBTC/fUSDC (docs/protocols/o2.md §1-§8). Depth is a snapshot then deltas at the precision asked for,
// prices and quantities chain integers as strings; trades carry the maker's side; text PING is answered with PONG.
// While silent it sends nothing at all (no data, no PONG, no REST replies). Used for demo mode, integration tests and
// fault injection.
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

    // The demo trade account (docs/protocols/o2.md §3, §4.3-§4.6, §8): its orders, balances and nonce over
    // subscribe_orders / subscribe_balances / subscribe_nonce and GET /v1/orders, /v1/order, /v1/balance,
    // /v1/accounts. Any other trade account is an empty account.
    static QString demoTradeAccount();
    DemoTrader &trader() { return *m_trader; }
    // Test hooks on the demo trader (market by pair or id): see DemoTrader.
    QString placeOrder(const QString &market, bool buy, std::uint64_t price, std::uint64_t quantity);
    bool fillOrder(const QString &orderId, std::uint64_t quantity);
    bool cancelOrder(const QString &orderId);
    DemoTraderSnapshot traderSnapshot() const;

    void setRejectConnections(bool reject); // fault: refuse new WebSocket upgrades (HTTP 503) while set
    // Fault: the next `count` REST requests are answered HTTP 429 with `{"code":1003,"message":"RateLimitExceeded"}`
    // (docs/protocols/o2.md §10) instead of being served.
    void rateLimitRestRequests(int count) { m_rateLimitedRequests = count; }

    // Fault: breaks the market's depth stream on every connection subscribed to it: a change is lost, the
    // client gets `resync_required` and no more deltas until it subscribes again (docs/protocols/o2.md §4.7).
    // Returns how many connections were told.
    int requireResync(const QString &marketId);

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;

private:
    MarketBoard *m_board;
    DemoTrader *m_trader;
    bool m_rejectConnections = false;
    int m_rateLimitedRequests = 0;
};

} // namespace tapescope::emulator::o2
