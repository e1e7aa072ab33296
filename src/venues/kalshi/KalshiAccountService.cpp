#include "venues/kalshi/KalshiAccountService.h"

#include "net/FeedTape.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QSet>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

#include <algorithm>
#include <array>

Q_LOGGING_CATEGORY(lcKalshiAccount, "tapescope.venue.kalshi.account")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace tapescope::kalshi {

namespace {

// The private channels, each subscribed by its own command: the command id is the index here plus one.
constexpr std::array<const char *, 3> kChannels { accountchannel::Fill, accountchannel::MarketPositions,
                                                  accountchannel::UserOrders };

constexpr int kRestTimeoutMs = 15000;

// The feed's clock: the wall clock, or a recording's (net/FeedTape.h), so a replay stamps events alike.
qint64 nowMs()
{
    return feedClockMs();
}

bool isAuthStatus(int status)
{
    return status == 401 || status == 403;
}

bool isAuthRejection(const FeedReason &reason)
{
    // The HTTP status a server answered the upgrade with (socketFailureReason()).
    return reason.code == FeedReason::Code::SocketError && (reason.number == 401 || reason.number == 403);
}

ConnectionConfig connectionTo(const Endpoints &endpoints, ConnectionConfig config,
                              std::function<QList<QPair<QByteArray, QByteArray>>()> handshakeHeaders)
{
    if (!config.handshakeHeaders)
        config.handshakeHeaders = std::move(handshakeHeaders);
    if (config.url.isEmpty())
        config.url = endpoints.wsUrl;
    config.webSocketPing = true; // §3: no JSON heartbeat
    config.heartbeatFrame.clear();
    if (config.heartbeatInterval == ConnectionConfig {}.heartbeatInterval)
        config.heartbeatInterval = 10s;
    return config;
}

} // namespace

KalshiAccountService::KalshiAccountService(Endpoints endpoints, Credentials credentials, QString account,
                                           Options options, QObject *parent)
    : VenueService(venueName(),
                   connectionTo(endpoints, options.connection, [this] { return signedHandshakeHeaders(); }), { 0, 512 },
                   lcKalshiAccount, parent)
    , m_endpoints(std::move(endpoints))
    , m_account(std::move(account))
    , m_options(std::move(options))
    , m_decoder(m_account)
    , m_network(createNetworkAccessManager(this))
{
    if (credentials.isEmpty())
        m_credentialsProblem = { FeedReason::Code::ApiKeyRequired, { u"Kalshi"_s } };
    else if (credentials.keyId.isEmpty())
        m_credentialsProblem = { FeedReason::Code::ApiKeyIdMissing, { u"Kalshi"_s } };
    else if (!m_signer.loadPrivateKeyPem(credentials.privateKeyPem))
        m_credentialsProblem = { FeedReason::Code::PrivateKeyUnusable, { u"Kalshi"_s, m_signer.errorString() } };
    m_signer.setAccessKey(credentials.keyId);

    connect(connection(), &VenueConnection::textFrameReceived, this, &KalshiAccountService::onFrame);
    connect(connection(), &VenueConnection::opened, this, &KalshiAccountService::startBootstrap);
    // The streams first, so nothing that happens during the bootstrap is missed; the state de-duplicates. One
    // command per channel (ids are per connection, §4): a refusal of one leaves the others.
    qint64 id = 1;
    for (const char *channel : kChannels) {
        connection()->addSubscription(QString::fromLatin1(channel),
                                      Codec::subscribeFrame(id++, { QString::fromLatin1(channel) }));
    }
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &KalshiAccountService::startBootstrap);
    m_refreshAfterFill.setSingleShot(true);
    connect(&m_refreshAfterFill, &QTimer::timeout, this, &KalshiAccountService::refreshBalance);
}

KalshiAccountService::~KalshiAccountService() = default;

QList<QPair<QByteArray, QByteArray>> KalshiAccountService::signedHandshakeHeaders()
{
    if (!m_credentialsProblem.isNone())
        return {};
    const SignedHeaders headers = m_signer.handshakeHeaders(nowMs()); // afresh on every attempt (§2.2)
    if (headers.signature.isEmpty()) {
        qCWarning(lcKalshiAccount).noquote() << "cannot sign the handshake:" << m_signer.errorString();
        return {};
    }
    return headers.toList();
}

