#include "KalshiEmulator.h"

#include "KalshiDemoKey.h"
#include "KalshiRestApi.h"
#include "KalshiWireFrames.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcKalshiEmulator, "tapescope.emulator.kalshi")

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

constexpr int kReceivedFramesKept = 1000;
constexpr QByteArrayView kWsPath = "/trade-api/ws/v2";

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
    , m_server(new LoopbackServer(u"Tapescope Kalshi emulator"_s,
                                  errorBody(u"bad_request"_s, u"request head too large"_s),
                                  [this](QTcpSocket *socket, const LoopbackServer::RequestHead &request) {
                                      routeRequest(socket, request);
                                  },
                                  this))
{
    if (m_options.auth.publicKeyPem.isEmpty()) {
        m_options.auth.publicKeyPem = demoPublicKeyPem();
        m_options.auth.keyId = demoCredentials().keyId;
    }
    connect(m_server, &LoopbackServer::newWebSocket, this, &KalshiEmulator::onNewWebSocket);
}

KalshiEmulator::~KalshiEmulator()
{
    for (KalshiEmulatorSession *session : m_sessions)
        delete session; // sessions hold the simulator by reference: they go first
}

bool KalshiEmulator::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server->listen(address, port)) {
        qCWarning(lcKalshiEmulator) << "cannot listen on" << address << port << m_server->errorString();
        return false;
    }
    qCInfo(lcKalshiEmulator).noquote() << "Kalshi emulator listening on" << wsUrl().toString();
    return true;
}

quint16 KalshiEmulator::port() const
{
    return m_server->port();
}

QUrl KalshiEmulator::wsUrl() const
{
    return m_server->url(u"ws"_s, u"/trade-api/ws/v2"_s);
}

QUrl KalshiEmulator::restBase() const
{
    return m_server->url(u"http"_s, u"/trade-api/v2"_s);
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

void KalshiEmulator::routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request)
{
    const HeaderMap headers = parseHeaders(request.text);
    if (!request.asksForWebSocket) {
        answerHttp(socket, request, headers);
        return;
    }
    if (request.path != kWsPath) {
        LoopbackServer::replyAndClose(socket, 404,
                                      errorBody(u"not_found"_s, u"the WebSocket endpoint is /trade-api/ws/v2"_s));
        return;
    }
    // §2.2: the upgrade is signed over timestamp + "GET" + "/trade-api/ws/v2".
    const AuthVerdict verdict
        = checkSignedRequest(headers, "GET", request.path, m_options.auth, QDateTime::currentMSecsSinceEpoch());
    m_handshakes.append({ verdict.keyId, verdict.timestampMs, verdict.hadHeaders,
                          verdict.accepted || !m_options.requireAuth, verdict.reason });
    if (!verdict.accepted && m_options.requireAuth) {
        qCInfo(lcKalshiEmulator).noquote() << "refusing a WebSocket upgrade:" << verdict.reason;
        LoopbackServer::replyAndClose(socket, 401, errorBody(u"authentication_error"_s, verdict.reason));
        return;
    }
    m_server->acceptWebSocket(socket);
}

// One request per connection: Connection: close keeps this server small and every client copes.
void KalshiEmulator::answerHttp(QTcpSocket *socket, const LoopbackServer::RequestHead &request,
                                const HeaderMap &headers)
{
    socket->readAll(); // a GET has no body worth reading; the reply closes the connection
    if (!request.wellFormed) {
        LoopbackServer::replyAndClose(socket, 400, errorBody(u"bad_request"_s, u"malformed request line"_s));
        return;
    }
    if (m_options.requireRestAuth || hasSignatureHeaders(headers)) {
        const AuthVerdict verdict = checkSignedRequest(headers, request.method, request.path, m_options.auth,
                                                       QDateTime::currentMSecsSinceEpoch());
        if (!verdict.accepted) {
            LoopbackServer::replyAndClose(socket, 401, errorBody(u"authentication_error"_s, verdict.reason));
            return;
        }
    }
    if (m_silent)
        return; // a stalled venue: the client's transfer timeout has to notice
    const RestReply rest = m_rest->handle(request.method, request.target);
    qCDebug(lcKalshiEmulator) << request.method << request.target << "->" << rest.status;
    LoopbackServer::replyAndClose(socket, rest.status, rest.body);
}

void KalshiEmulator::onNewWebSocket(QWebSocket *socket)
{
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
        if (std::erase(m_sessions, session) == 0)
            return;
        session->deleteLater();
        Q_EMIT clientDisconnected();
    });
    Q_EMIT clientConnected();
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
