#include "KalshiEmulatorSession.h"

#include "KalshiDemoTrader.h"
#include "KalshiWireFrames.h"
#include "NflMarketSimulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtWebSockets/QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

const QStringList kChannels = { u"orderbook_delta"_s,  u"ticker"_s,     u"trade"_s, u"market_lifecycle_v2"_s, u"fill"_s,
                                u"market_positions"_s, u"user_orders"_s };

} // namespace

KalshiEmulatorSession::KalshiEmulatorSession(QWebSocket *socket, NflMarketSimulator &simulator, Options options,
                                             QObject *parent, KalshiDemoTrader *trader, CommandRefusal *refusal)
    : VenueSession(socket, parent)
    , m_simulator(simulator)
    , m_options(options)
    , m_refusal(refusal)
{
    connect(&simulator, &NflMarketSimulator::bookChanged, this, &KalshiEmulatorSession::onBookChanged);
    connect(&simulator, &NflMarketSimulator::traded, this, &KalshiEmulatorSession::onTraded);
    connect(&simulator, &NflMarketSimulator::tickerChanged, this, &KalshiEmulatorSession::onTickerChanged);
    connect(&simulator, &NflMarketSimulator::lifecycleEvent, this, &KalshiEmulatorSession::onLifecycle);
    if (trader)
        connect(trader, &KalshiDemoTrader::accountMessage, this, &KalshiEmulatorSession::onAccountMessage);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (!isSilent())
            this->socket()->ping("heartbeat"); // §3: the payload Kalshi sends
    });
    if (m_options.pingIntervalMs > 0)
        m_pingTimer.start(m_options.pingIntervalMs);
}

void KalshiEmulatorSession::sendSequenced(qint64 sid, Subscription &subscription, const char *type,
                                          const QByteArray &msg, qint64 id)
{
    ++subscription.seq;
    if (subscription.dropNext) {
        subscription.dropNext = false; // lost on the way: the number is gone with it
        return;
    }
    send(frames::envelope(type, id, sid, subscription.seq, msg));
}

void KalshiEmulatorSession::sendError(qint64 id, int code, const QString &text, const QString &market, qint64 sid)
{
    send(frames::envelope("error", id, sid, -1, frames::errorMsg(code, text, market)));
}

void KalshiEmulatorSession::onClientFrame(const QByteArray &frame)
{
    const QJsonDocument document = QJsonDocument::fromJson(frame);
    if (!document.isObject()) {
        sendError(-1, 1, u"Unable to process message"_s);
        return;
    }
    const QJsonObject command = document.object();
    const qint64 id = command.value(u"id"_s).toInteger(-1);
    const QString name = command.value(u"cmd"_s).toString();
    const QJsonValue params = command.value(u"params"_s);
    if (name == u"list_subscriptions"_s) {
        listSubscriptions(id);
        return;
    }
    if (name != u"subscribe"_s && name != u"unsubscribe"_s && name != u"update_subscription"_s) {
        sendError(id, 5, u"Unknown command"_s);
        return;
    }
    if (m_refusal && m_refusal->remaining > 0) {
        --m_refusal->remaining;
        // The texts of the code table (docs/protocols/kalshi.md §11).
        sendError(id, m_refusal->code,
                  m_refusal->code == 26 ? u"Subscription market limit exceeded"_s : u"Too many requests"_s);
        return;
    }
    if (!params.isObject()) {
        sendError(id, 2, u"Params required"_s);
        return;
    }
    if (name == u"subscribe"_s)
        subscribe(id, params.toObject());
    else if (name == u"unsubscribe"_s)
        unsubscribe(id, params.toObject());
    else
        updateSubscription(id, params.toObject());
}

bool KalshiEmulatorSession::readTickers(qint64 id, const QJsonObject &params, QStringList &tickers)
{
    if (params.contains(u"market_ticker"_s))
        tickers << params.value(u"market_ticker"_s).toString();
    for (const QJsonValue &value : params.value(u"market_tickers"_s).toArray())
        tickers << value.toString();
    for (const QString &ticker : std::as_const(tickers)) {
        // No wildcards and no unknown markets (§12.4): "KXNFLGAME*" gets this too.
        if (!m_simulator.market(ticker)) {
            sendError(id, 16, u"Market not found"_s, ticker);
            return false;
        }
    }
    return true;
}

