#include "net/VenueConnection.h"

#include "net/FeedStatus.h"
#include "net/FeedTape.h"
#include "net/SendBudget.h"
#include "record/Redaction.h"

#include "net/NetLogging.h"
#include "net/WebSocketSignals.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslError>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace tapescope {

namespace {

// How long a graceful close may wait for the venue's close frame before the socket is dropped.
constexpr auto kCloseGrace = 2000ms;
constexpr auto kRateWindow = 1000ms;

using Reason = FeedReason::Code;

// Frames can be large and may carry account data: logs only ever get the start of one.
QByteArray framePreview(const QByteArray &frame)
{
    constexpr qsizetype kPreviewBytes = 80;
    // Sign-in frames (Alpaca's {"action":"auth","key":…,"secret":…}) carry the key pair: only their kind is logged.
    if (frame.contains("\"secret\"") || frame.contains("\"key\""))
        return "<sign-in frame, credentials redacted>";
    if (frame.size() <= kPreviewBytes)
        return frame;
    return frame.left(kPreviewBytes) + "…";
}

// The URL without user info or query, which may hold tokens.
QString safeUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

// Unix time in ns; frames carry it in ms (the same reading, so a replay stamps them alike).
qint64 wallNowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

qint64 steadyNowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

// Reason phrases for the statuses a server is likely to answer an upgrade with, where Qt's text has none.
QString httpReasonPhrase(int status)
{
    switch (status) {
    case 200:
        return u"OK"_s;
    case 301:
        return u"Moved Permanently"_s;
    case 302:
        return u"Found"_s;
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 426:
        return u"Upgrade Required"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    default:
        return QString();
    }
}

QString hostAndPort(const QUrl &url)
{
    const bool secure = url.scheme() == u"wss"_s || url.scheme() == u"https"_s;
    const QString host = url.host().contains(u':') ? u"["_s + url.host() + u"]"_s : url.host();
    return u"%1:%2"_s.arg(host).arg(url.port(secure ? 443 : 80));
}

// Qt 6.4's words when it refuses a frame or message above the limits it was given (qwebsocketframe.cpp,
// qwebsocketdataprocessor.cpp); a venue's own 1009 close comes with other words (or none).
bool isOversizeClose(const QString &reason)
{
    return reason.contains(u"framesize exceeded"_s, Qt::CaseInsensitive)
        || reason.contains(u"message is too big"_s, Qt::CaseInsensitive);
}

} // namespace

