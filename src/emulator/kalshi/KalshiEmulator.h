#pragma once

#include "KalshiDemoTrader.h"
#include "KalshiEmulatorSession.h"
#include "KalshiRequestAuth.h"
#include "NflMarketSimulator.h"

#include "core/Events.h"
#include "emulator/VenueEmulator.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QUrl>

#include <memory>
#include <optional>

namespace tapescope::emulator::kalshi {

class KalshiRestApi;

struct KalshiEmulatorOptions
{
    quint32 seed = 1;
    int tickIntervalMs = 250;
    int settleAfterTicks = 480; // the DAL@PHI game ends with a winner after this many ticks (0 = never)
    int pageSize = 2; // events per REST page: small, so clients must follow the cursor
    bool requireAuth = true; // the WebSocket upgrade must be signed (docs/protocols/kalshi.md §2.3)
    bool requireRestAuth = false; // REST market data is public; signed requests are still checked
    AuthPolicy auth; // empty publicKeyPem: the TEST-ONLY demo key (KalshiDemoKey.h)
    KalshiEmulatorSession::Options session;
    // The member behind the demo key: its portfolio on /trade-api/v2/portfolio/ (always signed: unsigned or wrongly
    // signed calls get 401) and on the fill, market_positions and user_orders channels.
    KalshiDemoTrader::Options trader;
};

// A loopback Kalshi (docs/protocols/kalshi.md): the signed WebSocket on /trade-api/ws/v2 and REST on /trade-api/v2 on
// one port, over simulated NFL game markets. A handshake without a valid signature gets HTTP 401, as on the venue. Used
// for demo mode, integration tests and fault injection.
class KalshiEmulator : public VenueEmulator
{
    Q_OBJECT
public:
    using Options = KalshiEmulatorOptions;

    // What one upgrade request carried and how it was judged (the signature itself is not kept).
    struct Handshake
    {
        QByteArray keyId;
        qint64 timestampMs = -1;
        bool hadSignature = false;
        bool accepted = false;
        QString reason;
    };

    explicit KalshiEmulator(Options options = {}, QObject *parent = nullptr);
    ~KalshiEmulator() override;

    QUrl wsUrl() const; // ws://127.0.0.1:PORT/trade-api/ws/v2
    QUrl restBase() const; // http://127.0.0.1:PORT/trade-api/v2

    NflMarketSimulator &simulator() { return *m_simulator; }
    // The demo key's member (test hooks: placeOrder, fillOrder, cancelOrder, orders/fills/positions/balance).
    KalshiDemoTrader &trader() { return *m_trader; }
    // A market's book as the venue holds it, in the YES view (bids = YES bids, asks = 1 − NO bids), exact.
    std::optional<BookSnapshot> yesViewBook(const QString &marketTicker) const;

    // Fault injection (every connected client).
    void injectSequenceGap();
    void injectError(int code);
    // The next `count` subscribe / unsubscribe / update_subscription commands are refused with `code` (26: market
    // limit, 27: command rate limit) and not carried out.
    void refuseCommands(int code, int count) { m_refusal = { code, count }; }
    // The next `count` REST requests are answered HTTP 429 Too Many Requests (§11: excess calls of a tier).
    void rateLimitRestRequests(int count) { m_rateLimitedRequests = count; }
    void injectDuplicateTrade();

    QList<Handshake> handshakes() const { return m_handshakes; }
    int subscriptionCount(const QString &channel) const;

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;

private:
    void answerHttp(QTcpSocket *socket, const LoopbackServer::RequestHead &request, const HeaderMap &headers);

    Options m_options;
    KalshiEmulatorSession::CommandRefusal m_refusal;
    int m_rateLimitedRequests = 0;
    NflMarketSimulator *m_simulator;
    KalshiDemoTrader *m_trader;
    std::unique_ptr<KalshiRestApi> m_rest;
    QList<Handshake> m_handshakes;
};

} // namespace tapescope::emulator::kalshi
