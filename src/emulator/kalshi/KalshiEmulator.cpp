#include "KalshiEmulator.h"

#include "KalshiDemoKey.h"
#include "KalshiRestApi.h"
#include "KalshiWireFrames.h"

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QTcpSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcKalshiEmulator, "tapescope.emulator.kalshi")

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

constexpr QByteArrayView kWsPath = "/trade-api/ws/v2";

} // namespace

KalshiEmulator::KalshiEmulator(Options options, QObject *parent)
    : VenueEmulator(u"Kalshi"_s, lcKalshiEmulator, errorBody(u"bad_request"_s, u"request head too large"_s), parent)
    , m_options(std::move(options))
    , m_simulator(
          new NflMarketSimulator({ m_options.seed, m_options.tickIntervalMs, m_options.settleAfterTicks }, this))
    , m_trader(new KalshiDemoTrader(*m_simulator, m_options.trader, this))
    , m_rest(std::make_unique<KalshiRestApi>(*m_simulator, std::max(m_options.pageSize, 1)))
{
    if (m_options.auth.publicKeyPem.isEmpty()) {
        m_options.auth.publicKeyPem = demoPublicKeyPem();
        m_options.auth.keyId = demoCredentials().keyId;
    }
}

KalshiEmulator::~KalshiEmulator() = default;

QUrl KalshiEmulator::wsUrl() const
{
    return url(u"ws"_s, u"/trade-api/ws/v2"_s);
}

QUrl KalshiEmulator::restBase() const
{
    return url(u"http"_s, u"/trade-api/v2"_s);
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
    acceptWebSocket(socket);
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
    const bool portfolio = request.path.startsWith("/trade-api/v2/portfolio/");
    if (m_options.requireRestAuth || portfolio || hasSignatureHeaders(headers)) {
        const AuthVerdict verdict = checkSignedRequest(headers, request.method, request.path, m_options.auth,
                                                       QDateTime::currentMSecsSinceEpoch());
        if (!verdict.accepted) {
            LoopbackServer::replyAndClose(socket, 401, errorBody(u"authentication_error"_s, verdict.reason));
            return;
        }
    }
    if (isSilent())
        return; // a stalled venue: the client's transfer timeout has to notice
    if (m_rateLimitedRequests > 0) {
        --m_rateLimitedRequests;
        qCDebug(lcKalshiEmulator) << request.method << request.target << "-> 429 (rate limited)";
        LoopbackServer::replyAndClose(socket, 429, errorBody(u"too_many_requests"_s, u"too many requests"_s));
        return;
    }
    const HttpResponse rest
        = portfolio ? m_trader->handle(request.target) : m_rest->handle(request.method, request.target);
    qCDebug(lcKalshiEmulator) << request.method << request.target << "->" << rest.status;
    LoopbackServer::replyAndClose(socket, rest.status, rest.body);
}

VenueSession *KalshiEmulator::createSession(QWebSocket *socket)
{
    return new KalshiEmulatorSession(socket, *m_simulator, m_options.session, this, m_trader, &m_refusal);
}

void KalshiEmulator::injectSequenceGap()
{
    for (KalshiEmulatorSession *session : sessions<KalshiEmulatorSession>())
        session->injectSequenceGap();
}

void KalshiEmulator::injectError(int code)
{
    for (KalshiEmulatorSession *session : sessions<KalshiEmulatorSession>())
        session->injectError(code);
}

void KalshiEmulator::injectDuplicateTrade()
{
    for (KalshiEmulatorSession *session : sessions<KalshiEmulatorSession>())
        session->injectDuplicateTrade();
}

int KalshiEmulator::subscriptionCount(const QString &channel) const
{
    int count = 0;
    for (const KalshiEmulatorSession *session : sessions<KalshiEmulatorSession>())
        count += session->subscriptionCount(channel);
    return count;
}

} // namespace tapescope::emulator::kalshi