FeedReason socketFailureReason(QAbstractSocket::SocketError error, const QString &qtText, const QUrl &url)
{
    // Qt 6.4 words an upgrade answered with another status "QWebSocketPrivate::processHandshake: Unhandled http
    // status code: 404 (Not Found)." and reports it as ConnectionRefusedError: there is no API for the status.
    static const QRegularExpression httpStatus(u"status code: (\\d{3})(?: \\(([^)]*)\\))?"_s);
    if (const QRegularExpressionMatch match = httpStatus.match(qtText); match.hasMatch()) {
        const int status = match.captured(1).toInt();
        QString phrase = match.captured(2).trimmed();
        if (phrase.isEmpty())
            phrase = httpReasonPhrase(status);
        FeedReason reason { Reason::SocketError,
                            { phrase.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1 %2"_s.arg(status).arg(phrase) } };
        reason.cause = Reason::UpgradeAnswered;
        reason.number = status;
        return reason;
    }
    const auto failure = [](Reason cause, QStringList args) {
        FeedReason reason { Reason::SocketError, std::move(args) };
        reason.cause = cause;
        return reason;
    };
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return failure(Reason::PortRefused, { hostAndPort(url) });
    case QAbstractSocket::HostNotFoundError:
        return failure(Reason::HostNotFound, { url.host() });
    case QAbstractSocket::SocketTimeoutError:
        return failure(Reason::NetworkTimedOut, { hostAndPort(url) });
    case QAbstractSocket::RemoteHostClosedError:
        return failure(Reason::PeerClosed, { hostAndPort(url) });
    case QAbstractSocket::NetworkError:
        return failure(Reason::NetworkFailed, { hostAndPort(url), qtText });
    case QAbstractSocket::SslHandshakeFailedError:
        return failure(Reason::TlsHandshakeFailed, { hostAndPort(url), qtText });
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return failure(Reason::ProxyFailed, { qtText });
    default:
        break;
    }
    // Whatever else Qt says, without its "Class::function:" prefix.
    static const QRegularExpression prefix(u"^\\w+(::\\w+)+:\\s*"_s);
    const QString words = QString(qtText).remove(prefix);
    if (words.isEmpty())
        return FeedReason { Reason::ConnectionLost };
    return FeedReason { Reason::SocketError, { words } };
}

struct VenueConnection::Private
{
    // Children of the connection, created on first open() so they live in (and move with) its thread.
    QWebSocket *socket = nullptr;
    QTimer *retryTimer = nullptr;
    QTimer *heartbeatTimer = nullptr;
    QTimer *watchdogTimer = nullptr;
    QTimer *rateTimer = nullptr;
    QTimer *connectTimer = nullptr;
    QTimer *paceTimer = nullptr;
    QStringList tlsErrors; // the certificate problems of the current attempt, for the words of its failure

    QList<QPair<QString, QByteArray>> subscriptions; // insertion order is re-send order
    // ConnectionConfig::sendBudget: frames waiting for a token, oldest first (with the key of the subscription a
    // subscribe frame is for).
    struct WaitingSend
    {
        QByteArray frame;
        QString subscribeKey;
    };
    QList<WaitingSend> waitingSends;
    // The subscriptions whose subscribe frame went out on the current socket: only these need an unsubscribe.
    QSet<QString> subscribedOnSocket;
    bool wanted = false; // open() called and not close()d since
    bool socketOpen = false; // handshake done on the current socket
    bool everOpened = false; // any earlier socket reached open: the next open is a reconnect
    bool resyncing = false;
    FeedReason resyncReason;
    int attempt = 0; // failed attempts since the last stable open
    bool attemptResetDone = false;

    QElapsedTimer sinceAttempt; // since the current socket started connecting
    QElapsedTimer sinceOpen; // since the current socket opened
    // One clock read per received frame (at full rate, three reads cost more than a tenth of the frame): the steady
    // clock's, which times silence; the frame's wall time is derived from it with an offset that is taken again every
    // rate window, so a step of the wall clock shows in the receive times within a second.
    qint64 lastFrameSteadyNs = 0; // the last frame on the current socket (or when it opened)
    qint64 lastMessageSteadyNs = 0; // the last frame on any socket, for stats (0: none yet)
    qint64 wallMinusSteadyNs = wallNowNs() - steadyNowNs();

    qint64 frameWallNs(qint64 steadyNs) const { return steadyNs + wallMinusSteadyNs; }
    qint64 silentMs() const { return (steadyNowNs() - lastFrameSteadyNs) / 1'000'000; }

    ConnectionStats counters;
    quint64 messagesAtRateTick = 0;
    QElapsedTimer rateWindow;

    QPointer<FeedTape> tape;
    quint16 tapeId = 0;
    bool replaying = false;
    // The backoff's jitter. Every attempt seeds it afresh and records the seed, so a replay draws the same delays
    // (a replayed reconnect is the service's own doing: its delay cannot be read from the recording beforehand).
    QRandomGenerator jitter { QRandomGenerator::global()->generate() };
};

VenueConnection::VenueConnection(ConnectionConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , d(new Private)
{
    setTape(FeedTape::current());
}

void VenueConnection::setTape(FeedTape *tape)
{
    d->tape = tape;
    d->replaying = tape && tape->mode() == FeedTape::Mode::Replay;
    if (tape)
        d->tapeId = tape->attachConnection(this);
}

FeedTape *VenueConnection::tape() const
{
    return d->tape;
}

bool VenueConnection::isReplaying() const
{
    return d->replaying;
}

void VenueConnection::recordEvent(const char *event, const FeedReason &reason, const QString &url,
                                  std::optional<quint32> jitterSeed)
{
    if (d->tape && !d->replaying)
        d->tape->record(tape::RecordKind::ConnectionEvent, 0, d->tapeId, d->tape->nowNs(),
                        FeedTape::eventPayload(event, reason, url, jitterSeed));
}

void VenueConnection::recordFrame(bool received, bool binary, qint64 timeNs, const QByteArray &frame)
{
    if (!d->tape || d->replaying)
        return;
    if (received) {
        d->tape->record(tape::RecordKind::FrameReceived, binary ? tape::kBinary : 0, d->tapeId, timeNs, frame);
        return;
    }
    const QByteArray kept = m_config.redactSent ? m_config.redactSent(frame) : tape::redactFrame(frame);
    d->tape->record(tape::RecordKind::FrameSent, binary ? tape::kBinary : 0, d->tapeId, timeNs, kept);
}

void VenueConnection::replayFrame(const QByteArray &frame, bool binary, qint64 receivedAtNs)
{
    if (!d->replaying || !d->socketOpen)
        return;
    const qint64 receivedAtMs = receivedAtNs / 1'000'000;
    onFrame(frame.size(), steadyNowNs());
    if (binary)
        Q_EMIT binaryFrameReceived(frame, receivedAtMs);
    else
        Q_EMIT textFrameReceived(frame, receivedAtMs);
}

void VenueConnection::notePublished()
{
    if (d->tape && !d->replaying)
        d->tape->record(tape::RecordKind::BatchPublished, 0, d->tapeId, d->tape->nowNs(), {});
}

void VenueConnection::replayPublish()
{
    if (d->replaying)
        Q_EMIT replayPublishRequested();
}

void VenueConnection::replayEvent(const QString &event, const FeedReason &reason, std::optional<quint32> jitterSeed)
{
    if (!d->replaying || !d->wanted)
        return;
    if (jitterSeed) // the next delays are the ones drawn live (a recording without the seed: other delays)
        d->jitter.seed(*jitterSeed);
    if (event == u"attempt"_s) {
        if (m_state == State::BackingOff) {
            d->retryTimer->stop();
            startAttempt();
        }
    } else if (event == u"opened"_s) {
        if (!d->socketOpen)
            onSocketConnected();
    } else if (event == u"lost"_s) {
        if (m_state != State::BackingOff && m_state != State::Down)
            onSocketLost(reason);
    }
    // "reconnect" and "closed" were the service's own doing: the replayed service does them again itself.
}

VenueConnection::~VenueConnection()
{
    dropSocket(false, {});
    delete d;
}

std::chrono::milliseconds VenueConnection::backoffDelay(int attempt, std::chrono::milliseconds base,
                                                        std::chrono::milliseconds cap, double unitRandom)
{
    if (base <= 0ms || cap <= 0ms)
        return 0ms;
    attempt = std::clamp(attempt, 0, 62);
    // base * 2^attempt, computed so it cannot overflow: shift only while it stays below the cap.
    qint64 ceiling = cap.count();
    if (base.count() <= (cap.count() >> attempt))
        ceiling = base.count() << attempt;
    const double unit = std::clamp(unitRandom, 0.0, 1.0);
    return std::chrono::milliseconds(qint64(unit * double(ceiling)));
}

ConnectionStats VenueConnection::stats() const
{
    ConnectionStats result = d->counters;
    result.lastMessageAgeMs = d->lastMessageSteadyNs != 0 ? (steadyNowNs() - d->lastMessageSteadyNs) / 1'000'000 : -1;
    return result;
}

int VenueConnection::retryAttempt() const
{
    return d->attempt;
}

void VenueConnection::setState(State state, const FeedReason &reason)
{
    if (state == m_state && reason == m_stateReason)
        return;
    m_state = state;
    m_stateReason = reason;
    if (state != State::BackingOff)
        m_nextAttemptAt = QDateTime();
    if (state == State::Connecting)
        qCDebug(lcNet).noquote() << m_config.venue << FeedStatus::stateName(state) << englishText(reason);
    else
        qCInfo(lcNet).noquote() << m_config.venue << FeedStatus::stateName(state) << englishText(reason);
    Q_EMIT stateChanged(state);
}

// The state of an open socket: resync beats staleness, which the watchdog sets on its own.
ConnectionState VenueConnection::openState() const
{
    return d->resyncing ? State::Resyncing : State::Live;
}

void VenueConnection::ensureTimers()
{
    if (d->retryTimer)
        return;
    d->retryTimer = new QTimer(this);
    d->retryTimer->setSingleShot(true);
    connect(d->retryTimer, &QTimer::timeout, this, &VenueConnection::startAttempt);

    d->heartbeatTimer = new QTimer(this);
    connect(d->heartbeatTimer, &QTimer::timeout, this, [this] {
        if (!m_config.webSocketPing)
            sendFrame(m_config.heartbeatFrame);
        else if (d->socket && d->socketOpen)
            d->socket->ping();
    });

    // Tick a few times per stale period so short test timeouts work, but never more than once a second.
    d->watchdogTimer = new QTimer(this);
    qint64 shortest = 1000;
    for (auto timeout : { m_config.staleAfter, m_config.silenceTimeout }) {
        if (timeout > 0ms)
            shortest = std::min<qint64>(shortest, timeout.count() / 5);
    }
    d->watchdogTimer->setInterval(int(std::max<qint64>(shortest, 10)));
    connect(d->watchdogTimer, &QTimer::timeout, this, &VenueConnection::onWatchdogTick);

    d->connectTimer = new QTimer(this);
    d->connectTimer->setSingleShot(true);
    d->connectTimer->setTimerType(Qt::PreciseTimer);
    connect(d->connectTimer, &QTimer::timeout, this, &VenueConnection::onConnectTimeout);

    d->rateTimer = new QTimer(this);
    d->rateTimer->setInterval(kRateWindow);
    connect(d->rateTimer, &QTimer::timeout, this, &VenueConnection::onRateTick);

    d->paceTimer = new QTimer(this);
    d->paceTimer->setSingleShot(true);
    d->paceTimer->setTimerType(Qt::PreciseTimer);
    connect(d->paceTimer, &QTimer::timeout, this, &VenueConnection::onPaceTick);
}

void VenueConnection::open()
{
    if (d->wanted)
        return;
    ensureTimers();
    d->wanted = true;
    d->attempt = 0;
    d->messagesAtRateTick = d->counters.messages;
    d->rateWindow.start();
    d->rateTimer->start();
    if (!d->replaying)
        d->watchdogTimer->start(); // a replay drops the connection where the recorded watchdog did
    startAttempt();
}

void VenueConnection::close(const FeedReason &reason)
{
    d->wanted = false;
    if (d->retryTimer) {
        d->retryTimer->stop();
        d->watchdogTimer->stop();
        d->rateTimer->stop();
    }
    d->counters.messagesPerSecond = 0.0;
    recordEvent("closed", reason);
    // A plain close sends no reason, as before reasons were data.
    dropSocket(true, reason.code == Reason::Closed ? QString() : englishText(reason));
    setState(State::Down, reason.isNone() ? FeedReason { Reason::Closed } : reason);
}

void VenueConnection::reconnect(const FeedReason &reason)
{
    if (!d->wanted || m_state == State::BackingOff)
        return; // closed for good, or a retry is already scheduled
    qCInfo(lcNet).noquote() << m_config.venue << "reconnect requested:" << englishText(reason);
    recordEvent("reconnect", reason);
    dropSocket(false, englishText(reason));
    scheduleRetry(reason);
}

void VenueConnection::startAttempt()
{
    if (!d->wanted)
        return;
    dropSocket(false, {});
    if (d->replaying) {
        // The recording's "opened" or "lost" follows.
        d->sinceAttempt.start();
        setState(State::Connecting, { Reason::Connecting, { safeUrl(m_config.url) }, d->attempt + 1 });
        return;
    }
    const quint32 jitterSeed = QRandomGenerator::global()->generate();
    d->jitter.seed(jitterSeed);
    recordEvent("attempt", {}, tape::redactUrl(m_config.url), jitterSeed);
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    d->socket = socket;
    d->tlsErrors.clear();
    // Why the attempt failed: the certificate's problems when TLS refused it, else the socket's error in words.
    const auto failure = [this, socket](QAbstractSocket::SocketError error) -> FeedReason {
        if (error == QAbstractSocket::SslHandshakeFailedError && !d->tlsErrors.isEmpty()) {
            FeedReason untrusted { Reason::SocketError, { hostAndPort(m_config.url), d->tlsErrors.join(u"; "_s) } };
            untrusted.cause = Reason::TlsUntrusted;
            return untrusted;
        }
        return socketFailureReason(error, socket->errorString(), m_config.url);
    };
    connect(socket, &QWebSocket::connected, this, &VenueConnection::onSocketConnected);
    connect(socket, &QWebSocket::disconnected, this, [this, socket, failure] {
        // Before the handshake completed nothing was "closed by the venue": the socket failed (a refused port, an
        // HTTP answer), and Qt may report that after the disconnect.
        if (!d->socketOpen && socket->error() != QAbstractSocket::UnknownSocketError) {
            onSocketLost(failure(socket->error()));
            return;
        }
        if (!d->socketOpen) {
            // Over TLS, QWebSocket reports the disconnect of a socket that never connected (a host that cannot be
            // found) before its error: wait for that. Should none come, it still was not the venue that closed.
            QTimer::singleShot(0, this, [this, socket = QPointer<QWebSocket>(socket), failure] {
                if (!socket || d->socket != socket) // the error came, and was reported
                    return;
                onSocketLost(socket->error() != QAbstractSocket::UnknownSocketError
                                 ? failure(socket->error())
                                 : FeedReason { Reason::ConnectionLost });
            });
            return;
        }
        // QWebSocket refused a frame above maxIncomingMessageBytes as its header came in, and closed with 1009.
        if (socket->closeCode() == QWebSocketProtocol::CloseCodeTooMuchData && isOversizeClose(socket->closeReason())) {
            ++d->counters.oversizedFrames;
            onSocketLost(
                { Reason::SocketError,
                  { u"a frame larger than %1 bytes (the limit for this venue); the connection starts over"_s.arg(
                      m_config.maxIncomingMessageBytes) } });
            return;
        }
        FeedReason reason { Reason::ClosedByVenue };
        const auto code = socket->closeCode();
        if (code != QWebSocketProtocol::CloseCodeNormal || !socket->closeReason().isEmpty()) {
            reason.number = int(code);
            reason.args = QStringList { socket->closeReason() };
        }
        onSocketLost(reason);
    });
    connect(socket, webSocketErrorSignal(), this,
            [this, failure](QAbstractSocket::SocketError error) { onSocketLost(failure(error)); });
    connect(socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Never ignored: the socket fails and the connection backs off like any other failure. A CA the user trusts
        // goes into the default QSslConfiguration (tapescope-cli --ca-file), never into ignoreSslErrors().
        for (const QSslError &error : errors) {
            qCDebug(lcNet).noquote() << m_config.venue << "TLS error:" << error.errorString();
            if (!d->tlsErrors.contains(error.errorString()))
                d->tlsErrors.append(error.errorString());
        }
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        const qint64 steadyNs = steadyNowNs();
        const qint64 receivedAtNs = d->frameWallNs(steadyNs);
        const qint64 receivedAtMs = receivedAtNs / 1'000'000;
        const QByteArray frame = message.toUtf8();
        recordFrame(true, false, receivedAtNs, frame);
        onFrame(frame.size(), steadyNs);
        Q_EMIT textFrameReceived(frame, receivedAtMs);
    });
    connect(socket, &QWebSocket::pong, this, [this] {
        // A Pong proves the socket is alive but is not a message: it feeds the watchdog only.
        d->lastFrameSteadyNs = steadyNowNs();
        if (m_state == State::Stale)
            setState(openState(), d->resyncReason);
    });
    connect(socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        const qint64 steadyNs = steadyNowNs();
        const qint64 receivedAtNs = d->frameWallNs(steadyNs);
        const qint64 receivedAtMs = receivedAtNs / 1'000'000;
        recordFrame(true, true, receivedAtNs, frame);
        onFrame(frame.size(), steadyNs);
        Q_EMIT binaryFrameReceived(frame, receivedAtMs);
    });

    if (m_config.maxIncomingMessageBytes > 0) {
        socket->setMaxAllowedIncomingMessageSize(m_config.maxIncomingMessageBytes);
        socket->setMaxAllowedIncomingFrameSize(m_config.maxIncomingMessageBytes);
    }

    QNetworkRequest request(m_config.url);
    if (m_config.handshakeHeaders) {
        // Recomputed per attempt: signed headers carry a timestamp the venue checks.
        const auto headers = m_config.handshakeHeaders();
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
    }
    d->sinceAttempt.start();
    if (m_config.connectTimeout > 0ms)
        d->connectTimer->start(m_config.connectTimeout);
    setState(State::Connecting, { Reason::Connecting, { safeUrl(m_config.url) }, d->attempt + 1 });
    socket->open(request);
}

