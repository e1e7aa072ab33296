#include "AlpacaService.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>

#include <algorithm>
#include <limits>
#include <optional>

Q_LOGGING_CATEGORY(lcAlpaca, "tapescope.venue.alpaca")

namespace tapescope::alpaca {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString inWords(qint64 ms)
{
    return ms < 10000 ? QString::number(double(ms) / 1000.0, 'f', 1) + u" s"_s : QString::number(ms / 1000) + u" s"_s;
}

} // namespace

ConnectionConfig AlpacaService::defaultConnection()
{
    ConnectionConfig config;
    config.webSocketPing = true;
    config.heartbeatInterval = 10s;
    config.staleAfter = 25s;     // two missed pongs
    config.silenceTimeout = 45s; // four: the link is dead
    return config;
}

AlpacaService::AlpacaService(Feed feed, Credentials credentials, QObject *parent)
    : AlpacaService(feed, std::move(credentials), Options{}, parent)
{
}

AlpacaService::AlpacaService(Feed feed, Credentials credentials, Options options, QObject *parent)
    : VenueFeed(parent)
    , m_feed(feed)
    , m_credentials(std::move(credentials))
    , m_options(std::move(options))
    , m_filter(m_options.oneLevelBooks && !isCrypto(feed))
{
    qRegisterMetaType<tapescope::EventBatch>();
    qRegisterMetaType<tapescope::FeedStatus>();
    qRegisterMetaType<tapescope::alpaca::SubscriptionSet>();

    ConnectionConfig config = m_options.connection;
    config.venue = venueName();
    config.url = url();
    config.webSocketPing = true; // alpaca.md §2: no application heartbeat exists
    m_connection = new VenueConnection(config, this);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(m_options.batchIntervalMs);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    m_limitTimer = new QTimer(this);
    m_limitTimer->setSingleShot(true);

    connect(m_connection, &VenueConnection::opened, this, &AlpacaService::onOpened);
    connect(m_connection, &VenueConnection::textFrameReceived, this, &AlpacaService::onFrame);
    connect(m_connection, &VenueConnection::stateChanged, this, [this](VenueConnection::State state) {
        const bool open = state == VenueConnection::State::Live || state == VenueConnection::State::Stale
            || state == VenueConnection::State::Resyncing;
        // The socket reports Live before opened(): never publish that as live before the sign-in.
        if (open && m_phase == Phase::Closed)
            m_phase = Phase::AwaitingWelcome;
        else if (!open && m_phase != Phase::Stopped)
            m_phase = Phase::Closed;
        publishStatus();
    });
    connect(m_flushTimer, &QTimer::timeout, this, &AlpacaService::flush);
    connect(m_statusTimer, &QTimer::timeout, this, &AlpacaService::publishStatus);
    connect(m_limitTimer, &QTimer::timeout, this, [this] {
        m_limitRetryAt = QDateTime();
        if (m_started)
            m_connection->open();
    });
}

AlpacaService::~AlpacaService() = default;

QUrl AlpacaService::url() const
{
    return m_options.url.isEmpty() ? streamUrl(m_feed, m_options.sandbox) : m_options.url;
}

void AlpacaService::start()
{
    if (m_started)
        return;
    m_started = true;
    m_phase = Phase::Closed;
    m_statusTimer->start();
    m_connection->open();
}

void AlpacaService::stop()
{
    m_started = false;
    m_statusTimer->stop();
    m_limitTimer->stop();
    m_limitRetryAt = QDateTime();
    flush();
    m_connection->close(u"stopped"_s);
    publishStatus();
}

void AlpacaService::setCredentials(const QString &keyId, const QString &secret)
{
    m_credentials = {keyId, secret};
    if (!m_started)
        return;
    if (m_phase == Phase::Stopped) {
        m_phase = Phase::Closed;
        m_connection->open();
    } else if (m_phase != Phase::Closed) {
        m_connection->reconnect(u"signing in with new credentials"_s);
    }
}

bool AlpacaService::offers(Channel channel) const
{
    if (!isRequestable(channel) || channel == Channel::News)
        return false;
    if (isCrypto(m_feed))
        return channel != Channel::Statuses && channel != Channel::Lulds && channel != Channel::Imbalances;
    return channel != Channel::Orderbooks;
}

