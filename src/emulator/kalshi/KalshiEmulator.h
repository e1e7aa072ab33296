#pragma once

#include "KalshiEmulatorSession.h"
#include "KalshiRequestAuth.h"
#include "NflMarketSimulator.h"

#include "core/Events.h"
#include "emulator/LoopbackServer.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <vector>

class QTcpSocket;
class QWebSocket;

namespace tapescope::emulator::kalshi {

class KalshiRestApi;

struct KalshiEmulatorOptions
{
    quint32 seed = 1;
    int tickIntervalMs = 250;
    int settleAfterTicks = 480; // the DAL@PHI game ends with a winner after this many ticks (0 = never)
    int pageSize = 2; // events per REST page: small, so clients must follow the cursor
    bool requireAuth = true; // the WebSocket upgrade must be signed (kalshi.md §2.3)
    bool requireRestAuth = false; // REST market data is public; signed requests are still checked
    AuthPolicy auth; // empty publicKeyPem: the TEST-ONLY demo key (KalshiDemoKey.h)
    KalshiEmulatorSession::Options session;
};

// A loopback Kalshi (kalshi.md): the signed WebSocket on /trade-api/ws/v2 and REST on /trade-api/v2 on one port,
// over simulated NFL game markets. A handshake without a valid signature gets HTTP 401, as on the venue.
// Used for demo mode, integration tests and fault injection.
class KalshiEmulator : public QObject
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

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0); // 0 = any free port
    quint16 port() const;
    QUrl wsUrl() const; // ws://127.0.0.1:PORT/trade-api/ws/v2
    QUrl restBase() const; // http://127.0.0.1:PORT/trade-api/v2

    NflMarketSimulator &simulator() { return *m_simulator; }
    // A market's book as the venue holds it, in the YES view (bids = YES bids, asks = 1 − NO bids), exact.
    std::optional<BookSnapshot> yesViewBook(const QString &marketTicker) const;

    // Fault injection (every connected client).
    void dropAllConnections();
    void setSilent(bool silent);
    void sendRawToAll(const QByteArray &frame);
    void injectSequenceGap();
    void injectError(int code);
    void injectDuplicateTrade();

    int clientCount() const { return int(m_sessions.size()); }
    QList<QByteArray> receivedFrames() const { return m_receivedFrames; } // the last 1000 client frames
    QList<Handshake> handshakes() const { return m_handshakes; }
    int subscriptionCount(const QString &channel) const;

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void frameReceived(const QByteArray &frame);

private:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request);
    void answerHttp(QTcpSocket *socket, const LoopbackServer::RequestHead &request, const HeaderMap &headers);
    void onNewWebSocket(QWebSocket *socket);

    Options m_options;
    NflMarketSimulator *m_simulator;
    std::unique_ptr<KalshiRestApi> m_rest;
    LoopbackServer *m_server;
    std::vector<KalshiEmulatorSession *> m_sessions;
    QList<QByteArray> m_receivedFrames;
    QList<Handshake> m_handshakes;
    bool m_silent = false;
};

} // namespace tapescope::emulator::kalshi
