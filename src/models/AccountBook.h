#pragma once

#include "AccountModels.h"
#include "FeedState.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

// What the Account panel binds to (Workspace.accounts): the account tables, the account filter they share, and
// the summary of the accounts the filter shows (docs/architecture.md "Accounts"). Amounts are summed over the
// shown accounts; the feed state is the worst of their account feeds'.
class AccountBook : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AccountBook is provided by Workspace.accounts")
    Q_PROPERTY(tapescope::AccountTableModel *positions READ positions CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *openOrders READ openOrders CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *orderHistory READ orderHistory CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *fills READ fills CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *balances READ balances CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *funding READ funding CONSTANT)
    Q_PROPERTY(tapescope::AccountTableModel *ledger READ ledger CONSTANT)
    // "" every account, "venue" a venue's, "venue:account" one (AccountTableModel::account).
    Q_PROPERTY(QString account READ account WRITE setAccount NOTIFY accountChanged)
    // [{key, name, venue}], in the order the accounts were configured.
    Q_PROPERTY(QVariantList accounts READ accounts NOTIFY accountsChanged)
    Q_PROPERTY(int accountCount READ accountCount NOTIFY accountsChanged)
    // The filter's choices: "All accounts" (key "") first, then `accounts`.
    Q_PROPERTY(QVariantList filterOptions READ filterOptions NOTIFY accountsChanged)
    Q_PROPERTY(QString equity READ equity NOTIFY summaryChanged)
    Q_PROPERTY(QString marginUsed READ marginUsed NOTIFY summaryChanged)
    Q_PROPERTY(QString withdrawable READ withdrawable NOTIFY summaryChanged)
    Q_PROPERTY(QString buyingPower READ buyingPower NOTIFY summaryChanged)
    Q_PROPERTY(QString unrealizedPnl READ unrealizedPnl NOTIFY summaryChanged)
    Q_PROPERTY(int unrealizedPnlSign READ unrealizedPnlSign NOTIFY summaryChanged)
    Q_PROPERTY(QString currency READ currency NOTIFY summaryChanged)
    Q_PROPERTY(tapescope::FeedState::Value feedState READ feedState NOTIFY feedChanged)
    Q_PROPERTY(QString feedStateLabel READ feedStateLabel NOTIFY feedChanged)
    Q_PROPERTY(bool feedLive READ feedLive NOTIFY feedChanged)
    Q_PROPERTY(bool synced READ synced NOTIFY feedChanged)

public:
    explicit AccountBook(AccountHub *hub, QObject *parent = nullptr);

    AccountTableModel *positions() const { return m_positions; }
    AccountTableModel *openOrders() const { return m_openOrders; }
    AccountTableModel *orderHistory() const { return m_orderHistory; }
    AccountTableModel *fills() const { return m_fills; }
    AccountTableModel *balances() const { return m_balances; }
    AccountTableModel *funding() const { return m_funding; }
    AccountTableModel *ledger() const { return m_ledger; }

    QString account() const { return m_filter; }
    Q_INVOKABLE void setAccount(const QString &filter);
    QVariantList accounts() const;
    int accountCount() const;
    QVariantList filterOptions() const;

    QString equity() const { return m_equity; }
    QString marginUsed() const { return m_marginUsed; }
    QString withdrawable() const { return m_withdrawable; }
    QString buyingPower() const { return m_buyingPower; }
    QString unrealizedPnl() const { return m_unrealizedPnl; }
    int unrealizedPnlSign() const { return m_unrealizedPnlSign; }
    QString currency() const { return m_currency; }

    FeedState::Value feedState() const;
    QString feedStateLabel() const;
    bool feedLive() const { return feedState() == FeedState::Live; }
    bool synced() const;

Q_SIGNALS:
    void accountChanged();
    void accountsChanged();
    void summaryChanged();
    void feedChanged();

private:
    QList<const AccountRecord *> shown() const;
    void onAccountsChanged(AccountHub::Changes changes);
    void updateSummary();

    QPointer<AccountHub> m_hub;
    AccountTableModel *m_positions;
    AccountTableModel *m_openOrders;
    AccountTableModel *m_orderHistory;
    AccountTableModel *m_fills;
    AccountTableModel *m_balances;
    AccountTableModel *m_funding;
    AccountTableModel *m_ledger;
    QString m_filter;
    QString m_equity;
    QString m_marginUsed;
    QString m_withdrawable;
    QString m_buyingPower;
    QString m_unrealizedPnl;
    int m_unrealizedPnlSign = 0;
    QString m_currency;
};

} // namespace tapescope
