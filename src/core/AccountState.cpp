#include "AccountState.h"

#include <algorithm>

namespace tapescope {

using namespace Qt::StringLiterals;

bool isFinalOrderStatus(const QString &status)
{
    return status == u"filled"_s || status == u"canceled"_s || status == u"rejected"_s || status == u"expired"_s
        || status == u"closed"_s;
}

std::optional<Decimal> unrealizedPnlAt(const Decimal &size, const Decimal &entry, const Decimal &mark)
{
    const auto move = mark.checkedSub(entry);
    return move ? size.checkedMul(*move) : std::nullopt;
}

std::optional<Decimal> positionValueAt(const Decimal &size, const Decimal &mark)
{
    return (size.isNegative() ? -size : size).checkedMul(mark);
}

namespace {

// Inserts `item` into a newest-first list bounded to `limit`, once per identity. Items mostly arrive newest
// last, so the scan for the insertion point stops at once; a snapshot replayed oldest first still lands in order.
template<typename T> bool insertOnce(std::deque<T> &list, QSet<QString> &keys, const T &item, int limit)
{
    const QString identity = item.identity();
    if (keys.contains(identity))
        return false;
    if (int(list.size()) >= limit && !list.empty() && item.ts < list.back().ts)
        return false; // would fall off at once (see the class comment)
    auto at = std::find_if(list.begin(), list.end(), [&](const T &kept) { return kept.ts <= item.ts; });
    list.insert(at, item);
    keys.insert(identity);
    while (int(list.size()) > limit) {
        keys.remove(list.back().identity());
        list.pop_back();
    }
    return true;
}

bool sameOrder(const AccountOrder &a, const AccountOrder &b)
{
    return a.symbol == b.symbol && a.clientId == b.clientId && a.side == b.side && a.orderType == b.orderType
        && a.price == b.price && a.triggerPrice == b.triggerPrice && a.size == b.size && a.filled == b.filled
        && a.status == b.status && a.venueStatus == b.venueStatus && a.reduceOnly == b.reduceOnly && a.tif == b.tif;
}

// Content, not time: a refresh that finds the same position is no change.
bool samePosition(const AccountPosition &a, const AccountPosition &b)
{
    return a.size == b.size && a.entryPrice == b.entryPrice && a.mark == b.mark && a.unrealizedPnl == b.unrealizedPnl
        && a.realizedPnl == b.realizedPnl && a.liquidationPrice == b.liquidationPrice && a.leverage == b.leverage
        && a.margin == b.margin && a.value == b.value && a.fees == b.fees;
}

bool sameBalance(const AccountBalance &a, const AccountBalance &b)
{
    return a.total == b.total && a.available == b.available && a.locked == b.locked;
}

bool sameSummary(const AccountSummary &a, const AccountSummary &b)
{
    return a.equity == b.equity && a.marginUsed == b.marginUsed && a.withdrawable == b.withdrawable
        && a.buyingPower == b.buyingPower && a.cash == b.cash && a.currency == b.currency;
}

} // namespace

AccountState::AccountState()
    : AccountState(Limits {})
{ }

AccountState::AccountState(Limits limits)
    : m_bounds(limits)
{ }

bool AccountState::apply(const AccountEvent &event)
{
    return std::visit(
        [this](const auto &e) -> bool {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, AccountOrder>)
                return applyOrder(e);
            else if constexpr (std::is_same_v<T, AccountFill>)
                return applyFill(e);
            else if constexpr (std::is_same_v<T, AccountPosition>)
                return applyPosition(e);
            else if constexpr (std::is_same_v<T, AccountBalance>)
                return applyBalance(e);
            else if constexpr (std::is_same_v<T, AccountSummary>)
                return applySummary(e);
            else if constexpr (std::is_same_v<T, FundingPayment>)
                return applyFunding(e);
            else if constexpr (std::is_same_v<T, LedgerEntry>)
                return applyLedger(e);
            else if constexpr (std::is_same_v<T, AccountSynced>) {
                const bool changed = !m_synced;
                m_synced = true;
                return changed;
            } else if constexpr (std::is_same_v<T, AccountNonce>) {
                if (m_nonce && m_nonce->nonce == e.nonce)
                    return false;
                m_nonce = e;
                return true;
            } else {
                static_assert(std::is_same_v<T, AccountAssetLimits>);
                m_limits.insert(e.symbol, e);
                return true;
            }
        },
        event);
}

bool AccountState::applyOrder(const AccountOrder &order)
{
    auto ended = std::find_if(m_history.begin(), m_history.end(),
                              [&](const AccountOrder &kept) { return kept.id == order.id; });
    if (ended != m_history.end()) {
        // An order that ended stays ended: a late "open" (a bootstrap racing the stream) is not a change, nor is the
        // same end told twice (nonUserCancel, then orderUpdates "canceled"); a different final word (the venue's
        // own after our "closed") replaces the first.
        if (!isFinalOrderStatus(order.status) || ended->status == order.status)
            return false;
        *ended = order;
        return true;
    }
    if (isFinalOrderStatus(order.status)) {
        m_open.remove(order.id);
        m_history.push_front(order);
        while (int(m_history.size()) > m_bounds.orderHistory)
            m_history.pop_back();
        return true;
    }
    const auto open = m_open.constFind(order.id);
    if (open != m_open.cend() && sameOrder(*open, order))
        return false;
    m_open.insert(order.id, order);
    return true;
}

bool AccountState::applyFill(const AccountFill &fill)
{
    return insertOnce(m_fills, m_fillKeys, fill, m_bounds.fills);
}

bool AccountState::applyPosition(const AccountPosition &position)
{
    const auto kept = m_positions.constFind(position.symbol);
    if (position.size.isZero())
        return m_positions.remove(position.symbol) > 0;
    if (kept != m_positions.cend() && samePosition(*kept, position))
        return false;
    m_positions.insert(position.symbol, position);
    return true;
}

bool AccountState::applyBalance(const AccountBalance &balance)
{
    const auto kept = m_balances.constFind(balance.asset);
    if (kept != m_balances.cend() && sameBalance(*kept, balance))
        return false;
    m_balances.insert(balance.asset, balance);
    return true;
}

bool AccountState::applySummary(const AccountSummary &summary)
{
    if (m_summary && sameSummary(*m_summary, summary))
        return false;
    m_summary = summary;
    return true;
}

bool AccountState::applyFunding(const FundingPayment &funding)
{
    return insertOnce(m_funding, m_fundingKeys, funding, m_bounds.funding);
}

bool AccountState::applyLedger(const LedgerEntry &entry)
{
    return insertOnce(m_ledger, m_ledgerKeys, entry, m_bounds.ledger);
}

std::vector<AccountOrder> AccountState::openOrdersByTime() const
{
    std::vector<AccountOrder> orders(m_open.cbegin(), m_open.cend());
    std::sort(orders.begin(), orders.end(),
              [](const AccountOrder &a, const AccountOrder &b) { return a.ts != b.ts ? a.ts > b.ts : a.id > b.id; });
    return orders;
}

std::optional<AccountOrder> AccountState::order(const QString &id) const
{
    const auto open = m_open.constFind(id);
    if (open != m_open.cend())
        return *open;
    for (const AccountOrder &ended : m_history)
        if (ended.id == id)
            return ended;
    return std::nullopt;
}

} // namespace tapescope
