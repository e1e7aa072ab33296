#pragma once

#include "net/VenueService.h"
#include "venues/o2/O2Codec.h"
#include "venues/o2/O2Rest.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::o2 {

// Ties one VenueConnection to the O2 codec. Start-up follows docs/protocols/o2.md §9: GET /v1/markets first (the codec
// needs each market's decimals, users name markets by pair), then the socket. Maps pair names to market
// ids, re-sends subscriptions after a reconnect and rebuilds every depth book from its new snapshot,
// resubscribes a market's depth on `resync_required` (§4.7) or a broken depth frame, and emits batches.
//
// Events carry the normalised market id as `symbol` ("0x09c1…"); instrumentsReady() maps it to the pair
// name for display ({"o2", marketId, "fFUEL/fUSDC"}). Prices and sizes are exact decimals scaled by the
// market's decimals; Trade::side is the aggressor (the wire's side is the maker's, §4.4).
//
// Feed state: Connecting while the markets load, BackingOff while that request is retried; then the
// socket's. Resyncing while any subscribed depth book waits for a snapshot after a reconnect or a
// resync; FeedStatus::resyncs counts book rebuilds asked for by the venue or by a broken frame.
class O2Service : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int batchIntervalMs = 16; // flush decoded events at most this often (and when a batch gets large)
        int maxBatchEvents = 512;
        int marketsRetryBaseMs = 1000; // GET /v1/markets retries: 1, 2, 4 ... s
        int marketsRetryCapMs = 30000;
        int resyncTimeoutMs = 10000; // a book still without its snapshot this long after asking: ask again
        int restTimeoutMs = 15000;
        // Benchmarks: called in the service thread with every frame before it is decoded.
        std::function<void(const QByteArray &frame)> frameProbe;
        // url and heartbeat are filled in when left empty: the text PING every 25 s (docs/protocols/o2.md §2.1, the
        // venue closes after 60 s idle), stale after 35 s of silence, dead after 60 s.
        ConnectionConfig connection = defaultConnection();

        static ConnectionConfig defaultConnection();
    };

    O2Service(Environment environment, Options options, QObject *parent = nullptr);
    explicit O2Service(Environment environment, QObject *parent = nullptr);
    ~O2Service() override;

    static QString venueName() { return QStringLiteral("o2"); }
    // A custom deployment from one URL: its REST base ("http://127.0.0.1:4100") or its WebSocket
    // ("ws://127.0.0.1:4100/v1/ws"); the other is derived (the venue serves /v1/ws beside /v1/...).
    static std::optional<Environment> customEnvironment(const QUrl &url, QString *error = nullptr);

    const Environment &environment() const { return m_environment; }
    bool marketsLoaded() const { return m_marketsLoaded; }
    const MarketTable &markets() const { return m_codec.markets(); }
    const CodecStats &codecStats() const { return m_codec.stats(); }
    // Markets whose depth book is waiting for a snapshot (after a reconnect or resync), normalised ids.
    QSet<QString> booksAwaitingSnapshot() const { return m_awaitingSnapshot; }

public Q_SLOTS:
    // `market` is a pair name ("fFUEL/fUSDC"), a market id or a contract id (docs/protocols/o2.md §6.2). Requests made
    // before the markets have loaded wait for them. An unknown market is reported as FeedError
    // "unknown_market" with `symbol` = the text given.
    // Depth: snapshot then deltas, prices in buckets of 10^precisionExponent chain units (1..18; 1 is
    // the finest). Subscribing again with another precision replaces the subscription (one per market).
    void subscribeDepth(const QString &market, int precisionExponent = 1);
    void unsubscribeDepth(const QString &market);
    void subscribeTrades(const QString &market);
    void unsubscribeTrades(const QString &market);
    // Chart history from GET /v1/bars: resolution 1s 1m 2m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M 3M,
    // times in Unix ms. Answered by candleHistoryReady() with symbol = market id (error set on failure).
    void requestBars(const QString &market, const QString &resolution, qint64 fromMs, qint64 toMs);

private:
    struct PendingRequest
    {
        enum class Kind { Depth, UnsubscribeDepth, Trades, UnsubscribeTrades, Bars };
        Kind kind = Kind::Depth;
        QString market;
        int precisionExponent = 1;
        QString resolution;
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };

    // O2ServiceRest.cpp
    void fetchMarkets();
    void onMarketsReply(QNetworkReply *reply);
    void fetchBars(const Market &market, const QString &resolution, qint64 fromMs, qint64 toMs);
    QNetworkReply *get(const QUrl &url);

    // O2Service.cpp
    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void perform(const PendingRequest &request);
    const Market *resolveMarket(const QString &market);
    void sendDepthSubscription(const QString &marketId);
    void resyncDepth(const QString &marketId, const QString &why);
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void inspect(std::size_t firstNew);
    void updateResyncState();

    Environment m_environment;
    Options m_options;
    Codec m_codec;
    QNetworkAccessManager *m_network = nullptr;
    QTimer *m_marketsRetryTimer = nullptr;
    QTimer *m_resyncTimer = nullptr;
    QList<PendingRequest> m_waitingForMarkets;
    QHash<QString, int> m_depthPrecision; // subscribed depth: market id -> precision exponent
    QSet<QString> m_awaitingSnapshot;
    QNetworkReply *m_marketsReply = nullptr;
    QString m_marketsProblem; // why the last GET /v1/markets failed; empty once it worked
    int m_marketsAttempt = 0;
    quint64 m_resyncs = 0;
    bool m_marketsLoaded = false;
    bool m_wasOpen = false;
};

} // namespace tapescope::o2
