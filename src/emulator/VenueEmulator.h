#pragma once

#include "HttpConnection.h"
#include "LoopbackServer.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QLoggingCategory>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <vector>

class QTcpSocket;
class QWebSocket;

namespace tapescope::emulator {

class VenueSession;

// A category as Q_LOGGING_CATEGORY defines it: a function returning it.
using LogCategory = const QLoggingCategory &(*)();

// What every venue emulator shares: its one loopback port (WebSocket and HTTP), the sessions of its WebSocket
// clients and its HTTP connections, the frames clients sent, and the faults a test applies to all of them.
// A venue routes each request head and makes the session for each WebSocket client.
class VenueEmulator : public QObject
{
    Q_OBJECT
public:
    ~VenueEmulator() override;

    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0); // 0 = any free port
    // Once listen() failed: "cannot listen on 127.0.0.1:8080" (the reason is logged).
    QString listenError() const { return m_listenError; }
    quint16 port() const;
    QString host() const; // what a client dials: loopback when listening on an any-address
    QUrl url(const QString &scheme, const QString &path = {}) const; // scheme://HOST:PORT/path

    // Fault injection, on every client.
    void dropAllConnections(); // abort every socket without a close frame: the peer sees TCP die
    void setSilent(bool silent); // sessions send nothing (see each venue); HTTP requests wait
    void sendRawToAll(const QByteArray &frame); // inject a raw text frame (malformed-input tests)

    int clientCount() const { return int(m_sessions.size()); } // WebSocket clients
    QList<QByteArray> receivedFrames() const { return m_receivedFrames; } // from clients, the last 1000

Q_SIGNALS:
    void clientConnected();
    void clientDisconnected();
    void frameReceived(const QByteArray &frame);

protected:
    // `venue` names it in logs ("Hyperliquid"); `headTooLargeBody` is the venue's JSON for a 431.
    VenueEmulator(const QString &venue, LogCategory log, const QByteArray &headTooLargeBody, QObject *parent);

    // A new connection's request head: acceptWebSocket(), serveHttp() or LoopbackServer::replyAndClose().
    virtual void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) = 0;
    // A WebSocket handshake completed: the venue's session for the socket, or nullptr once the venue has
    // closed it (a refused stream).
    virtual VenueSession *createSession(QWebSocket *socket) = 0;
    // The new session is tracked and as silent as the others; default: nothing more.
    virtual void sessionStarted(VenueSession *session);
    // The session's socket disconnected; the session is deleted later. Default: nothing.
    virtual void sessionEnded(VenueSession *session);

    void acceptWebSocket(QTcpSocket *socket);
    // HTTP/1.1 on the socket (keep-alive, pipelining), answered by `handler`; requests wait while silent.
    void serveHttp(QTcpSocket *socket, HttpConnection::Handler handler, HttpConnection::ErrorBody errorBody);
    // Deletes every session and HTTP connection, without signals. The destructor does it too; a venue whose
    // sessions reference its own members calls it first, from its destructor.
    void closeAllClients();

    bool isSilent() const { return m_silent; }
    template<typename Session> std::vector<Session *> sessions() const // a copy: safe while sessions come and go
    {
        std::vector<Session *> typed;
        typed.reserve(m_sessions.size());
        for (VenueSession *session : m_sessions)
            typed.push_back(static_cast<Session *>(session));
        return typed;
    }

private:
    void onNewWebSocket(QWebSocket *socket);
    void endSession(VenueSession *session);
    void recordFrame(const QByteArray &frame);

    QString m_venue;
    LogCategory m_log;
    LoopbackServer *m_server;
    std::vector<VenueSession *> m_sessions;
    std::vector<HttpConnection *> m_httpConnections;
    QList<QByteArray> m_receivedFrames;
    QString m_listenError;
    bool m_silent = false;
};

} // namespace tapescope::emulator
