#include "AlpacaEmulator.h"

#include "AlpacaEmulatorSession.h"

#include "emulator/LoopbackServer.h"

#include <QtCore/QLoggingCategory>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcAlpacaEmulator)

namespace tapescope::emulator::alpaca {

namespace {

constexpr int kReceivedFramesKept = 1000;

// The market-data paths (alpaca.md §1.1) and the symbols each serves.
std::optional<Universe> universeOf(const QString &path)
{
    if (path == u"/v2/iex"_s || path == u"/v2/sip"_s || path == u"/v2/delayed_sip"_s)
        return Universe::Stocks;
    if (path == u"/v2/test"_s)
        return Universe::Test;
    if (path == u"/v1beta3/crypto/us"_s)
        return Universe::Crypto;
    return std::nullopt;
}

} // namespace

AlpacaEmulator::AlpacaEmulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_market(new AlpacaMarket(m_options.seed, m_options.timing, this))
    , m_server(new QWebSocketServer(u"Tapescope Alpaca emulator"_s, QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &AlpacaEmulator::onNewWebSocket);
}

AlpacaEmulator::~AlpacaEmulator()
{
    // Sessions reference the market: they go first.
    for (AlpacaEmulatorSession *session : m_sessions)
        delete session;
}

bool AlpacaEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcAlpacaEmulator) << "cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcAlpacaEmulator) << "Alpaca emulator listening on" << baseUrl().toString();
    return true;
}

quint16 AlpacaEmulator::port() const
{
    return m_server->serverPort();
}

QUrl AlpacaEmulator::baseUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(dialableHost(m_server->serverAddress()));
    url.setPort(port());
    return url;
}

QUrl AlpacaEmulator::streamUrl(const QString &path) const
{
    QUrl url = baseUrl();
    url.setPath(path);
    return url;
}

void AlpacaEmulator::onNewWebSocket()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QString path = socket->requestUrl().path();
        const auto universe = universeOf(path);
        if (!universe) {
            // The real host answers 404 on the upgrade; the closest a WebSocket server can do is close at once.
            qCInfo(lcAlpacaEmulator) << "no market-data stream at" << path;
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no stream at "_s + path);
            continue;
        }
        auto *session = new AlpacaEmulatorSession(socket, *universe, *this, *m_market, m_options.authTimeoutMs, this);
        session->setSilent(m_silent);
        m_sessions.push_back(session);
        connect(session, &AlpacaEmulatorSession::frameReceived, this, [this](const QByteArray &frame) {
            m_receivedFrames.append(frame);
            if (m_receivedFrames.size() > kReceivedFramesKept)
                m_receivedFrames.removeFirst();
            Q_EMIT frameReceived(frame);
        });
        connect(session, &AlpacaEmulatorSession::closed, this, [this, session] {
            const auto it = std::find(m_sessions.begin(), m_sessions.end(), session);
            if (it == m_sessions.end())
                return;
            m_sessions.erase(it);
            session->deleteLater();
            Q_EMIT clientDisconnected();
        });
        Q_EMIT clientConnected();
    }
}

int AlpacaEmulator::checkAuth(const AlpacaEmulatorSession *session, const QString &keyId, const QString &secret) const
{
    if (keyId != m_options.keyId || secret != m_options.secret)
        return 402;
    // Usually one session per endpoint (alpaca.md §3): another signed-in session with the same key holds it.
    const auto holders = std::count_if(m_sessions.begin(), m_sessions.end(), [&](const AlpacaEmulatorSession *other) {
        return other != session && other->isAuthenticated() && other->endpoint() == session->endpoint()
            && other->keyId() == keyId;
    });
    if (m_options.connectionsPerEndpoint > 0 && holders >= m_options.connectionsPerEndpoint)
        return 406;
    return 0;
}

void AlpacaEmulator::dropAllConnections()
{
    qCInfo(lcAlpacaEmulator) << "dropping" << m_sessions.size() << "connections (fault injection)";
    const auto sessions = m_sessions;
    for (AlpacaEmulatorSession *session : sessions)
        session->socket()->abort();
}

void AlpacaEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (AlpacaEmulatorSession *session : m_sessions)
        session->setSilent(silent);
}

void AlpacaEmulator::sendRawToAll(const QByteArray &frame)
{
    for (AlpacaEmulatorSession *session : m_sessions)
        session->sendRaw(frame);
}

void AlpacaEmulator::sendErrorToAll(int code, bool thenClose)
{
    const auto sessions = m_sessions;
    for (AlpacaEmulatorSession *session : sessions)
        session->sendError(code, thenClose);
}

void AlpacaEmulator::setTradingHalted(const QString &symbol, bool halted)
{
    for (AlpacaEmulatorSession *session : m_sessions)
        session->sendStatus(symbol, halted);
}

void AlpacaEmulator::setCredentials(const QString &keyId, const QString &secret)
{
    m_options.keyId = keyId;
    m_options.secret = secret;
}

int AlpacaEmulator::clientCount() const
{
    return int(m_sessions.size());
}

int AlpacaEmulator::authenticatedCount() const
{
    return int(std::count_if(m_sessions.begin(), m_sessions.end(),
                             [](const AlpacaEmulatorSession *session) { return session->isAuthenticated(); }));
}

QList<QByteArray> AlpacaEmulator::receivedFrames() const
{
    return m_receivedFrames;
}

} // namespace tapescope::emulator::alpaca
