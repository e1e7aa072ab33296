#include "HyperliquidEmulatorSession.h"

#include "HyperliquidDemoTrader.h"
#include "HyperliquidEmulatorLog.h"
#include "HyperliquidFrames.h"
#include "HyperliquidInfoEndpoint.h"
#include "HyperliquidMarketSimulator.h"

#include "emulator/WireText.h"

#include <QtWebSockets/QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

constexpr qint64 kBurstHighWater = 256 * 1024; // bytes queued in the socket before burst waits

// A failed info request's post reply mirrors the HTTP status and description: "422 Unprocessable Entity" (§2.5).
QByteArray statusText(int status)
{
    return QByteArray::number(status) + ' ' + reasonPhrase(status);
}

QByteArray channelFrame(QLatin1StringView channel, const QByteArray &data)
{
    return "{\"channel\":" + jsonString(QByteArrayView(channel.data(), channel.size())) + ",\"data\":" + data + '}';
}

} // namespace

HyperliquidEmulatorSession::HyperliquidEmulatorSession(QWebSocket *socket, HyperliquidMarketSimulator &simulator,
                                                       const HyperliquidInfoEndpoint &info,
                                                       const HyperliquidTraders &traders, int bookLevels,
                                                       const LoadProfile &load, QObject *parent)
    : VenueSession(socket, parent)
    , m_simulator(simulator)
    , m_info(info)
    , m_traders(traders)
    , m_bookLevels(bookLevels)
{
    for (HyperliquidDemoTrader *trader : m_traders.traders()) {
        connect(trader, &HyperliquidDemoTrader::orderUpdates, this, &HyperliquidEmulatorSession::onOrderUpdates);
        connect(trader, &HyperliquidDemoTrader::fills, this, &HyperliquidEmulatorSession::onFills);
        connect(trader, &HyperliquidDemoTrader::funding, this, &HyperliquidEmulatorSession::onFunding);
        connect(trader, &HyperliquidDemoTrader::nonUserCancel, this, &HyperliquidEmulatorSession::onNonUserCancel);
        connect(trader, &HyperliquidDemoTrader::ledgerUpdate, this, &HyperliquidEmulatorSession::onLedgerUpdate);
        connect(trader, &HyperliquidDemoTrader::perpStateChanged, this,
                &HyperliquidEmulatorSession::onPerpStateChanged);
        connect(trader, &HyperliquidDemoTrader::spotStateChanged, this,
                &HyperliquidEmulatorSession::onSpotStateChanged);
    }
    using Session = HyperliquidEmulatorSession;
    connect(socket, &QWebSocket::bytesWritten, this, &Session::pumpBurst);
    connect(&m_simulator, &HyperliquidMarketSimulator::booksRefreshed, this, &Session::onBooksRefreshed);
    connect(&m_simulator, &HyperliquidMarketSimulator::tradesPrinted, this, &Session::onTradesPrinted);
    connect(&m_simulator, &HyperliquidMarketSimulator::insideChanged, this, &Session::onInsideChanged);
    connect(&m_simulator, &HyperliquidMarketSimulator::midsTick, this, &Session::onMidsTick);
    connect(&m_simulator, &HyperliquidMarketSimulator::contextsTick, this, &Session::onContextsTick);
    if (load.mode != LoadProfile::Mode::Off)
        m_load = new HyperliquidSessionLoad(socket, m_simulator, load, bookLevels, this);
}

HyperliquidEmulatorSession::~HyperliquidEmulatorSession() = default;

frames::BookView HyperliquidEmulatorSession::viewOf(const Subscription &subscription) const
{
    frames::BookView view;
    view.levels = subscription.fast ? 5 : m_bookLevels; // "5 levels if fast, 20 levels if slow" (§7.1)
    view.nSigFigs = subscription.nSigFigs;
    view.mantissa = subscription.mantissa;
    view.fast = subscription.fast;
    return view;
}

void HyperliquidEmulatorSession::setSilent(bool silent)
{
    VenueSession::setSilent(silent);
    if (m_load)
        m_load->setPaused(silent);
    if (!silent)
        pumpBurst();
}

void HyperliquidEmulatorSession::onClientFrame(const QByteArray &frame)
{
    const ClientRequest request = parseClientRequest(frame);
    switch (request.method) {
    case ClientRequest::Method::Ping:
        send(frames::pong());
        break;
    case ClientRequest::Method::Subscribe:
        subscribe(request.subscription);
        break;
    case ClientRequest::Method::Unsubscribe:
        unsubscribe(request.subscription);
        break;
    case ClientRequest::Method::Post:
        answerPost(request);
        break;
    case ClientRequest::Method::Unparseable:
        send(frames::error("Error parsing JSON into valid websocket request: " + frame));
        break;
    }
}

