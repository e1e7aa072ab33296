#include "venues/hyperliquid/HyperliquidAccountService.h"

#include "net/FeedTape.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

#include <algorithm>
#include <functional>

Q_LOGGING_CATEGORY(lcHyperliquidAccount, "tapescope.venue.hyperliquid.account")

namespace tapescope::hyperliquid {

using namespace Qt::StringLiterals;
using Type = AccountSubscription::Type;

namespace {

// The feed's clock: the wall clock, or a recording's (net/FeedTape.h), so a replay stamps events alike.
qint64 nowMs()
{
    return feedClockMs();
}

// How long after asking for the streamed state a dropped connection is blamed on that request.
constexpr qint64 kStateStreamGraceMs = 3000;

} // namespace

HyperliquidAccountService::HyperliquidAccountService(Endpoints endpoints, QString account, Options options,
                                                     QObject *parent)
    : VenueService(venueName(), connectionTo(endpoints, options.connection), { 0, 512 }, lcHyperliquidAccount, parent)
    , m_endpoints(std::move(endpoints))
    , m_account(std::move(account))
    , m_options(std::move(options))
    , m_decoder(m_account)
    , m_network(createNetworkAccessManager(this))
{
    connect(connection(), &VenueConnection::textFrameReceived, this, &HyperliquidAccountService::onFrame);
    connect(connection(), &VenueConnection::opened, this, &HyperliquidAccountService::startBootstrap);
    // The streams first, so nothing that happens during the bootstrap is missed; the state de-duplicates.
    for (Type type :
         { Type::UserFills, Type::OrderUpdates, Type::UserEvents, Type::UserFundings, Type::LedgerUpdates }) {
        const AccountSubscription subscription { type, m_account, {} };
        connection()->addSubscription(subscription.key(), subscription.subscribeFrame());
    }
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HyperliquidAccountService::startBootstrap);
    m_refreshAfterFill.setSingleShot(true);
    connect(&m_refreshAfterFill, &QTimer::timeout, this, [this] { refreshState(true, true); });
}

HyperliquidAccountService::~HyperliquidAccountService() = default;

void HyperliquidAccountService::startFeed()
{
    connection()->open();
}

void HyperliquidAccountService::stopFeed()
{
    m_retryTimer.stop();
    m_refreshAfterFill.stop();
    ++m_generation;
}

void HyperliquidAccountService::setActiveAsset(const QString &coin)
{
    if (coin == m_activeAsset)
        return;
    if (!m_activeAsset.isEmpty()) {
        const AccountSubscription old { Type::ActiveAssetData, m_account, m_activeAsset };
        connection()->removeSubscription(old.key(), old.unsubscribeFrame());
    }
    m_activeAsset = coin;
    if (!coin.isEmpty()) {
        const AccountSubscription next { Type::ActiveAssetData, m_account, coin };
        connection()->addSubscription(next.key(), next.subscribeFrame());
    }
}

void HyperliquidAccountService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_malformed + m_codec.stats().malformed;
    if (m_syncing && status.state == ConnectionState::Live) {
        status.state = ConnectionState::Resyncing;
        status.reason = FeedReason { FeedReason::Code::LoadingAccount, { m_account } };
    }
}

void HyperliquidAccountService::connectionStateChanged(ConnectionState state)
{
    if (state != ConnectionState::Live && state != ConnectionState::Stale && state != ConnectionState::Resyncing) {
        // The connection is gone: what arrives next is a new session, bootstrapped afresh.
        if (m_syncing || m_state.isSynced())
            ++m_generation;
        m_syncing = false;
        m_state.markUnsynced();
        m_retryTimer.stop();
        if (m_stateStreams == StateStreams::Unknown && m_stateStreamsAskedAtMs > 0
            && nowMs() - m_stateStreamsAskedAtMs < kStateStreamGraceMs)
            dropStateStreams(u"the server closed the connection right after they were subscribed"_s);
    }
    publishStatus();
}

