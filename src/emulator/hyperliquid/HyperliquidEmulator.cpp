#include "HyperliquidEmulator.h"

#include "HyperliquidEmulatorLog.h"
#include "HyperliquidEmulatorSession.h"
#include "HyperliquidInfoEndpoint.h"
#include "HyperliquidMarketSimulator.h"

using namespace Qt::StringLiterals;

namespace tapescope::emulator {

using namespace hyperliquid;

HyperliquidEmulator::HyperliquidEmulator(Options options, QObject *parent)
    : VenueEmulator(u"Hyperliquid"_s, lcHyperliquidEmulator, errorBody(431, "request head too large"), parent)
    , m_options(options)
    , m_simulator(new HyperliquidMarketSimulator(
          options.seed,
          { options.bookIntervalMs, options.tradeIntervalMs, options.midsIntervalMs, options.ctxIntervalMs },
          options.syntheticPerps, this))
    , m_info(std::make_unique<HyperliquidInfoEndpoint>(*m_simulator))
{ }

HyperliquidEmulator::~HyperliquidEmulator()
{
    closeAllClients(); // sessions and HTTP connections use the info endpoint
}

QUrl HyperliquidEmulator::restBaseUrl() const
{
    return url(u"http"_s);
}

QUrl HyperliquidEmulator::wsUrl() const
{
    // The SDK's rule: "ws" + base_url[len("http"):] + "/ws" (§1).
    const QString base = restBaseUrl().toString();
    return QUrl(u"ws"_s + base.mid(4) + u"/ws"_s);
}

void HyperliquidEmulator::routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request)
{
    if (request.isWebSocketUpgrade()) {
        if (request.path != "/ws") {
            LoopbackServer::replyAndClose(socket, 404, errorBody(404, "WebSocket endpoint is /ws"));
        } else if (m_rejectConnections) {
            qCInfo(lcHyperliquidEmulator) << "refusing a WebSocket upgrade (fault injection)";
            LoopbackServer::replyAndClose(socket, 503, errorBody(503, "connections are being refused"));
        } else {
            acceptWebSocket(socket);
        }
        return;
    }
    serveHttp(
        socket,
        [this](const HttpRequest &http) -> HttpResponse {
            if (http.path != "/info")
                return { 404, errorBody(404, "not found"), {} };
            if (http.method != "POST")
                return { 405, errorBody(405, "use POST"), "Allow: POST\r\n" };
            HttpResponse reply = m_info->handle(http.body);
            qCDebug(lcHyperliquidEmulator) << "POST /info" << http.body.left(120) << "->" << reply.status;
            return reply;
        },
        [](int status, const QString &message) { return errorBody(status, message.toUtf8()); });
}

VenueSession *HyperliquidEmulator::createSession(QWebSocket *socket)
{
    return new HyperliquidEmulatorSession(socket, *m_simulator, *m_info, m_options.levels, m_options.load, this);
}

void HyperliquidEmulator::sessionEnded(VenueSession *session)
{
    const auto *ended = static_cast<HyperliquidEmulatorSession *>(session);
    m_loadFramesSentByClosed += ended->loadFramesSent();
    m_loadFramesSkippedByClosed += ended->loadFramesSkipped();
}

void HyperliquidEmulator::setRejectConnections(bool reject)
{
    m_rejectConnections = reject;
}

quint64 HyperliquidEmulator::loadFramesSent() const
{
    quint64 total = m_loadFramesSentByClosed;
    for (const HyperliquidEmulatorSession *session : sessions<HyperliquidEmulatorSession>())
        total += session->loadFramesSent();
    return total;
}

quint64 HyperliquidEmulator::loadFramesSkipped() const
{
    quint64 total = m_loadFramesSkippedByClosed;
    for (const HyperliquidEmulatorSession *session : sessions<HyperliquidEmulatorSession>())
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
    for (HyperliquidEmulatorSession *session : sessions<HyperliquidEmulatorSession>())
        session->startBurst(*market, count);
}

void HyperliquidEmulator::stopBurst()
{
    for (HyperliquidEmulatorSession *session : sessions<HyperliquidEmulatorSession>())
        session->stopBurst();
}

} // namespace tapescope::emulator
