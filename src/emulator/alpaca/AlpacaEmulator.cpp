#include "AlpacaEmulator.h"

#include "AlpacaEmulatorSession.h"
#include "AlpacaTradingSession.h"
#include "AlpacaWire.h"

#include <QtCore/QLoggingCategory>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcAlpacaEmulator)

namespace tapescope::emulator::alpaca {

namespace {

// The market-data paths (docs/protocols/alpaca.md §1.1) and the symbols each serves.
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

// Alpaca's error JSON, with its eight-digit codes (docs/protocols/alpaca.md §9: 40410000 for 404).
QByteArray errorBody(int status, const QString &message)
{
    return "{\"code\":" + QByteArray::number(status * 100000 + 10000) + ",\"message\":" + jsonString(message) + '}';
}

} // namespace

AlpacaEmulator::AlpacaEmulator(Options options, QObject *parent)
    : VenueEmulator(u"Alpaca"_s, lcAlpacaEmulator, errorBody(431, u"request head too large"_s), parent)
    , m_options(std::move(options))
    , m_market(new AlpacaMarket(m_options.seed, m_options.timing, this))
    , m_trader(new AlpacaTrader(m_options.seed, m_options.trader, this))
{
    connect(m_trader, &AlpacaTrader::tradeUpdate, this, [this](const QByteArray &message) {
        for (AlpacaTradingSession *session : tradingSessions())
            session->sendTradeUpdate(message);
    });
}

std::vector<AlpacaEmulatorSession *> AlpacaEmulator::marketSessions() const
{
    std::vector<AlpacaEmulatorSession *> out;
    for (VenueSession *session : sessions<VenueSession>()) {
        if (auto *market = qobject_cast<AlpacaEmulatorSession *>(session))
            out.push_back(market);
    }
    return out;
}

std::vector<AlpacaTradingSession *> AlpacaEmulator::tradingSessions() const
{
    std::vector<AlpacaTradingSession *> out;
    for (VenueSession *session : sessions<VenueSession>()) {
        if (auto *trading = qobject_cast<AlpacaTradingSession *>(session))
            out.push_back(trading);
    }
    return out;
}

QUrl AlpacaEmulator::tradingBaseUrl() const
{
    return url(u"http"_s);
}

bool AlpacaEmulator::acceptsKeys(const QString &keyId, const QString &secret) const
{
    return keyId == m_options.keyId && secret == m_options.secret;
}

int AlpacaEmulator::tradingClientCount() const
{
    const auto all = tradingSessions();
    return int(
        std::count_if(all.begin(), all.end(), [](const AlpacaTradingSession *s) { return s->isAuthenticated(); }));
}

void AlpacaEmulator::sendTradingErrorToAll(const QString &message)
{
    for (AlpacaTradingSession *session : tradingSessions())
        session->sendError(message);
}

QUrl AlpacaEmulator::baseUrl() const
{
    return url(u"ws"_s);
}

QUrl AlpacaEmulator::streamUrl(const QString &path) const
{
    return url(u"ws"_s, path);
}

void AlpacaEmulator::routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request)
{
    const QString path = QString::fromUtf8(request.path);
    if (path == u"/stream"_s || path == u"/stream/"_s) {
        acceptWebSocket(socket); // the trading stream (docs/protocols/alpaca.md §1.2)
        return;
    }
    if (path.startsWith(u"/v2/"_s) && !request.isWebSocketUpgrade()) {
        serveHttp(
            socket,
            [this](const HttpRequest &http) -> HttpResponse {
                if (!acceptsKeys(QString::fromUtf8(http.header("apca-api-key-id")),
                                 QString::fromUtf8(http.header("apca-api-secret-key"))))
                    return { 401, R"({"code":40110000,"message":"request is not authorized"})", {} };
                if (http.method != "GET")
                    return { 405, errorBody(405, u"only GET is emulated"_s), "Allow: GET\r\n" };
                const qsizetype query = http.target.indexOf('?');
                int status = 200;
                QByteArray body
                    = m_trader->handleGet(http.path, query < 0 ? QByteArray() : http.target.mid(query + 1), &status);
                return { status, body, {} };
            },
            [](int status, const QString &message) { return errorBody(status, message); });
        return;
    }
    if (universeOf(path)) {
        acceptWebSocket(socket); // a request that is no upgrade gets the WebSocket server's own 400
        return;
    }
    qCInfo(lcAlpacaEmulator) << "no market-data stream at" << path;
    LoopbackServer::replyAndClose(socket, 404, errorBody(404, u"no market-data stream at "_s + path));
}

VenueSession *AlpacaEmulator::createSession(QWebSocket *socket)
{
    // routeRequest() let only the stream paths through.
    const QString path = socket->requestUrl().path();
    if (path == u"/stream"_s || path == u"/stream/"_s)
        return new AlpacaTradingSession(socket, *this, this);
    const Universe universe = *universeOf(socket->requestUrl().path());
    return new AlpacaEmulatorSession(socket, universe, *this, *m_market, m_options.authTimeoutMs, this);
}

int AlpacaEmulator::checkAuth(const AlpacaEmulatorSession *session, const QString &keyId, const QString &secret) const
{
    if (keyId != m_options.keyId || secret != m_options.secret)
        return 402;
    // Usually one session per endpoint (docs/protocols/alpaca.md §3): another signed-in session with the same key holds
    // it.
    const auto others = marketSessions();
    const auto holders = std::count_if(others.begin(), others.end(), [&](const AlpacaEmulatorSession *other) {
        return other != session && other->isAuthenticated() && other->endpoint() == session->endpoint()
            && other->keyId() == keyId;
    });
    if (m_options.connectionsPerEndpoint > 0 && holders >= m_options.connectionsPerEndpoint)
        return 406;
    return 0;
}

void AlpacaEmulator::sendErrorToAll(int code, bool thenClose)
{
    for (AlpacaEmulatorSession *session : marketSessions())
        session->sendError(code, thenClose);
}

void AlpacaEmulator::setTradingHalted(const QString &symbol, bool halted)
{
    for (AlpacaEmulatorSession *session : marketSessions())
        session->sendStatus(symbol, halted);
}

void AlpacaEmulator::setCredentials(const QString &keyId, const QString &secret)
{
    m_options.keyId = keyId;
    m_options.secret = secret;
}

void AlpacaEmulator::stepCryptoBooks()
{
    m_market->stepBooks();
}

std::optional<BookSnapshot> AlpacaEmulator::cryptoBook(const QString &symbol) const
{
    return m_market->orderbook(symbol);
}

int AlpacaEmulator::authenticatedCount() const
{
    const auto all = marketSessions();
    return int(std::count_if(all.begin(), all.end(),
                             [](const AlpacaEmulatorSession *session) { return session->isAuthenticated(); }));
}

} // namespace tapescope::emulator::alpaca