void HyperliquidAccountService::checkDeadlines()
{
    if (!m_state.isSynced() || m_stateStreams == StateStreams::Offered)
        return;
    if (!m_sinceRefresh.isValid() || m_sinceRefresh.elapsed() >= m_options.pollIntervalMs)
        refreshState(true, true);
}

QNetworkReply *HyperliquidAccountService::postInfo(const QByteArray &body)
{
    QUrl url = m_endpoints.restBase;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + u"/info"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setTransferTimeout(15000);
    return m_network->post(request, body);
}

namespace {

// The body of a finished /info reply as JSON, or why not.
std::optional<QJsonDocument> replyJson(QNetworkReply *reply, const QString &what, QString *error)
{
    if (reply->error() != QNetworkReply::NoError) {
        *error = u"%1: %2"_s.arg(what, networkErrorText(reply));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(replyBody(reply), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"%1: not JSON (%2)"_s.arg(what, parseError.errorString());
        return std::nullopt;
    }
    return document;
}

} // namespace

void HyperliquidAccountService::startBootstrap()
{
    if (!isStarted() || connection()->state() == ConnectionState::BackingOff)
        return;
    const int generation = ++m_generation;
    m_syncing = true;
    m_bootstrapFailed = false;
    m_bootstrapPending = 4;
    m_bootstrapOrders.clear();
    m_statusQueries = 0;
    publishStatus();

    // A failed part retries the whole bootstrap (bootstrapPartDone); see requestPart() for the exceptions.
    const qint64 requestedAt = nowMs();
    requestPart(
        generation, u"clearinghouseState"_s,
        [this](const QJsonDocument &document, QString *error) {
            auto state = m_decoder.clearinghouseState(document.object(), true, error);
            if (state)
                publishPositions(std::move(state->positions), state->summary, true);
            return state.has_value();
        },
        QString());
    requestPart(
        generation, u"spotClearinghouseState"_s,
        [this, requestedAt](const QJsonDocument &document, QString *error) {
            auto balances = m_decoder.spotBalances(document.object(), requestedAt, true, error);
            if (balances)
                publishBalances(std::move(*balances), requestedAt, true);
            return balances.has_value();
        },
        QString());
    requestPart(
        generation, u"frontendOpenOrders"_s,
        [this, requestedAt](const QJsonDocument &document, QString *error) {
            auto orders = m_decoder.openOrders(document.array(), requestedAt, error);
            if (!orders || !document.isArray())
                return false;
            m_bootstrapOrders = *orders;
            publish(AccountEventBatch(orders->begin(), orders->end()));
            return true;
        },
        u"openOrders"_s);
    requestPart(
        generation, u"userFills"_s,
        [this](const QJsonDocument &document, QString *error) {
            auto fills = m_decoder.fills(document.array(), true, error);
            if (!fills || !document.isArray())
                return false;
            std::reverse(fills->begin(), fills->end()); // newest first on the wire; published oldest first
            publish(AccountEventBatch(fills->begin(), fills->end()));
            return true;
        },
        QString());
}

// One bootstrap call. A part that fails may have an older request that answers the same (`fallback`: openOrders
// for frontendOpenOrders, §10), tried before the failure counts. Spot balances may fail without stopping the sync:
// a deployment without spot (a perps-only server) still gives the trader orders, fills and positions.
void HyperliquidAccountService::requestPart(int generation, const QString &type, PartHandler handle,
                                            const QString &fallback)
{
    QNetworkReply *reply = postInfo(userInfoRequestBody(type, m_account));
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, type, handle, fallback] {
        reply->deleteLater();
        if (generation != m_generation)
            return; // an answer for a connection that is gone
        QString error;
        const auto document = replyJson(reply, type, &error);
        if (!document || !handle(*document, &error)) {
            if (!fallback.isEmpty()) {
                qCInfo(lcHyperliquidAccount).noquote() << type << "failed (" << error << "), asking" << fallback;
                requestPart(generation, fallback, handle, QString());
                return; // still pending: the fallback answers for this part
            }
            if (type != u"spotClearinghouseState"_s)
                m_bootstrapFailed = true;
            reportError(u"account_bootstrap"_s, error.isEmpty() ? type + u": unexpected answer"_s : error);
        }
        bootstrapPartDone();
    });
}

