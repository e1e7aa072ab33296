#include "O2Emulator.h"

#include "O2EmulatorLog.h"
#include "O2Frames.h"
#include "O2MarketBoard.h"
#include "O2RestEndpoint.h"
#include "O2Session.h"

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

Q_LOGGING_CATEGORY(lcO2Emulator, "tapescope.emulator.o2")

namespace {

// The venue's error JSON for what the HTTP layer itself refuses (docs/protocols/o2.md §8).
QByteArray errorBody(int, const QString &message)
{
    return frames::error(1001, message);
}

} // namespace

O2Emulator::O2Emulator(Options options, QObject *parent)
    : VenueEmulator(u"O2"_s, lcO2Emulator, errorBody(431, u"request head too large"_s), parent)
    , m_board(new MarketBoard(options.seed, { options.bookIntervalMs, options.tradeIntervalMs }, options.levelsPerSide,
                              this))
    , m_trader(new DemoTrader(*m_board, demoTradeAccount(), options.seed,
                              options.traderAutomatic ? options.traderIntervalMs : 0, this))
{ }

QString O2Emulator::demoTradeAccount()
{
    return u"0xdec0de0000000000000000000000000000000000000000000000000000000002"_s;
}

QString O2Emulator::placeOrder(const QString &market, bool buy, std::uint64_t price, std::uint64_t quantity)
{
    const QString id = marketId(market).isEmpty() ? market : marketId(market);
    return m_trader->placeOrder(m_board->indexOf(id), buy, price, quantity);
}

bool O2Emulator::fillOrder(const QString &orderId, std::uint64_t quantity)
{
    return m_trader->fillOrder(orderId, quantity);
}

bool O2Emulator::cancelOrder(const QString &orderId)
{
    return m_trader->cancelOrder(orderId);
}

void O2Emulator::setRejectConnections(bool reject)
{
    m_rejectConnections = reject;
}

DemoTraderSnapshot O2Emulator::traderSnapshot() const
{
    return m_trader->snapshot();
}

QUrl O2Emulator::restBaseUrl() const
{
    return url(u"http"_s);
}

QUrl O2Emulator::wsUrl() const
{
    return url(u"ws"_s, u"/v1/ws"_s);
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
    return index < 0 ? DepthView {} : m_board->market(index).view(precisionExponent);
}

void O2Emulator::setPaused(bool paused)
{
    m_board->setPaused(paused);
}

void O2Emulator::step(const QString &marketId)
{
    m_board->step(m_board->indexOf(marketId));
}

void O2Emulator::routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request)
{
    if (request.isWebSocketUpgrade()) {
        if (request.path == "/v1/ws" && m_rejectConnections)
            LoopbackServer::replyAndClose(socket, 503, frames::error(1001, u"connections are being refused"_s));
        else if (request.path == "/v1/ws")
            acceptWebSocket(socket);
        else
            LoopbackServer::replyAndClose(socket, 404,
                                          frames::error(1001, u"InvalidRequest: the WebSocket endpoint is /v1/ws"_s));
        return;
    }
    serveHttp(
        socket,
        [this](const HttpRequest &http) -> HttpResponse {
            if (m_rateLimitedRequests > 0) {
                --m_rateLimitedRequests;
                return { 429, frames::error(1003, u"RateLimitExceeded"_s), {} };
            }
            HttpResponse answer = handleRest(*m_board, *m_trader, http.method, http.target);
            qCDebug(lcO2Emulator) << http.method << http.target.left(160) << "->" << answer.status;
            return answer;
        },
        errorBody);
}

VenueSession *O2Emulator::createSession(QWebSocket *socket)
{
    return new Session(socket, *m_board, *m_trader, this);
}

int O2Emulator::requireResync(const QString &marketId)
{
    const int index = m_board->indexOf(marketId);
    int told = 0;
    for (Session *session : sessions<Session>()) {
        if (index >= 0 && session->hasDepth(index)) {
            session->breakDepth(index);
            ++told;
        }
    }
    qCInfo(lcO2Emulator) << "resync_required for" << marketId << "sent to" << told << "connections (fault injection)";
    return told;
}

} // namespace tapescope::emulator::o2
