#pragma once

#include "AlpacaMarket.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <vector>

class QWebSocketServer;

namespace tapescope::emulator::alpaca {

class AlpacaEmulatorSession;

struct AlpacaEmulatorOptions
{
    quint32 seed = 1;
    // The only key pair the emulator accepts; anything else gets 402 "auth failed" and the socket closes.
    QString keyId = QStringLiteral("TAPESCOPE-EMULATOR");
    QString secret = QStringLiteral("emulator-secret");
    AlpacaMarketTiming timing;
    int symbolLimit = 30;           // distinct trade/quote symbols per session (free plan); more -> 405; 0 = none
    int connectionsPerEndpoint = 1; // authenticated sessions per endpoint and key; one more -> 406
    int authTimeoutMs = 10000;      // no auth within this long -> 404 "auth timeout" (alpaca.md §3)
};

// A loopback Alpaca market-data stream on one port, at the real paths: /v2/iex, /v2/sip, /v2/delayed_sip,
// /v2/test (FAKEPACA, always open) and /v1beta3/crypto/us (alpaca.md §1.1). Speaks the real protocol
// (welcome, auth, subscribe/unsubscribe with full-set replies, array frames, error codes) over a seeded
// market. For demo mode, integration tests and fault injection.
class AlpacaEmulator : public QObject
{
    Q_OBJECT
public:
    using Options = AlpacaEmulatorOptions;

    explicit AlpacaEmulator(Options options = {}, QObject *parent = nullptr);
    ~AlpacaEmulator() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0); // 0 = any free port
    quint16 port() const;
    QUrl baseUrl() const;                       // ws://127.0.0.1:PORT
    QUrl streamUrl(const QString &path) const;  // ws://127.0.0.1:PORT/v2/test
    const Options &options() const { return m_options; }

    // Fault injection.
    void dropAllConnections();                          // abort every socket without a close frame
    void setSilent(bool silent);                        // no data and no replies (WebSocket pongs still flow)
    void sendRawToAll(const QByteArray &frame);         // inject a raw text frame
    void sendErrorToAll(int code, bool thenClose = false); // any documented error code, on command
    void setTradingHalted(const QString &symbol, bool halted); // `s` status to statuses subscribers
    void setCredentials(const QString &keyId, const QString &secret);

    int clientCount() const;
    int authenticatedCount() const;
    QList<QByteArray> receivedFrames() const; // every text frame received from clients, the last 1000

    // For sessions: 0 when the key pair may sign in on `session`'s endpoint, else the error code to send
    // (402 wrong key, 406 connection limit).
    int checkAuth(const AlpacaEmulatorSession *session, const QString &keyId, const QString &secret) const;

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void frameReceived(const QByteArray &frame);

private:
    void onNewWebSocket();

    Options m_options;
    AlpacaMarket *m_market;
    QWebSocketServer *m_server;
    std::vector<AlpacaEmulatorSession *> m_sessions;
    QList<QByteArray> m_receivedFrames;
    bool m_silent = false;
};

} // namespace tapescope::emulator::alpaca
