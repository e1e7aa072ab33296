#include "venues/hyperliquid/HyperliquidService.h"

#include "net/FeedTape.h"
#include "net/SendBudget.h"

#include "venues/hyperliquid/HyperliquidMeta.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

Q_LOGGING_CATEGORY(lcHyperliquid, "tapescope.venue.hyperliquid")

namespace tapescope::hyperliquid {

using namespace Qt::StringLiterals;

namespace {

// The SDK's rule (docs/protocols/hyperliquid.md §1): ws_url = "ws" + base_url[len("http"):] + "/ws".
QUrl wsFromRest(const QUrl &rest)
{
    QUrl ws = rest;
    ws.setScheme(rest.scheme() == u"https"_s ? u"wss"_s : u"ws"_s);
    QString path = rest.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    ws.setPath(path + u"/ws"_s);
    return ws;
}

QUrl restFromWs(const QUrl &ws)
{
    QUrl rest = ws;
    rest.setScheme(ws.scheme() == u"wss"_s ? u"https"_s : u"http"_s);
    QString path = ws.path();
    if (path.endsWith(u"/ws"_s))
        path.chop(3);
    rest.setPath(path);
    return rest;
}

} // namespace

// At most 2000 messages a minute to the venue per IP across all connections, and bursts of subscriptions beyond about
// 25 a second were answered with `error` frames (hyperliquid.md §5): one budget for the market connection and every
// account's, at most 25 messages in any second and 910 a minute.
std::shared_ptr<SendBudget> sendBudget()
{
    static const std::shared_ptr<SendBudget> budget = std::make_shared<SendBudget>(kSendBurst, kSendPerSecond);
    return budget;
}

// §4: ping well inside the server's 60 s idle limit; a dead socket shows as stale long before the watchdog fires.
ConnectionConfig connectionTo(const Endpoints &endpoints, ConnectionConfig config)
{
    if (config.url.isEmpty())
        config.url = endpoints.wsUrl;
    if (config.heartbeatFrame.isEmpty())
        config.heartbeatFrame = Codec::pingFrame();
    if (!config.sendBudget)
        config.sendBudget = sendBudget();
    return config;
}

Endpoints Endpoints::mainnet()
{
    const QUrl rest(u"https://api.hyperliquid.xyz"_s);
    return { rest, wsFromRest(rest) };
}

Endpoints Endpoints::testnet()
{
    const QUrl rest(u"https://api.hyperliquid-testnet.xyz"_s);
    return { rest, wsFromRest(rest) };
}

std::optional<Endpoints> Endpoints::custom(const QUrl &url, QString *error)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()) {
        if (error)
            *error
                = u"'%1' is not a URL; give the REST base (http://host:port) or the WebSocket URL (ws://host:port/ws)"_s
                      .arg(url.toString());
        return std::nullopt;
    }
    if (scheme == u"http"_s || scheme == u"https"_s)
        return Endpoints { url, wsFromRest(url) };
    if (scheme == u"ws"_s || scheme == u"wss"_s)
        return Endpoints { restFromWs(url), url };
    if (error)
        *error = u"unsupported scheme '%1': use http, https, ws or wss"_s.arg(scheme);
    return std::nullopt;
}

HyperliquidService::HyperliquidService(Endpoints endpoints, QObject *parent)
    : HyperliquidService(std::move(endpoints), Options {}, parent)
{ }

HyperliquidService::HyperliquidService(Endpoints endpoints, Options options, QObject *parent)
    : VenueService(venueName(), connectionTo(endpoints, options.connection),
                   { options.batchIntervalMs, options.maxBatchEvents }, lcHyperliquid, parent)
    , m_endpoints(std::move(endpoints))
    , m_options(std::move(options))
    , m_network(createNetworkAccessManager(this))
{
    qRegisterMetaType<tapescope::hyperliquid::Subscription>();
    connect(connection(), &VenueConnection::textFrameReceived, this, &HyperliquidService::onFrame);
}

HyperliquidService::~HyperliquidService() = default;

void HyperliquidService::startFeed()
{
    if (m_options.fetchMetadata)
        fetchMetadata();
    else
        openSocket();
}

