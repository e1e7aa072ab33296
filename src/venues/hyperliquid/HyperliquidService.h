#pragma once

#include "core/Events.h"
#include "net/VenueService.h"
#include "venues/hyperliquid/HyperliquidCodec.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QUrl>

#include <atomic>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

QT_FORWARD_DECLARE_CLASS(QTimer)

namespace tapescope::hyperliquid {

// Where a Hyperliquid deployment lives (docs/protocols/hyperliquid.md §1).
struct Endpoints
{
    enum class Environment { Mainnet, Testnet, Custom };
    QUrl restBase; // https://api.hyperliquid.xyz
    QUrl wsUrl; // wss://api.hyperliquid.xyz/ws

    static Endpoints mainnet();
    static Endpoints testnet();
    // A custom deployment given by its REST base ("http://127.0.0.1:3001") or its WS URL ("ws://host:port/ws");
    // the other URL is derived the way the official SDK does: ws_url = "ws" + base[len("http"):] + "/ws".
    static std::optional<Endpoints> custom(const QUrl &url, QString *error = nullptr);
};

// The venue's limits on what a client sends (§5): the pacing shared by every Hyperliquid socket of the process, and
// the subscriptions one connection may hold (the venue counts 1000 per IP; a subscription beyond is refused here,
// not sent).
inline constexpr int kSendBurst = 10;
inline constexpr double kSendPerSecond = 15.0;
inline constexpr qsizetype kMaxSubscriptions = 1000;

// The budget every Hyperliquid connection of this process sends from: kSendBurst at once, then kSendPerSecond.
std::shared_ptr<SendBudget> sendBudget();

// The connection settings for a Hyperliquid socket: the endpoints' URL, the JSON ping (§4) and sendBudget(), where
// `config` leaves them unset.
ConnectionConfig connectionTo(const Endpoints &endpoints, ConnectionConfig config);

// Ties one VenueConnection to the Hyperliquid codec: maps user subscriptions to wire subscriptions, runs the REST
// bootstrap (meta, spotMeta, candleSnapshot), stamps receive times, and emits normalized events in batches.
// Batches keep only the newest BookSnapshot of an instrument (coalesceSnapshots()).
class HyperliquidService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        // 0: flush when the worker's event queue drains (a 0 ms single-shot timer runs after the socket read
        // that filled the batch), so a quiet feed costs no latency and a busy one still batches; > 0: at most
        // this often. 16 ms added ~16 ms at p50 and missed "p99 < 1 ms at 10k msgs/s" (bench/README.md).
        int batchIntervalMs = 0;
        // A batch is flushed at once when it holds this many events or this many frames were decoded into it.
        // Counting frames too keeps the hub's book at most this many frames old under a burst: coalesced
        // snapshots no longer grow the batch, and the drain timer alone fired only ~50-180 times/s at 150k
        // frames/s (bench/README.md).
        int maxBatchEvents = 512;
        // Benchmarks: called in the service thread with every frame before it is decoded (latency probes).
        std::function<void(const QByteArray &frame)> frameProbe;
        bool fetchMetadata = true; // REST meta/spotMeta before subscribing
        // A meta or spotMeta request that failed (HTTP 429 under the venue's rate limit, a timeout) is asked again
        // after this long, doubling up to metadataRetryCapMs, or after the venue's Retry-After when that is longer.
        // The socket does not wait for it; the listing is published again, whole, when the answer comes.
        int metadataRetryMs = 2000;
        int metadataRetryCapMs = 60000;
        // The screen wants the newest book only, so a pending snapshot is overwritten by a newer one of the same
        // instrument. A stream (the CLI) must print every book the venue sent: false keeps them all. Memory stays
        // bounded there because the CLI reads the socket in the thread that prints: a slow stdout stops the
        // reading and TCP pushes back on the venue.
        bool coalesceSnapshots = true;
        ConnectionConfig connection; // url/heartbeat are filled in from the endpoints when left empty
    };

    // What the batching did, for benchmarks and diagnostics; readable from any thread.
    struct BatchStats
    {
        quint64 batches = 0; // eventsReady emitted
        quint64 events = 0; // events in them
        quint64 supersededSnapshots = 0; // BookSnapshots replaced by a newer one of the same instrument before a flush
    };

    explicit HyperliquidService(Endpoints endpoints, Options options, QObject *parent = nullptr);
    explicit HyperliquidService(Endpoints endpoints, QObject *parent = nullptr);
    ~HyperliquidService() override;

    static QString venueName() { return QStringLiteral("hyperliquid"); }
    const Endpoints &endpoints() const { return m_endpoints; }
    const CodecStats &codecStats() const { return m_codec.stats(); }
    BatchStats batchStats() const;

public Q_SLOTS:
    void subscribe(const tapescope::hyperliquid::Subscription &subscription);
    void unsubscribe(const tapescope::hyperliquid::Subscription &subscription);
    void requestCandleHistory(const QString &coin, const QString &interval, qint64 startMs, qint64 endMs);

private:
    void startFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void batchClosing(const EventBatch &batch) override;
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void coalesceSnapshots(std::size_t firstNew);
    void fetchMetadata();
    void requestMetadata(bool spot);
    void retryMetadata();
    void openSocket();
    QNetworkReply *postInfo(const QByteArray &body);

    Endpoints m_endpoints;
    Options m_options;
    Codec m_codec;
    QNetworkAccessManager *m_network = nullptr;
    // Where each instrument's BookSnapshot sits in the pending batch (by symbol: one service serves one venue).
    QHash<QString, std::size_t> m_pendingSnapshotAt;
    int m_pendingFrames = 0; // frames decoded into the pending batch
    std::atomic<quint64> m_batches { 0 };
    std::atomic<quint64> m_batchedEvents { 0 };
    std::atomic<quint64> m_supersededSnapshots { 0 };
    QList<Instrument> m_perps; // from meta
    QList<Instrument> m_spots; // from spotMeta
    int m_metadataPending = 0; // first answers still awaited before the socket opens
    QTimer *m_metadataRetry = nullptr;
    bool m_perpsWanted = false; // a failed part, asked again when m_metadataRetry fires
    bool m_spotsWanted = false;
    int m_metadataFailures = 0; // in a row: the retry delay doubles with each
};

} // namespace tapescope::hyperliquid

Q_DECLARE_METATYPE(tapescope::hyperliquid::Subscription)
