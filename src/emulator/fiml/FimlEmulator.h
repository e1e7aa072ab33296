#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <vector>

class QWebSocketServer;

namespace tapescope::emulator::fiml {

class FimlEmulatorSession;
class FimlQuotes;

struct FimlEmulatorOptions
{
    quint32 seed = 1;
    int heartbeatIntervalMs = 30000; // FIML's fixed 30 s (fiml.md §2); tests shorten it
};

// A loopback FIML streaming server: /ws/stream (subscribe / unsubscribe with acks, price and OHLCV data at
// the requested interval, heartbeats, error frames for bad requests) and /ws/prices/{symbols}
// (fiml.md §1-§6). No authentication, like FIML. For demo mode, integration tests and fault injection.
class FimlEmulator : public QObject
{
    Q_OBJECT
public:
    using Options = FimlEmulatorOptions;

    explicit FimlEmulator(Options options = {}, QObject *parent = nullptr);
    ~FimlEmulator() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0); // 0 = any free port
    quint16 port() const;
    QString host() const;
    QUrl streamUrl() const; // ws://127.0.0.1:PORT/ws/stream

    // Fault injection.
    void dropAllConnections();                  // abort every socket without a close frame
    void setSilent(bool silent);                // no data, acks or heartbeats while set (a stalled server)
    void sendRawToAll(const QByteArray &frame); // inject a raw text frame
    // Each client's next `count` requests are answered with this error frame instead of being carried out.
    void failNextRequests(int count, const QString &errorCode, const QString &message);

    int clientCount() const;
    int subscriptionCount() const; // over all clients
    QList<QByteArray> receivedFrames() const; // every text frame received from clients, the last 1000

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void frameReceived(const QByteArray &frame);

private:
    void onNewWebSocket();

    Options m_options;
    std::unique_ptr<FimlQuotes> m_quotes;
    QWebSocketServer *m_server;
    std::vector<FimlEmulatorSession *> m_sessions;
    QList<QByteArray> m_receivedFrames;
    bool m_silent = false;
    int m_failuresPending = 0;
    QString m_failureCode;
    QString m_failureMessage;
};

} // namespace tapescope::emulator::fiml
