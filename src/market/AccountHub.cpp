#include "AccountHub.h"

#include "MarketHub.h"

#include <QtCore/QTimer>

#include <variant>

namespace tapescope {

namespace {

QString keyOf(const QString &venue, const QString &name)
{
    return venue + QLatin1Char(':') + name;
}

template<typename T> constexpr AccountHub::Changes changeOf()
{
    if constexpr (std::is_same_v<T, AccountOrder>)
        return AccountHub::OpenOrders | AccountHub::OrderHistory;
    else if constexpr (std::is_same_v<T, AccountFill>)
        return AccountHub::Fills;
    else if constexpr (std::is_same_v<T, AccountPosition>)
        return AccountHub::Positions;
    else if constexpr (std::is_same_v<T, AccountBalance>)
        return AccountHub::Balances;
    else if constexpr (std::is_same_v<T, AccountSummary>)
        return AccountHub::Summary;
    else if constexpr (std::is_same_v<T, FundingPayment>)
        return AccountHub::Funding;
    else if constexpr (std::is_same_v<T, LedgerEntry>)
        return AccountHub::Ledger;
    else if constexpr (std::is_same_v<T, AccountSynced>)
        return AccountHub::Sync;
    else
        return AccountHub::AssetLimits;
}

} // namespace

QString AccountRecord::displayName() const
{
    if (!label.isEmpty())
        return label;
    if (account.size() > 14)
        return account.left(6) + QChar(0x2026) + account.right(4);
    return account;
}

AccountHub::AccountHub(MarketHub *market, QObject *parent)
    : QObject(parent)
    , m_market(market)
{
    if (!market)
        return;
    connect(market, &MarketHub::flushed, this, &AccountHub::flush);
    connect(market, &MarketHub::tickerChanged, this, &AccountHub::onMarketChanged);
    connect(market, &MarketHub::bookChanged, this, &AccountHub::onMarketChanged);
}

AccountHub::~AccountHub() = default;

void AccountHub::addAccount(const QString &venue, const QString &account, const QString &label)
{
    AccountRecord &record = recordFor(venue, account);
    if (record.label == label)
        return;
    record.label = label;
    note(Accounts);
}

void AccountHub::removeAccount(const QString &venue, const QString &account)
{
    const QString key = keyOf(venue, account);
    if (m_accounts.erase(key) == 0)
        return;
    m_order.removeAll(key);
    note(Accounts);
}

QStringList AccountHub::accountKeys() const
{
    return m_order;
}

const AccountRecord *AccountHub::account(const QString &key) const
{
    const auto it = m_accounts.find(key);
    return it == m_accounts.end() ? nullptr : it->second.get();
}

const AccountRecord *AccountHub::account(const QString &venue, const QString &name) const
{
    return account(keyOf(venue, name));
}

std::optional<Decimal> AccountHub::liveMark(const QString &instrumentKey) const
{
    const InstrumentState *state = m_market ? m_market->instrument(instrumentKey) : nullptr;
    if (!state)
        return std::nullopt;
    if (state->ticker.mark)
        return state->ticker.mark;
    return state->displayBook.mid();
}

QString AccountHub::instrumentName(const QString &venue, const QString &symbol) const
{
    return m_market ? m_market->displayName(keyOf(venue, symbol)) : symbol;
}

PositionValuation AccountHub::valuation(const AccountPosition &position) const
{
    PositionValuation valued;
    valued.mark = liveMark(keyOf(position.venue, position.symbol));
    valued.live = valued.mark.has_value();
    if (!valued.mark)
        valued.mark = position.mark;
    if (!valued.mark) {
        // Nothing to revalue with: what the venue said.
        valued.value = position.value;
        valued.unrealizedPnl = position.unrealizedPnl;
        return valued;
    }
    valued.value = positionValueAt(position.size, *valued.mark);
    if (position.entryPrice)
        valued.unrealizedPnl = unrealizedPnlAt(position.size, *position.entryPrice, *valued.mark);
    else
        valued.unrealizedPnl = position.unrealizedPnl;
    return valued;
}

void AccountHub::ingest(const AccountEventBatch &batch)
{
    // A batch is one account's, but nothing is lost if a feed ever mixes them: each event goes to its own.
    QHash<QString, Changes> changed;
    for (const AccountEvent &event : batch) {
        std::visit(
            [&](const auto &e) {
                using T = std::decay_t<decltype(e)>;
                AccountRecord &record = recordFor(e.venue, e.account);
                if (record.state.apply(event))
                    changed[record.key()] |= changeOf<T>();
            },
            event);
    }
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        Q_EMIT batchApplied(it.key(), it.value());
        note(it.value());
    }
}

void AccountHub::setFeedStatus(const QString &account, const FeedStatus &status)
{
    AccountRecord &record = recordFor(status.venue, account);
    record.status = status;
    record.hasStatus = true;
    // Until the feed says it is synced again, the state may miss what happened while it was away.
    if (!status.isLive() && record.state.isSynced()) {
        record.state.markUnsynced();
        note(Sync);
    }
    Q_EMIT feedStatusChanged(record.key());
}

void AccountHub::flush()
{
    m_flushQueued = false;
    const Changes changes = std::exchange(m_pending, NoChange);
    if (changes != NoChange)
        Q_EMIT accountsChanged(changes);
}

AccountRecord &AccountHub::recordFor(const QString &venue, const QString &account)
{
    const QString key = keyOf(venue, account);
    auto it = m_accounts.find(key);
    if (it == m_accounts.end()) {
        auto record = std::make_unique<AccountRecord>();
        record->venue = venue;
        record->account = account;
        record->status.venue = venue;
        it = m_accounts.emplace(key, std::move(record)).first;
        m_order.append(key);
        note(Accounts);
    }
    return *it->second;
}

void AccountHub::note(Changes changes)
{
    m_pending |= changes;
    if (m_market) {
        m_market->requestFlush();
    } else if (!m_flushQueued) {
        m_flushQueued = true;
        QTimer::singleShot(0, this, &AccountHub::flush);
    }
}

// Runs inside MarketHub's flush, so the revaluation goes out with the same frame's `flushed`.
void AccountHub::onMarketChanged(const QString &instrumentKey)
{
    if (m_pending.testFlag(Marks))
        return;
    const qsizetype colon = instrumentKey.indexOf(QLatin1Char(':'));
    const QString venue = instrumentKey.left(colon);
    const QString symbol = instrumentKey.mid(colon + 1);
    for (const auto &[key, record] : m_accounts) {
        if (record->venue == venue && record->state.positions().contains(symbol)) {
            m_pending |= Marks;
            return;
        }
    }
}

} // namespace tapescope
