#include "FimlEmulator.h"

#include "FimlEmulatorSession.h"
#include "FimlQuotes.h"

#include "emulator/LoopbackServer.h"

#include <QtCore/QLoggingCategory>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcFimlEmulator, "tapescope.emulator.fiml")

namespace tapescope::emulator::fiml {

namespace {

constexpr int kReceivedFramesKept = 1000;
constexpr int kMaxSymbols = 50;

} // namespace

FimlEmulator::FimlEmulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_quotes(std::make_unique<FimlQuotes>(options.seed))
    , m_server(new QWebSocketServer(u"Tapescope FIML emulator"_s, QWebSocketServer::NonSecureMode, this))
{
    connect(m_server, &QWebSocketServer::newConnection, this, &FimlEmulator::onNewWebSocket);
}

FimlEmulator::~FimlEmulator()
{
    // Sessions reference the quotes: they go first.
    for (FimlEmulatorSession *session : m_sessions)
        delete session;
}

bool FimlEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcFimlEmulator) << "cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcFimlEmulator) << "FIML emulator listening on" << streamUrl().toString();
    return true;
}

quint16 FimlEmulator::port() const
{
    return m_server->serverPort();
}

QString FimlEmulator::host() const
{
    return dialableHost(m_server->serverAddress());
}

QUrl FimlEmulator::streamUrl() const
{
    QUrl url;
    url.setScheme(u"ws"_s);
    url.setHost(host());
    url.setPort(port());
    url.setPath(u"/ws/stream"_s);
    return url;
}

void FimlEmulator::onNewWebSocket()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QString path = socket->requestUrl().path();
        const bool stream = path == u"/ws/stream"_s;
        const bool prices = path.startsWith(u"/ws/prices/"_s);
        QStringList symbols;
        if (prices) {
            for (const QString &symbol : path.mid(11).split(u',', Qt::SkipEmptyParts))
                symbols.append(symbol.trimmed().toUpper());
        }
        if (!stream && (!prices || symbols.isEmpty() || symbols.size() > kMaxSymbols)) {
            // /ws/prices with a bad symbol list ends without a frame, like FIML (fiml.md §3.3).
            qCInfo(lcFimlEmulator) << "closing a connection to" << path;
            connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, u"no stream at "_s + path);
            continue;
        }
        auto *session = new FimlEmulatorSession(socket, *m_quotes, m_options.heartbeatIntervalMs, this);
        session->setSilent(m_silent);
        if (m_failuresPending > 0)
            session->failRequests(std::exchange(m_failuresPending, 0), m_failureCode, m_failureMessage);
        m_sessions.push_back(session);
        connect(session, &FimlEmulatorSession::frameReceived, this, [this](const QByteArray &frame) {
            m_receivedFrames.append(frame);
            if (m_receivedFrames.size() > kReceivedFramesKept)
                m_receivedFrames.removeFirst();
            Q_EMIT frameReceived(frame);
        });
        connect(session, &FimlEmulatorSession::closed, this, [this, session] {
            const auto it = std::find(m_sessions.begin(), m_sessions.end(), session);
            if (it == m_sessions.end())
                return;
            m_sessions.erase(it);
            session->deleteLater();
            Q_EMIT clientDisconnected();
        });
        if (prices)
            session->subscribeImplicitly(symbols);
        Q_EMIT clientConnected();
    }
}

void FimlEmulator::dropAllConnections()
{
    qCInfo(lcFimlEmulator) << "dropping" << m_sessions.size() << "connections (fault injection)";
    const auto sessions = m_sessions;
    for (FimlEmulatorSession *session : sessions)
        session->socket()->abort();
}

void FimlEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (FimlEmulatorSession *session : m_sessions)
        session->setSilent(silent);
}

void FimlEmulator::sendRawToAll(const QByteArray &frame)
{
    for (FimlEmulatorSession *session : m_sessions)
        session->sendRaw(frame);
}

void FimlEmulator::failNextRequests(int count, const QString &errorCode, const QString &message)
{
    // With no client yet, the next one to connect gets the fault.
    m_failuresPending = m_sessions.empty() ? count : 0;
    m_failureCode = errorCode;
    m_failureMessage = message;
    for (FimlEmulatorSession *session : m_sessions)
        session->failRequests(count, errorCode, message);
}

int FimlEmulator::clientCount() const
{
    return int(m_sessions.size());
}

int FimlEmulator::subscriptionCount() const
{
    int total = 0;
    for (const FimlEmulatorSession *session : m_sessions)
        total += session->subscriptionCount();
    return total;
}

QList<QByteArray> FimlEmulator::receivedFrames() const
{
    return m_receivedFrames;
}

} // namespace tapescope::emulator::fiml
