#include "venues/o2/O2AccountService.h"

#include "net/FeedTape.h"

#include "venues/o2/O2Service.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

Q_LOGGING_CATEGORY(lcO2Account, "tapescope.venue.o2.account")

namespace tapescope::o2 {

using namespace Qt::StringLiterals;

namespace {

// The feed's clock: the wall clock, or a recording's (net/FeedTape.h), so a replay stamps events alike.
qint64 nowMs()
{
    return feedClockMs();
}

ConnectionConfig connectionTo(const Environment &environment, ConnectionConfig config)
{
    if (config.url.isEmpty())
        config.url = environment.webSocketUrl;
    if (config.heartbeatFrame.isEmpty() && !config.webSocketPing) {
        const ConnectionConfig defaults = O2Service::Options::defaultConnection();
        config.heartbeatFrame = defaults.heartbeatFrame;
        config.heartbeatInterval = defaults.heartbeatInterval;
        config.staleAfter = defaults.staleAfter;
        config.silenceTimeout = defaults.silenceTimeout;
        config.backoffBase = defaults.backoffBase;
        config.backoffCap = defaults.backoffCap;
    }
    return config;
}

// The body of a finished reply as JSON, or why not (with the venue's error body where it sent one, §10).
std::optional<QJsonDocument> replyJson(QNetworkReply *reply, const QString &what, QString *error)
{
    const QByteArray body = replyBody(reply);
    if (reply->error() != QNetworkReply::NoError) {
        *error = u"%1: %2"_s.arg(what, networkErrorText(reply));
        if (const auto venueError = parseErrorBody(body))
            *error += u" (code %1: %2)"_s.arg(venueError->code).arg(venueError->message);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"%1: not JSON (%2)"_s.arg(what, parseError.errorString());
        return std::nullopt;
    }
    return document;
}

} // namespace

O2AccountService::O2AccountService(Environment environment, QString account, Options options, QObject *parent)
    : VenueService(venueName(), connectionTo(environment, options.connection), { 0, 512 }, lcO2Account, parent)
    , m_environment(std::move(environment))
    , m_account(std::move(account))
    , m_options(std::move(options))
    , m_decoder(m_account)
    , m_network(createNetworkAccessManager(this))
{
    connect(connection(), &VenueConnection::textFrameReceived, this, &O2AccountService::onFrame);
    connect(connection(), &VenueConnection::opened, this, &O2AccountService::startBootstrap);
    // The streams first, so nothing that happens during the bootstrap is missed; the state de-duplicates.
    for (Subscription::Stream stream :
         { Subscription::Stream::Orders, Subscription::Stream::Balances, Subscription::Stream::Nonce }) {
        Subscription subscription;
        subscription.stream = stream;
        subscription.identities = { Identity { Identity::Kind::ContractId, m_account } };
        connection()->addSubscription(subscription.key(), Codec::subscribeFrame(subscription));
    }
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (!m_marketsLoaded)
            fetchMarkets();
        else
            startBootstrap();
    });
}

O2AccountService::~O2AccountService() = default;

void O2AccountService::startFeed()
{
    if (m_marketsLoaded)
        connection()->open();
    else
        fetchMarkets();
    publishStatus();
}

void O2AccountService::stopFeed()
{
    m_retryTimer.stop();
    ++m_generation;
}

QNetworkReply *O2AccountService::get(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_options.restTimeoutMs);
    return m_network->get(request);
}

void O2AccountService::fetchMarkets()
{
    if (!isStarted())
        return;
    QNetworkReply *reply = get(m_environment.marketsUrl());
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        if (!isStarted())
            return;
        QString problem;
        std::optional<MarketsResponse> markets;
        if (reply->error() != QNetworkReply::NoError)
            problem = networkErrorText(reply);
        else
            markets = parseMarketsBody(replyBody(reply), &problem);
        if (!markets) {
            m_marketsProblem = problem;
            reportError(u"markets_unavailable"_s, u"GET /v1/markets failed: "_s + problem);
            m_retryTimer.start(m_options.bootstrapRetryMs);
            publishStatus();
            return;
        }
        m_marketsProblem.clear();
        MarketTable table(markets->markets);
        m_decoder.setMarkets(table);
        m_codec.setMarkets(std::move(table));
        m_marketsLoaded = true;
        connection()->open();
        publishStatus();
    });
}