void VenueConnection::setConnectTimeout(std::chrono::milliseconds timeout)
{
    m_config.connectTimeout = timeout;
}

void VenueConnection::onConnectTimeout()
{
    // A handshake the network swallows would otherwise hang until the OS gives up (minutes).
    if (d->wanted && d->socket && !d->socketOpen && !d->replaying)
        onSocketLost({ Reason::ConnectTimedOut, {}, 0, qint64(m_config.connectTimeout.count()) });
}

void VenueConnection::onSocketConnected()
{
    if (d->connectTimer)
        d->connectTimer->stop();
    d->socketOpen = true;
    d->attemptResetDone = false;
    d->sinceOpen.start();
    d->wallMinusSteadyNs = wallNowNs() - steadyNowNs();
    d->lastFrameSteadyNs = steadyNowNs();
    const bool isReconnect = d->everOpened;
    d->everOpened = true;
    if (isReconnect)
        ++d->counters.reconnects;
    recordEvent("opened");

    // The venue keeps subscriptions per socket, so a new socket knows none of them.
    for (const auto &subscription : std::as_const(d->subscriptions))
        sendFrame(subscription.second, subscription.first);
    if (!d->replaying && m_config.heartbeatInterval > 0ms
        && (m_config.webSocketPing || !m_config.heartbeatFrame.isEmpty()))
        d->heartbeatTimer->start(m_config.heartbeatInterval);

    setState(openState(), d->resyncReason);
    Q_EMIT opened(isReconnect);
}

