#pragma once

#include "core/Events.h"
#include "net/VenueService.h"
#include "venues/kalshi/KalshiCodec.h"
#include "venues/kalshi/KalshiCommandRateLimit.h"
#include "venues/kalshi/KalshiDiscovery.h"
#include "venues/kalshi/KalshiEndpoints.h"
#include "venues/kalshi/KalshiSigner.h"
#include "venues/kalshi/NflGame.h"

#include <QtCore/QHash>
#include <QtCore/QMap>
#include <QtCore/QSet>
#include <QtCore/QStringList>

#include <deque>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::kalshi {

// The open KXNFLGAME games found by REST discovery (docs/protocols/kalshi.md §13.3, §15 step 1), every page followed.
struct NflDiscovery
{
    std::vector<NflGame> games; // the events that make a game, seeded with their listed prices and states
    std::vector<EventListing> events; // every event listed, with its markets (volume, titles, status)
    QStringList skipped; // why an event did not make a game
    int pages = 0;
    QString error; // non-empty when discovery failed; the lists then hold what came before

    QStringList marketTickers() const; // both markets of every game
};

// Ties one VenueConnection to the Kalshi codec (docs/architecture.md "Data flow"): signs every handshake afresh,
// sends commands with increasing ids, keeps id → command and sid → channel maps, checks integrity (per-sid seq,
// snapshot-then-delta) and resyncs books (get_snapshot, then resubscribe, then reconnect), re-subscribes
// everything after a reconnect (sids die with the connection, §10), de-duplicates trades by trade_id, and runs
// NFL game discovery over REST. Books are published in the YES view.
class KalshiService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int batchIntervalMs = 16; // flush decoded events at most this often (and when a batch gets large)
        int maxBatchEvents = 512;
        int resyncTimeoutMs = 5000; // a resync step that brings no snapshot in this long escalates to the next
        int tradeIdMemory = 4096; // trade ids remembered for de-duplication
        int maxDiscoveryPages = 50; // guards against a cursor that never ends
        // After a command refused for the rate of commands (code 27, §11; the limit is not published), the channel is
        // synced again after this long, doubled with each refusal in a row, at most 32 times this.
        int rateLimitRetryMs = 1000;
        // A discovery page answered HTTP 429 (§11: a REST tier's calls per second exceeded) is asked again after this
        // long (or the venue's Retry-After, if longer), doubled each time in a row, at most six times.
        int discoveryRetryMs = 1000;
        ConnectionConfig connection; // url, keepalive and handshake headers are filled in when left empty
    };

    KalshiService(Endpoints endpoints, Credentials credentials, Options options, QObject *parent = nullptr);
    KalshiService(Endpoints endpoints, Credentials credentials, QObject *parent = nullptr);
    ~KalshiService() override;

    static QString venueName() { return QString::fromLatin1(VenueName); }
    // orderbook_delta, ticker, trade: what a market panel needs.
    static QStringList defaultChannels();

    const Endpoints &endpoints() const { return m_endpoints; }
    const CodecStats &codecStats() const { return m_codec.stats(); }
    quint64 resyncCount() const { return m_resyncs; }
    quint64 duplicateTrades() const { return m_duplicateTrades; }
    // Why the configured key cannot sign (plain words, never key material); empty when it can or none is set.
    QString credentialsProblem() const;

public Q_SLOTS:
    // Streams `channels` (kalshi::channel names) for one market ticker ("KXNFLGAME-25SEP04DALPHI-PHI"). Tickers
    // are exact: no wildcards (§12.4); an invalid one is reported as FeedError "invalid_subscription" and not sent.
    // market_lifecycle_v2 cannot be filtered by market on the wire (§6): it is subscribed once and its
    // MarketStatus events are passed on for the markets that asked for it.
    void subscribeMarket(const QString &marketTicker, const QStringList &channels = defaultChannels());
    // Stops every channel of the market (update_subscription delete_markets, or unsubscribe by sid).
    void unsubscribeMarket(const QString &marketTicker);
    // GET /events?series_ticker=KXNFLGAME&status=open&with_nested_markets=true, following the cursor; then
    // instrumentsReady (both markets of every game, Kind::Prediction, display "PHI (DAL @ PHI)"), nflGamesReady,
    // and nflGamesChanged when the set of games differs from the previous discovery. Works
    // without start(). A market_lifecycle_v2 "created" for an unknown KXNFLGAME market discovers again.
    void discoverNflGames();