QNetworkReply *KalshiAccountService::getSigned(const QByteArray &pathAndQuery)
{
    QNetworkRequest request(m_endpoints.restUrl(pathAndQuery));
    request.setTransferTimeout(kRestTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    const SignedHeaders headers = m_signer.requestHeaders(nowMs(), "GET", pathAndQuery);
    if (!headers.signature.isEmpty()) {
        for (const auto &[name, value] : headers.toList())
            request.setRawHeader(name, value);
    }
    return m_network->get(request);
}

void KalshiAccountService::startFeed()
{
    m_refused = false;
    if (!m_credentialsProblem.isNone()) {
        reportError(u"credentials"_s, englishText(m_credentialsProblem));
        flush();
        connection()->close(m_credentialsProblem);
        return;
    }
    connection()->open();
}

void KalshiAccountService::stopFeed()
{
    m_retryTimer.stop();
    m_refreshAfterFill.stop();
    ++m_generation;
}

void KalshiAccountService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_malformed + m_codec.stats().malformed;
    if (m_syncing && status.state == ConnectionState::Live) {
        status.state = ConnectionState::Resyncing;
        status.reason = FeedReason { FeedReason::Code::LoadingAccount, { m_account } };
    }
}

void KalshiAccountService::refusedKey(const QString &detail)
{
    if (m_refused)
        return;
    m_refused = true;
    ++m_generation;
    m_syncing = false;
    m_retryTimer.stop();
    const FeedReason refused { FeedReason::Code::ApiKeyRefused, { u"Kalshi"_s } };
    reportError(u"auth_rejected"_s, englishText(refused) + (detail.isEmpty() ? QString() : u" ("_s + detail + u')'));
    flush();
    connection()->close(refused);
}

void KalshiAccountService::connectionStateChanged(ConnectionState state)
{
    if (state != ConnectionState::Live && state != ConnectionState::Stale && state != ConnectionState::Resyncing) {
        // The connection is gone: what arrives next is a new session, bootstrapped afresh (sids die with it, §10).
        if (m_syncing || m_state.isSynced())
            ++m_generation;
        m_syncing = false;
        m_state.markUnsynced();
        m_retryTimer.stop();
        m_codec.reset();
        m_rateLimit.clear(); // the next connection sends every subscribe anyway
        m_resentSubscribes.clear();
        m_nextCommandId = 4;
        if (state == ConnectionState::BackingOff && isAuthRejection(connection()->stateReason())) {
            refusedKey(u"the WebSocket upgrade was refused"_s); // a refused key stays refused: no reconnect storm
            return;
        }
    }
    publishStatus();
}

void KalshiAccountService::checkDeadlines()
{
    if (m_state.isSynced() && (!m_sinceRefresh.isValid() || m_sinceRefresh.elapsed() >= m_options.pollIntervalMs))
        refreshBalance();
}

namespace {

// The body of a finished reply as a JSON object, or why not; *status gets the HTTP status.
std::optional<QJsonObject> replyObject(QNetworkReply *reply, const QString &what, int *status, QString *error)
{
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = replyBody(reply);
    if (reply->error() != QNetworkReply::NoError) {
        *error = u"%1: %2"_s.arg(what, *status > 0 ? u"HTTP %1"_s.arg(*status) : networkErrorText(reply));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = u"%1: not a JSON object"_s.arg(what);
        return std::nullopt;
    }
    return document.object();
}

} // namespace

void KalshiAccountService::fetchPages(const QString &what, const QString &query, int maxPages, int generation,
                                      PageHandler onPage, std::function<void(bool)> done, const QString &cursor,
                                      int page)
{
    QNetworkReply *reply = getSigned(portfolioPath(what, cursor, m_options.pageLimit, query));
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        reply->deleteLater();
        if (generation != m_generation)
            return; // an answer for a connection that is gone
        int status = 0;
        QString error;
        std::optional<QString> next;
        if (const auto body = replyObject(reply, what, &status, &error))
            next = onPage(*body, &error);
        if (!next) {
            if (isAuthStatus(status)) {
                refusedKey(u"GET /portfolio/%1 answered HTTP %2"_s.arg(what).arg(status));
                return;
            }
            reportError(u"account_bootstrap"_s, error.isEmpty() ? what + u": unexpected answer"_s : error);
            done(false);
            return;
        }
        if (next->isEmpty() || page + 1 >= maxPages) {
            done(true);
            return;
        }
        fetchPages(what, query, maxPages, generation, onPage, done, *next, page + 1);
    });
}

