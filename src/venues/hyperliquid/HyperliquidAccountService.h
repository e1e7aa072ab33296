#pragma once

#include "core/AccountState.h"
#include "net/VenueService.h"
#include "venues/hyperliquid/HyperliquidAccount.h"
#include "venues/hyperliquid/HyperliquidCodec.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonDocument>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope::hyperliquid {

// One Hyperliquid account (an address: public, no keys) on its own socket (docs/protocols/hyperliquid.md §12.9:
// orderUpdates and user frames name no user, so one connection per account is the only sure attribution).
//
// On every (re)connect: the streams are (re)subscribed (userFills, orderUpdates, userEvents, userFundings,
// userNonFundingLedgerUpdates), then the REST bootstrap runs (clearinghouseState, spotClearinghouseState,
// frontendOpenOrders, userFills); an order we knew as open that the venue no longer lists is asked about
// (orderStatus) and gets one event with its final status ("closed" when the venue cannot say); then
// AccountSynced. Every event passes through an AccountState first, so a fill, funding payment or ledger entry
// is published once across reconnects (the userFills snapshot repeats history) and an unchanged position is
// not published again.
//
// Positions and balances: the streamed clearinghouseState and spotState channels (§7.16) are subscribed after
// the first sync. They are newer than the documented catalogue, so until the server has pushed one of them (and
// after it refuses them, or drops the connection right after they were asked for) the service refreshes both
// over REST every `pollIntervalMs` and shortly after every fill instead.
class HyperliquidAccountService : public VenueService
{
    Q_OBJECT

public:
    struct Options
    {
        int pollIntervalMs = 5000; // REST refresh of positions and balances while they are not streamed
        int refreshAfterFillMs = 300; // ... and this long after a fill
        int bootstrapRetryMs = 3000; // a failed bootstrap request is retried after this long
        ConnectionConfig connection; // url/heartbeat are filled in from the endpoints when left empty
    };

    // `account` must be a normalized address (normalizedAddress()).
    HyperliquidAccountService(Endpoints endpoints, QString account, Options options, QObject *parent = nullptr);
    ~HyperliquidAccountService() override;

    static QString venueName() { return QStringLiteral("hyperliquid"); }
    const QString &account() const { return m_account; }
    // For tests and diagnostics; read in the service's thread.
    const AccountState &state() const { return m_state; }
    bool positionsStreamed() const { return m_stateStreams == StateStreams::Offered; }

public Q_SLOTS:
    // activeAssetData for one perp (leverage, max trade sizes, available to trade); empty: none.
    void setActiveAsset(const QString &coin);

private:
    enum class StateStreams { Unknown, Offered, NotOffered };

    void startFeed() override;
    void stopFeed() override;
    void adjustStatus(FeedStatus &status) const override;
    void connectionStateChanged(ConnectionState state) override;
    void checkDeadlines() override;

    void onFrame(const QByteArray &frame, qint64 receivedAtMs);
    void startBootstrap();
    using PartHandler = std::function<bool(const QJsonDocument &, QString *)>;
    void requestPart(int generation, const QString &type, PartHandler handle, const QString &fallback);
    void bootstrapPartDone();
    void reconcileOrders();
    void finishSync();
    void refreshState(bool positions, bool balances);
    void subscribeStateStreams();
    void dropStateStreams(const QString &why);
    QNetworkReply *postInfo(const QByteArray &body);

    std::optional<AccountOrder> partiallyFilled(const AccountFill &fill) const;
    // Applies events through the state and publishes what changed.
    void publish(AccountEventBatch events);
    // The positions/balances a full state names; those it no longer names become flat / zero.
    void publishPositions(std::vector<AccountPosition> positions, const AccountSummary &summary, bool snapshot);
    void publishBalances(std::vector<AccountBalance> balances, std::int64_t ts, bool snapshot);

    Endpoints m_endpoints;
    QString m_account;
    Options m_options;
    AccountDecoder m_decoder;
    Codec m_codec; // acks, errors, pong: everything that is not an account channel
    QNetworkAccessManager *m_network = nullptr;
    AccountState m_state;
    QString m_activeAsset;

    // The bootstrap of the current connection (a generation number drops answers from an earlier one).
    int m_generation = 0;
    int m_bootstrapPending = 0;
    bool m_bootstrapFailed = false;
    bool m_syncing = false;
    std::vector<AccountOrder> m_bootstrapOrders;
    int m_statusQueries = 0;
    QTimer m_retryTimer { this };

    StateStreams m_stateStreams = StateStreams::Unknown;
    qint64 m_stateStreamsAskedAtMs = 0;
    QElapsedTimer m_sinceRefresh;
    QTimer m_refreshAfterFill { this };
    quint64 m_malformed = 0;
};

} // namespace tapescope::hyperliquid
