#pragma once

#include "HyperliquidSessionLoad.h"

#include "core/Events.h"
#include "emulator/VenueEmulator.h"

#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <memory>
#include <optional>

namespace tapescope::emulator {

namespace hyperliquid {
class HyperliquidInfoEndpoint;
class HyperliquidMarketSimulator;
class HyperliquidTraders;
} // namespace hyperliquid

struct HyperliquidEmulatorOptions
{
    quint32 seed = 1;
    int bookIntervalMs = 250;
    int tradeIntervalMs = 150;
    int midsIntervalMs = 1000;
    int ctxIntervalMs = 1000;
    int levels = 20; // levels per side in a (non-fast) l2Book frame; the emulated books hold 24
    int syntheticPerps = 0; // extra made-up perps SIM01.. for load tests over many instruments
    LoadProfile load; // benchmark load on every client's subscribed streams (Off by default)
    // Simulated traders, one account per address (HyperliquidEmulator::demoTraderAddress() by default; empty: none).
    QStringList traders { QStringLiteral("0xdec0de0000000000000000000000000000000001") };
    int traderIntervalMs = 1500; // one automatic order action (place, cancel and re-quote) per interval
    int fundingIntervalMs = 60000; // the traders' accelerated funding clock (the venue pays hourly)
    bool traderAutomatic = true; // false: the traders only act through the test hooks below
};

// A loopback Hyperliquid: the venue's WebSocket protocol on /ws and POST /info on one port, over
// a seeded random-walk market (Hyperliquid protocol reference §1-§7, §10). While silent it sends nothing
// at all (no data, no pong, no acks). Used for demo mode, integration tests, benchmarks (burst mode) and
// fault injection. Demo traders (options.traders) give the account streams and info calls something to show:
// orders resting at the simulated inside that fill as the trade flow crosses them, perp positions, spot
// balances and funding; any other address is an empty account, as on the venue.
class HyperliquidEmulator : public VenueEmulator
{
    Q_OBJECT
public:
    // Defined outside the class only because a nested struct with member initializers cannot be a
    // default argument of its own enclosing class's constructor.
    using Options = HyperliquidEmulatorOptions;

    explicit HyperliquidEmulator(Options options = {}, QObject *parent = nullptr);
    ~HyperliquidEmulator() override;

    QUrl restBaseUrl() const; // http://127.0.0.1:PORT      (POST /info)
    QUrl wsUrl() const; // ws://127.0.0.1:PORT/ws     (derived from the REST base like the SDK, §1)

    void setRejectConnections(bool reject); // fault: refuse new WebSocket upgrades (HTTP 503) while set
    // Fault: the next `count` POST /info are answered HTTP 429 (the venue's body for it is not documented,
    // docs/protocols/hyperliquid.md §5: a plain text), with "Retry-After: retryAfterSeconds" when that is > 0.
    void rateLimitInfoRequests(int count, int retryAfterSeconds = 0);

    // For exact book comparisons, with the book and trade intervals set longer than the test so that nothing else
    // moves the books: one book step of every market now, sent to l2Book subscribers as the book timer's are; and a
    // market's book as an unaggregated l2Book frame shows it (options.levels a side), exact. nullopt: unknown coin.
    void stepBooks();
    std::optional<BookSnapshot> book(const QString &coin) const;

    // Frames sent by the load profile to every client so far, and those Paced mode skipped.
    quint64 loadFramesSent() const;
    quint64 loadFramesSkipped() const;

    // Burst mode for benchmarks: l2Book frames for `coin` back-to-back as fast as each subscribed
    // socket drains, `count` frames per client (0 = until stopped).
    void startBurst(const QString &coin, quint64 count);
    void stopBurst();

    // The address of the demo trader the default options create (lower case).
    static QString demoTraderAddress();

    // Demo-trader hooks for tests (addresses compare case-insensitively; an address that is not one of
    // options.traders is refused with 0 / false / an empty object). Every action produces the frames the
    // venue would send (orderUpdates, userFills, user, clearinghouseState, spotState, ...).
    void setTraderAutomatic(bool automatic); // false: no random orders, fills from the trade flow or funding
    // A resting limit order (Gtc or Alo at random). Price and size are decimal strings on the coin's tick
    // and lot; cloid is empty or "0x" + 32 hex. Returns the oid, or 0 when refused.
    qint64 placeOrder(const QString &address, const QString &coin, bool isBuy, const QString &price,
                      const QString &size, const QString &cloid = {});
    // Fills `size` of a resting order at its limit price as the maker (partial, or the rest: then filled).
    bool fillOrder(const QString &address, qint64 oid, const QString &size);
    bool cancelOrder(const QString &address, qint64 oid); // the trader cancels: orderUpdates canceled
    // The venue cancels: user channel nonUserCancel, and orderUpdates canceled.
    bool venueCancelOrder(const QString &address, qint64 oid);
    bool payFunding(const QString &address); // one funding payment on every open position; false if none
    bool deposit(const QString &address, const QString &usdc); // a ledger deposit: userNonFundingLedgerUpdates
    // The account as the venue reports it: {"openOrders":[frontendOpenOrders], "fills":[every kept fill,
    // newest first], "clearinghouseState":{...}, "spotClearinghouseState":{...}}.
    QJsonObject traderSnapshot(const QString &address) const;

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;
    void sessionEnded(VenueSession *session) override;

private:
    Options m_options;
    hyperliquid::HyperliquidMarketSimulator *m_simulator;
    std::unique_ptr<hyperliquid::HyperliquidTraders> m_traders;
    std::unique_ptr<hyperliquid::HyperliquidInfoEndpoint> m_info;
    bool m_rejectConnections = false;
    int m_rateLimitedInfo = 0;
    int m_retryAfterSeconds = 0;
    quint64 m_loadFramesSentByClosed = 0;
    quint64 m_loadFramesSkippedByClosed = 0;
};

} // namespace tapescope::emulator
