#include "VenueEmulator.h"

#include "VenueSession.h"

#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace tapescope::emulator {

namespace {

constexpr int kReceivedFramesKept = 1000;

} // namespace

VenueEmulator::VenueEmulator(const QString &venue, LogCategory log, const QByteArray &headTooLargeBody, QObject *parent)
    : QObject(parent)
    , m_venue(venue)
    , m_log(log)
    , m_server(new LoopbackServer(
          u"Tapescope %1 emulator"_s.arg(venue), headTooLargeBody,
          [this](QTcpSocket *socket, const LoopbackServer::RequestHead &request) { routeRequest(socket, request); },
          this))
{
    connect(m_server, &LoopbackServer::newWebSocket, this, &VenueEmulator::onNewWebSocket);
}

VenueEmulator::~VenueEmulator()
{
    closeAllClients();
}

bool VenueEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        m_listenError = u"cannot listen on %1:%2"_s.arg(address.toString()).arg(port);
        qCWarning(m_log).noquote().nospace() << m_listenError << ": " << m_server->errorString();
        return false;
    }
    m_listenError.clear();
    qCInfo(m_log).noquote() << m_venue << "emulator listening on" << url(u"http"_s).authority();
    return true;
}

quint16 VenueEmulator::port() const
{
    return m_server->port();
}

QString VenueEmulator::host() const
{
    return m_server->host();
}

QUrl VenueEmulator::url(const QString &scheme, const QString &path) const
{
    return m_server->url(scheme, path);
}

void VenueEmulator::acceptWebSocket(QTcpSocket *socket)
{
    m_server->acceptWebSocket(socket);
}

void VenueEmulator::serveHttp(QTcpSocket *socket, HttpConnection::Handler handler, HttpConnection::ErrorBody errorBody)
{
    auto *connection = new HttpConnection(socket, std::move(handler), std::move(errorBody), this);
    connection->setSilent(m_silent);
    m_httpConnections.push_back(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        std::erase(m_httpConnections, connection);
        connection->deleteLater();
    });
}

void VenueEmulator::onNewWebSocket(QWebSocket *socket)
{
    VenueSession *session = createSession(socket);
    if (!session) {
        // Closing it may have disconnected it already (QWebSocket::close() emits disconnected() at once when the
        // close frame goes out unbuffered), before a connection to disconnected() could catch it.
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        else
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }
    session->setSilent(m_silent);
    m_sessions.push_back(session);
    connect(session, &VenueSession::frameReceived, this, &VenueEmulator::recordFrame);
    connect(session, &VenueSession::closed, this, [this, session] { endSession(session); });
    sessionStarted(session);
    qCDebug(m_log) << "client connected from" << socket->peerAddress() << socket->peerPort();
    Q_EMIT clientConnected();
}

void VenueEmulator::sessionStarted(VenueSession *) { }

void VenueEmulator::sessionEnded(VenueSession *) { }

void VenueEmulator::endSession(VenueSession *session)
{
    if (std::erase(m_sessions, session) == 0)
        return;
    sessionEnded(session);
    session->deleteLater();
    qCDebug(m_log) << "client disconnected," << m_sessions.size() << "left";
    Q_EMIT clientDisconnected();
}

void VenueEmulator::recordFrame(const QByteArray &frame)
{
    m_receivedFrames.append(frame);
    if (m_receivedFrames.size() > kReceivedFramesKept)
        m_receivedFrames.removeFirst();
    Q_EMIT frameReceived(frame);
}

void VenueEmulator::closeAllClients()
{
    for (VenueSession *session : std::exchange(m_sessions, {}))
        delete session;
    for (HttpConnection *connection : std::exchange(m_httpConnections, {}))
        delete connection;
}

void VenueEmulator::dropAllConnections()
{
    qCInfo(m_log) << "dropping" << m_sessions.size() << "WebSocket and" << m_httpConnections.size()
                  << "HTTP connections (fault injection)";
    for (VenueSession *session : sessions<VenueSession>())
        session->socket()->abort();
    for (HttpConnection *connection : std::vector(m_httpConnections))
        connection->socket()->abort();
}

void VenueEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (VenueSession *session : sessions<VenueSession>())
        session->setSilent(silent);
    for (HttpConnection *connection : std::vector(m_httpConnections))
        connection->setSilent(silent);
}

void VenueEmulator::sendRawToAll(const QByteArray &frame)
{
    for (VenueSession *session : m_sessions)
        session->send(frame);
}

} // namespace tapescope::emulator
