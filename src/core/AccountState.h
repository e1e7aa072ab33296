#pragma once

#include "AccountEvents.h"

#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtCore/QString>

#include <deque>
#include <optional>
#include <vector>

namespace tapescope {

// One account at one venue, built from its normalized events (the rules the README states for
// `tapescope-cli account`): an order replaces the order with its id, a position the one of its symbol, a balance
// the one of its asset, a summary the summary; fills, funding and ledger entries are append-only, each once by
// identity. Orders that end leave the open set for the order history. Pure: the services use it to reconcile
// and to drop duplicates, the app's AccountHub to show it.
//
// Bounds (Limits): the newest `fills` fills, `orderHistory` ended orders, `funding` payments and `ledger`
// entries are kept. When a list is full, an entry older than the oldest kept is dropped on arrival: it would
// fall off at once, and dropping it keeps "each exactly once" true without remembering every id ever seen.
class AccountState
{
public:
    struct Limits
    {
        int fills = 1000;
        int orderHistory = 500;
        int funding = 500;
        int ledger = 500;
    };

    AccountState();
    explicit AccountState(Limits limits);

    // Applies one event; true when the state changed (a repeated fill, an unchanged position or an order update
    // older than the order's end is no change). A position of size zero removes the position.
    bool apply(const AccountEvent &event);

    // Open orders by id, in no order; openOrdersByTime() newest first.
    const QHash<QString, AccountOrder> &openOrders() const { return m_open; }
    std::vector<AccountOrder> openOrdersByTime() const;
    const std::deque<AccountOrder> &orderHistory() const { return m_history; } // newest first
    const std::deque<AccountFill> &fills() const { return m_fills; } // newest first
    const QHash<QString, AccountPosition> &positions() const { return m_positions; } // non-zero only
    const QHash<QString, AccountBalance> &balances() const { return m_balances; }
    const std::optional<AccountSummary> &summary() const { return m_summary; }
    // The trade account's nonce (part of the summary state): replaced by a different nonce, unchanged otherwise.
    const std::optional<AccountNonce> &nonce() const { return m_nonce; }
    const std::deque<FundingPayment> &funding() const { return m_funding; } // newest first
    const std::deque<LedgerEntry> &ledger() const { return m_ledger; } // newest first
    const QHash<QString, AccountAssetLimits> &assetLimits() const { return m_limits; }
    bool isSynced() const { return m_synced; }
    // The connection dropped: not synced until the next AccountSynced.
    void markUnsynced() { m_synced = false; }

    // An order, open or ended, by id.
    std::optional<AccountOrder> order(const QString &id) const;
    bool hasFill(const QString &identity) const { return m_fillKeys.contains(identity); }

    const Limits &limits() const { return m_bounds; }

private:
    bool applyOrder(const AccountOrder &order);
    bool applyFill(const AccountFill &fill);
    bool applyPosition(const AccountPosition &position);
    bool applyBalance(const AccountBalance &balance);
    bool applySummary(const AccountSummary &summary);
    bool applyFunding(const FundingPayment &funding);
    bool applyLedger(const LedgerEntry &entry);

    Limits m_bounds;
    QHash<QString, AccountOrder> m_open;
    std::deque<AccountOrder> m_history;
    std::deque<AccountFill> m_fills;
    QSet<QString> m_fillKeys;
    QHash<QString, AccountPosition> m_positions;
    QHash<QString, AccountBalance> m_balances;
    std::optional<AccountSummary> m_summary;
    std::optional<AccountNonce> m_nonce;
    std::deque<FundingPayment> m_funding;
    QSet<QString> m_fundingKeys;
    std::deque<LedgerEntry> m_ledger;
    QSet<QString> m_ledgerKeys;
    QHash<QString, AccountAssetLimits> m_limits;
    bool m_synced = false;
};

} // namespace tapescope
