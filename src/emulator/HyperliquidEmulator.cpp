#include "HyperliquidEmulator.h"

#include "EmulatorLog.h"
#include "EmulatorSession.h"
#include "HttpConnection.h"
#include "InfoEndpoint.h"
#include "MarketSimulator.h"

#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator {

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

} // namespace

HyperliquidEmulator::HyperliquidEmulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_simulator(new MarketSimulator(options.seed,
                                      {options.bookIntervalMs, options.tradeIntervalMs, options.midsIntervalMs,
                                       options.ctxIntervalMs},
                                      options.syntheticPerps, this))
    , m_info(std::make_unique<InfoEndpoint>(*m_simulator))
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(u"Tapescope Hyperliquid emulator"_s, QWebSocketServer::NonSecureMode, this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &HyperliquidEmulator::onNewTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &HyperliquidEmulator::onNewWebSocket);
}

HyperliquidEmulator::~HyperliquidEmulator()
{
    // Sessions reference the simulator and the endpoint: they go first.
    for (EmulatorSession *session : m_sessions)
        delete session;
    for (HttpConnection *connection : m_httpConnections)
        delete connection;
}

bool HyperliquidEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcEmulator) << "cannot listen on" << address << port << m_tcpServer->errorString();
        return false;
    }
    qCInfo(lcEmulator) << "Hyperliquid emulator listening on" << restBaseUrl().toString();
    return true;
}

quint16 HyperliquidEmulator::port() const
{
    return m_tcpServer->serverPort();
}

QUrl HyperliquidEmulator::restBaseUrl() const
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

QUrl HyperliquidEmulator::wsUrl() const
{
    // The SDK's rule: "ws" + base_url[len("http"):] + "/ws" (§1).
    const QString base = restBaseUrl().toString();
    return QUrl(u"ws"_s + base.mid(4) + u"/ws"_s);
}

void HyperliquidEmulator::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequestHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void HyperliquidEmulator::refuse(QTcpSocket *socket, int status, const QByteArray &message)
{
    HttpConnection::Response response;
    response.status = status;
    response.body = "{\"code\":" + QByteArray::number(status) + ",\"msg\":\"" + message + "\",\"data\":null}";
    socket->write(HttpConnection::serialize(response, false));
    socket->disconnectFromHost();
}

void HyperliquidEmulator::inspectRequestHead(QTcpSocket *socket)
{
    // Peek, don't read: whoever takes the socket (WebSocket handshake or HTTP) needs the whole head.
    const QByteArray peeked = socket->peek(kMaxRequestHead + 4);
    const qsizetype headEnd = peeked.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (peeked.size() > kMaxRequestHead) {
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            refuse(socket, 431, "request head too large");
        }
        return;
    }
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);

    QByteArray path;
    if (isWebSocketUpgrade(peeked.left(headEnd), &path)) {
        if (path != "/ws") {
            refuse(socket, 404, "WebSocket endpoint is /ws");
        } else if (m_rejectConnections) {
            qCInfo(lcEmulator) << "refusing a WebSocket upgrade (fault injection)";
            refuse(socket, 503, "connections are being refused");
        } else {
            m_webSocketServer->handleConnection(socket);
            return;
        }
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        return;
    }

    auto *connection = new HttpConnection(socket, *m_info, this);
    connection->setSilent(m_silent);
    m_httpConnections.push_back(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        m_httpConnections.erase(std::remove(m_httpConnections.begin(), m_httpConnections.end(), connection),
                                m_httpConnections.end());
        connection->deleteLater();
    });
}

void HyperliquidEmulator::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
        auto *session = new EmulatorSession(socket, *m_simulator, *m_info, m_options.levels, m_options.load, this);
        session->setSilent(m_silent);
        m_sessions.push_back(session);
        connect(session, &EmulatorSession::frameReceived, this, &HyperliquidEmulator::recordFrame);
        connect(session, &EmulatorSession::closed, this, [this, session] { onSessionClosed(session); });
        qCDebug(lcEmulator) << "client connected from" << socket->peerAddress() << socket->peerPort();
        Q_EMIT clientConnected();
    }
}

void HyperliquidEmulator::onSessionClosed(EmulatorSession *session)
{
    const auto it = std::find(m_sessions.begin(), m_sessions.end(), session);
    if (it == m_sessions.end())
        return;
    m_sessions.erase(it);
    m_loadFramesSentByClosed += session->loadFramesSent();
    m_loadFramesSkippedByClosed += session->loadFramesSkipped();
    session->deleteLater();
    qCDebug(lcEmulator) << "client disconnected," << m_sessions.size() << "left";
    Q_EMIT clientDisconnected();
}

void HyperliquidEmulator::recordFrame(const QByteArray &frame)
{
    m_receivedFrames.append(frame);
    if (m_receivedFrames.size() > kReceivedFramesKept)
        m_receivedFrames.removeFirst();
    Q_EMIT frameReceived(frame);
}

void HyperliquidEmulator::dropAllConnections()
{
    qCInfo(lcEmulator) << "dropping" << m_sessions.size() << "WebSocket and" << m_httpConnections.size()
                       << "HTTP connections (fault injection)";
    const auto sessions = m_sessions;
    for (EmulatorSession *session : sessions)
        session->socket()->abort(); // no close frame: the peer sees the TCP connection die
    const auto connections = m_httpConnections;
    for (HttpConnection *connection : connections)
        connection->socket()->abort();
}

void HyperliquidEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (EmulatorSession *session : m_sessions)
        session->setSilent(silent);
    const auto connections = m_httpConnections;
    for (HttpConnection *connection : connections)
        connection->setSilent(silent);
}

void HyperliquidEmulator::setRejectConnections(bool reject)
{
    m_rejectConnections = reject;
}

void HyperliquidEmulator::sendRawToAll(const QByteArray &frame)
{
    for (EmulatorSession *session : m_sessions)
        session->sendRaw(frame);
}

int HyperliquidEmulator::clientCount() const
{
    return static_cast<int>(m_sessions.size());
}

QList<QByteArray> HyperliquidEmulator::receivedFrames() const
{
    return m_receivedFrames;
}

quint64 HyperliquidEmulator::loadFramesSent() const
{
    quint64 total = m_loadFramesSentByClosed;
    for (const EmulatorSession *session : m_sessions)
        total += session->loadFramesSent();
    return total;
}

quint64 HyperliquidEmulator::loadFramesSkipped() const
{
    quint64 total = m_loadFramesSkippedByClosed;
    for (const EmulatorSession *session : m_sessions)
        total += session->loadFramesSkipped();
    return total;
}

void HyperliquidEmulator::startBurst(const QString &coin, quint64 count)
{
    MarketState *market = m_simulator->market(coin);
    if (!market) {
        qCWarning(lcEmulator) << "burst requested for an unknown coin" << coin;
        return;
    }
    for (EmulatorSession *session : m_sessions)
        session->startBurst(*market, count);
}

void HyperliquidEmulator::stopBurst()
{
    for (EmulatorSession *session : m_sessions)
        session->stopBurst();
}

} // namespace tapescope::emulator