void VenueConnection::onSocketLost(const FeedReason &reason)
{
    if (!d->wanted)
        return;
    recordEvent("lost", reason);
    dropSocket(false, englishText(reason));
    scheduleRetry(reason);
}

void VenueConnection::scheduleRetry(const FeedReason &reason)
{
    const auto delay = backoffDelay(d->attempt, m_config.backoffBase, m_config.backoffCap, d->jitter.generateDouble());
    ++d->attempt;
    m_nextAttemptAt = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    if (!d->replaying)
        d->retryTimer->start(delay); // a replay attempts again where the recording did
    FeedReason backingOff = reason;
    backingOff.retryInMs = delay.count();
    setState(State::BackingOff, backingOff);
}

void VenueConnection::dropSocket(bool graceful, const QString &reason)
{
    d->socketOpen = false;
    // What waited was for this socket; the next one is sent every subscription again.
    d->waitingSends.clear();
    d->subscribedOnSocket.clear();
    d->counters.sendsWaiting = 0;
    if (d->paceTimer)
        d->paceTimer->stop();
    if (d->heartbeatTimer)
        d->heartbeatTimer->stop();
    if (d->connectTimer)
        d->connectTimer->stop();
    QWebSocket *socket = std::exchange(d->socket, nullptr);
    if (!socket)
        return;
    // Whatever the dying socket still reports (disconnected, error) is no news to us.
    socket->disconnect(this);
    if (graceful && socket->state() == QAbstractSocket::ConnectedState) {
        connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kCloseGrace, socket, &QObject::deleteLater);
        socket->close(QWebSocketProtocol::CloseCodeNormal, reason);
    } else {
        socket->abort();
        socket->deleteLater();
    }
}

