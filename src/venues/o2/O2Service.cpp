#include "venues/o2/O2Service.h"

#include "net/FeedTape.h"

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>
#include <QtCore/QStringList>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

Q_LOGGING_CATEGORY(lcO2, "tapescope.venue.o2")

namespace tapescope::o2 {

using namespace Qt::StringLiterals;

namespace {

using Reason = FeedReason::Code;

ConnectionConfig connectionTo(const Environment &environment, ConnectionConfig config)
{
    if (config.url.isEmpty())
        config.url = environment.webSocketUrl;
    if (config.heartbeatFrame.isEmpty() && !config.webSocketPing)
        config.heartbeatFrame = Codec::pingFrame();
    return config;
}

} // namespace

O2Service::O2Service(Environment environment, QObject *parent)
    : O2Service(std::move(environment), Options {}, parent)
{ }

O2Service::O2Service(Environment environment, Options options, QObject *parent)
    : VenueService(venueName(), connectionTo(environment, options.connection),
                   { options.batchIntervalMs, options.maxBatchEvents }, lcO2, parent)
    , m_environment(std::move(environment))
    , m_options(std::move(options))
    , m_network(createNetworkAccessManager(this))
    , m_marketsRetryTimer(new QTimer(this))
    , m_resyncTimer(new QTimer(this))
{
    m_marketsRetryTimer->setSingleShot(true);
    m_resyncTimer->setInterval(m_options.resyncTimeoutMs);

    connect(connection(), &VenueConnection::textFrameReceived, this, &O2Service::onFrame);
    connect(connection(), &VenueConnection::opened, this, [this](bool isReconnect) {
        if (isReconnect)
            m_codec.reset(); // nothing from the old socket may complete a book on the new one
    });
    connect(m_marketsRetryTimer, &QTimer::timeout, this, &O2Service::fetchMarkets);
    connect(m_resyncTimer, &QTimer::timeout, this, [this] {
        // A snapshot that never came (a lost subscribe, a venue hiccup): ask again rather than wait forever.
        if (connection()->state() != ConnectionState::Resyncing)
            return;
        for (const QString &marketId : std::as_const(m_awaitingSnapshot)) {
            qCInfo(lcO2).noquote() << "no depth snapshot for" << marketId << "yet; subscribing again";
            sendDepthSubscription(marketId);
        }
    });
}

O2Service::~O2Service() = default;

void O2Service::startFeed()
{
    if (m_marketsLoaded)
        connection()->open();
    else
        fetchMarkets();
    publishStatus();
}

void O2Service::stopFeed()
{
    m_marketsRetryTimer->stop();
    m_resyncTimer->stop();
    if (QNetworkReply *reply = std::exchange(m_marketsReply, nullptr)) {
        reply->abort();
        reply->deleteLater();
    }
}

void O2Service::subscribeDepth(const QString &market, int precisionExponent)
{
    perform({ PendingRequest::Kind::Depth, market, precisionExponent, {}, 0, 0 });
}

void O2Service::unsubscribeDepth(const QString &market)
{
    perform({ PendingRequest::Kind::UnsubscribeDepth, market, 1, {}, 0, 0 });
}

void O2Service::subscribeTrades(const QString &market)
{
    perform({ PendingRequest::Kind::Trades, market, 1, {}, 0, 0 });
}

void O2Service::unsubscribeTrades(const QString &market)
{
    perform({ PendingRequest::Kind::UnsubscribeTrades, market, 1, {}, 0, 0 });
}

void O2Service::requestBars(const QString &market, const QString &resolution, qint64 fromMs, qint64 toMs)
{
    perform({ PendingRequest::Kind::Bars, market, 1, resolution, fromMs, toMs });
}

const Market *O2Service::resolveMarket(const QString &market)
{
    if (const Market *found = m_codec.markets().resolve(market))
        return found;
    QStringList pairs;
    for (const Market &listed : m_codec.markets().markets())
        pairs.append(listed.pair());
    reportError(u"unknown_market"_s, u"no O2 market '%1' (listed: %2)"_s.arg(market, pairs.join(u", "_s)), market);
    return nullptr;
}

void O2Service::perform(const PendingRequest &request)
{
    using Kind = PendingRequest::Kind;
    if (!m_marketsLoaded) {
        m_waitingForMarkets.append(request); // replayed in order once /v1/markets has answered
        return;
    }
    const Market *market = resolveMarket(request.market);
    if (!market) {
        if (request.kind == Kind::Bars)
            Q_EMIT candleHistoryReady(
                { venueName(), request.market, request.resolution, {}, u"unknown market "_s + request.market });
        return;
    }
    const QString id = market->marketId;
    Subscription subscription;
    subscription.marketId = id;
    switch (request.kind) {
    case Kind::Depth: {
        if (request.precisionExponent < Subscription::MinPrecisionExponent
            || request.precisionExponent > Subscription::MaxPrecisionExponent) {
            reportError(u"invalid_subscription"_s,
                        u"depth precision must be 1..18 (price buckets of 10^n chain units), got %1"_s.arg(
                            request.precisionExponent),
                        id);
            return;
        }
        const auto current = m_depthPrecision.constFind(id);
        if (current != m_depthPrecision.constEnd() && *current == request.precisionExponent)
            return;
        if (current != m_depthPrecision.constEnd()) {
            // One depth subscription per market and connection: a new precision needs an unsubscribe
            // (docs/protocols/o2.md §2.2).
            subscription.precisionExponent = *current;
            connection()->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
            m_awaitingSnapshot.insert(id);
        }
        m_depthPrecision.insert(id, request.precisionExponent);
        m_codec.forgetBook(id);
        sendDepthSubscription(id);
        updateResyncState();
        return;
    }
    case Kind::UnsubscribeDepth:
        if (!m_depthPrecision.contains(id))
            return;
        connection()->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
        m_depthPrecision.remove(id);
        m_codec.forgetBook(id);
        m_awaitingSnapshot.remove(id);
        updateResyncState();
        return;
    case Kind::Trades:
        subscription.stream = Subscription::Stream::Trades;
        if (!connection()->hasSubscription(subscription.key()))
            connection()->addSubscription(subscription.key(), Codec::subscribeFrame(subscription));
        return;
    case Kind::UnsubscribeTrades:
        subscription.stream = Subscription::Stream::Trades;
        if (connection()->hasSubscription(subscription.key()))
            connection()->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
        return;
    case Kind::Bars:
        if (!isBarResolution(request.resolution)) {
            Q_EMIT candleHistoryReady(
                { venueName(), id, request.resolution, {}, u"unknown bar resolution '%1'"_s.arg(request.resolution) });
            return;
        }
        fetchBars(*market, request.resolution, request.fromMs, request.toMs);
        return;
    }
}

// (Re)sends subscribe_depth; when one is active on the socket an unsubscribe goes first, because the
// venue allows one depth consumer per market and would refuse a second subscribe (docs/protocols/o2.md §2.2).
void O2Service::sendDepthSubscription(const QString &marketId)
{
    Subscription subscription;
    subscription.marketId = marketId;
    subscription.precisionExponent = m_depthPrecision.value(marketId, 1);
    if (connection()->hasSubscription(subscription.key()))
        connection()->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
    connection()->addSubscription(subscription.key(), Codec::subscribeFrame(subscription));
}

void O2Service::resyncDepth(const QString &marketId, const QString &why)
{
    if (!m_depthPrecision.contains(marketId))
        return;
    qCInfo(lcO2).noquote() << "rebuilding the depth book of" << marketId << "-" << why;
    ++m_resyncs;
    m_codec.forgetBook(marketId); // deltas drop until the new snapshot (docs/protocols/o2.md §4.2)
    m_awaitingSnapshot.insert(marketId);
    sendDepthSubscription(marketId);
    updateResyncState();
}

void O2Service::connectionStateChanged(ConnectionState state)
{
    using S = ConnectionState;
    if (state == S::Live || state == S::Resyncing || state == S::Stale) {
        m_wasOpen = true;
    } else if (m_wasOpen && (state == S::BackingOff || state == S::Connecting)) {
        // The socket is gone and with it every depth stream: each book is stale until the new socket's
        // snapshot (docs/protocols/o2.md §5); the connection re-sends the subscriptions.
        m_wasOpen = false;
        m_codec.reset();
        for (auto it = m_depthPrecision.cbegin(); it != m_depthPrecision.cend(); ++it)
            m_awaitingSnapshot.insert(it.key());
        updateResyncState();
    }
    publishStatus();
}

void O2Service::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    if (m_options.frameProbe)
        m_options.frameProbe(frame);
    EventBatch &pending = pendingEvents();
    const std::size_t before = pending.size();
    m_codec.decode(std::string_view(frame.constData(), std::size_t(frame.size())), pending);
    // Depth frames' seen_timestamp is optional (docs/protocols/o2.md §4.0): without it, the receive time stands in.
    for (std::size_t i = before; i < pending.size(); ++i) {
        std::visit(
            [receivedAtMs](auto &event) {
                if constexpr (requires { event.ts; }) {
                    if (event.ts == 0)
                        event.ts = receivedAtMs;
                }
            },
            pending[i]);
    }
    inspect(before);
    eventsAdded();
}