void KalshiAccountService::startBootstrap()
{
    if (!isStarted() || m_refused || connection()->state() == ConnectionState::BackingOff)
        return;
    const int generation = ++m_generation;
    ++m_bootstraps;
    m_syncing = true;
    m_bootstrapFailed = false;
    m_bootstrapPending = 4;
    m_bootPositions.clear();
    m_bootOrders.clear();
    m_bootFills.clear();
    m_orderQueries = 0;
    publishStatus();

    const qint64 requestedAt = nowMs();
    const auto done = [this](bool ok) { bootstrapPartDone(ok); };
    fetchPages(
        u"balance"_s, {}, 1, generation,
        [this, requestedAt](const QJsonObject &body, QString *error) -> std::optional<QString> {
            auto balance = m_decoder.balance(body, requestedAt, true, error);
            if (!balance)
                return std::nullopt;
            publish({ balance->balance, balance->summary });
            return QString();
        },
        done);
    fetchPages(
        u"positions"_s, u"count_filter=position"_s, m_options.maxPages, generation,
        [this, requestedAt](const QJsonObject &body, QString *error) -> std::optional<QString> {
            auto page = m_decoder.positionsPage(body, requestedAt, error);
            if (!page)
                return std::nullopt;
            m_bootPositions.insert(m_bootPositions.end(), page->items.begin(), page->items.end());
            return page->cursor;
        },
        done);
    fetchPages(
        u"orders"_s, u"status=resting"_s, m_options.maxPages, generation,
        [this](const QJsonObject &body, QString *error) -> std::optional<QString> {
            auto page = m_decoder.ordersPage(body, error);
            if (!page)
                return std::nullopt;
            m_bootOrders.insert(m_bootOrders.end(), page->items.begin(), page->items.end());
            return page->cursor;
        },
        done);
    fetchPages(
        u"fills"_s, {}, m_options.maxFillPages, generation,
        [this](const QJsonObject &body, QString *error) -> std::optional<QString> {
            auto page = m_decoder.fillsPage(body, error);
            if (!page)
                return std::nullopt;
            m_bootFills.insert(m_bootFills.end(), page->items.begin(), page->items.end());
            return page->cursor;
        },
        done);
}

void KalshiAccountService::bootstrapPartDone(bool ok)
{
    m_bootstrapFailed = m_bootstrapFailed || !ok;
    if (--m_bootstrapPending > 0)
        return;
    if (m_bootstrapFailed) {
        flush();
        m_retryTimer.start(m_options.bootstrapRetryMs);
        return;
    }
    // Positions: the full set; one we hold that the venue no longer lists is flat.
    AccountEventBatch events;
    QSet<QString> listed;
    for (const AccountPosition &position : m_bootPositions)
        listed.insert(position.symbol);
    for (const AccountPosition &held : m_state.positions()) {
        if (listed.contains(held.symbol))
            continue;
        AccountPosition flat;
        flat.venue = venueName();
        flat.account = m_account;
        flat.symbol = held.symbol;
        flat.size = Decimal::fromInteger(0);
        flat.ts = nowMs();
        flat.snapshot = true;
        events.emplace_back(std::move(flat));
    }
    for (AccountPosition &position : m_bootPositions)
        events.emplace_back(std::move(position));
    for (AccountOrder &order : m_bootOrders) {
        if (order.ts == 0)
            order.ts = nowMs();
        events.emplace_back(order);
    }
    // Fills come newest first: published oldest first.
    std::stable_sort(m_bootFills.begin(), m_bootFills.end(),
                     [](const AccountFill &a, const AccountFill &b) { return a.ts < b.ts; });
    for (AccountFill &fill : m_bootFills)
        events.emplace_back(std::move(fill));
    publish(std::move(events));
    reconcileOrders();
}

// Orders we knew as open that are no longer resting ended while we were not looking: ask how
// (GET /portfolio/orders/{order_id}), "closed" where that fails.
void KalshiAccountService::reconcileOrders()
{
    QSet<QString> listed;
    for (const AccountOrder &order : m_bootOrders)
        listed.insert(order.id);
    const int generation = m_generation;
    for (const AccountOrder &known : m_state.openOrdersByTime()) {
        if (listed.contains(known.id))
            continue;
        ++m_orderQueries;
        QNetworkReply *reply = getSigned("/trade-api/v2/portfolio/orders/" + QUrl::toPercentEncoding(known.id));
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, known] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            int status = 0;
            QString error;
            std::optional<AccountOrder> answer;
            if (const auto body = replyObject(reply, u"order"_s, &status, &error))
                answer = m_decoder.order(body->value("order"_L1).toObject(), true, &error);
            if (!answer || answer->id != known.id) {
                AccountOrder closed = known;
                closed.status = u"closed"_s;
                closed.venueStatus.clear();
                closed.ts = nowMs();
                answer = closed;
            } else if (!isFinalOrderStatus(answer->status)) {
                // Not resting, yet not ended by its own word: it is gone from the open set all the same.
                answer->venueStatus = answer->venueStatus.isEmpty() ? answer->status : answer->venueStatus;
                answer->status = u"closed"_s;
            }
            if (answer->ts == 0)
                answer->ts = nowMs();
            answer->snapshot = true;
            publish({ *answer });
            if (--m_orderQueries == 0)
                finishSync();
        });
    }
    if (m_orderQueries == 0)
        finishSync();
}