void KalshiEmulatorSession::subscribe(qint64 id, const QJsonObject &params)
{
    const QJsonArray channels = params.value(u"channels"_s).toArray();
    if (channels.isEmpty()) {
        sendError(id, 3, u"Channels required"_s);
        return;
    }
    for (const QJsonValue &channel : channels) {
        if (!kChannels.contains(channel.toString())) {
            sendError(id, 8, u"Unknown channel name"_s);
            return;
        }
    }
    QStringList tickers;
    if (!readTickers(id, params, tickers))
        return;
    for (const QJsonValue &value : channels) {
        const QString channel = value.toString();
        if (channel == u"orderbook_delta"_s && tickers.isEmpty()) {
            sendError(id, 14, u"Market Ticker required"_s);
            continue;
        }
        for (const auto &[sid, existing] : m_subscriptions) {
            // The same channel twice for one market (the Neural SDK's duplicate resubscribe, §14.2).
            if (existing.channel == channel
                && (tickers.isEmpty() || std::any_of(tickers.begin(), tickers.end(), [&](const QString &t) {
                        return existing.covers(t);
                    }))) {
                sendError(id, 6, u"Already subscribed"_s, QString(), sid);
                return;
            }
        }
        const qint64 sid = m_nextSid++;
        Subscription &subscription = m_subscriptions[sid];
        subscription.channel = channel;
        subscription.allMarkets = tickers.isEmpty() && channel != u"orderbook_delta"_s;
        for (const QString &ticker : std::as_const(tickers))
            subscription.markets.insert(ticker);
        send(frames::envelope("subscribed", id, -1, -1, frames::subscribedMsg(channel, sid)));
        if (channel == u"orderbook_delta"_s) {
            // The first message on a fresh orderbook sid is the snapshot (§10).
            for (const QString &ticker : std::as_const(tickers))
                sendSequenced(sid, subscription, "orderbook_snapshot",
                              frames::snapshotMsg(*m_simulator.market(ticker)));
        } else if (channel == u"ticker"_s && params.value(u"send_initial_snapshot"_s).toBool()) {
            for (const QString &ticker : std::as_const(tickers))
                send(frames::envelope("ticker", -1, sid, -1, frames::tickerMsg(*m_simulator.market(ticker), nowMs())));
        }
    }
}

void KalshiEmulatorSession::unsubscribe(qint64 id, const QJsonObject &params)
{
    const QJsonArray sids = params.value(u"sids"_s).toArray();
    if (sids.isEmpty()) {
        sendError(id, 4, u"Subscription IDs required"_s); // what channels + market_tickers earns (§14.2)
        return;
    }
    for (const QJsonValue &value : sids) {
        const qint64 sid = value.toInteger(-1);
        const auto found = m_subscriptions.find(sid);
        if (found == m_subscriptions.end()) {
            sendError(id, 7, u"Unknown subscription ID"_s, QString(), sid);
            continue;
        }
        send(frames::envelope("unsubscribed", id, sid, found->second.seq + 1));
        m_subscriptions.erase(found);
    }
}

void KalshiEmulatorSession::updateSubscription(qint64 id, const QJsonObject &params)
{
    qint64 sid = params.value(u"sid"_s).toInteger(-1);
    if (params.contains(u"sids"_s)) {
        const QJsonArray sids = params.value(u"sids"_s).toArray();
        sid = sids.size() == 1 ? sids.first().toInteger(-1) : -2;
    }
    if (sid < 0) {
        sendError(id, 12, u"Exactly one subscription ID is required"_s);
        return;
    }
    const QString action = params.value(u"action"_s).toString();
    if (action.isEmpty()) {
        sendError(id, 15, u"Action required"_s);
        return;
    }
    const auto found = m_subscriptions.find(sid);
    if (found == m_subscriptions.end()) {
        sendError(id, 7, u"Unknown subscription ID"_s, QString(), sid);
        return;
    }
    Subscription &subscription = found->second;
    const bool book = subscription.channel == u"orderbook_delta"_s;
    if (action != u"add_markets"_s && action != u"delete_markets"_s
        && (action != u"get_snapshot"_s || !book || !m_options.supportGetSnapshot)) {
        sendError(id, 13, u"Unsupported action"_s, QString(), sid);
        return;
    }
    QStringList tickers;
    if (!readTickers(id, params, tickers))
        return;
    if (tickers.isEmpty()) {
        sendError(id, 14, u"Market Ticker required"_s, QString(), sid);
        return;
    }
    if (action == u"get_snapshot"_s) {
        // The snapshot answers the command (it carries the id, §7.1) and the subscription is left as it was.
        for (const QString &ticker : std::as_const(tickers))
            sendSequenced(sid, subscription, "orderbook_snapshot", frames::snapshotMsg(*m_simulator.market(ticker)),
                          id);
        return;
    }
    QStringList added;
    for (const QString &ticker : std::as_const(tickers)) {
        if (action == u"delete_markets"_s)
            subscription.markets.remove(ticker);
        else if (!subscription.markets.contains(ticker)) {
            subscription.markets.insert(ticker);
            added << ticker;
        }
    }
    QStringList all = subscription.markets.values();
    std::sort(all.begin(), all.end());
    send(frames::envelope("ok", id, sid, -1, frames::okMsg(all))); // the full list after the update (§4.3)
    if (book) {
        for (const QString &ticker : std::as_const(added))
            sendSequenced(sid, subscription, "orderbook_snapshot", frames::snapshotMsg(*m_simulator.market(ticker)));
    }
}