void O2AccountService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_malformed + m_codec.stats().malformed;
    if (isStarted() && !m_marketsLoaded) {
        status.state = m_marketsProblem.isEmpty() ? ConnectionState::Connecting : ConnectionState::BackingOff;
        status.reason = m_marketsProblem.isEmpty()
            ? FeedReason { FeedReason::Code::LoadingMarkets,
                           { m_environment.marketsUrl().toDisplayString(QUrl::RemoveQuery) } }
            : FeedReason { FeedReason::Code::MarketsRequestFailed, { m_marketsProblem } };
        return;
    }
    if (m_syncing && status.state == ConnectionState::Live) {
        status.state = ConnectionState::Resyncing;
        status.reason = FeedReason { FeedReason::Code::LoadingAccount, { m_account } };
    }
}

void O2AccountService::connectionStateChanged(ConnectionState state)
{
    if (state != ConnectionState::Live && state != ConnectionState::Stale && state != ConnectionState::Resyncing) {
        // The connection is gone: what arrives next is a new session, bootstrapped afresh from REST.
        if (m_syncing || m_state.isSynced())
            ++m_generation;
        m_syncing = false;
        m_state.markUnsynced();
        m_retryTimer.stop();
    }
    publishStatus();
}

void O2AccountService::startBootstrap()
{
    if (!isStarted() || !m_marketsLoaded || connection()->state() == ConnectionState::BackingOff)
        return;
    const int generation = ++m_generation;
    m_syncing = true;
    m_bootstrapFailed = false;
    m_listedOrders.clear();
    m_statusQueries = 0;
    const std::vector<Market> &markets = m_decoder.markets().markets();
    const std::vector<QString> assets = m_decoder.assetIds();
    m_bootstrapPending = int(markets.size() + assets.size()) + 1;
    publishStatus();

    const auto request = [this, generation](const QUrl &url, const QString &what, auto &&handle) {
        QNetworkReply *reply = get(url);
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, what, handle] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            QString error;
            const auto document = replyJson(reply, what, &error);
            if (!document || !handle(*document, &error)) {
                m_bootstrapFailed = true;
                reportError(u"account_bootstrap"_s, what + u": "_s + error);
            }
            bootstrapPartDone();
        });
    };
    for (const Market &market : markets) {
        request(m_environment.openOrdersUrl(market.marketId, m_account, m_options.openOrdersCount),
                u"GET /v1/orders (%1)"_s.arg(market.pair()),
                [this, marketId = market.marketId](const QJsonDocument &document, QString *error) {
                    std::vector<OrderUpdate> orders;
                    if (const auto problem = m_decoder.ordersBody(document, marketId, orders)) {
                        *error = *problem;
                        return false;
                    }
                    for (const OrderUpdate &update : orders)
                        m_listedOrders.insert(update.order.id);
                    publishOrders(std::move(orders), nowMs());
                    return true;
                });
    }
    for (const QString &asset : assets) {
        request(m_environment.balanceUrl(asset, m_account), u"GET /v1/balance (%1)"_s.arg(m_decoder.assetName(asset)),
                [this, asset](const QJsonDocument &document, QString *error) {
                    AccountBalance balance;
                    if (const auto problem = m_decoder.balanceBody(document.object(), asset, balance)) {
                        *error = *problem;
                        return false;
                    }
                    balance.ts = nowMs();
                    publish({ balance });
                    return true;
                });
    }
    request(m_environment.accountUrl(m_account), u"GET /v1/accounts"_s,
            [this](const QJsonDocument &document, QString *error) {
                AccountNonce nonce;
                if (const auto problem = m_decoder.accountBody(document.object(), nonce)) {
                    *error = *problem;
                    return false;
                }
                if (nonce.ts == 0)
                    nonce.ts = nowMs();
                publish({ nonce });
                return true;
            });
}

void O2AccountService::bootstrapPartDone()
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

