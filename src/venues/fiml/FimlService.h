#pragma once

#include "FimlCodec.h"
#include "FimlPendingRequests.h"
#include "FimlProtocol.h"

#include "core/Events.h"
#include "net/VenueService.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <chrono>
#include <optional>
#include <vector>

namespace tapescope::fiml {

// Where the FIML server is and how often it should poll: the user's settings for this venue.
struct ServiceConfig
{
    QString host = QStringLiteral("127.0.0.1");
    int port = DefaultPort;
    bool tls = false; // wss:// through a TLS reverse proxy (docs/protocols/fiml.md §1)
    int intervalMs = DefaultIntervalMs; // for subscribe requests that do not name one (100..60000)
    QUrl url() const { return streamUrl(host, port, tls); }
    // ws://host:port/ws/stream (or wss://); the path defaults to /ws/stream.
    static std::optional<ServiceConfig> fromUrl(const QUrl &url, QString *error = nullptr);
};

// Ties one VenueConnection to the FIML codec (docs/protocols/fiml.md): keeps the wanted subscriptions and sends them
// again after every reconnect (the server forgets everything with the socket, §7.7), matches acks and
// errors to requests in order (PendingRequests, §4.5), and routes data frames by subscription_id — quote,
// trades and multi_asset data arrive labelled "price" (§4.3), and data of a subscription no longer wanted
// is dropped. Price updates become Tickers (watchlist: price, change, volume, provider, confidence);
// OHLCV updates become Candles (chart). FIML's 30 s heartbeat feeds the watchdog. Requests outside the
// server's limits are refused before sending, with the reason in plain words.
class FimlService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int batchIntervalMs = 16;
        int maxBatchEvents = 512;
        // Every request gets exactly one reply (docs/protocols/fiml.md §5); one missing this long means the session
        // lost track, and a new connection starts it over.
        std::chrono::milliseconds replyTimeout { 10000 };
        // No client heartbeat: the server's 30 s heartbeat is the sign of life (docs/protocols/fiml.md §2).
        ConnectionConfig connection = defaultConnection();
    };
    static ConnectionConfig defaultConnection();

    FimlService(ServiceConfig config, Options options, QObject *parent = nullptr);
    explicit FimlService(ServiceConfig config, QObject *parent = nullptr);
    ~FimlService() override;

    static QString venueName() { return Codec::venue(); }
    const ServiceConfig &config() const { return m_config; }
    const CodecStats &codecStats() const { return m_codec.stats(); }
    int wantedSubscriptions() const { return int(m_wanted.size()); }
    int acknowledgedSubscriptions() const { return int(m_routes.size()); }

public Q_SLOTS:
    // A new, independent FIML subscription. intervalMs 0 takes the configured interval. A request the
    // server would refuse (1-50 symbols, 100-60000 ms, known enums) is not sent: a FeedError
    // "invalid_subscription" says why. Refused by the server: the FeedError carries FIML's reason.
    void subscribe(const tapescope::fiml::SubscribeRequest &request);
    // By stream type, as FIML does: the symbols leave every subscription of that type (all of them
    // when `symbols` is nullopt); an emptied subscription ends.
    void unsubscribe(const tapescope::fiml::UnsubscribeRequest &request);

private:
    struct Wanted
    {
        quint64 tag = 0;
        SubscribeRequest request;
        QString subscriptionId; // empty until acknowledged on the current socket
    };

    void startFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void checkDeadlines() override;
    void onOpened();
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void onReply(const FrameInfo &info);
    void sendSubscribe(const Wanted &wanted);
    Wanted *findWanted(quint64 tag);
    void keepData(const FrameInfo &info);
    void pushRequest(PendingRequests::Request request);

    ServiceConfig m_config;
    Options m_options;
    Codec m_codec;
    PendingRequests m_requests;
    QElapsedTimer m_oldestRequestAge; // since the oldest pending request was sent (or the one before answered)
    EventBatch m_decoded;
    std::vector<Wanted> m_wanted;
    QHash<QString, quint64> m_routes; // subscription_id -> tag of the wanted subscription
    quint64 m_nextTag = 1;
    QString m_lastVenueError;
};

} // namespace tapescope::fiml

Q_DECLARE_METATYPE(tapescope::fiml::SubscribeRequest)
Q_DECLARE_METATYPE(tapescope::fiml::UnsubscribeRequest)
