#pragma once

#include "core/AccountState.h"
#include "net/VenueService.h"
#include "venues/kalshi/KalshiAccount.h"
#include "venues/kalshi/KalshiCodec.h"
#include "venues/kalshi/KalshiCommandRateLimit.h"
#include "venues/kalshi/KalshiEndpoints.h"
#include "venues/kalshi/KalshiSigner.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QTimer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::kalshi {

// One Kalshi member's portfolio (the API key identifies the member) on its own signed socket
// (docs/protocols/kalshi.md "Account", §2, §6, §10).
//
// On every (re)connect: the private channels fill, market_positions and user_orders are subscribed (one command each:
// a server without user_orders refuses only that one), then the signed REST bootstrap runs over /portfolio/balance,
// /portfolio/positions, /portfolio/orders?status=resting and /portfolio/fills, every page followed by its cursor; an
// order we knew as open that is no longer resting is looked up (/portfolio/orders/{id}, "closed" when that fails);
// then AccountSynced. Every event passes through an AccountState, so a fill is published once across reconnects and
// an unchanged position is not published again. These channels carry no seq (§10): a terminal subscription error
// (10/25) or a sequence gap reconnects, which re-bootstraps. Kalshi streams no balance: it is refreshed over REST
// every `pollIntervalMs` and shortly after each fill. A refused key (HTTP 401/403 on the upgrade or a REST call)
// is reported once as "auth_rejected" and the feed stays down: no retries with a doomed key.
class KalshiAccountService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int pollIntervalMs = 5000; // balance refresh
        int refreshAfterFillMs = 300;
        int bootstrapRetryMs = 3000;
        // A subscribe refused for the rate of commands (code 27, §11; the limit is not published) is sent again after
        // this wait, doubled for each refusal in a row up to 32 times; the market service does the same.
        int rateLimitRetryMs = 1000;
        int pageLimit = 100; // `limit` of each portfolio page
        int maxPages = 50; // per list: a cursor that never ends stops here
        int maxFillPages = 5; // fill history read at bootstrap (newest first)
        ConnectionConfig connection; // url/keepalive/handshake headers are filled in when left empty
    };

    // `account` is the name printed as `account` (the key itself never is).
    KalshiAccountService(Endpoints endpoints, Credentials credentials, QString account, Options options,
                         QObject *parent = nullptr);
    ~KalshiAccountService() override;

    static QString venueName() { return QString::fromLatin1(VenueName); }
    const QString &account() const { return m_account; }
    // For tests and diagnostics; read in the service's thread.
    const AccountState &state() const { return m_state; }
    int bootstraps() const { return m_bootstraps; }

private:
    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void checkDeadlines() override;

    QList<QPair<QByteArray, QByteArray>> signedHandshakeHeaders();
    QNetworkReply *getSigned(const QByteArray &pathAndQuery);
    // GETs `what` page by page; `onPage` returns the next cursor (empty: done) or nullopt with *error.
    using PageHandler = std::function<std::optional<QString>(const QJsonObject &, QString *)>;
    void fetchPages(const QString &what, const QString &query, int maxPages, int generation, PageHandler onPage,
                    std::function<void(bool)> done, const QString &cursor = {}, int page = 0);
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void retryAfterRateLimit(const QString &channel);
    void startBootstrap();
    void bootstrapPartDone(bool ok);
    void reconcileOrders();
    void finishSync();
    void refreshBalance();
    void refusedKey(const QString &detail);
    void publish(AccountEventBatch events);

    Endpoints m_endpoints;
    QString m_account;
    Options m_options;
    Signer m_signer;
    FeedReason m_credentialsProblem;
    AccountDecoder m_decoder;
    Codec m_codec; // acks and errors
    QNetworkAccessManager *m_network = nullptr;
    AccountState m_state;

    int m_generation = 0;
    int m_bootstrapPending = 0;
    bool m_bootstrapFailed = false;
    bool m_syncing = false;
    int m_bootstraps = 0;
    std::vector<AccountPosition> m_bootPositions;
    std::vector<AccountOrder> m_bootOrders;
    std::vector<AccountFill> m_bootFills;
    int m_orderQueries = 0;
    QTimer m_retryTimer { this }; // a child: it moves to the feed thread with the service
    QTimer m_refreshAfterFill { this }; // a child: it moves to the feed thread with the service
    QElapsedTimer m_sinceRefresh;
    quint64 m_malformed = 0;
    CommandRateLimit m_rateLimit { m_options.rateLimitRetryMs }; // subscribes refused with code 27
    // This connection's subscribe commands sent again, by id (ids are unique within a connection, §4: the first
    // subscribes are 1 to 3, so these count on from 4).
    QHash<qint64, QString> m_resentSubscribes;
    qint64 m_nextCommandId = 4;
    bool m_refused = false;
};

} // namespace tapescope::kalshi
