#include "HyperliquidEmulator.h"

#include "HyperliquidDemoTrader.h"
#include "HyperliquidEmulatorLog.h"
#include "HyperliquidEmulatorSession.h"
#include "HyperliquidInfoEndpoint.h"
#include "HyperliquidMarketSimulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

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
    , m_traders(std::make_unique<HyperliquidTraders>(
          *m_simulator, options.traders,
          HyperliquidDemoTrader::Options { options.seed, options.traderIntervalMs, options.fundingIntervalMs,
                                           options.traderAutomatic },
          this))
    , m_info(std::make_unique<HyperliquidInfoEndpoint>(*m_simulator, *m_traders))
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
            if (m_rateLimitedInfo > 0) {
                --m_rateLimitedInfo;
                qCInfo(lcHyperliquidEmulator) << "POST /info answered 429 (fault injection)";
                return { 429, errorBody(429, "rate limited"),
                         m_retryAfterSeconds > 0 ? "Retry-After: " + QByteArray::number(m_retryAfterSeconds) + "\r\n"
                                                 : QByteArray() };
            }
            HttpResponse reply = m_info->handle(http.body);
            qCDebug(lcHyperliquidEmulator) << "POST /info" << http.body.left(120) << "->" << reply.status;
            return reply;
        },
        [](int status, const QString &message) { return errorBody(status, message.toUtf8()); });
}

void HyperliquidEmulator::rateLimitInfoRequests(int count, int retryAfterSeconds)
{
    m_rateLimitedInfo = count;
    m_retryAfterSeconds = retryAfterSeconds;
}

VenueSession *HyperliquidEmulator::createSession(QWebSocket *socket)
{
    return new HyperliquidEmulatorSession(socket, *m_simulator, *m_info, *m_traders, m_options.levels, m_options.load,
                                          this);
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

void HyperliquidEmulator::stepBooks()
{
    m_simulator->stepBooks();
}

std::optional<BookSnapshot> HyperliquidEmulator::book(const QString &coin) const
{
    const MarketState *market = m_simulator->market(coin);
    if (!market)
        return std::nullopt;
    BookSnapshot book;
    book.venue = u"hyperliquid"_s;
    book.symbol = coin;
    book.ts = market->bookTime;
    const auto collect = [&](const auto &side, std::vector<Level> &out) {
        for (const auto &[ticks, level] : side) {
            if (static_cast<int>(out.size()) == m_options.levels)
                break;
            out.push_back({ Decimal::fromRaw(ticks, market->spec.priceScale),
                            Decimal::fromRaw(level.lots, market->spec.szDecimals), level.orders });
        }
    };
    collect(market->book.bids(), book.bids);
    collect(market->book.asks(), book.asks);
    return book;
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

QString HyperliquidEmulator::demoTraderAddress()
{
    return u"0xdec0de0000000000000000000000000000000001"_s;
}

void HyperliquidEmulator::setTraderAutomatic(bool automatic)
{
    for (HyperliquidDemoTrader *trader : m_traders->traders())
        trader->setAutomatic(automatic);
}

qint64 HyperliquidEmulator::placeOrder(const QString &address, const QString &coin, bool isBuy, const QString &price,
                                       const QString &size, const QString &cloid)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader ? trader->placeOrder(coin, isBuy, price, size, cloid) : 0;
}

bool HyperliquidEmulator::fillOrder(const QString &address, qint64 oid, const QString &size)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader && trader->fillOrder(oid, size);
}

bool HyperliquidEmulator::cancelOrder(const QString &address, qint64 oid)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader && trader->cancelOrder(oid);
}

bool HyperliquidEmulator::venueCancelOrder(const QString &address, qint64 oid)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader && trader->venueCancelOrder(oid);
}

bool HyperliquidEmulator::payFunding(const QString &address)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader && trader->payFunding();
}

bool HyperliquidEmulator::deposit(const QString &address, const QString &usdc)
{
    HyperliquidDemoTrader *trader = m_traders->find(address);
    return trader && trader->deposit(usdc);
}

QJsonObject HyperliquidEmulator::traderSnapshot(const QString &address) const
{
    const HyperliquidDemoTrader *trader = m_traders->find(address);
    if (!trader)
        return {};
    const TraderAccount &account = trader->account();
    auto parse = [](const QByteArray &json) { return QJsonDocument::fromJson(json); };
    QJsonObject snapshot;
    snapshot.insert(u"openOrders"_s, parse(account::openOrders(account, *m_simulator, true)).array());
    snapshot.insert(u"fills"_s, parse(account::userFills(account, account.fills.size())).array());
    snapshot.insert(
        u"clearinghouseState"_s,
        parse(account::clearinghouseState(account, *m_simulator, HyperliquidMarketSimulator::nowMs())).object());
    snapshot.insert(u"spotClearinghouseState"_s, parse(account::spotState(account, *m_simulator)).object());
    return snapshot;
}

} // namespace tapescope::emulator