void VenueConnection::onFrame(qint64 size, qint64 steadyNs)
{
    ++d->counters.messages;
    d->counters.bytes += quint64(size);
    d->lastMessageSteadyNs = steadyNs;
    d->lastFrameSteadyNs = steadyNs;
    if (m_state == State::Stale)
        setState(openState(), d->resyncReason);
}

void VenueConnection::onWatchdogTick()
{
    if (!d->wanted)
        return;
    if (!d->socketOpen) // a pending handshake has its own timer (connectTimeout)
        return;

    if (!d->attemptResetDone && d->sinceOpen.elapsed() >= m_config.backoffResetAfter.count()) {
        d->attemptResetDone = true;
        d->attempt = 0;
    }

    const qint64 silentMs = d->silentMs();
    if (m_config.silenceTimeout > 0ms && silentMs >= m_config.silenceTimeout.count()) {
        onSocketLost({ Reason::Silent, {}, 0, silentMs });
        return;
    }
    if (m_config.staleAfter > 0ms && silentMs >= m_config.staleAfter.count() && m_state == State::Live)
        setState(State::Stale, { Reason::NoData, {}, 0, silentMs });
}

void VenueConnection::onRateTick()
{
    const qint64 windowMs = std::max<qint64>(d->rateWindow.restart(), 1);
    d->wallMinusSteadyNs = wallNowNs() - steadyNowNs();
    const quint64 received = d->counters.messages - d->messagesAtRateTick;
    d->messagesAtRateTick = d->counters.messages;
    d->counters.messagesPerSecond = double(received) * 1000.0 / double(windowMs);
}