void KalshiEmulatorSession::listSubscriptions(qint64 id)
{
    QJsonArray list;
    for (const auto &[sid, subscription] : m_subscriptions)
        list.append(QJsonObject { { u"channel"_s, subscription.channel }, { u"sid"_s, sid } });
    send(frames::envelope("ok", id, -1, -1, QJsonDocument(list).toJson(QJsonDocument::Compact)));
}

int KalshiEmulatorSession::subscriptionCount(const QString &channel) const
{
    return int(std::count_if(m_subscriptions.begin(), m_subscriptions.end(),
                             [&](const auto &entry) { return entry.second.channel == channel; }));
}

void KalshiEmulatorSession::onBookChanged(const QString &market, bool yesSide, int priceCents, int delta)
{
    const SimMarket *simMarket = m_simulator.market(market);
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"orderbook_delta"_s && subscription.covers(market))
            sendSequenced(sid, subscription, "orderbook_delta",
                          frames::deltaMsg(*simMarket, yesSide, priceCents, delta, nowMs()));
    }
}

void KalshiEmulatorSession::onTraded(const SimTrade &trade)
{
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"trade"_s && subscription.covers(trade.marketTicker)) {
            subscription.lastTradeMsg = frames::tradeMsg(trade);
            sendSequenced(sid, subscription, "trade", subscription.lastTradeMsg);
        }
    }
}

void KalshiEmulatorSession::onTickerChanged(const QString &market)
{
    const SimMarket *simMarket = m_simulator.market(market);
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"ticker"_s && subscription.covers(market))
            send(frames::envelope("ticker", -1, sid, -1,
                                  frames::tickerMsg(*simMarket, nowMs()))); // ticker has no seq (§10)
    }
}

void KalshiEmulatorSession::onLifecycle(const QString &market, const QString &eventType)
{
    const SimMarket *simMarket = m_simulator.market(market);
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"market_lifecycle_v2"_s)
            sendSequenced(sid, subscription, "market_lifecycle_v2",
                          frames::lifecycleMsg(*simMarket, eventType, nowMs()));
    }
}

void KalshiEmulatorSession::injectSequenceGap()
{
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"orderbook_delta"_s)
            subscription.dropNext = true;
    }
}

void KalshiEmulatorSession::injectError(int code)
{
    const bool terminal = code == 10 || code == 25;
    const QString text = code == 10 ? u"Channel error"_s
        : code == 25                ? u"Subscription buffer overflow"_s
                                    : u"Injected error"_s;
    for (auto it = m_subscriptions.begin(); it != m_subscriptions.end();) {
        if (it->second.channel != u"orderbook_delta"_s) {
            ++it;
            continue;
        }
        sendError(-1, code, text, QString(), it->first);
        it = terminal ? m_subscriptions.erase(it) : std::next(it);
    }
}

void KalshiEmulatorSession::injectDuplicateTrade()
{
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel == u"trade"_s && !subscription.lastTradeMsg.isEmpty())
            sendSequenced(sid, subscription, "trade", subscription.lastTradeMsg);
    }
}

} // namespace tapescope::emulator::kalshi

namespace tapescope::emulator::kalshi {

// The demo member's private messages (fill, market_position, user_order: no seq, §10) to every subscriber of the
// channel; a market filter, where given, applies.
void KalshiEmulatorSession::onAccountMessage(const QString &channel, const QByteArray &type, const QByteArray &msg)
{
    if (isSilent())
        return;
    for (auto &[sid, subscription] : m_subscriptions) {
        if (subscription.channel != channel)
            continue;
        if (!subscription.allMarkets) {
            const bool named
                = std::any_of(subscription.markets.begin(), subscription.markets.end(),
                              [&](const QString &m) { return msg.contains(QByteArray('"' + m.toUtf8() + '"')); });
            if (!named)
                continue;
        }
        send(frames::envelope(type.constData(), -1, sid, -1, msg));
    }
}

} // namespace tapescope::emulator::kalshi