void HyperliquidAccountService::bootstrapPartDone()
{
    if (--m_bootstrapPending > 0)
        return;
    if (m_bootstrapFailed) {
        flush();
        m_retryTimer.start(m_options.bootstrapRetryMs);
        return;
    }
    reconcileOrders();
}

// Orders we knew as open that the venue no longer lists ended while we were not looking: ask how (§10
// orderStatus), and say "closed" where the venue does not know.
void HyperliquidAccountService::reconcileOrders()
{
    QSet<QString> listed;
    for (const AccountOrder &order : m_bootstrapOrders)
        listed.insert(order.id);
    const int generation = m_generation;
    for (const AccountOrder &known : m_state.openOrdersByTime()) {
        if (listed.contains(known.id))
            continue;
        ++m_statusQueries;
        QNetworkReply *reply = postInfo(orderStatusRequestBody(m_account, known.id));
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, known] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            QString error;
            bool unknown = false;
            std::optional<AccountOrder> answer;
            if (const auto document = replyJson(reply, u"orderStatus"_s, &error))
                answer = m_decoder.orderStatus(document->object(), &unknown, &error);
            if (!answer || answer->id != known.id) {
                if (!unknown)
                    reportError(u"account_bootstrap"_s, u"order %1: %2"_s.arg(known.id, error));
                AccountOrder closed = known;
                closed.status = u"closed"_s;
                closed.venueStatus.clear();
                closed.ts = nowMs();
                closed.snapshot = true;
                answer = closed;
            }
            answer->snapshot = true;
            publish({ *answer });
            if (--m_statusQueries == 0)
                finishSync();
        });
    }
    if (m_statusQueries == 0)
        finishSync();
}

void HyperliquidAccountService::finishSync()
{
    m_syncing = false;
    m_sinceRefresh.restart();
    publish({ AccountSynced { venueName(), m_account, nowMs() } });
    subscribeStateStreams();
    publishStatus();
}

void HyperliquidAccountService::subscribeStateStreams()
{
    if (m_stateStreams == StateStreams::NotOffered)
        return;
    for (Type type : { Type::ClearinghouseState, Type::SpotState }) {
        const AccountSubscription subscription { type, m_account, {} };
        if (!connection()->hasSubscription(subscription.key())) {
            connection()->addSubscription(subscription.key(), subscription.subscribeFrame());
            m_stateStreamsAskedAtMs = nowMs();
        }
    }
}

void HyperliquidAccountService::dropStateStreams(const QString &why)
{
    if (m_stateStreams == StateStreams::NotOffered)
        return;
    m_stateStreams = StateStreams::NotOffered;
    for (Type type : { Type::ClearinghouseState, Type::SpotState }) {
        const AccountSubscription subscription { type, m_account, {} };
        connection()->removeSubscription(subscription.key());
    }
    qCInfo(lcHyperliquidAccount).noquote() << "positions and balances are not streamed (" << why
                                           << "): refreshed over REST every" << m_options.pollIntervalMs << "ms";
}

void HyperliquidAccountService::refreshState(bool positions, bool balances)
{
    if (!m_state.isSynced())
        return;
    m_sinceRefresh.restart();
    const int generation = m_generation;
    if (positions) {
        QNetworkReply *reply = postInfo(userInfoRequestBody(u"clearinghouseState"_s, m_account));
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation] {
            reply->deleteLater();
            QString error;
            const auto document = replyJson(reply, u"clearinghouseState"_s, &error);
            if (generation != m_generation)
                return;
            auto state = document ? m_decoder.clearinghouseState(document->object(), false, &error) : std::nullopt;
            if (!state) {
                qCWarning(lcHyperliquidAccount).noquote() << "refresh failed:" << error;
                return;
            }
            publishPositions(std::move(state->positions), state->summary, false);
        });
    }
    if (balances) {
        const qint64 requestedAt = nowMs();
        QNetworkReply *reply = postInfo(userInfoRequestBody(u"spotClearinghouseState"_s, m_account));
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, requestedAt] {
            reply->deleteLater();
            QString error;
            const auto document = replyJson(reply, u"spotClearinghouseState"_s, &error);
            if (generation != m_generation)
                return;
            auto list
                = document ? m_decoder.spotBalances(document->object(), requestedAt, false, &error) : std::nullopt;
            if (!list) {
                qCWarning(lcHyperliquidAccount).noquote() << "refresh failed:" << error;
                return;
            }
            publishBalances(std::move(*list), requestedAt, false);
        });
    }
}