// Orders we knew as open that the venue no longer lists ended while we were not looking: ask how (GET /v1/order),
// and say "closed" where the venue cannot.
void O2AccountService::reconcileOrders()
{
    const int generation = m_generation;
    for (const AccountOrder &known : m_state.openOrdersByTime()) {
        if (m_listedOrders.contains(known.id))
            continue;
        ++m_statusQueries;
        QNetworkReply *reply = get(m_environment.orderUrl(known.symbol, known.id));
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, known] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            QString error;
            std::vector<OrderUpdate> answer;
            if (const auto document = replyJson(reply, u"GET /v1/order"_s, &error)) {
                if (const auto problem = m_decoder.ordersBody(*document, known.symbol, answer))
                    error = *problem;
            }
            if (answer.size() != 1 || answer.front().order.id != known.id
                || !isFinalOrderStatus(answer.front().order.status)) {
                if (!error.isEmpty())
                    reportError(u"account_bootstrap"_s, u"order %1: %2"_s.arg(known.id, error));
                OrderUpdate closed;
                closed.order = known;
                closed.order.status = u"closed"_s;
                closed.order.venueStatus.clear();
                closed.order.ts = nowMs();
                closed.order.snapshot = true;
                answer = { closed };
            }
            publishOrders(std::move(answer), nowMs());
            if (--m_statusQueries == 0)
                finishSync();
        });
    }
    if (m_statusQueries == 0)
        finishSync();
}

void O2AccountService::finishSync()
{
    m_syncing = false;
    publish({ AccountSynced { venueName(), m_account, nowMs() } });
    publishStatus();
}

void O2AccountService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    const QJsonObject object = document.object();
    const QString action = object.value("action"_L1).toString();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !AccountDecoder::isAccountAction(action.toStdString())) {
        // PONG, error frames, unknown actions, garbage: the market codec reads and classifies them.
        EventBatch &pending = pendingEvents();
        const std::size_t before = pending.size();
        m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), pending);
        for (std::size_t i = before; i < pending.size(); ++i) {
            if (const auto *error = std::get_if<FeedError>(&pending[i])) {
                if (error->code == u"malformed"_s)
                    connection()->noteDecodeError();
                qCWarning(lcO2Account).noquote() << error->code << error->message;
            }
        }
        eventsAdded();
        return;
    }
    AccountFrame decoded;
    if (const auto error = m_decoder.decodeFrame(object, decoded)) {
        ++m_malformed;
        connection()->noteDecodeError();
        reportError(u"malformed"_s, action + u": "_s + *error);
        return;
    }
    for (const FeedError &error : decoded.errors)
        reportError(error.code, error.message, error.symbol);
    if (!decoded.orders.empty())
        publishOrders(std::move(decoded.orders), receivedAtMs);
    AccountEventBatch events;
    for (AccountBalance &balance : decoded.balances) {
        if (balance.ts == 0)
            balance.ts = receivedAtMs;
        events.emplace_back(std::move(balance));
    }
    if (decoded.nonce) {
        if (decoded.nonce->ts == 0)
            decoded.nonce->ts = receivedAtMs;
        events.emplace_back(std::move(*decoded.nonce));
    }
    if (!events.empty())
        publish(std::move(events));
}

void O2AccountService::publishOrders(std::vector<OrderUpdate> updates, qint64 receivedAtMs)
{
    AccountEventBatch events;
    for (OrderUpdate &update : updates) {
        AccountOrder &order = update.order;
        if (order.ts == 0)
            order.ts = receivedAtMs;
        const std::optional<AccountOrder> known = m_state.order(order.id);
        if (known) {
            // Filled quantity only grows on the venue: less than we know is an older state (a REST answer that
            // raced the stream), not news.
            if (known->filled && order.filled && *order.filled < *known->filled)
                continue;
            // An update may name fewer fields than the order we know (the SDK mock's minimal order, §4.3).
            if (!order.side)
                order.side = known->side;
            if (order.orderType.isEmpty())
                order.orderType = known->orderType;
            if (!order.price)
                order.price = known->price;
            if (!order.size)
                order.size = known->size;
            if (!order.filled)
                order.filled = known->filled;
        }
        if (auto fill = impliedFill(known, update))
            events.emplace_back(std::move(*fill));
        events.emplace_back(std::move(order));
    }
    publish(std::move(events));
}

void O2AccountService::publish(AccountEventBatch events)
{
    AccountEventBatch changed;
    for (AccountEvent &event : events) {
        if (const auto *nonce = std::get_if<AccountNonce>(&event); nonce && m_state.nonce()) {
            const auto next = nonce->nonce.toULongLong();
            if (next < m_state.nonce()->nonce.toULongLong())
                continue; // nonces only grow: an older state
        }
        if (m_state.apply(event))
            changed.push_back(std::move(event));
    }
    if (!changed.empty()) {
        flush(); // errors that came first go out first
        Q_EMIT accountEventsReady(changed);
    }
}

} // namespace tapescope::o2
