#include "venues/kalshi/KalshiService.h"

#include "venues/kalshi/KalshiServiceLog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace tapescope::kalshi {

Q_LOGGING_CATEGORY(lcKalshi, "tapescope.venue.kalshi")

namespace {

// The handshake failure text QWebSocket reports: "... Unhandled http status code: 401 (Unauthorized)."
bool isAuthRejection(const QString &detail)
{
    return detail.contains(u"status code: 401"_s) || detail.contains(u"status code: 403"_s);
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
    : VenueFeed(parent)
    , m_endpoints(std::move(endpoints))
    , m_options(std::move(options))
{
    qRegisterMetaType<tapescope::EventBatch>();
    qRegisterMetaType<tapescope::FeedStatus>();
    qRegisterMetaType<tapescope::kalshi::NflDiscovery>();
    qRegisterMetaType<QList<tapescope::Instrument>>();

    m_hasCredentials = !credentials.isEmpty();
    if (m_hasCredentials) {
        if (credentials.keyId.isEmpty())
            m_credentialsProblem = u"the Kalshi API key id is missing"_s;
        else if (!m_signer.loadPrivateKeyPem(credentials.privateKeyPem))
            m_credentialsProblem = u"the Kalshi private key cannot be used: "_s + m_signer.errorString();
        m_signer.setAccessKey(credentials.keyId);
    }

    ConnectionConfig config = m_options.connection;
    config.venue = venueName();
    if (config.url.isEmpty())
        config.url = m_endpoints.wsUrl;
    // §3: the server pings every 10 s and has no JSON heartbeat; our own Pings prove the socket alive between
    // data frames (a quiet NFL market can go minutes without one), and the watchdog covers silence.
    config.webSocketPing = true;
    config.heartbeatFrame.clear();
    if (config.heartbeatInterval == ConnectionConfig {}.heartbeatInterval)
        config.heartbeatInterval = 10s;
    if (!config.handshakeHeaders)
        config.handshakeHeaders = [this] { return signedHandshakeHeaders(); };
    m_connection = new VenueConnection(config, this);
    m_network = new QNetworkAccessManager(this);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(m_options.batchIntervalMs);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    m_resyncTimer = new QTimer(this);
    m_resyncTimer->setSingleShot(true);
    m_resyncTimer->setInterval(m_options.resyncTimeoutMs);

    connect(m_connection, &VenueConnection::textFrameReceived, this, &KalshiService::onFrame);
    connect(m_connection, &VenueConnection::opened, this, &KalshiService::onOpened);
    connect(m_connection, &VenueConnection::stateChanged, this, &KalshiService::onConnectionState);
    connect(m_flushTimer, &QTimer::timeout, this, &KalshiService::flush);
    connect(m_statusTimer, &QTimer::timeout, this, &KalshiService::publishStatus);
    connect(m_resyncTimer, &QTimer::timeout, this, &KalshiService::onResyncTimeout);
}

KalshiService::~KalshiService() = default;

QList<QPair<QByteArray, QByteArray>> KalshiService::signedHandshakeHeaders()
{
    // Signed afresh for every attempt: the timestamp is part of what the server checks (§2.2).
    if (!m_hasCredentials || !m_credentialsProblem.isEmpty())
        return {};
    const SignedHeaders headers = m_signer.handshakeHeaders(QDateTime::currentMSecsSinceEpoch());
    if (headers.signature.isEmpty()) {
        qCWarning(lcKalshi).noquote() << "cannot sign the handshake:" << m_signer.errorString();
        return {};
    }
    return headers.toList();
}

void KalshiService::start()
{
    if (m_started)
        return;
    m_started = true;
    m_statusTimer->start();
    if (!m_credentialsProblem.isEmpty()) {
        // A key that cannot sign would only earn 401s: say why once and stay down.
        pushError(u"credentials"_s, m_credentialsProblem);
        flush();
        m_connection->close(m_credentialsProblem);
        return;
    }
    m_connection->open();
}

void KalshiService::stop()
{
    m_started = false;
    m_socketOpen = false;
    m_statusTimer->stop();
    m_resyncTimer->stop();
    flush();
    m_connection->close(u"stopped"_s);
    publishStatus();
}

void KalshiService::onConnectionState()
{
    const bool wasOpen = m_socketOpen;
    const auto state = m_connection->state();
    m_socketOpen = state == VenueConnection::State::Live || state == VenueConnection::State::Stale
        || state == VenueConnection::State::Resyncing;
    if (wasOpen && !m_socketOpen)
        m_resyncTimer->stop(); // sids are gone; the next connection rebuilds everything
    if (state == VenueConnection::State::BackingOff && isAuthRejection(m_connection->stateDetail())) {
        // A refused key stays refused: retrying would hammer the venue with doomed signatures.
        const QString reason = m_hasCredentials
            ? u"Kalshi refused the API key (HTTP 401): check the key id, the private key and the computer's clock; not retrying"_s
            : u"Kalshi refused the connection (HTTP 401): no API key is configured; not retrying"_s;
        qCWarning(lcKalshi).noquote() << reason;
        pushError(u"auth_rejected"_s, reason);
        flush();
        m_connection->close(reason);
        return; // close() published Down through this slot already
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
    m_connection->setResyncing(false);
    m_socketOpen = true;
    if (isReconnect) {
        const QStringList books = m_wanted.value(QLatin1String(channel::OrderbookDelta)).values();
        if (!books.isEmpty())
            beginResync(books, ResyncStep::Resubscribe,
                        u"rebuilding %1 order book(s) after the reconnect"_s.arg(books.size()));
    }
    syncAllChannels();
}

void KalshiService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
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
                m_connection->noteDecodeError();
            qCWarning(lcKalshi).noquote() << error->code << error->message;
            onVenueError(*error);
        } else if (const auto *snapshot = std::get_if<BookSnapshot>(&event)) {
            onSnapshot(snapshot->symbol);
        }
        m_pending.push_back(std::move(event));
    }
    if (m_pending.size() >= static_cast<std::size_t>(m_options.maxBatchEvents))
        flush();
    else if (!m_pending.empty() && !m_flushTimer->isActive())
        m_flushTimer->start();
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

void KalshiService::pushError(const QString &code, const QString &message, const QString &symbol)
{
    FeedError error { venueName(), code, message };
    error.symbol = symbol;
    m_pending.push_back(std::move(error));
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void KalshiService::flush()
{
    m_flushTimer->stop();
    if (m_pending.empty())
        return;
    EventBatch batch;
    batch.swap(m_pending);
    Q_EMIT eventsReady(batch);
}

void KalshiService::publishStatus()
{
    FeedStatus status;
    status.venue = venueName();
    status.state = m_connection->state();
    status.detail = m_connection->stateDetail();
    status.stats = m_connection->stats();
    status.malformedFrames = m_codec.stats().malformed;
    status.resyncs = m_resyncs;
    if (status.state == VenueConnection::State::BackingOff && m_connection->nextAttemptAt().isValid())
        status.nextAttemptAtMs = m_connection->nextAttemptAt().toMSecsSinceEpoch();
    Q_EMIT feedStatusChanged(status);
}

} // namespace tapescope::kalshi