void KalshiAccountService::finishSync()
{
    m_syncing = false;
    m_sinceRefresh.restart();
    publish({ AccountSynced { venueName(), m_account, nowMs() } });
    publishStatus();
}

void KalshiAccountService::refreshBalance()
{
    if (!m_state.isSynced())
        return;
    m_sinceRefresh.restart();
    const int generation = m_generation;
    const qint64 requestedAt = nowMs();
    QNetworkReply *reply = getSigned(portfolioPath(u"balance"_s, {}, 1).split('?').first());
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, requestedAt] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        int status = 0;
        QString error;
        const auto body = replyObject(reply, u"balance"_s, &status, &error);
        if (!body && isAuthStatus(status)) {
            refusedKey(u"GET /portfolio/balance answered HTTP %1"_s.arg(status));
            return;
        }
        auto balance = body ? m_decoder.balance(*body, requestedAt, false, &error) : std::nullopt;
        if (!balance) {
            qCWarning(lcKalshiAccount).noquote() << "balance refresh failed:" << error;
            return;
        }
        publish({ balance->balance, balance->summary });
    });
}

void KalshiAccountService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    const QJsonObject object = document.object();
    const QString type = object.value("type"_L1).toString();
    if (parseError.error != QJsonParseError::NoError || !AccountDecoder::isAccountMessage(type)) {
        // Acks, errors, garbage: the market codec reads and classifies them.
        EventBatch &pending = pendingEvents();
        const std::size_t before = pending.size();
        m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), pending);
        bool lost = false;
        for (std::size_t i = before; i < pending.size(); ++i) {
            if (const auto *ack = std::get_if<SubscriptionAck>(&pending[i]); ack && ack->subscribed)
                m_rateLimit.wentThrough();
            const auto *error = std::get_if<FeedError>(&pending[i]);
            if (!error)
                continue;
            if (error->code == u"rate_limited"_s) {
                const qint64 id = error->requestId;
                if (id >= 1 && id <= qint64(kChannels.size()))
                    retryAfterRateLimit(QString::fromLatin1(kChannels[std::size_t(id - 1)]));
                else if (const QString channel = m_resentSubscribes.take(id); !channel.isEmpty())
                    retryAfterRateLimit(channel);
            }
            if (error->code == u"malformed"_s)
                connection()->noteDecodeError();
            if (error->code == u"subscription_lost"_s || error->code == u"sequence_gap"_s)
                lost = true;
            qCWarning(lcKalshiAccount).noquote() << error->code << error->message;
        }
        eventsAdded();
        if (lost) {
            // §10: terminal; our channels have no snapshot to ask for: a new connection re-bootstraps.
            flush();
            connection()->reconnect({ FeedReason::Code::SequenceGap, {} });
        }
        return;
    }
    AccountEventBatch events;
    if (const auto error = m_decoder.decodeMessage(object, receivedAtMs, events)) {
        ++m_malformed;
        connection()->noteDecodeError();
        reportError(u"malformed"_s, *error);
        return;
    }
    const bool fill = type == u"fill"_s;
    publish(std::move(events));
    if (fill && m_state.isSynced())
        m_refreshAfterFill.start(m_options.refreshAfterFillMs); // Kalshi streams no balance
}

// Code 27 refused a subscribe for the rate of commands, not for what it asked (§11): the same channel is asked for
// again, with a new command id, after a wait that doubles with each refusal in a row -- on this connection only (a
// new one subscribes anyway). The FeedError with the venue's words has been published already.
void KalshiAccountService::retryAfterRateLimit(const QString &channel)
{
    const int waitMs = m_rateLimit.retryLater(channel, this, [this, channel] {
        const qint64 id = m_nextCommandId++;
        m_resentSubscribes.insert(id, channel);
        connection()->sendText(Codec::subscribeFrame(id, { channel }));
    });
    if (waitMs >= 0)
        qCInfo(lcKalshiAccount).noquote() << "rate limited:" << channel << "asked again in" << waitMs << "ms";
}

void KalshiAccountService::publish(AccountEventBatch events)
{
    AccountEventBatch changed;
    for (AccountEvent &event : events) {
        // user_order carries fewer fields than the REST order (no type): keep what we already know.
        if (auto *order = std::get_if<AccountOrder>(&event)) {
            if (const auto known = m_state.order(order->id)) {
                if (order->orderType.isEmpty())
                    order->orderType = known->orderType;
                if (order->tif.isEmpty())
                    order->tif = known->tif;
                if (order->clientId.isEmpty())
                    order->clientId = known->clientId;
            }
        }
        if (m_state.apply(event))
            changed.push_back(std::move(event));
    }
    if (!changed.empty()) {
        flush(); // errors and acks that came first go out first
        Q_EMIT accountEventsReady(changed);
    }
}

} // namespace tapescope::kalshi
