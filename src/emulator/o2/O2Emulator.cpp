#include "O2Emulator.h"

#include "O2EmulatorLog.h"
#include "O2HttpConnection.h"
#include "O2MarketBoard.h"
#include "O2Session.h"

#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

Q_LOGGING_CATEGORY(lcO2Emulator, "tapescope.emulator.o2")

namespace {

constexpr qsizetype kMaxRequestHead = 16 * 1024;
constexpr int kReceivedFramesKept = 1000;

// Is this request head a WebSocket upgrade, and for which path?
bool isWebSocketUpgrade(const QByteArray &head, QByteArray *path)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || requestLine[0] != "GET")
        return false;
    *path = requestLine[1];
    if (const qsizetype query = path->indexOf('?'); query >= 0)
        path->truncate(query);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0 && lines[i].left(colon).trimmed().toLower() == "upgrade"
            && lines[i].mid(colon + 1).trimmed().toLower() == "websocket")
            return true;
    }
    return false;
}

void refuseUpgrade(QTcpSocket *socket)
{
    const QByteArray body = R"({"code":1001,"message":"InvalidRequest: the WebSocket endpoint is /v1/ws"})";
    socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
}

} // namespace

O2Emulator::O2Emulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_board(new MarketBoard(options.seed, {options.bookIntervalMs, options.tradeIntervalMs}, options.levelsPerSide, this))
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(u"Tapescope O2 emulator"_s, QWebSocketServer::NonSecureMode, this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &O2Emulator::onNewTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &O2Emulator::onNewWebSocket);
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
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcO2Emulator) << "cannot listen on" << address << port << m_tcpServer->errorString();
        return false;
    }
    qCInfo(lcO2Emulator) << "O2 emulator listening on" << restBaseUrl().toString();
    return true;
}

quint16 O2Emulator::port() const
{
    return m_tcpServer->serverPort();
}

QUrl O2Emulator::restBaseUrl() const
{
    QHostAddress host = m_tcpServer->serverAddress();
    if (host.isNull() || host == QHostAddress::Any || host == QHostAddress::AnyIPv4 || host == QHostAddress::AnyIPv6)
        host = QHostAddress::LocalHost;
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

QUrl O2Emulator::wsUrl() const
{
    QUrl url = restBaseUrl();
    url.setScheme(u"ws"_s);
    url.setPath(u"/v1/ws"_s);
    return url;
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

void O2Emulator::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequestHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void O2Emulator::inspectRequestHead(QTcpSocket *socket)
{
    // Peek, don't read: whoever takes the socket (WebSocket handshake or HTTP) needs the whole head.
    const QByteArray peeked = socket->peek(kMaxRequestHead + 4);
    const qsizetype headEnd = peeked.indexOf("\r\n\r\n");
    if (headEnd < 0 && peeked.size() <= kMaxRequestHead)
        return;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);

    QByteArray path;
    if (headEnd >= 0 && isWebSocketUpgrade(peeked.left(headEnd), &path)) {
        if (path == "/v1/ws")
            m_webSocketServer->handleConnection(socket);
        else
            refuseUpgrade(socket);
        return;
    }
    auto *connection = new HttpConnection(socket, *m_board, this);
    connection->setSilent(m_silent);
    m_httpConnections.push_back(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        std::erase(m_httpConnections, connection);
        connection->deleteLater();
    });
}

void O2Emulator::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
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