bool HyperliquidEmulatorSession::isValid(const Subscription &subscription, MarketState **market) const
{
    if (subscription.type == "allMids"_L1)
        return subscription.coin.isEmpty(); // coin holds a builder dex name, none are emulated
    if (subscription.type == "activeAssetData"_L1) // perps only
        return account::activeAssetData(m_traders.account(subscription.user), m_simulator, subscription.user,
                                        subscription.coin)
            .has_value();
    if (subscription.isUserType())
        return subscription.coin.isEmpty(); // clearinghouseState: coin holds a builder dex name
    *market = m_simulator.market(subscription.coin);
    if (!*market)
        return false;
    if (subscription.type == "l2Book"_L1) {
        if (subscription.nSigFigs && (*subscription.nSigFigs < 2 || *subscription.nSigFigs > 5))
            return false;
        if (subscription.mantissa
            && (subscription.nSigFigs != 5
                || (*subscription.mantissa != 1 && *subscription.mantissa != 2 && *subscription.mantissa != 5)))
            return false;
    }
    return true;
}

void HyperliquidEmulatorSession::subscribe(const Subscription &subscription)
{
    MarketState *market = nullptr;
    if (!isValid(subscription, &market)) {
        // The venue either answers this or closes silently (§2.3); the emulator answers.
        send(frames::error("Invalid subscription " + subscription.normalizedJson()));
        return;
    }
    if (std::find(m_subscriptions.begin(), m_subscriptions.end(), subscription) != m_subscriptions.end()) {
        send(frames::error("Already subscribed: " + subscription.normalizedJson()));
        return;
    }
    m_subscriptions.push_back(subscription);
    send(frames::subscriptionResponse("subscribe", subscription.normalizedJson()));
    sendSnapshot(subscription, market);
    if (m_load && market)
        m_load->addStream(subscription, *market, viewOf(subscription));
}

void HyperliquidEmulatorSession::sendSnapshot(const Subscription &subscription, MarketState *market)
{
    if (subscription.isUserType()) {
        sendUserSnapshot(subscription);
    } else if (subscription.type == "allMids"_L1) {
        send(frames::allMids(m_simulator));
    } else if (subscription.type == "l2Book"_L1) {
        send(frames::l2Book(*market, viewOf(subscription)));
    } else if (subscription.type == "bbo"_L1) {
        send(frames::bbo(*market));
    } else if (subscription.type == "trades"_L1) {
        // The venue replays its recent prints on every subscribe (§3), oldest first.
        send(frames::trades(*market, { market->recentTrades.begin(), market->recentTrades.end() }));
    } else if (subscription.type == "candle"_L1) {
        send(frames::candle(*market, candleIntervalIndex(subscription.interval)));
    } else if (subscription.type == "activeAssetCtx"_L1) {
        send(frames::assetContext(m_simulator, *market));
    }
}

void HyperliquidEmulatorSession::unsubscribe(const Subscription &subscription)
{
    const auto it = std::find(m_subscriptions.begin(), m_subscriptions.end(), subscription);
    if (it == m_subscriptions.end()) {
        send(frames::error("Already unsubscribed: " + subscription.normalizedJson()));
        return;
    }
    m_subscriptions.erase(it);
    m_lastAssetData.erase(subscription.normalizedJson());
    if (m_load)
        m_load->removeStream(subscription);
    send(frames::subscriptionResponse("unsubscribe", subscription.normalizedJson()));
}

void HyperliquidEmulatorSession::answerPost(const ClientRequest &request)
{
    if (request.postType == "action"_L1) {
        // Nothing is signed or traded here; a rejected action is an "action" reply, not an error (§2.5).
        send(frames::postResponse(request.postId,
                                  "{\"type\":\"action\",\"payload\":{\"status\":\"err\",\"response\":"
                                  "\"Actions are not supported by the emulator.\"}}"));
        return;
    }
    const HttpResponse reply = m_info.handle(request.postPayload);
    if (reply.status != 200) {
        send(frames::postResponse(request.postId,
                                  "{\"type\":\"error\",\"payload\":" + jsonString(statusText(reply.status)) + '}'));
        return;
    }
    send(frames::postResponse(request.postId,
                              "{\"type\":\"info\",\"payload\":{\"type\":"
                                  + jsonString(request.postPayload.value("type"_L1).toString())
                                  + ",\"data\":" + reply.body + "}}"));
}

