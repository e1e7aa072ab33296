#include "venues/kalshi/KalshiService.h"

#include "net/FeedTape.h"

#include "venues/kalshi/KalshiServiceLog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace tapescope::kalshi {

Q_LOGGING_CATEGORY(lcKalshi, "tapescope.venue.kalshi")

namespace {

// The handshake was answered with HTTP 401 or 403 (VenueConnection parses the status from Qt's text).
bool isAuthRejection(const FeedReason &reason)
{
    // The HTTP status a server answered the upgrade with (socketFailureReason()).
    return reason.code == FeedReason::Code::SocketError && (reason.number == 401 || reason.number == 403);
}

// §3: the server pings every 10 s and has no JSON heartbeat; our own Pings prove the socket alive between
// data frames (a quiet NFL market can go minutes without one), and the watchdog covers silence.
ConnectionConfig connectionTo(const Endpoints &endpoints, ConnectionConfig config,
                              std::function<QList<QPair<QByteArray, QByteArray>>()> handshakeHeaders)
{
    if (config.url.isEmpty())
        config.url = endpoints.wsUrl;
    config.webSocketPing = true;
    config.heartbeatFrame.clear();
    if (config.heartbeatInterval == ConnectionConfig {}.heartbeatInterval)
        config.heartbeatInterval = 10s;
    if (!config.handshakeHeaders)
        config.handshakeHeaders = std::move(handshakeHeaders);
    return config;
}

template<typename Event> void stampIfUntimed(MarketEvent &event, qint64 receivedAtMs)
{
    if (auto *typed = std::get_if<Event>(&event); typed && typed->ts == 0)
        typed->ts = receivedAtMs;
}

} // namespace

QStringList NflDiscovery::marketTickers() const
{
    QStringList tickers;
    for (const NflGame &game : games)
        tickers << game.away().marketTicker << game.home().marketTicker;
    return tickers;
}

QStringList KalshiService::defaultChannels()
{
    return { QLatin1String(channel::OrderbookDelta), QLatin1String(channel::Ticker), QLatin1String(channel::Trade) };
}

KalshiService::KalshiService(Endpoints endpoints, Credentials credentials, QObject *parent)
    : KalshiService(std::move(endpoints), std::move(credentials), Options {}, parent)
{ }

KalshiService::KalshiService(Endpoints endpoints, Credentials credentials, Options options, QObject *parent)
    : VenueService(venueName(),
                   connectionTo(endpoints, options.connection, [this] { return signedHandshakeHeaders(); }),
                   { options.batchIntervalMs, options.maxBatchEvents }, lcKalshi, parent)
    , m_endpoints(std::move(endpoints))
    , m_options(std::move(options))
    , m_network(createNetworkAccessManager(this))
    , m_resyncTimer(new QTimer(this))
{
    qRegisterMetaType<tapescope::kalshi::NflDiscovery>();

    m_hasCredentials = !credentials.isEmpty();
    if (m_hasCredentials) {
        if (credentials.keyId.isEmpty())
            m_credentialsProblem = { FeedReason::Code::ApiKeyIdMissing, { u"Kalshi"_s } };
        else if (!m_signer.loadPrivateKeyPem(credentials.privateKeyPem))
            m_credentialsProblem = { FeedReason::Code::PrivateKeyUnusable, { u"Kalshi"_s, m_signer.errorString() } };
        m_signer.setAccessKey(credentials.keyId);
    }

    m_resyncTimer->setSingleShot(true);
    m_resyncTimer->setInterval(m_options.resyncTimeoutMs);

    connect(connection(), &VenueConnection::textFrameReceived, this, &KalshiService::onFrame);
    connect(connection(), &VenueConnection::opened, this, &KalshiService::onOpened);
    connect(m_resyncTimer, &QTimer::timeout, this, &KalshiService::onResyncTimeout);
}

KalshiService::~KalshiService() = default;

QString KalshiService::credentialsProblem() const
{
    return englishText(m_credentialsProblem);
}

QList<QPair<QByteArray, QByteArray>> KalshiService::signedHandshakeHeaders()
{
    // Signed afresh for every attempt: the timestamp is part of what the server checks (§2.2).
    if (!m_hasCredentials || !m_credentialsProblem.isNone())
        return {};
    const SignedHeaders headers = m_signer.handshakeHeaders(QDateTime::currentMSecsSinceEpoch());
    if (headers.signature.isEmpty()) {
        qCWarning(lcKalshi).noquote() << "cannot sign the handshake:" << m_signer.errorString();
        return {};
    }
    return headers.toList();
}

