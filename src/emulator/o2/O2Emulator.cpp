#include "O2Emulator.h"

#include "O2EmulatorLog.h"
#include "O2Frames.h"
#include "O2MarketBoard.h"
#include "O2RestEndpoint.h"
#include "O2Session.h"

#include "emulator/HttpConnection.h"
#include "emulator/LoopbackServer.h"

#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

Q_LOGGING_CATEGORY(lcO2Emulator, "tapescope.emulator.o2")

namespace {

constexpr int kReceivedFramesKept = 1000;

// The venue's error JSON for what the HTTP layer itself refuses (o2.md §8).
QByteArray errorBody(int, const QString &message)
{
    return frames::error(1001, message);
}

} // namespace

O2Emulator::O2Emulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_board(new MarketBoard(options.seed, {options.bookIntervalMs, options.tradeIntervalMs}, options.levelsPerSide, this))
    , m_server(new LoopbackServer(u"Tapescope O2 emulator"_s, errorBody(431, u"request head too large"_s),
                                  [this](QTcpSocket *socket, const LoopbackServer::RequestHead &request) {
                                      routeRequest(socket, request.path, request.isWebSocketUpgrade());
                                  },
                                  this))
{
    connect(m_server, &LoopbackServer::newWebSocket, this, &O2Emulator::onNewWebSocket);
}

O2Emulator::~O2Emulator()
{
    // Sessions and HTTP connections reference the board: they go first.
    for (Session *session : m_sessions)
        delete session;
    for (HttpConnection *connection : m_httpConnections)
        delete connection;
}

bool O2Emulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcO2Emulator) << "cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcO2Emulator) << "O2 emulator listening on" << restBaseUrl().toString();
    return true;
}

quint16 O2Emulator::port() const
{
    return m_server->port();
}

QUrl O2Emulator::restBaseUrl() const
{
    return m_server->url(u"http"_s);
}

QUrl O2Emulator::wsUrl() const
{
    return m_server->url(u"ws"_s, u"/v1/ws"_s);
}

std::vector<MarketSpec> O2Emulator::markets() const
{
    return m_board->specs();
}

QString O2Emulator::marketId(const QString &pair) const
{
    for (int i = 0; i < m_board->size(); ++i) {
        if (m_board->market(i).spec().pair() == pair)
            return m_board->market(i).spec().marketId;
    }
    return QString();
}

DepthView O2Emulator::book(const QString &marketId, int precisionExponent) const
{
    const int index = m_board->indexOf(marketId);
    return index < 0 ? DepthView{} : m_board->market(index).view(precisionExponent);
}

void O2Emulator::setPaused(bool paused)
{
    m_board->setPaused(paused);
}

void O2Emulator::step(const QString &marketId)
{
    m_board->step(m_board->indexOf(marketId));
}

void O2Emulator::routeRequest(QTcpSocket *socket, const QByteArray &path, bool webSocketUpgrade)
{
    if (webSocketUpgrade) {
        if (path == "/v1/ws")
            m_server->acceptWebSocket(socket);
        else
            LoopbackServer::replyAndClose(socket, 404, frames::error(1001, u"InvalidRequest: the WebSocket endpoint is /v1/ws"_s));
        return;
    }
    const auto handle = [this](const HttpRequest &request) -> HttpResponse {
        const RestReply answer = handleRest(*m_board, request.method, request.target);
        qCDebug(lcO2Emulator) << request.method << request.target.left(160) << "->" << answer.status;
        return {answer.status, answer.body, {}};
    };
    auto *connection = new HttpConnection(socket, handle, errorBody, this);
    connection->setSilent(m_silent);
    m_httpConnections.push_back(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        std::erase(m_httpConnections, connection);
        connection->deleteLater();
    });
}

void O2Emulator::onNewWebSocket(QWebSocket *socket)
{
    auto *session = new Session(socket, *m_board, this);
    session->setSilent(m_silent);
    m_sessions.push_back(session);
    connect(session, &Session::frameReceived, this, &O2Emulator::recordFrame);
    connect(session, &Session::closed, this, [this, session] {
        if (std::erase(m_sessions, session) == 0)
            return;
        session->deleteLater();
        Q_EMIT clientDisconnected();
    });
    qCDebug(lcO2Emulator) << "client connected from" << socket->peerAddress() << socket->peerPort();
    Q_EMIT clientConnected();
}

void O2Emulator::recordFrame(const QByteArray &frame)
{
    m_receivedFrames.append(frame);
    if (m_receivedFrames.size() > kReceivedFramesKept)
        m_receivedFrames.removeFirst();
    Q_EMIT frameReceived(frame);
}

void O2Emulator::dropAllConnections()
{
    qCInfo(lcO2Emulator) << "dropping" << m_sessions.size() << "WebSocket and" << m_httpConnections.size()
                         << "HTTP connections (fault injection)";
    const auto sessions = m_sessions;
    for (Session *session : sessions)
        session->socket()->abort(); // no close frame: the peer sees the TCP connection die
    const auto connections = m_httpConnections;
    for (HttpConnection *connection : connections)
        connection->socket()->abort();
}

void O2Emulator::setSilent(bool silent)
{
    m_silent = silent;
    for (Session *session : m_sessions)
        session->setSilent(silent);
    const auto connections = m_httpConnections;
    for (HttpConnection *connection : connections)
        connection->setSilent(silent);
}

void O2Emulator::sendRawToAll(const QByteArray &frame)
{
    for (Session *session : m_sessions)
        session->sendRaw(frame);
}

int O2Emulator::requireResync(const QString &marketId)
{
    const int index = m_board->indexOf(marketId);
    int told = 0;
    for (Session *session : m_sessions) {
        if (index >= 0 && session->hasDepth(index)) {
            session->breakDepth(index);
            ++told;
        }
    }
    qCInfo(lcO2Emulator) << "resync_required for" << marketId << "sent to" << told << "connections (fault injection)";
    return told;
}

int O2Emulator::clientCount() const
{
    return int(m_sessions.size());
}

QList<QByteArray> O2Emulator::receivedFrames() const
{
    return m_receivedFrames;
}

} // namespace tapescope::emulator::o2