void HyperliquidEmulatorSession::onBooksRefreshed()
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type != "l2Book"_L1)
            continue;
        if (const MarketState *market = m_simulator.market(subscription.coin))
            send(frames::l2Book(*market, viewOf(subscription)));
    }
}

void HyperliquidEmulatorSession::onTradesPrinted(const QString &coin, const std::vector<PrintedTrade> &prints)
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.coin != coin)
            continue;
        const MarketState *market = m_simulator.market(coin);
        if (subscription.type == "trades"_L1 && !prints.empty())
            send(frames::trades(*market, prints));
        else if (subscription.type == "candle"_L1)
            send(frames::candle(*market, candleIntervalIndex(subscription.interval)));
    }
}

void HyperliquidEmulatorSession::onInsideChanged(const QString &coin)
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type == "bbo"_L1 && subscription.coin == coin)
            send(frames::bbo(*m_simulator.market(coin)));
    }
}

void HyperliquidEmulatorSession::onMidsTick()
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type == "allMids"_L1)
            send(frames::allMids(m_simulator));
    }
}

void HyperliquidEmulatorSession::sendUserSnapshot(const Subscription &subscription)
{
    // orderUpdates and userEvents have no snapshot (§3); the others start with the account as it is.
    const QString &user = subscription.user;
    const TraderAccount &account = m_traders.account(user);
    const QByteArray userJson = jsonString(user);
    if (subscription.type == "userFills"_L1) {
        send(channelFrame("userFills"_L1,
                          "{\"isSnapshot\":true,\"user\":" + userJson + ",\"fills\":" + account::userFills(account)
                              + '}'));
    } else if (subscription.type == "userFundings"_L1) {
        send(channelFrame("userFundings"_L1,
                          "{\"isSnapshot\":true,\"user\":" + userJson
                              + ",\"fundings\":" + account::fundingSnapshot(account) + '}'));
    } else if (subscription.type == "userNonFundingLedgerUpdates"_L1) {
        send(channelFrame("userNonFundingLedgerUpdates"_L1,
                          "{\"isSnapshot\":true,\"user\":" + userJson
                              + ",\"nonFundingLedgerUpdates\":" + account::ledgerSnapshot(account) + '}'));
    } else if (subscription.type == "clearinghouseState"_L1) {
        send(channelFrame("clearinghouseState"_L1,
                          "{\"dex\":\"\",\"user\":" + userJson + ",\"clearinghouseState\":"
                              + account::clearinghouseState(account, m_simulator, HyperliquidMarketSimulator::nowMs())
                              + '}'));
    } else if (subscription.type == "spotState"_L1) {
        send(
            channelFrame("spotState"_L1,
                         "{\"user\":" + userJson + ",\"spotState\":" + account::spotState(account, m_simulator) + '}'));
    } else if (subscription.type == "activeAssetData"_L1) {
        const auto data = account::activeAssetData(account, m_simulator, user, subscription.coin);
        if (data) {
            m_lastAssetData[subscription.normalizedJson()] = *data;
            send(channelFrame("activeAssetData"_L1, *data));
        }
    }
}

void HyperliquidEmulatorSession::sendToUser(const QString &user, QLatin1StringView type, const QByteArray &frame)
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type == type && subscription.user == user)
            send(frame);
    }
}

void HyperliquidEmulatorSession::onOrderUpdates(const QString &user, const QByteArray &orders)
{
    sendToUser(user, "orderUpdates"_L1, channelFrame("orderUpdates"_L1, orders)); // no user key (§7.6)
}

void HyperliquidEmulatorSession::onFills(const QString &user, const QByteArray &fills)
{
    // Live userFills frames leave the isSnapshot key out, like the venue (§3).
    sendToUser(user, "userFills"_L1,
               channelFrame("userFills"_L1, "{\"user\":" + jsonString(user) + ",\"fills\":" + fills + '}'));
    sendToUser(user, "userEvents"_L1, channelFrame("user"_L1, "{\"fills\":" + fills + '}'));
}

void HyperliquidEmulatorSession::onFunding(const QString &user, const QByteArray &funding)
{
    sendToUser(user, "userEvents"_L1, channelFrame("user"_L1, "{\"funding\":" + funding + '}'));
    sendToUser(user, "userFundings"_L1,
               channelFrame("userFundings"_L1, "{\"user\":" + jsonString(user) + ",\"fundings\":[" + funding + "]}"));
}