void VenueConnection::sendFrame(const QByteArray &frame, const QString &subscribeKey)
{
    if (!d->socketOpen || frame.isEmpty())
        return;
    if (!d->replaying && m_config.sendBudget) {
        const int waitMs = d->waitingSends.isEmpty() ? m_config.sendBudget->tryTake() : -1;
        if (waitMs != 0) { // behind others, or no token now
            d->waitingSends.append({ frame, subscribeKey });
            ++d->counters.pacedSends;
            d->counters.sendsWaiting = d->waitingSends.size();
            if (waitMs > 0)
                d->paceTimer->start(waitMs);
            return;
        }
    }
    writeFrame(frame, subscribeKey);
}

void VenueConnection::writeFrame(const QByteArray &frame, const QString &subscribeKey)
{
    if (!subscribeKey.isEmpty())
        d->subscribedOnSocket.insert(subscribeKey);
    qCDebug(lcNet).noquote() << m_config.venue << "send" << framePreview(frame);
    if (d->replaying)
        return;
    recordFrame(false, false, wallNowNs(), frame);
    d->socket->sendTextMessage(QString::fromUtf8(frame));
}

void VenueConnection::onPaceTick()
{
    if (!d->socketOpen)
        return;
    while (!d->waitingSends.isEmpty()) {
        if (const int waitMs = m_config.sendBudget->tryTake(); waitMs > 0) {
            d->paceTimer->start(waitMs);
            break;
        }
        const Private::WaitingSend next = d->waitingSends.takeFirst();
        writeFrame(next.frame, next.subscribeKey);
    }
    d->counters.sendsWaiting = d->waitingSends.size();
}

