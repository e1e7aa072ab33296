#include "AlpacaService.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>

#include <algorithm>
#include <limits>
#include <optional>

Q_LOGGING_CATEGORY(lcAlpaca, "tapescope.venue.alpaca")

namespace tapescope::alpaca {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Reason = FeedReason::Code;

QString inWords(qint64 ms)
{
    return ms < 10000 ? QString::number(double(ms) / 1000.0, 'f', 1) + u" s"_s : QString::number(ms / 1000) + u" s"_s;
}

ConnectionConfig connectionTo(const QUrl &url, ConnectionConfig config)
{
    config.url = url;
    config.webSocketPing = true; // docs/protocols/alpaca.md §2: no application heartbeat exists
    return config;
}

bool isSocketOpen(ConnectionState state)
{
    using S = ConnectionState;
    return state == S::Live || state == S::Stale || state == S::Resyncing;
}

} // namespace

ConnectionConfig AlpacaService::defaultConnection()
{
    ConnectionConfig config;
    config.webSocketPing = true;
    config.heartbeatInterval = 10s;
    config.staleAfter = 25s; // two missed pongs
    config.silenceTimeout = 45s; // four: the link is dead
    return config;
}

AlpacaService::AlpacaService(Feed feed, Credentials credentials, QObject *parent)
    : AlpacaService(feed, std::move(credentials), Options {}, parent)
{ }

AlpacaService::AlpacaService(Feed feed, Credentials credentials, Options options, QObject *parent)
    : VenueService(
        venueName(),
        connectionTo(options.url.isEmpty() ? streamUrl(feed, options.sandbox) : options.url, options.connection),
        { options.batchIntervalMs, options.maxBatchEvents }, lcAlpaca, parent)
    , m_feed(feed)
    , m_credentials(std::move(credentials))
    , m_options(std::move(options))
    , m_filter(m_options.oneLevelBooks && !isCrypto(feed))
    , m_limitTimer(new QTimer(this))
{
    qRegisterMetaType<tapescope::alpaca::SubscriptionSet>();

    m_limitTimer->setSingleShot(true);
    connect(connection(), &VenueConnection::opened, this, &AlpacaService::onOpened);
    connect(connection(), &VenueConnection::textFrameReceived, this, &AlpacaService::onFrame);
    connect(m_limitTimer, &QTimer::timeout, this, [this] {
        m_limitRetryAt = QDateTime();
        if (isStarted())
            connection()->open();
    });
}

AlpacaService::~AlpacaService() = default;

QUrl AlpacaService::url() const
{
    return m_options.url.isEmpty() ? streamUrl(m_feed, m_options.sandbox) : m_options.url;
}

void AlpacaService::startFeed()
{
    m_phase = Phase::Closed;
    connection()->open();
}

void AlpacaService::stopFeed()
{
    m_limitTimer->stop();
    m_limitRetryAt = QDateTime();
}

void AlpacaService::setCredentials(const QString &keyId, const QString &secret)
{
    m_credentials = { keyId, secret };
    if (!isStarted())
        return;
    if (m_phase == Phase::Stopped) {
        m_phase = Phase::Closed;
        connection()->open();
    } else if (m_phase != Phase::Closed) {
        connection()->reconnect({ Reason::NewCredentials });
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
            m_lastVenueError = u"The Alpaca %1 feed has no %2 channel%3."_s.arg(
                feedName(m_feed), QLatin1String(channelKey(channel)),
                channel == Channel::Orderbooks ? u" (stocks have no depth here: quotes give the inside)"_s : QString());
            reportError(u"invalid_subscription"_s, m_lastVenueError);
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
    if (frame.isEmpty() || !connection()->sendText(frame))
        return;
    m_changesInFlight.push_back({ subscribe, symbols });
}

void AlpacaService::connectionStateChanged(ConnectionState state)
{
    const bool open = isSocketOpen(state);
    // The socket reports Live before opened(): never publish that as live before the sign-in.
    if (open && m_phase == Phase::Closed)
        m_phase = Phase::AwaitingWelcome;
    else if (!open && m_phase != Phase::Stopped)
        m_phase = Phase::Closed;
    publishStatus();
}

void AlpacaService::onOpened()
{
    // A new socket: the server knows nothing of us (docs/protocols/alpaca.md §3.1); wait for its welcome.
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
    eventsAdded();
}

void AlpacaService::keep(MarketEvent &&event)
{
    if (const auto *error = std::get_if<FeedError>(&event)) {
        if (error->code == u"malformed"_s)
            connection()->noteDecodeError();
        qCWarning(lcAlpaca).noquote() << error->code << error->message;
    }
    m_filter.keep(std::move(event), m_desired, pendingEvents());
}

void AlpacaService::onSessionMessage(const SessionMessage &message)
{
    switch (message.kind) {
    case SessionMessage::Kind::Connected:
        if (!m_credentials.isComplete()) {
            m_phase = Phase::Stopped;
            connection()->close(
                { Reason::ApiKeyMissing, { u"Alpaca"_s, u"ALPACA_API_KEY_ID"_s, u"ALPACA_API_SECRET_KEY"_s } });
            return;
        }
        m_phase = Phase::SigningIn;
        connection()->sendText(authFrame(m_credentials.keyId, m_credentials.secret));
        break;
    case SessionMessage::Kind::Authenticated:
        m_connectionLimitStrikes = 0;
        m_phase = Phase::Subscribing;
        sendChange(true, m_desired); // one subscribe with the full set (docs/protocols/alpaca.md §3.1)
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
        // The refused change never happened: the previous set stays in force (docs/protocols/alpaca.md §6, 405).
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
        connection()->reconnect({ Reason::VenueError, { words } });
        break;
    case ErrorAction::BackOffLong:
        backOffForConnectionLimit(words);
        break;
    case ErrorAction::Stop:
        // Bad keys, plan or scope: retrying cannot help until the user changes something.
        m_phase = Phase::Stopped;
        connection()->close({ Reason::VenueError, { words } });
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
    m_limitError = words;
    m_limitRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_limitTimer->start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    qCWarning(lcAlpaca).noquote() << "connection limit; next attempt in" << inWords(delay);
    connection()->close({ Reason::VenueError, { words } });
}

void AlpacaService::adjustStatus(FeedStatus &status) const
{
    using S = ConnectionState;
    status.malformedFrames = m_codec.stats().malformed;
    if (m_limitRetryAt.isValid()) {
        const qint64 waitMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_limitRetryAt));
        status.state = S::BackingOff;
        status.reason = { Reason::ConnectionLimit, { m_limitError } };
        status.reason.retryInMs = waitMs;
        status.nextAttemptAtMs = m_limitRetryAt.toMSecsSinceEpoch();
    } else if (isSocketOpen(status.state)) {
        // Open but not yet streaming: still connecting, as far as a trader is concerned.
        switch (m_phase) {
        case Phase::AwaitingWelcome:
            status.state = S::Connecting;
            status.reason = { Reason::AwaitingWelcome, { u"Alpaca"_s } };
            break;
        case Phase::SigningIn:
            status.state = S::Connecting;
            status.reason = { Reason::SigningIn };
            break;
        case Phase::Subscribing:
            status.state = S::Connecting;
            status.reason = { Reason::Subscribing };
            break;
        case Phase::Closed:
        case Phase::Streaming:
        case Phase::Stopped:
            break;
        }
    }
    if (status.state == S::Live && !m_lastVenueError.isEmpty())
        status.reason = { Reason::LastVenueError, { m_lastVenueError } };
}

} // namespace tapescope::alpaca