void AlpacaService::subscribe(const SubscriptionSet &additions)
{
    SubscriptionSet added;
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        const auto channel = static_cast<Channel>(i);
        const QStringList &symbols = additions.symbols(channel);
        if (symbols.isEmpty())
            continue;
        if (!offers(channel)) {
            reportLocally(u"invalid_subscription"_s,
                          u"The Alpaca %1 feed has no %2 channel%3."_s.arg(
                              feedName(m_feed), QLatin1String(channelKey(channel)),
                              channel == Channel::Orderbooks ? u" (stocks have no depth here: quotes give the inside)"_s
                                                             : QString()));
            continue;
        }
        for (const QString &symbol : symbols) {
            if (!m_desired.contains(channel, symbol)) {
                m_desired.add(channel, symbol);
                added.add(channel, symbol);
            }
        }
    }
    // Before the sign-in completes the full set goes out anyway (onSessionMessage).
    if (!added.isEmpty() && (m_phase == Phase::Streaming || m_phase == Phase::Subscribing))
        sendChange(true, added);
}

void AlpacaService::unsubscribe(const SubscriptionSet &removals)
{
    SubscriptionSet removed;
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        const auto channel = static_cast<Channel>(i);
        for (const QString &symbol : removals.symbols(channel)) {
            if (m_desired.contains(channel, symbol)) {
                m_desired.remove(channel, symbol);
                removed.add(channel, symbol);
                if (channel == Channel::Orderbooks)
                    m_filter.forgetBook(symbol);
            }
        }
    }
    if (!removed.isEmpty() && (m_phase == Phase::Streaming || m_phase == Phase::Subscribing))
        sendChange(false, removed);
}

void AlpacaService::sendChange(bool subscribe, const SubscriptionSet &symbols)
{
    const QByteArray frame = subscribe ? subscribeFrame(symbols) : unsubscribeFrame(symbols);
    if (frame.isEmpty() || !m_connection->sendText(frame))
        return;
    m_changesInFlight.push_back({subscribe, symbols});
}

void AlpacaService::onOpened()
{
    // A new socket: the server knows nothing of us (alpaca.md §3.1); wait for its welcome.
    m_phase = Phase::AwaitingWelcome;
    m_changesInFlight.clear();
    m_filter.reset();
    m_confirmed = SubscriptionSet();
    m_codec.reset();
    publishStatus();
}

void AlpacaService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    Q_UNUSED(receivedAtMs);
    m_decoded.clear();
    const DecodeResult result
        = m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), m_decoded);
    for (MarketEvent &event : m_decoded)
        keep(std::move(event));
    for (const SessionMessage &message : result.session)
        onSessionMessage(message);
    if (m_pending.size() >= static_cast<std::size_t>(m_options.maxBatchEvents))
        flush();
    else if (!m_pending.empty() && !m_flushTimer->isActive())
        m_flushTimer->start();
}

void AlpacaService::keep(MarketEvent &&event)
{
    if (const auto *error = std::get_if<FeedError>(&event)) {
        if (error->code == u"malformed"_s)
            m_connection->noteDecodeError();
        qCWarning(lcAlpaca).noquote() << error->code << error->message;
    }
    m_filter.keep(std::move(event), m_desired, m_pending);
}

void AlpacaService::onSessionMessage(const SessionMessage &message)
{
    switch (message.kind) {
    case SessionMessage::Kind::Connected:
        if (!m_credentials.isComplete()) {
            m_phase = Phase::Stopped;
            m_connection->close(u"no Alpaca API key: add one in Settings or set ALPACA_API_KEY_ID and "
                                "ALPACA_API_SECRET_KEY"_s);
            return;
        }
        m_phase = Phase::SigningIn;
        m_connection->sendText(authFrame(m_credentials.keyId, m_credentials.secret));
        break;
    case SessionMessage::Kind::Authenticated:
        m_connectionLimitStrikes = 0;
        m_phase = Phase::Subscribing;
        sendChange(true, m_desired); // one subscribe with the full set (alpaca.md §3.1)
        if (m_changesInFlight.empty())
            m_phase = Phase::Streaming;
        break;
    case SessionMessage::Kind::Subscription:
        m_confirmed = message.subscriptions; // the server's reply is authoritative
        if (!m_changesInFlight.empty())
            m_changesInFlight.pop_front();
        m_lastVenueError.clear();
        m_phase = Phase::Streaming;
        break;
    case SessionMessage::Kind::Error: {
        QString words = errorText(message.errorCode) + u" (Alpaca "_s + QString::number(message.errorCode);
        if (!message.errorMessage.isEmpty())
            words += u": "_s + message.errorMessage;
        onVenueError(message.errorCode, words + u')');
        break;
    }
    }
    publishStatus();
}