bool VenueConnection::sendText(const QByteArray &frame)
{
    if (!d->socketOpen)
        return false;
    sendFrame(frame);
    return true;
}

void VenueConnection::addSubscription(const QString &key, const QByteArray &frame)
{
    auto existing = std::find_if(d->subscriptions.begin(), d->subscriptions.end(),
                                 [&key](const auto &subscription) { return subscription.first == key; });
    if (existing != d->subscriptions.end())
        existing->second = frame; // keeps its place in the re-send order
    else
        d->subscriptions.append({ key, frame });
    sendFrame(frame, key);
}

void VenueConnection::removeSubscription(const QString &key, const QByteArray &unsubscribeFrame)
{
    d->subscriptions.removeIf([&key](const auto &subscription) { return subscription.first == key; });
    // A subscribe still waiting for the pacing is taken back; the venue hears an unsubscribe only for what it was
    // sent. So a trader stepping through instruments faster than the pacing sends leaves no backlog of stale pairs.
    const qsizetype taken
        = d->waitingSends.removeIf([&key](const Private::WaitingSend &send) { return send.subscribeKey == key; });
    if (taken > 0) {
        d->counters.sendsWaiting = d->waitingSends.size();
        if (!d->subscribedOnSocket.contains(key))
            return;
    }
    d->subscribedOnSocket.remove(key);
    sendFrame(unsubscribeFrame);
}

qsizetype VenueConnection::subscriptionCount() const
{
    return d->subscriptions.size();
}

bool VenueConnection::hasSubscription(const QString &key) const
{
    return std::any_of(d->subscriptions.cbegin(), d->subscriptions.cend(),
                       [&key](const auto &subscription) { return subscription.first == key; });
}

void VenueConnection::noteDecodeError()
{
    ++d->counters.decodeErrors;
}

void VenueConnection::setResyncing(bool resyncing, const FeedReason &reason)
{
    d->resyncing = resyncing;
    d->resyncReason = resyncing ? reason : FeedReason {};
    // Outside an open socket the flag waits: the state shows it as soon as the socket opens.
    if (d->socketOpen && m_state != State::Stale)
        setState(openState(), d->resyncReason);
}

} // namespace tapescope
