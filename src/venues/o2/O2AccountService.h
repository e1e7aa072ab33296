#pragma once

#include "core/AccountState.h"
#include "net/VenueService.h"
#include "venues/o2/O2Account.h"
#include "venues/o2/O2Codec.h"
#include "venues/o2/O2Rest.h"

#include <QtCore/QTimer>

#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::o2 {

// One O2 trade account (a contract id: public, no keys; docs/protocols/o2.md §3) on its own socket.
//
// GET /v1/markets first (every number is scaled by its market's or asset's decimals, orders are named by market
// id), then the socket with subscribe_orders, subscribe_balances and subscribe_nonce for the account's
// {"ContractId"} identity. On every (re)connect the REST bootstrap runs (§5, §9: orders frames carry only changes,
// so after a reconnect the state comes from REST): the open orders of every market (GET /v1/orders), the balance
// of every listed asset (GET /v1/balance) and the nonce (GET /v1/accounts); an order we knew as open that the
// venue no longer lists is looked up (GET /v1/order) and ends with its final status ("closed" when the venue
// cannot say); then AccountSynced.
//
// O2 has no fill stream: fills are implied by the growth of an order's quantity_fill (impliedFill()). Every event
// passes through an AccountState, so a fill is published once across reconnects and an unchanged balance is not
// published again. An order's quantity_fill never shrinks: an update with less filled than known is stale (a REST
// answer that raced the stream) and dropped; a lower nonce likewise.
class O2AccountService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int bootstrapRetryMs = 3000; // a failed bootstrap (or GET /v1/markets) is retried after this long
        int restTimeoutMs = 15000;
        int openOrdersCount = 100; // GET /v1/orders page size per market
        // url and heartbeat are filled in when left empty (the text PING, docs/protocols/o2.md §2.1).
        ConnectionConfig connection;
    };

    // `account` must be a normalized trade account id (normalizedTradeAccount()).
    O2AccountService(Environment environment, QString account, Options options, QObject *parent = nullptr);
    ~O2AccountService() override;

    static QString venueName() { return QStringLiteral("o2"); }
    const QString &account() const { return m_account; }
    // For tests and diagnostics; read in the service's thread.
    const AccountState &state() const { return m_state; }
    bool marketsLoaded() const { return m_marketsLoaded; }

private:
    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;

    void fetchMarkets();
    void startBootstrap();
    void bootstrapPartDone();
    void reconcileOrders();
    void finishSync();
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    QNetworkReply *get(const QUrl &url);

    // Orders (with the fills they imply), balances and the nonce through the state; what changed is published.
    void publishOrders(std::vector<OrderUpdate> updates, qint64 receivedAtMs);
    void publish(AccountEventBatch events);

    Environment m_environment;
    QString m_account;
    Options m_options;
    AccountDecoder m_decoder;
    Codec m_codec; // PONG, error frames, unknown actions: everything that is not an account frame
    QNetworkAccessManager *m_network = nullptr;
    AccountState m_state;
    bool m_marketsLoaded = false;
    QString m_marketsProblem;

    int m_generation = 0; // answers from an earlier connection's bootstrap are dropped
    int m_bootstrapPending = 0;
    bool m_bootstrapFailed = false;
    bool m_syncing = false;
    QSet<QString> m_listedOrders;
    int m_statusQueries = 0;
    QTimer m_retryTimer { this };
    quint64 m_malformed = 0;
};

} // namespace tapescope::o2