void AlpacaService::onVenueError(int code, const QString &words)
{
    flush(); // the FeedError goes out before the state it causes
    switch (classifyError(code)) {
    case ErrorAction::Report:
        m_lastVenueError = words;
        // The refused change never happened: the previous set stays in force (alpaca.md §6, 405).
        if (!m_changesInFlight.empty() && code != 403) {
            const Change change = m_changesInFlight.front();
            m_changesInFlight.pop_front();
            for (std::size_t i = 0; i < ChannelCount; ++i) {
                const auto channel = static_cast<Channel>(i);
                for (const QString &symbol : change.symbols.symbols(channel)) {
                    if (change.subscribe)
                        m_desired.remove(channel, symbol);
                    else
                        m_desired.add(channel, symbol);
                }
            }
        }
        if (m_phase == Phase::Subscribing && m_changesInFlight.empty())
            m_phase = Phase::Streaming;
        break;
    case ErrorAction::Reconnect:
        m_connection->reconnect(words);
        break;
    case ErrorAction::BackOffLong:
        backOffForConnectionLimit(words);
        break;
    case ErrorAction::Stop:
        // Bad keys, plan or scope: retrying cannot help until the user changes something.
        m_phase = Phase::Stopped;
        m_connection->close(words);
        break;
    }
}

void AlpacaService::backOffForConnectionLimit(const QString &words)
{
    const qint64 base = std::max<qint64>(m_options.connectionLimitBackoff.count(), 1);
    const qint64 cap = std::max<qint64>(m_options.connectionLimitBackoffCap.count(), base);
    const int doublings = std::min(m_connectionLimitStrikes++, 20);
    const qint64 ceiling = std::min<qint64>(cap, base << doublings);
    const qint64 delay = qint64(double(ceiling) * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble()));
    m_limitDetail = words;
    m_limitRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_limitTimer->start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    qCWarning(lcAlpaca).noquote() << "connection limit; next attempt in" << inWords(delay);
    m_connection->close(words);
}

void AlpacaService::reportLocally(const QString &code, const QString &message)
{
    qCWarning(lcAlpaca).noquote() << code << message;
    m_pending.push_back(FeedError{venueName(), code, message});
    m_lastVenueError = message;
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void AlpacaService::flush()
{
    m_flushTimer->stop();
    if (m_pending.empty())
        return;
    EventBatch batch;
    batch.swap(m_pending);
    Q_EMIT eventsReady(batch);
}

void AlpacaService::publishStatus()
{
    using S = VenueConnection::State;
    FeedStatus status;
    status.venue = venueName();
    status.state = m_connection->state();
    status.detail = m_connection->stateDetail();
    status.stats = m_connection->stats();
    status.malformedFrames = m_codec.stats().malformed;
    const bool socketOpen = status.state == S::Live || status.state == S::Stale || status.state == S::Resyncing;
    if (m_limitRetryAt.isValid()) {
        const qint64 waitMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_limitRetryAt));
        status.state = S::BackingOff;
        status.detail = m_limitDetail + u"; next attempt in "_s + inWords(waitMs);
        status.nextAttemptAtMs = m_limitRetryAt.toMSecsSinceEpoch();
    } else if (socketOpen && m_phase == Phase::AwaitingWelcome) {
        status.state = S::Connecting;
        status.detail = u"connected, waiting for Alpaca's welcome"_s;
    } else if (socketOpen && m_phase == Phase::SigningIn) {
        status.state = S::Connecting;
        status.detail = u"signing in"_s;
    } else if (socketOpen && m_phase == Phase::Subscribing) {
        status.state = S::Connecting;
        status.detail = u"subscribing"_s;
    } else if (status.state == S::BackingOff && m_connection->nextAttemptAt().isValid()) {
        status.nextAttemptAtMs = m_connection->nextAttemptAt().toMSecsSinceEpoch();
    }
    if (status.state == S::Live && !m_lastVenueError.isEmpty())
        status.detail = u"last venue error: "_s + m_lastVenueError;
    Q_EMIT feedStatusChanged(status);
}

} // namespace tapescope::alpaca
