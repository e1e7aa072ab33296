#pragma once

#include "core/AccountState.h"
#include "net/FeedStatus.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <map>
#include <memory>
#include <optional>

namespace tapescope {

class MarketHub;

// One trading account as the GUI sees it: its state built from the account feed's events, the feed's status
// and the label the trader gave it.
struct AccountRecord
{
    QString venue;
    QString account; // the venue's identity (a Hyperliquid address in lower case)
    QString label; // the trader's name for it; empty: none
    AccountState state;
    FeedStatus status;
    bool hasStatus = false; // false until the account feed published its first status

    QString key() const { return venue + QLatin1Char(':') + account; }
    // What a person reads: the label, else a shortened account id ("0xdec0…0001").
    QString displayName() const;
};

// A position valued at the live market (docs/architecture.md "Accounts").
struct PositionValuation
{
    std::optional<Decimal> mark; // the ticker's mark, else the book's mid, else the venue's mark
    std::optional<Decimal> value; // |size| x mark
    std::optional<Decimal> unrealizedPnl; // size x (mark - entry)
    bool live = false; // the mark came from the market data, not from the account feed
};

// The trader's accounts on the GUI thread, next to MarketHub's markets (docs/architecture.md "Accounts"). Each
// account feed's batches are applied to that account's AccountState as they arrive; `batchApplied` goes out
// once per batch, and `accountsChanged` (what the models follow) at most once per display frame: the hub is
// paced by MarketHub's frames, and a moved mark of an instrument an account holds counts as a change too.
class AccountHub : public QObject
{
    Q_OBJECT

public:
    // What a batch or a frame changed, so a model rebuilds only when its part moved.
    enum Change : unsigned {
        NoChange = 0,
        OpenOrders = 1u << 0,
        OrderHistory = 1u << 1,
        Fills = 1u << 2,
        Positions = 1u << 3,
        Balances = 1u << 4,
        Summary = 1u << 5,
        Funding = 1u << 6,
        Ledger = 1u << 7,
        AssetLimits = 1u << 8,
        Sync = 1u << 9,
        Marks = 1u << 10, // a held instrument's live mark moved
        Accounts = 1u << 11, // an account was added, removed or relabelled
    };
    Q_DECLARE_FLAGS(Changes, Change)
    Q_FLAG(Changes)

    explicit AccountHub(MarketHub *market, QObject *parent = nullptr);
    ~AccountHub() override;

    // Known accounts come from the settings; one an event names that was not added is added without a label.
    void addAccount(const QString &venue, const QString &account, const QString &label = {});
    void removeAccount(const QString &venue, const QString &account);
    QStringList accountKeys() const; // "venue:account", in the order they were added
    const AccountRecord *account(const QString &key) const;
    const AccountRecord *account(const QString &venue, const QString &account) const;

    // The position valued at the instrument's live mark, exactly (unrealizedPnlAt, positionValueAt).
    PositionValuation valuation(const AccountPosition &position) const;
    // The instrument's live mark: MarketHub's ticker mark, else its book's mid; nullopt when neither is known.
    std::optional<Decimal> liveMark(const QString &instrumentKey) const;
    // What a person reads for an instrument an account event names (MarketHub::displayName).
    QString instrumentName(const QString &venue, const QString &symbol) const;

public Q_SLOTS:
    // Applies one account feed's batch (its events name venue and account).
    void ingest(const tapescope::AccountEventBatch &batch);
    // The account feed of `account` at `status.venue` reported.
    void setFeedStatus(const QString &account, const tapescope::FeedStatus &status);
    // Sends the pending frame notification now.
    void flush();

Q_SIGNALS:
    void batchApplied(const QString &key, tapescope::AccountHub::Changes changes);
    void accountsChanged(tapescope::AccountHub::Changes changes);
    void feedStatusChanged(const QString &key);

private:
    AccountRecord &recordFor(const QString &venue, const QString &account);
    void note(Changes changes);
    void onMarketChanged(const QString &instrumentKey);

    QPointer<MarketHub> m_market;
    std::map<QString, std::unique_ptr<AccountRecord>> m_accounts;
    QStringList m_order;
    Changes m_pending;
    bool m_flushQueued = false;
};

} // namespace tapescope

Q_DECLARE_OPERATORS_FOR_FLAGS(tapescope::AccountHub::Changes)
