#include "KalshiEmulator.h"

#include "KalshiDemoKey.h"
#include "KalshiRestApi.h"
#include "KalshiWireFrames.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcKalshiEmulator, "tapescope.emulator.kalshi")

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

constexpr qsizetype kMaxRequestHead = 16 * 1024;
constexpr int kReceivedFramesKept = 1000;
constexpr QByteArrayView kWsPath = "/trade-api/ws/v2";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

bool isUpgrade(const HeaderMap &headers)
{
    return headers.value("upgrade").toLower() == "websocket";
}

QByteArray errorBody(const QString &code, const QString &message)
{
    return QJsonDocument(QJsonObject { { u"error"_s, QJsonObject { { u"code"_s, code }, { u"message"_s, message } } } })
        .toJson(QJsonDocument::Compact);
}

} // namespace

KalshiEmulator::KalshiEmulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_simulator(
          new NflMarketSimulator({ m_options.seed, m_options.tickIntervalMs, m_options.settleAfterTicks }, this))
    , m_rest(std::make_unique<KalshiRestApi>(*m_simulator, std::max(m_options.pageSize, 1)))
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(u"Tapescope Kalshi emulator"_s, QWebSocketServer::NonSecureMode, this))
{
    if (m_options.auth.publicKeyPem.isEmpty()) {
        m_options.auth.publicKeyPem = demoPublicKeyPem();
        m_options.auth.keyId = demoCredentials().keyId;
    }
    connect(m_tcpServer, &QTcpServer::newConnection, this, &KalshiEmulator::onNewTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &KalshiEmulator::onNewWebSocket);
}

KalshiEmulator::~KalshiEmulator()
{
    for (KalshiEmulatorSession *session : m_sessions)
        delete session; // sessions hold the simulator by reference: they go first
}

bool KalshiEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_tcpServer->listen(address, port)) {
        qCWarning(lcKalshiEmulator) << "cannot listen on" << address << port << m_tcpServer->errorString();
        return false;
    }
    qCInfo(lcKalshiEmulator).noquote() << "Kalshi emulator listening on" << wsUrl().toString();
    return true;
}

quint16 KalshiEmulator::port() const
{
    return m_tcpServer->serverPort();
}

QUrl KalshiEmulator::wsUrl() const
{
    return QUrl(u"ws://127.0.0.1:%1/trade-api/ws/v2"_s.arg(port()));
}

QUrl KalshiEmulator::restBase() const
{
    return QUrl(u"http://127.0.0.1:%1/trade-api/v2"_s.arg(port()));
}

std::optional<BookSnapshot> KalshiEmulator::yesViewBook(const QString &marketTicker) const
{
    const SimMarket *market = m_simulator->market(marketTicker);
    if (!market)
        return std::nullopt;
    BookSnapshot book;
    book.venue = u"kalshi"_s;
    book.symbol = marketTicker;
    const auto decimal = [](const QByteArray &text) {
        return *Decimal::parse(std::string_view(text.constData(), std::size_t(text.size())));
    };
    for (auto it = market->yesBids.rbegin(); it != market->yesBids.rend(); ++it)
        book.bids.push_back({ decimal(frames::dollars(it->first)), decimal(frames::contracts(it->second)) });
    for (auto it = market->noBids.rbegin(); it != market->noBids.rend(); ++it)
        book.asks.push_back({ decimal(frames::dollars(100 - it->first)), decimal(frames::contracts(it->second)) });
    return book;
}

