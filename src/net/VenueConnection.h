#pragma once

#include "net/ConnectionState.h"
#include "net/FeedReason.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QAbstractSocket>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QWebSocket;
class QTimer;

namespace tapescope {

class SendBudget;

// How a connection behaves. Venue services fill this in; the connection knows no venue's JSON.
struct ConnectionConfig
{
    QString venue; // for logs and stats: "hyperliquid"
    QUrl url; // ws:// or wss://
    std::chrono::milliseconds backoffBase { 500 }; // first retry waits up to this long (full jitter)
    std::chrono::milliseconds backoffCap { 30000 }; // no retry waits longer than this
    std::chrono::milliseconds heartbeatInterval { 20000 }; // send heartbeatFrame this often while open (0 = never)
    QByteArray heartbeatFrame; // e.g. {"method":"ping"}; sent as a text frame
    // Venues without an application heartbeat (Kalshi, Alpaca): send WebSocket Ping control frames every
    // heartbeatInterval instead, and count their Pongs as signs of life for the watchdog.
    bool webSocketPing = false;
    std::chrono::milliseconds staleAfter { 30000 }; // no frame for this long -> Stale
    std::chrono::milliseconds silenceTimeout { 60000 }; // no frame for this long -> dead, reconnect
    // From the start of an attempt to the end of the WebSocket handshake (TCP, TLS, upgrade); a server that accepts
    // and never answers the upgrade is dropped after this long (0 = only the OS's own TCP timeout).
    std::chrono::milliseconds connectTimeout { 15000 };
    // The largest message (and frame) accepted from the venue: a larger one is refused by QWebSocket as its header
    // arrives, before its payload is buffered, the socket is dropped and the connection starts over (counted in
    // ConnectionStats::oversizedFrames). Venues whose snapshots are larger set their own.
    quint64 maxIncomingMessageBytes = 16 * 1024 * 1024;
    // Called before every (re)connect attempt for handshake headers (fresh signatures).
    std::function<QList<QPair<QByteArray, QByteArray>>()> handshakeHeaders;
    // The retry counter (and so the backoff ceiling) resets once a connection has stayed open this
    // long; a venue that accepts and then drops at once keeps backing off instead of hammering it.
    std::chrono::milliseconds backoffResetAfter { 10000 };
    // What a recording keeps of each frame sent: the venue's own redaction of credentials and signatures (a
    // recording never holds one). Unset: the conservative generic rules (record/Redaction.h).
    std::function<QByteArray(const QByteArray &frame)> redactSent;
    // Outgoing pacing: each frame sent takes a token from this budget (shared by every connection to the venue, in
    // any thread); frames that find none wait in order (subscriptions, heartbeats, requests alike) and go as tokens
    // come. A socket that drops forgets what waits: its subscriptions are sent again, paced, on the next socket. For a
    // venue that limits the messages a client sends (Hyperliquid, docs/protocols/hyperliquid.md §5). Null: unpaced.
    std::shared_ptr<SendBudget> sendBudget;
};

class FeedTape;

// Why a socket failed, in plain words (SocketError; `number` is the HTTP status when a server answered the upgrade
// with one): "connection refused by 127.0.0.1:9", "the server answered HTTP 404 Not Found instead of a WebSocket
// upgrade", "host not found: example.invalid". Qt's internal texts stay out of user messages.
FeedReason socketFailureReason(QAbstractSocket::SocketError error, const QString &qtText, const QUrl &url);

// Owns one QWebSocket: reconnects with exponential backoff and full jitter, sends the venue's
// heartbeat, runs a silence watchdog, and re-sends every active subscription after a reconnect.
// Lives in the thread of its venue service; all calls must come from that thread.
class VenueConnection : public QObject
{
    Q_OBJECT

public:
    using State = ConnectionState;

    explicit VenueConnection(ConnectionConfig config, QObject *parent = nullptr);
    ~VenueConnection() override;

    const ConnectionConfig &config() const { return m_config; }
    State state() const { return m_state; }
    // Why the connection is in its state: the drop behind a BackingOff, the silence behind a Stale, ...
    const FeedReason &stateReason() const { return m_stateReason; }
    // When the next attempt is due (valid only in BackingOff).
    QDateTime nextAttemptAt() const { return m_nextAttemptAt; }
    ConnectionStats stats() const;
    // Failed attempts since the connection was last stably open: the next delay is drawn from
    // [0, min(cap, base * 2^retryAttempt())].
    int retryAttempt() const;