void HyperliquidService::subscribe(const Subscription &subscription)
{
    // VenueConnection keeps the frame and re-sends it after every reconnect (docs/protocols/hyperliquid.md §3).
    const QString key = subscription.key();
    if (!connection()->hasSubscription(key) && connection()->subscriptionCount() >= kMaxSubscriptions) {
        reportError(
            u"invalid_subscription"_s,
            u"not subscribed to %1: Hyperliquid allows at most %2 subscriptions; unsubscribe from others first"_s
                .arg(key)
                .arg(kMaxSubscriptions),
            subscription.coin);
        return;
    }
    connection()->addSubscription(key, Codec::subscribeFrame(subscription));
}

void HyperliquidService::unsubscribe(const Subscription &subscription)
{
    if (connection()->hasSubscription(subscription.key()))
        connection()->removeSubscription(subscription.key(), Codec::unsubscribeFrame(subscription));
}

void HyperliquidService::requestCandleHistory(const QString &coin, const QString &interval, qint64 startMs,
                                              qint64 endMs)
{
    QNetworkReply *reply = postInfo(candleSnapshotRequestBody(coin, interval, startMs, endMs));
    connect(reply, &QNetworkReply::finished, this, [this, reply, coin, interval] {
        reply->deleteLater();
        CandleHistory history { venueName(), coin, interval, {}, {} };
        if (reply->error() != QNetworkReply::NoError) {
            history.error = u"candle history for %1 %2 failed: %3"_s.arg(coin, interval, networkErrorText(reply));
        } else {
            QString error;
            auto candles = parseCandleSnapshot(replyBody(reply), &error);
            if (candles)
                history.candles = std::move(*candles);
            else
                history.error = u"candle history for %1 %2: %3"_s.arg(coin, interval, error);
        }
        if (!history.error.isEmpty())
            qCWarning(lcHyperliquid).noquote() << history.error;
        Q_EMIT candleHistoryReady(history);
    });
}

QNetworkReply *HyperliquidService::postInfo(const QByteArray &body)
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

void HyperliquidService::fetchMetadata()
{
    // §10: meta and spotMeta first, so spot "@107" can be shown as "HYPE/USDC"; the socket opens either way.
    m_perps.clear();
    m_spots.clear();
    m_perpsWanted = m_spotsWanted = false;
    m_metadataFailures = 0;
    m_metadataPending = 2;
    requestMetadata(false);
    requestMetadata(true);
}

void HyperliquidService::requestMetadata(bool spot)
{
    QNetworkReply *reply = postInfo(spot ? spotMetaRequestBody() : metaRequestBody());
    connect(reply, &QNetworkReply::finished, this, [this, reply, spot] {
        reply->deleteLater();
        QString error;
        std::optional<std::vector<InstrumentInfo>> parsed;
        if (reply->error() == QNetworkReply::NoError) {
            const QByteArray body = replyBody(reply);
            parsed = spot ? parseSpotMeta(body, &error) : parseMeta(body, &error);
        } else {
            error = networkErrorText(reply);
        }
        const bool first = m_metadataPending > 0;
        if (parsed) {
            QList<Instrument> &listed = spot ? m_spots : m_perps;
            listed.clear();
            for (const InstrumentInfo &info : *parsed) {
                if (info.delisted)
                    continue;
                Instrument instrument;
                instrument.id = { venueName(), info.coin, info.display };
                instrument.kind
                    = info.kind == InstrumentInfo::Kind::Spot ? Instrument::Kind::Spot : Instrument::Kind::Perp;
                instrument.sizeDecimals = info.szDecimals;
                listed.append(instrument);
            }
            if (!m_perpsWanted && !m_spotsWanted)
                m_metadataFailures = 0;
        } else {
            // Asked again later (a rate limit passes), both parts in one round; the venue's Retry-After (seconds)
            // when it is longer than the round's delay.
            (spot ? m_spotsWanted : m_perpsWanted) = true;
            if (!m_metadataRetry) {
                m_metadataRetry = new QTimer(this);
                m_metadataRetry->setSingleShot(true);
                connect(m_metadataRetry, &QTimer::timeout, this, &HyperliquidService::retryMetadata);
            }
            qint64 inMs = m_metadataRetry->remainingTime(); // the other part's round, when it is on
            if (!m_metadataRetry->isActive()) {
                const int doublings = std::min(m_metadataFailures++, 16);
                qint64 delayMs = std::min<qint64>(qint64(m_options.metadataRetryMs) << doublings,
                                                  std::max(m_options.metadataRetryCapMs, m_options.metadataRetryMs));
                bool ok = false;
                const qint64 retryAfterS = reply->rawHeader("Retry-After").trimmed().toLongLong(&ok);
                if (ok && retryAfterS > 0)
                    delayMs = std::max(delayMs, std::min<qint64>(retryAfterS, 3600) * 1000);
                m_metadataRetry->start(int(delayMs));
                inMs = delayMs;
            }
            reportError(u"metadata"_s,
                        u"%1 request failed: %2; asked again in %3 ms"_s.arg(
                            spot ? u"spotMeta"_s : u"meta"_s, error, QString::number(std::max<qint64>(inMs, 0))));
            flush();
        }
        if (first) {
            if (--m_metadataPending == 0) {
                Q_EMIT instrumentsReady(m_perps + m_spots);
                openSocket();
            }
        } else if (parsed) {
            Q_EMIT instrumentsReady(m_perps + m_spots); // the listing, whole again
        }
    });
}