void KalshiEmulator::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequestHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void KalshiEmulator::reply(QTcpSocket *socket, int status, const QByteArray &body)
{
    // One request per connection: Connection: close keeps this server small and every client copes.
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                  + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                  + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void KalshiEmulator::inspectRequestHead(QTcpSocket *socket)
{
    // Peek, don't read: the WebSocket server needs the whole head for its own handshake.
    const QByteArray peeked = socket->peek(kMaxRequestHead + 4);
    const qsizetype headEnd = peeked.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (peeked.size() > kMaxRequestHead) {
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            reply(socket, 431, errorBody(u"bad_request"_s, u"request head too large"_s));
        }
        return;
    }
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    const QByteArray head = peeked.left(headEnd);
    const HeaderMap headers = parseHeaders(head);
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    QByteArray path = requestLine.value(1);
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);

    if (!isUpgrade(headers)) {
        answerHttp(socket, head);
        return;
    }
    if (path != kWsPath) {
        reply(socket, 404, errorBody(u"not_found"_s, u"the WebSocket endpoint is /trade-api/ws/v2"_s));
        return;
    }
    // §2.2: the upgrade is signed over timestamp + "GET" + "/trade-api/ws/v2".
    const AuthVerdict verdict
        = checkSignedRequest(headers, "GET", path, m_options.auth, QDateTime::currentMSecsSinceEpoch());
    m_handshakes.append({ verdict.keyId, verdict.timestampMs, verdict.hadHeaders,
                          verdict.accepted || !m_options.requireAuth, verdict.reason });
    if (!verdict.accepted && m_options.requireAuth) {
        qCInfo(lcKalshiEmulator).noquote() << "refusing a WebSocket upgrade:" << verdict.reason;
        reply(socket, 401, errorBody(u"authentication_error"_s, verdict.reason));
        return;
    }
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_webSocketServer->handleConnection(socket);
}

void KalshiEmulator::answerHttp(QTcpSocket *socket, const QByteArray &head)
{
    socket->readAll(); // a GET has no body worth reading; the reply closes the connection
    const QList<QByteArray> requestLine = head.left(head.indexOf('\r')).split(' ');
    if (requestLine.size() != 3) {
        reply(socket, 400, errorBody(u"bad_request"_s, u"malformed request line"_s));
        return;
    }
    const QByteArray pathAndQuery = requestLine[1];
    QByteArray path = pathAndQuery;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    const HeaderMap headers = parseHeaders(head);
    if (m_options.requireRestAuth || hasSignatureHeaders(headers)) {
        const AuthVerdict verdict
            = checkSignedRequest(headers, requestLine[0], path, m_options.auth, QDateTime::currentMSecsSinceEpoch());
        if (!verdict.accepted) {
            reply(socket, 401, errorBody(u"authentication_error"_s, verdict.reason));
            return;
        }
    }
    if (m_silent)
        return; // a stalled venue: the client's transfer timeout has to notice
    const RestReply rest = m_rest->handle(requestLine[0], pathAndQuery);
    qCDebug(lcKalshiEmulator) << requestLine[0] << pathAndQuery << "->" << rest.status;
    reply(socket, rest.status, rest.body);
}

void KalshiEmulator::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection()) {
        auto *session = new KalshiEmulatorSession(socket, *m_simulator, m_options.session, this);
        session->setSilent(m_silent);
        m_sessions.push_back(session);
        connect(session, &KalshiEmulatorSession::frameReceived, this, [this](const QByteArray &frame) {
            m_receivedFrames.append(frame);
            if (m_receivedFrames.size() > kReceivedFramesKept)
                m_receivedFrames.removeFirst();
            Q_EMIT frameReceived(frame);
        });
        connect(session, &KalshiEmulatorSession::closed, this, [this, session] {
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

void KalshiEmulator::dropAllConnections()
{
    qCInfo(lcKalshiEmulator) << "dropping" << m_sessions.size() << "WebSocket connections (fault injection)";
    const auto sessions = m_sessions;
    for (KalshiEmulatorSession *session : sessions)
        session->socket()->abort(); // no close frame: the peer sees the TCP connection die
}

void KalshiEmulator::setSilent(bool silent)
{
    m_silent = silent;
    for (KalshiEmulatorSession *session : m_sessions)
        session->setSilent(silent);
}

void KalshiEmulator::sendRawToAll(const QByteArray &frame)
{
    for (KalshiEmulatorSession *session : m_sessions)
        session->sendRaw(frame);
}

void KalshiEmulator::injectSequenceGap()
{
    for (KalshiEmulatorSession *session : m_sessions)
        session->injectSequenceGap();
}

void KalshiEmulator::injectError(int code)
{
    for (KalshiEmulatorSession *session : m_sessions)
        session->injectError(code);
}

void KalshiEmulator::injectDuplicateTrade()
{
    for (KalshiEmulatorSession *session : m_sessions)
        session->injectDuplicateTrade();
}

int KalshiEmulator::subscriptionCount(const QString &channel) const
{
    int count = 0;
    for (const KalshiEmulatorSession *session : m_sessions)
        count += session->subscriptionCount(channel);
    return count;
}

} // namespace tapescope::emulator::kalshi