void KalshiService::startFeed()
{
    if (!m_credentialsProblem.isNone()) {
        // A key that cannot sign would only earn 401s: say why once and stay down.
        reportError(u"credentials"_s, englishText(m_credentialsProblem));
        flush();
        connection()->close(m_credentialsProblem);
        return;
    }
    connection()->open();
}

void KalshiService::stopFeed()
{
    m_socketOpen = false;
    m_resyncTimer->stop();
}

void KalshiService::connectionStateChanged(ConnectionState state)
{
    const bool wasOpen = m_socketOpen;
    m_socketOpen
        = state == ConnectionState::Live || state == ConnectionState::Stale || state == ConnectionState::Resyncing;
    if (wasOpen && !m_socketOpen)
        m_resyncTimer->stop(); // sids are gone; the next connection rebuilds everything
    if (state == ConnectionState::BackingOff && isAuthRejection(connection()->stateReason())) {
        // A refused key stays refused: retrying would hammer the venue with doomed signatures.
        const FeedReason refused { m_hasCredentials ? FeedReason::Code::ApiKeyRefused
                                                    : FeedReason::Code::ApiKeyRequired,
                                   { u"Kalshi"_s } };
        reportError(u"auth_rejected"_s, englishText(refused));
        flush();
        connection()->close(refused);
        return; // close() published Down through this hook already
    }
    publishStatus();
}

void KalshiService::onOpened(bool isReconnect)
{
    // Sids and seqs start over on every connection (§10): forget them, then subscribe everything afresh,
    // once, with new command ids.
    m_codec.reset();
    m_wire.clear();
    m_commands.clear();
    m_resyncTimer->stop();
    m_resyncStep = ResyncStep::None;
    m_awaitingSnapshot.clear();
    connection()->setResyncing(false);
    m_socketOpen = true;
    if (isReconnect) {
        const QStringList books = m_wanted.value(QLatin1String(channel::OrderbookDelta)).values();
        if (!books.isEmpty())
            beginResync(books, ResyncStep::Resubscribe,
                        { FeedReason::Code::RebuildingBooksAfterReconnect, {}, books.size() });
    }
    syncAllChannels();
}

void KalshiService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    EventBatch &pending = pendingEvents();
    EventBatch decoded;
    m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), decoded);
    for (MarketEvent &event : decoded) {
        stampIfUntimed<BookSnapshot>(event, receivedAtMs);
        stampIfUntimed<BookDelta>(event, receivedAtMs);
        stampIfUntimed<Bbo>(event, receivedAtMs);
        stampIfUntimed<Ticker>(event, receivedAtMs);
        stampIfUntimed<MarketStatus>(event, receivedAtMs);
        stampIfUntimed<Trade>(event, receivedAtMs);
        if (const auto *trade = std::get_if<Trade>(&event); trade && isDuplicateTrade(trade->id))
            continue;
        if (const auto *status = std::get_if<MarketStatus>(&event)) {
            if (status->state == MarketState::Created && status->symbol.startsWith(QLatin1String(NflGameSeries) + u'-')
                && !m_knownNflMarkets.contains(status->symbol) && !m_discovering) {
                QTimer::singleShot(0, this, &KalshiService::discoverNflGames); // a new game was listed
            }
            // The lifecycle channel carries every market (§6): pass on only those someone asked for.
            if (!m_wanted.value(QLatin1String(channel::MarketLifecycle)).contains(status->symbol))
                continue;
        }
        if (const auto *ack = std::get_if<SubscriptionAck>(&event)) {
            onAck(*ack);
        } else if (const auto *error = std::get_if<FeedError>(&event)) {
            if (error->code == u"malformed"_s)
                connection()->noteDecodeError();
            qCWarning(lcKalshi).noquote() << error->code << error->message;
            onVenueError(*error);
        } else if (const auto *snapshot = std::get_if<BookSnapshot>(&event)) {
            onSnapshot(snapshot->symbol);
        }
        pending.push_back(std::move(event));
    }
    eventsAdded();
}

bool KalshiService::isDuplicateTrade(const QString &tradeId)
{
    // Kalshi may deliver a trade twice (a resubscribe, a replay); trade_id is the de-duplication key (§4.1 #8).
    if (tradeId.isEmpty())
        return false;
    if (m_tradeIds.contains(tradeId)) {
        ++m_duplicateTrades;
        return true;
    }
    m_tradeIds.insert(tradeId);
    m_tradeIdOrder.push_back(tradeId);
    while (m_tradeIdOrder.size() > static_cast<std::size_t>(std::max(m_options.tradeIdMemory, 1))) {
        m_tradeIds.remove(m_tradeIdOrder.front());
        m_tradeIdOrder.pop_front();
    }
    return false;
}

void KalshiService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_codec.stats().malformed;
    status.resyncs = m_resyncs;
}

} // namespace tapescope::kalshi