Q_SIGNALS:
    void nflGamesReady(const tapescope::kalshi::NflDiscovery &discovery);
    void nflGamesChanged(const tapescope::kalshi::NflDiscovery &discovery);

private:
    // One channel's subscription on the current connection; it dies with the connection (§10).
    struct WireChannel
    {
        qint64 sid = -1;
        qint64 subscribeId = -1; // a subscribe command in flight
        QSet<QString> markets; // the markets the server has (or will have) on the sid
        bool failed = false; // the venue refused it: not retried until the wanted set changes or a reconnect
    };
    struct PendingCommand
    {
        enum class Kind { Subscribe, AddMarkets, DeleteMarkets, GetSnapshot, Unsubscribe };
        Kind kind = Kind::Subscribe;
        QString channel;
        QStringList markets;
        qint64 sid = -1;
    };
    enum class ResyncStep { None, Snapshot, Resubscribe };

    // KalshiService.cpp: lifecycle, frames, status.
    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void onOpened(bool isReconnect);
    bool isDuplicateTrade(const QString &tradeId);
    QList<QPair<QByteArray, QByteArray>> signedHandshakeHeaders();

    // KalshiSubscriptions.cpp: wanted vs wire subscriptions, command replies, integrity and resync.
    qint64 sendCommand(qint64 id, PendingCommand command, const QByteArray &frame);
    void syncChannel(const QString &channel);
    void syncAllChannels();
    void scheduleSync();
    void onAck(const SubscriptionAck &ack);
    void onVenueError(const FeedError &error);
    void retryAfterRateLimit(const QString &channel);
    void onSnapshot(const QString &market);
    void finishResyncIfDone();
    void requestSnapshots(const FeedReason &why, const QStringList &markets);
    void resubscribe(const QString &channel, const FeedReason &why);
    void beginResync(const QStringList &markets, ResyncStep step, const FeedReason &reason);
    void onResyncTimeout();
    QString channelOfSid(qint64 sid) const;

    // KalshiServiceRest.cpp: REST discovery.
    QNetworkReply *getSigned(const QByteArray &pathAndQuery);
    void fetchEventsPage(const QString &cursor);
    void finishDiscovery(const QString &error);

    Endpoints m_endpoints;
    Options m_options;
    Signer m_signer;
    FeedReason m_credentialsProblem;
    bool m_hasCredentials = false;
    Codec m_codec;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_resyncTimer = nullptr;
    bool m_socketOpen = false;
    bool m_syncScheduled = false;
    CommandRateLimit m_rateLimit { m_options.rateLimitRetryMs }; // commands refused with code 27, by channel

    qint64 m_nextCommandId = 1; // unique and increasing for the service's life (§4)
    QMap<QString, QSet<QString>> m_wanted; // channel → markets the user asked for; survives reconnects
    QHash<QString, WireChannel> m_wire; // channel → its subscription on this connection
    QHash<qint64, PendingCommand> m_commands; // command id → what it asked, until answered
    QSet<QString> m_awaitingSnapshot; // books being rebuilt
    ResyncStep m_resyncStep = ResyncStep::None;
    quint64 m_resyncs = 0;

    QSet<QString> m_tradeIds;
    std::deque<QString> m_tradeIdOrder;
    quint64 m_duplicateTrades = 0;

    bool m_discovering = false;
    int m_discoveryRateLimited = 0; // 429 answers in a row
    NflDiscovery m_discovery; // the one being assembled
    QSet<QString> m_knownGames; // event tickers of the last finished discovery
    QSet<QString> m_knownNflMarkets;
};

} // namespace tapescope::kalshi

Q_DECLARE_METATYPE(tapescope::kalshi::NflDiscovery)
