#include "venues/o2/O2Service.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QStringList>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>

Q_LOGGING_CATEGORY(lcO2, "tapescope.venue.o2")

namespace tapescope::o2 {

using namespace Qt::StringLiterals;

O2Service::O2Service(Environment environment, QObject *parent)
    : O2Service(std::move(environment), Options{}, parent)
{
}

O2Service::O2Service(Environment environment, Options options, QObject *parent)
    : VenueFeed(parent)
    , m_environment(std::move(environment))
    , m_options(std::move(options))
{
    qRegisterMetaType<tapescope::EventBatch>();
    qRegisterMetaType<tapescope::CandleHistory>();
    qRegisterMetaType<tapescope::FeedStatus>();
    qRegisterMetaType<QList<tapescope::Instrument>>();

    ConnectionConfig config = m_options.connection;
    config.venue = venueName();
    if (config.url.isEmpty())
        config.url = m_environment.webSocketUrl;
    if (config.heartbeatFrame.isEmpty() && !config.webSocketPing)
        config.heartbeatFrame = Codec::pingFrame();
    m_connection = new VenueConnection(config, this);
    m_network = new QNetworkAccessManager(this);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(m_options.batchIntervalMs);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    m_marketsRetryTimer = new QTimer(this);
    m_marketsRetryTimer->setSingleShot(true);
    m_resyncTimer = new QTimer(this);
    m_resyncTimer->setInterval(m_options.resyncTimeoutMs);

    connect(m_connection, &VenueConnection::textFrameReceived, this, &O2Service::onFrame);
    connect(m_connection, &VenueConnection::stateChanged, this, &O2Service::onConnectionState);
    connect(m_connection, &VenueConnection::opened, this, [this](bool isReconnect) {
        if (isReconnect)
            m_codec.reset(); // nothing from the old socket may complete a book on the new one
    });
    connect(m_flushTimer, &QTimer::timeout, this, &O2Service::flush);
    connect(m_statusTimer, &QTimer::timeout, this, &O2Service::publishStatus);
    connect(m_marketsRetryTimer, &QTimer::timeout, this, &O2Service::fetchMarkets);
    connect(m_resyncTimer, &QTimer::timeout, this, [this] {
        // A snapshot that never came (a lost subscribe, a venue hiccup): ask again rather than wait forever.
        if (m_connection->state() != VenueConnection::State::Resyncing)
            return;
        for (const QString &marketId : std::as_const(m_awaitingSnapshot)) {
            qCInfo(lcO2).noquote() << "no depth snapshot for" << marketId << "yet; subscribing again";
            sendDepthSubscription(marketId);
        }
    });
}

O2Service::~O2Service() = default;

void O2Service::start()
{
    if (m_started)
        return;
    m_started = true;
    m_statusTimer->start();
    if (m_marketsLoaded)
        m_connection->open();
    else
        fetchMarkets();
    publishStatus();
}

void O2Service::stop()
{
    m_started = false;
    m_statusTimer->stop();
    m_marketsRetryTimer->stop();
    m_resyncTimer->stop();
    if (QNetworkReply *reply = std::exchange(m_marketsReply, nullptr)) {
        reply->abort();
        reply->deleteLater();
    }
    flush();
    m_connection->close(u"stopped"_s);
    publishStatus();
}

void O2Service::subscribeDepth(const QString &market, int precisionExponent)
{
    perform({PendingRequest::Kind::Depth, market, precisionExponent, {}, 0, 0});
}

void O2Service::unsubscribeDepth(const QString &market)
{
    perform({PendingRequest::Kind::UnsubscribeDepth, market, 1, {}, 0, 0});
}

void O2Service::subscribeTrades(const QString &market)
{
    perform({PendingRequest::Kind::Trades, market, 1, {}, 0, 0});
}

void O2Service::unsubscribeTrades(const QString &market)
{
    perform({PendingRequest::Kind::UnsubscribeTrades, market, 1, {}, 0, 0});
}

void O2Service::requestBars(const QString &market, const QString &resolution, qint64 fromMs, qint64 toMs)
{
    perform({PendingRequest::Kind::Bars, market, 1, resolution, fromMs, toMs});
}

const Market *O2Service::resolveMarket(const QString &market)
{
    if (const Market *found = m_codec.markets().resolve(market))
        return found;
    QStringList pairs;
    for (const Market &listed : m_codec.markets().markets())
        pairs.append(listed.pair());
    report(u"unknown_market"_s, u"no O2 market '%1' (listed: %2)"_s.arg(market, pairs.join(u", "_s)), market);
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
            Q_EMIT candleHistoryReady({venueName(), request.market, request.resolution, {}, u"unknown market "_s + request.market});
        return;
    }
    const QString id = market->marketId;
    Subscription subscription;
    subscription.marketId = id;
    switch (request.kind) {
    case Kind::Depth: {
        if (request.precisionExponent < Subscription::MinPrecisionExponent
            || request.precisionExponent > Subscription::MaxPrecisionExponent) {
            report(u"invalid_subscription"_s, u"depth precision must be 1..18 (price buckets of 10^n chain units), got %1"_s
                                                  .arg(request.precisionExponent), id);
            return;
        }
        const auto current = m_depthPrecision.constFind(id);
        if (current != m_depthPrecision.constEnd() && *current == request.precisionExponent)
            return;
        if (current != m_depthPrecision.constEnd()) {
            // One depth subscription per market and connection: a new precision needs an unsubscribe (o2.md §2.2).
            subscription.precisionExponent = *current;
            m_connection->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
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
        m_connection->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
        m_depthPrecision.remove(id);
        m_codec.forgetBook(id);
        m_awaitingSnapshot.remove(id);
        updateResyncState();
        return;
    case Kind::Trades:
        subscription.stream = Subscription::Stream::Trades;
        if (!m_connection->hasSubscription(subscription.key()))
            m_connection->addSubscription(subscription.key(), Codec::subscribeFrame(subscription));
        return;
    case Kind::UnsubscribeTrades:
        subscription.stream = Subscription::Stream::Trades;
        if (m_connection->hasSubscription(subscription.key()))
            m_connection->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
        return;
    case Kind::Bars:
        if (!isBarResolution(request.resolution)) {
            Q_EMIT candleHistoryReady({venueName(), id, request.resolution, {},
                                       u"unknown bar resolution '%1'"_s.arg(request.resolution)});
            return;
        }
        fetchBars(*market, request.resolution, request.fromMs, request.toMs);
        return;
    }
}

// (Re)sends subscribe_depth; when one is active on the socket an unsubscribe goes first, because the
// venue allows one depth consumer per market and would refuse a second subscribe (o2.md §2.2).
void O2Service::sendDepthSubscription(const QString &marketId)
{
    Subscription subscription;
    subscription.marketId = marketId;
    subscription.precisionExponent = m_depthPrecision.value(marketId, 1);
    if (m_connection->hasSubscription(subscription.key()))
        m_connection->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
    m_connection->addSubscription(subscription.key(), Codec::subscribeFrame(subscription));
}

void O2Service::resyncDepth(const QString &marketId, const QString &why)
{
    if (!m_depthPrecision.contains(marketId))
        return;
    qCInfo(lcO2).noquote() << "rebuilding the depth book of" << marketId << "-" << why;
    ++m_resyncs;
    m_codec.forgetBook(marketId); // deltas drop until the new snapshot (o2.md §4.2)
    m_awaitingSnapshot.insert(marketId);
    sendDepthSubscription(marketId);
    updateResyncState();
}

void O2Service::onConnectionState(VenueConnection::State state)
{
    using S = VenueConnection::State;
    if (state == S::Live || state == S::Resyncing || state == S::Stale) {
        m_wasOpen = true;
    } else if (m_wasOpen && (state == S::BackingOff || state == S::Connecting)) {
        // The socket is gone and with it every depth stream: each book is stale until the new socket's
        // snapshot (o2.md §5); the connection re-sends the subscriptions.
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
    const std::size_t before = m_pending.size();
    m_codec.decode(std::string_view(frame.constData(), std::size_t(frame.size())), m_pending);
    // Depth frames' seen_timestamp is optional (o2.md §4.0): without it, the receive time stands in.
    for (std::size_t i = before; i < m_pending.size(); ++i) {
        std::visit([receivedAtMs](auto &event) {
            if constexpr (requires { event.ts; }) {
                if (event.ts == 0)
                    event.ts = receivedAtMs;
            }
        }, m_pending[i]);
    }
    inspect(before);
    if (m_pending.size() >= std::size_t(m_options.maxBatchEvents))
        flush();
    else if (!m_pending.empty() && !m_flushTimer->isActive())
        m_flushTimer->start();
}

// What the service itself must act on among freshly decoded events: snapshots end a rebuild, resync
// requests and broken depth frames start one.
void O2Service::inspect(std::size_t firstNew)
{
    bool rebuilt = false;
    QStringList resyncs;
    for (std::size_t i = firstNew; i < m_pending.size(); ++i) {
        const MarketEvent &event = m_pending[i];
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
                m_connection->noteDecodeError();
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
        m_connection->setResyncing(false);
        return;
    }
    QStringList names;
    for (const QString &marketId : std::as_const(m_awaitingSnapshot)) {
        const Market *market = m_codec.markets().byId(marketId);
        names.append(market ? market->pair() : marketId);
    }
    names.sort();
    m_connection->setResyncing(true, u"rebuilding %1 from a new depth snapshot: %2"_s
                                         .arg(names.size() == 1 ? u"1 book"_s : u"%1 books"_s.arg(names.size()),
                                              names.join(u", "_s)));
    if (!m_resyncTimer->isActive())
        m_resyncTimer->start();
}

void O2Service::report(const QString &code, const QString &message, const QString &symbol)
{
    qCWarning(lcO2).noquote() << code << message;
    m_pending.push_back(FeedError{venueName(), code, message, symbol});
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void O2Service::flush()
{
    m_flushTimer->stop();
    if (m_pending.empty())
        return;
    EventBatch batch;
    batch.swap(m_pending);
    Q_EMIT eventsReady(batch);
}

void O2Service::publishStatus()
{
    FeedStatus status;
    status.venue = venueName();
    status.malformedFrames = m_codec.stats().malformed;
    status.resyncs = m_resyncs;
    status.stats = m_connection->stats();
    if (m_started && !m_marketsLoaded) {
        // No socket before the markets: the codec cannot scale a single number without their decimals.
        if (m_marketsProblem.isEmpty()) {
            status.state = VenueConnection::State::Connecting;
            status.detail = u"loading markets from "_s + m_environment.marketsUrl().toDisplayString(QUrl::RemoveQuery);
        } else {
            status.state = VenueConnection::State::BackingOff;
            const qint64 waitMs = std::max(0, m_marketsRetryTimer->remainingTime());
            status.detail = u"markets request failed: %1, next attempt in %2 s"_s.arg(m_marketsProblem).arg(double(waitMs) / 1000.0, 0, 'f', 1);
            status.nextAttemptAtMs = QDateTime::currentMSecsSinceEpoch() + waitMs;
        }
    } else {
        status.state = m_connection->state();
        status.detail = m_connection->stateDetail();
        if (status.state == VenueConnection::State::BackingOff && m_connection->nextAttemptAt().isValid())
            status.nextAttemptAtMs = m_connection->nextAttemptAt().toMSecsSinceEpoch();
    }
    Q_EMIT feedStatusChanged(status);
}

} // namespace tapescope::o2