    // The handshake timeout of the attempts to come (ConnectionConfig::connectTimeout).
    void setConnectTimeout(std::chrono::milliseconds timeout);

    // Starts connecting (and keeps reconnecting until close()).
    void open();
    // Closes for good: no more reconnects. State becomes Down with `reason`, which the venue also gets in
    // the close frame.
    void close(const FeedReason &reason = { FeedReason::Code::Closed });

    // Remembers a subscription under `key` and sends `frame` now if open; re-sent after every reconnect.
    void addSubscription(const QString &key, const QByteArray &frame);
    // Forgets the subscription and sends `unsubscribeFrame` if open and non-empty.
    void removeSubscription(const QString &key, const QByteArray &unsubscribeFrame = QByteArray());
    bool hasSubscription(const QString &key) const;
    qsizetype subscriptionCount() const;

    // Sends a text frame now if open; returns false if not open.
    bool sendText(const QByteArray &frame);

    // The service reports integrity problems through these so they show in state and stats.
    void noteDecodeError();
    void setResyncing(bool resyncing, const FeedReason &reason = {});
    // Drop the socket and reconnect through the backoff path (e.g. after a fatal venue error).
    void reconnect(const FeedReason &reason);
    // Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base * 2^attempt)].
    static std::chrono::milliseconds backoffDelay(int attempt, std::chrono::milliseconds base,
                                                  std::chrono::milliseconds cap, double unitRandom);

    // Recording and replay (docs/recording.md). A connection attaches to the FeedTape current when it is made;
    // setTape() attaches it to another (before open()). Recording: every frame received (with its receive time),
    // every frame sent (redacted) and every connection event go to the tape. Replay: no socket, no timers of its
    // own (heartbeat, watchdog, retry); the tape's player opens it, feeds it frames and drops it as recorded.
    void setTape(FeedTape *tape);
    FeedTape *tape() const;
    bool isReplaying() const;
    // The player: a recorded frame (with its receive time) or connection event ("attempt", "opened", "lost").
    void replayFrame(const QByteArray &frame, bool binary, qint64 receivedAtNs);
    void replayEvent(const QString &event, const FeedReason &reason, std::optional<quint32> jitterSeed = {});
    // The service published a batch (VenueService::flush()): recorded, so a replay publishes at the same points.
    void notePublished();
    void replayPublish();

Q_SIGNALS:
    // The state or its reason changed.
    void stateChanged(tapescope::ConnectionState state);
    // Emitted for every text frame, in the connection's thread, with the receive time (ms since epoch).
    void textFrameReceived(const QByteArray &frame, qint64 receivedAtMs);
    void binaryFrameReceived(const QByteArray &frame, qint64 receivedAtMs);
    // The socket is open and every subscription has been re-sent.
    void opened(bool isReconnect);
    // Replay: publish the pending batch now, where the recorded session published it.
    void replayPublishRequested();

private:
    void setState(State state, const FeedReason &reason);
    State openState() const;
    void ensureTimers();
    void startAttempt();
    void onSocketConnected();
    void onSocketLost(const FeedReason &reason);
    void onConnectTimeout();
    void onFrame(qint64 size, qint64 steadyNs); // steadyNs: when it arrived, on the steady clock
    void onWatchdogTick();
    void onRateTick();
    void scheduleRetry(const FeedReason &reason);
    void dropSocket(bool graceful, const QString &reason);
    // Now, or after the frames waiting for the pacing; `subscribeKey`: the subscription a subscribe frame is for.
    void sendFrame(const QByteArray &frame, const QString &subscribeKey = {});
    void writeFrame(const QByteArray &frame, const QString &subscribeKey); // to the socket, now
    void onPaceTick();
    void recordEvent(const char *event, const FeedReason &reason = {}, const QString &url = {},
                     std::optional<quint32> jitterSeed = {});
    void recordFrame(bool received, bool binary, qint64 timeNs, const QByteArray &frame);

    ConnectionConfig m_config;
    State m_state = State::Disconnected;
    FeedReason m_stateReason;
    QDateTime m_nextAttemptAt;
    struct Private;
    Private *d = nullptr;
};

} // namespace tapescope