void HyperliquidAccountService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    const QJsonObject object = document.object();
    const QString channel = object.value("channel"_L1).toString();
    if (parseError.error != QJsonParseError::NoError || !AccountDecoder::isAccountChannel(channel.toStdString())) {
        // Acks, errors, pong, greetings, garbage: the market codec reads and classifies them.
        EventBatch &pending = pendingEvents();
        const std::size_t before = pending.size();
        m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), pending);
        for (std::size_t i = before; i < pending.size(); ++i) {
            const auto *error = std::get_if<FeedError>(&pending[i]);
            if (!error)
                continue;
            if (error->code == u"malformed"_s)
                connection()->noteDecodeError();
            const bool aboutState
                = error->message.contains(u"clearinghouseState"_s) || error->message.contains(u"spotState"_s);
            if ((error->code == u"bad_request"_s || error->code == u"invalid_subscription"_s) && aboutState)
                dropStateStreams(u"the server refused them: "_s + error->message);
            qCWarning(lcHyperliquidAccount).noquote() << error->code << error->message;
        }
        eventsAdded();
        return;
    }
    const QJsonObject data = object.value("data"_L1).toObject();
    if (AccountDecoder::isPositionState(object) || AccountDecoder::isBalanceState(object)) {
        if (data.value("user"_L1).toString().compare(m_account, Qt::CaseInsensitive) != 0
            || !data.value("dex"_L1).toString().isEmpty())
            return; // another user's or a builder dex's state (§7.16)
        m_stateStreams = StateStreams::Offered;
        QString error;
        if (AccountDecoder::isPositionState(object)) {
            if (auto state
                = m_decoder.clearinghouseState(data.value("clearinghouseState"_L1).toObject(), false, &error)) {
                publishPositions(std::move(state->positions), state->summary, false);
                return;
            }
        } else if (auto list
                   = m_decoder.spotBalances(data.value("spotState"_L1).toObject(), receivedAtMs, false, &error)) {
            publishBalances(std::move(*list), receivedAtMs, false);
            return;
        }
        ++m_malformed;
        connection()->noteDecodeError();
        reportError(u"malformed"_s, error);
        return;
    }
    AccountEventBatch events;
    if (const auto error = m_decoder.decodeFrame(object, events)) {
        ++m_malformed;
        connection()->noteDecodeError();
        reportError(u"malformed"_s, *error);
        return;
    }
    for (AccountEvent &event : events) {
        // activeAssetData and the user channel's liquidation carry no time: when we heard of it.
        if (auto *limits = std::get_if<AccountAssetLimits>(&event); limits && limits->ts == 0)
            limits->ts = receivedAtMs;
        else if (auto *entry = std::get_if<LedgerEntry>(&event); entry && entry->ts == 0)
            entry->ts = receivedAtMs;
    }
    publish(std::move(events));
}