// What the service itself must act on among freshly decoded events: snapshots end a rebuild, resync
// requests and broken depth frames start one.
void O2Service::inspect(std::size_t firstNew)
{
    const EventBatch &pending = pendingEvents();
    bool rebuilt = false;
    QStringList resyncs;
    for (std::size_t i = firstNew; i < pending.size(); ++i) {
        const MarketEvent &event = pending[i];
        if (const auto *snapshot = std::get_if<BookSnapshot>(&event)) {
            rebuilt |= m_awaitingSnapshot.remove(snapshot->symbol);
        } else if (const auto *error = std::get_if<FeedError>(&event)) {
            qCWarning(lcO2).noquote() << error->code << error->message << error->symbol;
            const QString marketId = error->symbol.isEmpty() ? QString() : normaliseId(error->symbol);
            if (error->code == u"resync_required"_s) {
                // Without a market id every book is suspect (the codec forgot them all).
                if (marketId.isEmpty())
                    resyncs.append(m_depthPrecision.keys());
                else
                    resyncs.append(marketId);
            } else if (error->code == u"malformed"_s || error->code == u"number_out_of_range"_s) {
                connection()->noteDecodeError();
                // A depth frame that broke took its book out of live: only a new snapshot mends it.
                if (!marketId.isEmpty() && m_depthPrecision.contains(marketId) && !m_codec.hasBook(marketId)
                    && !m_awaitingSnapshot.contains(marketId))
                    resyncs.append(marketId);
            }
        }
    }
    for (const QString &marketId : std::as_const(resyncs))
        resyncDepth(marketId, u"the venue asked for a resync or a depth frame could not be applied"_s);
    if (rebuilt)
        updateResyncState();
}

