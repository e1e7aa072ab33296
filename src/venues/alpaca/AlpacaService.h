#pragma once

#include "AlpacaCodec.h"
#include "AlpacaDataFilter.h"
#include "AlpacaProtocol.h"

#include "core/Events.h"
#include "net/VenueService.h"

#include <QtCore/QDateTime>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <chrono>
#include <deque>

namespace tapescope::alpaca {

// An Alpaca API key pair. The secret never reaches a log line or a status detail.
struct Credentials
{
    QString keyId;
    QString secret;

    bool isComplete() const { return !keyId.isEmpty() && !secret.isEmpty(); }
};

// Ties one VenueConnection to the Alpaca market-data codec and runs the session the protocol asks for
// (docs/protocols/alpaca.md §3.1): wait for "connected", sign in, and only then send ONE subscribe with the full
// desired set — after every reconnect too, which is why the service keeps the subscriptions itself instead of handing
// frames to VenueConnection (which would re-send them before the sign-in). Error codes are acted on as classifyError()
// says: a refused request keeps the previous set, 401/404/407/500 reconnect, 406 backs off for a long time, bad keys or
// plan stop the feed until the user acts; each shows in the feed state in plain words. Stock quotes also give a
// one-level book (stocks have no depth on this stream); crypto order books feed the full ladder. Data for symbols no
// longer wanted is dropped (docs/protocols/alpaca.md §4).
class AlpacaService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int batchIntervalMs = 16; // flush decoded events at most this often (and when a batch gets large)
        int maxBatchEvents = 512;
        bool oneLevelBooks = true; // stock quotes also as a one-level BookSnapshot for the ladder
        QUrl url; // empty: the feed's real URL (streamUrl)
        bool sandbox = false; // the sandbox data host instead of the live one
        // After 406 (connection limit) the next attempt waits this long (±25 %), doubling on each repeat up
        // to the cap: another session holds the slot and a quick retry only repeats the refusal.
        std::chrono::milliseconds connectionLimitBackoff { 60000 };
        std::chrono::milliseconds connectionLimitBackoffCap { 15 * 60000 };
        // No app heartbeat exists: WebSocket pings every 10 s (as the SDKs do) keep the watchdog fed.
        ConnectionConfig connection = defaultConnection();
    };
    static ConnectionConfig defaultConnection();

    AlpacaService(Feed feed, Credentials credentials, Options options, QObject *parent = nullptr);
    AlpacaService(Feed feed, Credentials credentials, QObject *parent = nullptr);
    ~AlpacaService() override;

    static QString venueName() { return Codec::venue(); }
    Feed feed() const { return m_feed; }
    QUrl url() const;
    const CodecStats &codecStats() const { return m_codec.stats(); }
    // What the user asked for, and what the server last confirmed (its `subscription` reply).
    const SubscriptionSet &subscriptions() const { return m_desired; }
    const SubscriptionSet &confirmedSubscriptions() const { return m_confirmed; }

public Q_SLOTS:
    // Adds symbols per channel ("*" = every symbol). Channels the feed does not offer (order books on a
    // stock feed; statuses, LULDs, imbalances on crypto) are refused with a FeedError "invalid_subscription".
    void subscribe(const tapescope::alpaca::SubscriptionSet &additions);
    void unsubscribe(const tapescope::alpaca::SubscriptionSet &removals);
    // New keys (e.g. from the settings dialog): a feed stopped for bad keys starts again with them.
    void setCredentials(const QString &keyId, const QString &secret);

private:
    enum class Phase { Closed, AwaitingWelcome, SigningIn, Subscribing, Streaming, Stopped };
    struct Change
    {
        bool subscribe = true;
        SubscriptionSet symbols;
    };

    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void onOpened();
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void onSessionMessage(const SessionMessage &message);
    void onVenueError(int code, const QString &words);
    void sendChange(bool subscribe, const SubscriptionSet &symbols);
    void keep(MarketEvent &&event);
    bool offers(Channel channel) const;
    void backOffForConnectionLimit(const QString &words);

    Feed m_feed;
    Credentials m_credentials;
    Options m_options;
    Codec m_codec;
    DataFilter m_filter;
    QTimer *m_limitTimer = nullptr;
    EventBatch m_decoded;
    Phase m_phase = Phase::Closed;
    SubscriptionSet m_desired;
    SubscriptionSet m_confirmed;
    std::deque<Change> m_changesInFlight; // answered in order by `subscription` or an error
    QString m_lastVenueError; // a refused request, shown while the feed stays live
    QString m_limitError; // the 406 in words, shown while the long backoff runs
    QDateTime m_limitRetryAt;
    int m_connectionLimitStrikes = 0;
};

} // namespace tapescope::alpaca

Q_DECLARE_METATYPE(tapescope::alpaca::SubscriptionSet)
