#pragma once

#include "AlpacaMarket.h"
#include "AlpacaTrader.h"

#include "emulator/VenueEmulator.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

namespace tapescope::emulator::alpaca {

class AlpacaEmulatorSession;
class AlpacaTradingSession;

struct AlpacaEmulatorOptions
{
    quint32 seed = 1;
    // The only key pair the emulator accepts; anything else gets 402 "auth failed" and the socket closes.
    QString keyId = QStringLiteral("TAPESCOPE-EMULATOR");
    QString secret = QStringLiteral("emulator-secret");
    AlpacaMarketTiming timing;
    int symbolLimit = 30; // distinct trade/quote symbols per session (free plan); more -> 405; 0 = none
    int connectionsPerEndpoint = 1; // authenticated sessions per endpoint and key; one more -> 406
    int authTimeoutMs = 10000; // no auth within this long -> 404 "auth timeout" (docs/protocols/alpaca.md §3)
    AlpacaTraderOptions trader; // the paper trader behind the test keys (trading stream and REST)
};

// A loopback Alpaca market-data stream on one port, at the real paths: /v2/iex, /v2/sip, /v2/delayed_sip,
// /v2/test (FAKEPACA, always open) and /v1beta3/crypto/us (docs/protocols/alpaca.md §1.1). Speaks the real protocol
// (welcome, auth, subscribe/unsubscribe with full-set replies, array frames, error codes) over a seeded
// market; any other path gets HTTP 404, as on the venue (docs/protocols/alpaca.md §2). While silent: no data and no
// replies (WebSocket pongs still flow). For demo mode, integration tests and fault injection.
//
// The same port also serves the trading side of the test keys' paper account (docs/protocols/alpaca.md §1.2, §1.3,
// §9, §10): the trading stream at /stream (binary frames, both sign-in forms, listen trade_updates) and the REST
// calls under /v2 (account, positions, orders, fill activities), answered by an AlpacaTrader; REST with other keys
// gets 401 {"code":40110000,...}.
class AlpacaEmulator : public VenueEmulator
{
    Q_OBJECT
public:
    using Options = AlpacaEmulatorOptions;

    explicit AlpacaEmulator(Options options = {}, QObject *parent = nullptr);

    QUrl baseUrl() const; // ws://127.0.0.1:PORT
    QUrl streamUrl(const QString &path) const; // ws://127.0.0.1:PORT/v2/test
    QUrl tradingBaseUrl() const; // http://127.0.0.1:PORT (REST /v2/..., stream at ws://127.0.0.1:PORT/stream)
    AlpacaTrader &trader() { return *m_trader; }
    bool acceptsKeys(const QString &keyId, const QString &secret) const;
    int tradingClientCount() const; // signed-in trading-stream sessions
    void sendTradingErrorToAll(const QString &message); // {"action":"error",…} then close
    const Options &options() const { return m_options; }

    // Fault injection.
    void sendErrorToAll(int code, bool thenClose = false); // any documented error code, on command
    void setTradingHalted(const QString &symbol, bool halted); // `s` status to statuses subscribers
    void setCredentials(const QString &keyId, const QString &secret);

    int authenticatedCount() const;

    // For exact book comparisons, with timing.bookIntervalMs = 0 so that only the test moves the crypto books: one
    // book step now (deltas and quotes to subscribers, as the book timer's), and a pair's full book, exact.
    void stepCryptoBooks();
    std::optional<BookSnapshot> cryptoBook(const QString &symbol) const;

    // For sessions: 0 when the key pair may sign in on `session`'s endpoint, else the error code to send
    // (402 wrong key, 406 connection limit).
    int checkAuth(const AlpacaEmulatorSession *session, const QString &keyId, const QString &secret) const;

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;

private:
    std::vector<AlpacaEmulatorSession *> marketSessions() const;
    std::vector<AlpacaTradingSession *> tradingSessions() const;

    Options m_options;
    AlpacaMarket *m_market;
    AlpacaTrader *m_trader;
};

} // namespace tapescope::emulator::alpaca
