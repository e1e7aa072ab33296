#include "HyperliquidEmulator.h"

#include "HyperliquidEmulatorLog.h"
#include "HyperliquidEmulatorSession.h"
#include "HyperliquidInfoEndpoint.h"
#include "HyperliquidMarketSimulator.h"

#include "emulator/HttpConnection.h"
#include "emulator/LoopbackServer.h"

#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator {

using namespace hyperliquid;

namespace {

constexpr int kReceivedFramesKept = 1000;

// The venue's error JSON (hyperliquid.md §10).
QByteArray errorBody(int status, const QString &message)
{
    return "{\"code\":" + QByteArray::number(status) + ",\"msg\":\"" + message.toUtf8() + "\",\"data\":null}";
}

} // namespace

HyperliquidEmulator::HyperliquidEmulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_simulator(new HyperliquidMarketSimulator(options.seed,
                                      {options.bookIntervalMs, options.tradeIntervalMs, options.midsIntervalMs,
                                       options.ctxIntervalMs},
                                      options.syntheticPerps, this))
    , m_info(std::make_unique<HyperliquidInfoEndpoint>(*m_simulator))
    , m_server(new LoopbackServer(u"Tapescope Hyperliquid emulator"_s, errorBody(431, u"request head too large"_s),
                                  [this](QTcpSocket *socket, const LoopbackServer::RequestHead &request) {
                                      routeRequest(socket, request.path, request.isWebSocketUpgrade());
                                  },
                                  this))
{
    connect(m_server, &LoopbackServer::newWebSocket, this, &HyperliquidEmulator::onNewWebSocket);
}

HyperliquidEmulator::~HyperliquidEmulator()
{
    // Sessions reference the simulator and the endpoint: they go first.
    for (HyperliquidEmulatorSession *session : m_sessions)
        delete session;
    for (HttpConnection *connection : m_httpConnections)
        delete connection;
}

bool HyperliquidEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcHyperliquidEmulator) << "cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcHyperliquidEmulator) << "Hyperliquid emulator listening on" << restBaseUrl().toString();
    return true;
}

quint16 HyperliquidEmulator::port() const
{
    return m_server->port();
}

QUrl HyperliquidEmulator::restBaseUrl() const
{
    return m_server->url(u"http"_s);
}

QUrl HyperliquidEmulator::wsUrl() const
{
    // The SDK's rule: "ws" + base_url[len("http"):] + "/ws" (§1).
    const QString base = restBaseUrl().toString();
    return QUrl(u"ws"_s + base.mid(4) + u"/ws"_s);
}

void HyperliquidEmulator::routeRequest(QTcpSocket *socket, const QByteArray &path, bool webSocketUpgrade)
{
    if (webSocketUpgrade) {
        if (path != "/ws") {
            LoopbackServer::replyAndClose(socket, 404, errorBody(404, u"WebSocket endpoint is /ws"_s));
        } else if (m_rejectConnections) {
            qCInfo(lcHyperliquidEmulator) << "refusing a WebSocket upgrade (fault injection)";
            LoopbackServer::replyAndClose(socket, 503, errorBody(503, u"connections are being refused"_s));
        } else {
            m_server->acceptWebSocket(socket);
        }
        return;
    }
    const auto handleInfo = [this](const HttpRequest &request) -> HttpResponse {
        if (request.path != "/info")
            return {404, errorBody(404, u"not found"_s), {}};
        if (request.method != "POST")
            return {405, errorBody(405, u"use POST"_s), "Allow: POST\r\n"};
        const InfoReply info = m_info->handle(request.body);
        qCDebug(lcHyperliquidEmulator) << "POST /info" << request.body.left(120) << "->" << info.status;
        return {info.status, info.body, {}};
    };
    auto *connection = new HttpConnection(socket, handleInfo, errorBody, this);
    connection->setSilent(m_silent);
    m_httpConnections.push_back(connection);
    connect(connection, &HttpConnection::closed, this, [this, connection] {
        std::erase(m_httpConnections, connection);
        connection->deleteLater();
    });
}

void HyperliquidEmulator::onNewWebSocket(QWebSocket *socket)
{
    auto *session = new HyperliquidEmulatorSession(socket, *m_simulator, *m_info, m_options.levels, m_options.load, this);
    session->setSilent(m_silent);
    m_sessions.push_back(session);
    connect(session, &HyperliquidEmulatorSession::frameReceived, this, &HyperliquidEmulator::recordFrame);
    connect(session, &HyperliquidEmulatorSession::closed, this, [this, session] { onSessionClosed(session); });
    qCDebug(lcHyperliquidEmulator) << "client connected from" << socket->peerAddress() << socket->peerPort();
    Q_EMIT clientConnected();
}

void HyperliquidEmulator::onSessionClosed(HyperliquidEmulatorSession *session)
{
    const auto it = std::find(m_sessions.begin(), m_sessions.end(), session);
    if (it == m_sessions.end())
        return;
    m_sessions.erase(it);
    m_loadFramesSentByClosed += session->loadFramesSent();
    m_loadFramesSkippedByClosed += session->loadFramesSkipped();
    session->deleteLater();
    qCDebug(lcHyperliquidEmulator) << "client disconnected," << m_sessions.size() << "left";
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
    qCInfo(lcHyperliquidEmulator) << "dropping" << m_sessions.size() << "WebSocket and" << m_httpConnections.size()
                       << "HTTP connections (fault injection)";
    const auto sessions = m_sessions;
    for (HyperliquidEmulatorSession *session : sessions)
        session->socket()->abort(); // no close frame: the peer sees the TCP connection die
    const auto connections = m_httpConnections;
    for (HttpConnection *connection : connections)
        connection->socket()->abort();
}

void HyperliquidEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (HyperliquidEmulatorSession *session : m_sessions)
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
    for (HyperliquidEmulatorSession *session : m_sessions)
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
    for (const HyperliquidEmulatorSession *session : m_sessions)
        total += session->loadFramesSent();
    return total;
}

quint64 HyperliquidEmulator::loadFramesSkipped() const
{
    quint64 total = m_loadFramesSkippedByClosed;
    for (const HyperliquidEmulatorSession *session : m_sessions)
        total += session->loadFramesSkipped();
    return total;
}

void HyperliquidEmulator::startBurst(const QString &coin, quint64 count)
{
    MarketState *market = m_simulator->market(coin);
    if (!market) {
        qCWarning(lcHyperliquidEmulator) << "burst requested for an unknown coin" << coin;
        return;
    }
    for (HyperliquidEmulatorSession *session : m_sessions)
        session->startBurst(*market, count);
}

void HyperliquidEmulator::stopBurst()
{
    for (HyperliquidEmulatorSession *session : m_sessions)
        session->stopBurst();
}

} // namespace tapescope::emulator