void HyperliquidAccountService::publish(AccountEventBatch events)
{
    AccountEventBatch changed;
    bool liveFill = false;
    for (AccountEvent &event : events) {
        // A venue cancel names only coin and oid (nonUserCancel, §7.7): the rest is the order we know.
        if (auto *order = std::get_if<AccountOrder>(&event); order && !order->side) {
            if (auto known = m_state.order(order->id)) {
                known->status = order->status;
                known->venueStatus = order->venueStatus;
                known->ts = order->ts != 0 ? order->ts : nowMs();
                known->snapshot = order->snapshot;
                *order = *known;
            } else if (order->ts == 0) {
                order->ts = nowMs();
            }
        } else if (order) {
            // orderUpdates carry fewer fields than frontendOpenOrders (§7.6): keep what we already know.
            if (const auto known = m_state.order(order->id)) {
                if (order->orderType.isEmpty())
                    order->orderType = known->orderType;
                if (order->tif.isEmpty())
                    order->tif = known->tif;
                if (!order->reduceOnly)
                    order->reduceOnly = known->reduceOnly;
                if (!order->triggerPrice)
                    order->triggerPrice = known->triggerPrice;
                if (order->clientId.isEmpty())
                    order->clientId = known->clientId;
            }
        }
        if (!m_state.apply(event))
            continue;
        std::optional<AccountOrder> progressed;
        if (const auto *fill = std::get_if<AccountFill>(&event); fill && !fill->snapshot) {
            liveFill = true;
            progressed = partiallyFilled(*fill);
        }
        changed.push_back(std::move(event));
        if (progressed && m_state.apply(*progressed))
            changed.emplace_back(std::move(*progressed));
    }
    if (liveFill && m_state.isSynced() && m_stateStreams != StateStreams::Offered)
        m_refreshAfterFill.start(m_options.refreshAfterFillMs);
    if (!changed.empty()) {
        flush(); // errors and acks that came first go out first
        Q_EMIT accountEventsReady(changed);
    }
}

// orderUpdates says open, then filled or canceled: a partial fill changes no status there (§7.6). A live fill of
// an open order therefore updates the order itself: `filled` grows by the fill and the status becomes
// partially_filled, until the venue's own final word arrives. Each fill counts once (the state saw it first).
std::optional<AccountOrder> HyperliquidAccountService::partiallyFilled(const AccountFill &fill) const
{
    const auto open = m_state.openOrders().constFind(fill.orderId);
    if (fill.orderId.isEmpty() || open == m_state.openOrders().cend() || !open->filled || !open->size)
        return std::nullopt;
    const auto filled = open->filled->checkedAdd(fill.size);
    if (!filled || *filled >= *open->size)
        return std::nullopt; // the rest is the venue's "filled", which follows
    AccountOrder order = *open;
    order.filled = filled;
    order.status = u"partially_filled"_s;
    order.venueStatus.clear();
    order.ts = fill.ts;
    order.snapshot = false;
    return order;
}

void HyperliquidAccountService::publishPositions(std::vector<AccountPosition> positions, const AccountSummary &summary,
                                                 bool snapshot)
{
    AccountEventBatch events;
    QSet<QString> named;
    for (const AccountPosition &position : positions)
        named.insert(position.symbol);
    for (const AccountPosition &held : m_state.positions()) {
        if (named.contains(held.symbol))
            continue;
        AccountPosition flat;
        flat.venue = venueName();
        flat.account = m_account;
        flat.symbol = held.symbol;
        flat.size = Decimal::fromInteger(0);
        flat.ts = summary.ts != 0 ? summary.ts : nowMs();
        flat.snapshot = snapshot;
        events.emplace_back(std::move(flat));
    }
    for (AccountPosition &position : positions)
        events.emplace_back(std::move(position));
    events.emplace_back(summary);
    publish(std::move(events));
}

void HyperliquidAccountService::publishBalances(std::vector<AccountBalance> balances, std::int64_t ts, bool snapshot)
{
    AccountEventBatch events;
    QSet<QString> named;
    for (const AccountBalance &balance : balances)
        named.insert(balance.asset);
    for (const AccountBalance &held : m_state.balances()) {
        if (named.contains(held.asset) || (held.total && held.total->isZero()))
            continue;
        const Decimal zero = Decimal::fromInteger(0);
        events.emplace_back(AccountBalance { venueName(), m_account, held.asset, zero, zero, zero, ts, snapshot });
    }
    for (AccountBalance &balance : balances)
        events.emplace_back(std::move(balance));
    publish(std::move(events));
}

} // namespace tapescope::hyperliquid
