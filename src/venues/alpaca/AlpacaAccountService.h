#pragma once

#include "AlpacaAccount.h"
#include "AlpacaService.h"

#include "core/AccountState.h"
#include "net/VenueService.h"

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::alpaca {

// One Alpaca trading account (the one the key pair belongs to): the trading stream and the REST bootstrap
// (docs/protocols/alpaca.md §1.2, §1.3, §9, §10).
//
// On every (re)connect: sign in on the stream (the `auth` frame; when refused, the older `authenticate` form once
// before giving up), read /v2/account (the account's id names every event), `listen` to trade_updates, then the REST
// bootstrap: /v2/account, /v2/positions, /v2/orders?status=open and the newest fills (/v2/account/activities/FILL,
// paged). An order we knew as open that the venue no longer lists is read with /v2/orders/{id} (status "closed"
// when the venue does not know it). Then AccountSynced. Every event passes through an AccountState first, so a fill
// is published once across reconnects (by execution: order id and cumulative quantity, see executionKey()) and an
// unchanged position is not published again. Positions and the summary have no stream: they are re-read over REST
// every `pollIntervalMs` and shortly after every fill.
//
// The venue's refusals get plain words and no reconnect storm, as on market data: keys refused on the stream or by
// REST (401/403) stop the feed until new keys come; "connection limit" backs off for a long time.
class AlpacaAccountService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        QUrl tradingBase; // empty: the paper or live host (tradingBaseUrl)
        bool paper = true;
        // What names the account in every event; empty: the venue's account id (/v2/account `id`). The app uses
        // the name in its settings, so the Account panel's rows and the feed's state meet under one name.
        QString accountName;
        int pollIntervalMs = 5000; // positions and account re-read this often once synced
        int refreshAfterFillMs = 300; // ... and this long after a fill
        int bootstrapRetryMs = 3000; // a failed bootstrap request is retried after this long
        int fillPages = 5; // newest fills read at bootstrap: up to this many pages of `fillPageSize`
        int fillPageSize = 100;
        std::chrono::milliseconds connectionLimitBackoff { 60000 };
        std::chrono::milliseconds connectionLimitBackoffCap { 15 * 60000 };
        ConnectionConfig connection = AlpacaService::defaultConnection();
    };

    AlpacaAccountService(Credentials credentials, Options options, QObject *parent = nullptr);
    ~AlpacaAccountService() override;

    static QString venueName() { return QStringLiteral("alpaca"); }
    QUrl tradingBase() const { return m_base; }
    QUrl streamUrl() const;
    const QString &account() const { return m_decoder.account(); }
    // For tests and diagnostics; read in the service's thread.
    const AccountState &state() const { return m_state; }
    int streamSignIns() const { return m_signIns; } // sign-in frames sent, all connections

public Q_SLOTS:
    void setCredentials(const QString &keyId, const QString &secret);

private:
    enum class Phase { Closed, SigningIn, ReadingAccount, Listening, Bootstrapping, Synced, Stopped };

    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void checkDeadlines() override;

    void onOpened();
    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void onAuthorization(const TradingMessage &message);
    void onStreamError(const QString &words);
    void stopForKeys(const QString &words);
    void backOffForConnectionLimit(const QString &words);

    QNetworkReply *get(const QString &path, const QList<QPair<QString, QString>> &query = {});
    // A finished reply's JSON, or why not; *refused when the venue refused the keys (401, 403).
    std::optional<QJsonDocument> replyJson(QNetworkReply *reply, const QString &what, QString *error, bool *refused);
    void readAccount();
    void startBootstrap();
    void requestFills(const QString &pageToken, int page);
    void bootstrapPartDone();
    void bootstrapFailed(const QString &error, bool refused);
    void reconcileOrders();
    void finishSync();
    void refreshState();

    void publish(AccountEventBatch events);
    void publishPositions(std::vector<AccountPosition> positions, std::int64_t ts, bool snapshot);

    Credentials m_credentials;
    Options m_options;
    QUrl m_base;
    AccountDecoder m_decoder;
    QNetworkAccessManager *m_network = nullptr;
    AccountState m_state;
    Phase m_phase = Phase::Closed;
    TradingAuthForm m_authForm = TradingAuthForm::Auth;
    int m_refusals = 0; // sign-ins refused in a row (each form once, then stop)
    int m_signIns = 0;

    int m_generation = 0; // answers for an earlier connection are dropped
    int m_bootstrapPending = 0;
    bool m_bootstrapFailed = false;
    std::vector<AccountOrder> m_bootstrapOrders;
    std::vector<AccountFill> m_bootstrapFills;
    int m_statusQueries = 0;
    QTimer m_retryTimer { this };
    QTimer m_refreshAfterFill { this };
    QElapsedTimer m_sinceRefresh;
    bool m_refreshing = false;

    QTimer *m_limitTimer = nullptr;
    QDateTime m_limitRetryAt;
    QString m_limitError;
    int m_connectionLimitStrikes = 0;
    QString m_stopReason;
    quint64 m_malformed = 0;
};

} // namespace tapescope::alpaca