void O2Service::updateResyncState()
{
    if (m_awaitingSnapshot.isEmpty()) {
        m_resyncTimer->stop();
        connection()->setResyncing(false);
        return;
    }
    QStringList names;
    for (const QString &marketId : std::as_const(m_awaitingSnapshot)) {
        const Market *market = m_codec.markets().byId(marketId);
        names.append(market ? market->pair() : marketId);
    }
    names.sort();
    connection()->setResyncing(true, { Reason::RebuildingFromSnapshots, { names.join(u", "_s) }, names.size() });
    if (!m_resyncTimer->isActive())
        m_resyncTimer->start();
}

void O2Service::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_codec.stats().malformed;
    status.resyncs = m_resyncs;
    if (!isStarted() || m_marketsLoaded)
        return;
    // No socket before the markets: the codec cannot scale a single number without their decimals.
    if (m_marketsProblem.isEmpty()) {
        status.state = ConnectionState::Connecting;
        status.reason = { Reason::LoadingMarkets, { m_environment.marketsUrl().toDisplayString(QUrl::RemoveQuery) } };
        status.nextAttemptAtMs = 0;
    } else {
        const qint64 waitMs = std::max(0, m_marketsRetryTimer->remainingTime());
        status.state = ConnectionState::BackingOff;
        status.reason = { Reason::MarketsRequestFailed, { m_marketsProblem } };
        status.reason.retryInMs = waitMs;
        status.nextAttemptAtMs = QDateTime::currentMSecsSinceEpoch() + waitMs;
    }
}

} // namespace tapescope::o2