void HyperliquidService::retryMetadata()
{
    if (!isStarted())
        return;
    if (std::exchange(m_perpsWanted, false))
        requestMetadata(false);
    if (std::exchange(m_spotsWanted, false))
        requestMetadata(true);
}

void HyperliquidService::openSocket()
{
    if (isStarted())
        connection()->open();
}

void HyperliquidService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    if (m_options.frameProbe)
        m_options.frameProbe(frame);
    EventBatch &pending = pendingEvents();
    const std::size_t before = pending.size();
    m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), pending);
    for (std::size_t i = before; i < pending.size(); ++i) {
        MarketEvent &event = pending[i];
        if (auto *ticker = std::get_if<Ticker>(&event); ticker && ticker->ts == 0) {
            ticker->ts = receivedAtMs; // allMids/assetCtx frames carry no time of their own
        } else if (auto *error = std::get_if<FeedError>(&event)) {
            if (error->code == u"malformed"_s)
                connection()->noteDecodeError();
            qCWarning(lcHyperliquid).noquote() << error->code << error->message;
        }
    }
    if (m_options.coalesceSnapshots)
        coalesceSnapshots(before);
    if (++m_pendingFrames >= m_options.maxBatchEvents)
        flush();
    else
        eventsAdded();
}

// A BookSnapshot replaces the whole book, so a newer one makes a pending one of the same instrument worthless:
// it overwrites that one where it stands instead of being appended. While the consumer lags, a batch (and the
// copy the queued signal makes of it) is then bounded by the instruments, not by the frames. Only snapshots
// merge: trades, bbo, candles and tickers are all kept in order, and a BookDelta pins the snapshot before it
// (moving a later snapshot in front of the delta would replay the delta on the newer book).
void HyperliquidService::coalesceSnapshots(std::size_t firstNew)
{
    EventBatch &pending = pendingEvents();
    std::size_t kept = firstNew;
    for (std::size_t i = firstNew; i < pending.size(); ++i) {
        MarketEvent &event = pending[i];
        if (const auto *snapshot = std::get_if<BookSnapshot>(&event)) {
            const auto earlier = m_pendingSnapshotAt.constFind(snapshot->symbol);
            if (earlier != m_pendingSnapshotAt.cend()) {
                pending[*earlier] = std::move(event);
                m_supersededSnapshots.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            m_pendingSnapshotAt.insert(snapshot->symbol, kept);
        } else if (const auto *delta = std::get_if<BookDelta>(&event)) {
            m_pendingSnapshotAt.remove(delta->symbol);
        }
        if (kept != i)
            pending[kept] = std::move(event);
        ++kept;
    }
    pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(kept), pending.end());
}

void HyperliquidService::batchClosing(const EventBatch &batch)
{
    m_pendingSnapshotAt.clear();
    m_pendingFrames = 0;
    if (batch.empty())
        return;
    m_batches.fetch_add(1, std::memory_order_relaxed);
    m_batchedEvents.fetch_add(batch.size(), std::memory_order_relaxed);
}

HyperliquidService::BatchStats HyperliquidService::batchStats() const
{
    return { m_batches.load(std::memory_order_relaxed), m_batchedEvents.load(std::memory_order_relaxed),
             m_supersededSnapshots.load(std::memory_order_relaxed) };
}

void HyperliquidService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_codec.stats().malformed;
}

} // namespace tapescope::hyperliquid