void HyperliquidEmulatorSession::onNonUserCancel(const QString &user, const QByteArray &cancels)
{
    sendToUser(user, "userEvents"_L1, channelFrame("user"_L1, "{\"nonUserCancel\":" + cancels + '}'));
}

void HyperliquidEmulatorSession::onLedgerUpdate(const QString &user, const QByteArray &entry)
{
    sendToUser(user, "userNonFundingLedgerUpdates"_L1,
               channelFrame("userNonFundingLedgerUpdates"_L1,
                            "{\"user\":" + jsonString(user) + ",\"nonFundingLedgerUpdates\":[" + entry + "]}"));
}

void HyperliquidEmulatorSession::onPerpStateChanged(const QString &user)
{
    if (user.isEmpty())
        return;
    bool subscribed = false;
    for (const Subscription &subscription : m_subscriptions)
        subscribed = subscribed || (subscription.type == "clearinghouseState"_L1 && subscription.user == user);
    if (subscribed) {
        const QByteArray state
            = account::clearinghouseState(m_traders.account(user), m_simulator, HyperliquidMarketSimulator::nowMs());
        sendToUser(
            user, "clearinghouseState"_L1,
            channelFrame("clearinghouseState"_L1,
                         "{\"dex\":\"\",\"user\":" + jsonString(user) + ",\"clearinghouseState\":" + state + '}'));
    }
    refreshAssetData(user);
}

void HyperliquidEmulatorSession::onSpotStateChanged(const QString &user)
{
    bool subscribed = false;
    for (const Subscription &subscription : m_subscriptions)
        subscribed = subscribed || (subscription.type == "spotState"_L1 && subscription.user == user);
    if (!subscribed)
        return;
    sendToUser(user, "spotState"_L1,
               channelFrame("spotState"_L1,
                            "{\"user\":" + jsonString(user)
                                + ",\"spotState\":" + account::spotState(m_traders.account(user), m_simulator) + '}'));
}

void HyperliquidEmulatorSession::refreshAssetData(const QString &user)
{
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type != "activeAssetData"_L1 || (!user.isEmpty() && subscription.user != user))
            continue;
        const auto data = account::activeAssetData(m_traders.account(subscription.user), m_simulator, subscription.user,
                                                   subscription.coin);
        QByteArray &last = m_lastAssetData[subscription.normalizedJson()];
        if (data && *data != last) {
            last = *data;
            send(channelFrame("activeAssetData"_L1, *data));
        }
    }
}

void HyperliquidEmulatorSession::onContextsTick()
{
    refreshAssetData(QString()); // the mark moved
    for (const Subscription &subscription : m_subscriptions) {
        if (subscription.type != "activeAssetCtx"_L1)
            continue;
        if (const MarketState *market = m_simulator.market(subscription.coin))
            send(frames::assetContext(m_simulator, *market));
    }
}

void HyperliquidEmulatorSession::startBurst(MarketState &market, quint64 count)
{
    const bool subscribed
        = std::any_of(m_subscriptions.begin(), m_subscriptions.end(),
                      [&market](const Subscription &s) { return s.type == "l2Book"_L1 && s.coin == market.spec.coin; });
    if (!subscribed)
        return;
    m_burstMarket = &market;
    m_burstRemaining = count;
    m_burstUnlimited = count == 0;
    qCDebug(lcHyperliquidEmulator) << "burst of" << count << "l2Book frames for" << market.spec.coin;
    pumpBurst();
}

void HyperliquidEmulatorSession::stopBurst()
{
    m_burstMarket = nullptr;
}

void HyperliquidEmulatorSession::pumpBurst()
{
    if (!m_burstMarket || isSilent())
        return;
    const auto subscription
        = std::find_if(m_subscriptions.begin(), m_subscriptions.end(), [this](const Subscription &s) {
              return s.type == "l2Book"_L1 && s.coin == m_burstMarket->spec.coin;
          });
    if (subscription == m_subscriptions.end()) { // unsubscribed mid-burst
        m_burstMarket = nullptr;
        return;
    }
    const frames::BookView view = viewOf(*subscription);
    while (socket()->bytesToWrite() < kBurstHighWater && (m_burstUnlimited || m_burstRemaining > 0)) {
        m_simulator.churn(*m_burstMarket);
        send(frames::l2Book(*m_burstMarket, view));
        if (!m_burstUnlimited)
            --m_burstRemaining;
    }
    if (!m_burstUnlimited && m_burstRemaining == 0)
        m_burstMarket = nullptr;
}

} // namespace tapescope::emulator::hyperliquid
