#include "AccountBook.h"

#include "DisplayFormat.h"
#include "FeedStatusModel.h"
#include "UiLanguage.h"

#include <QtCore/QVariantMap>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// The sum of what the accounts have; nullopt when none has it.
template<typename Field> std::optional<Decimal> sumOf(const QList<const AccountRecord *> &records, Field field)
{
    std::optional<Decimal> total;
    for (const AccountRecord *record : records) {
        if (const std::optional<Decimal> value = field(*record))
            total = total ? *total + *value : *value;
    }
    return total;
}

QString moneyText(const std::optional<Decimal> &value)
{
    // Summary figures have room for the locale's digit grouping ("12.345,67" in German).
    return value ? display::localized(display::rounded(*value, 2), display::Grouping::Grouped) : QString();
}

// How bad a feed state is, for the worst of several.
int severity(FeedState::Value state)
{
    switch (state) {
    case FeedState::Live:
        return 0;
    case FeedState::Connecting:
        return 1;
    case FeedState::Resyncing:
        return 2;
    case FeedState::Stale:
        return 3;
    case FeedState::BackingOff:
        return 4;
    case FeedState::Disconnected:
        return 5;
    case FeedState::Down:
        return 6;
    }
    return 6;
}

FeedState::Value stateOf(const AccountRecord &record)
{
    if (!record.hasStatus)
        return FeedState::Connecting;
    const FeedState::Value state = FeedState::of(record.status.state);
    // Connected but not yet bootstrapped: what the panel shows is still being brought up to date.
    if (state == FeedState::Live && !record.state.isSynced())
        return FeedState::Resyncing;
    return state;
}

} // namespace

AccountBook::AccountBook(AccountHub *hub, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_positions(new AccountTableModel(hub, AccountTableModel::Kind::Positions, this))
    , m_openOrders(new AccountTableModel(hub, AccountTableModel::Kind::OpenOrders, this))
    , m_orderHistory(new AccountTableModel(hub, AccountTableModel::Kind::OrderHistory, this))
    , m_fills(new AccountTableModel(hub, AccountTableModel::Kind::Fills, this))
    , m_balances(new AccountTableModel(hub, AccountTableModel::Kind::Balances, this))
    , m_funding(new AccountTableModel(hub, AccountTableModel::Kind::Funding, this))
    , m_ledger(new AccountTableModel(hub, AccountTableModel::Kind::Ledger, this))
{
    if (!hub)
        return;
    connect(UiLanguage::instance(), &UiLanguage::changed, this, [this] {
        updateSummary();
        Q_EMIT accountsChanged(); // "All accounts"
        Q_EMIT feedChanged();
    });
    connect(hub, &AccountHub::accountsChanged, this, &AccountBook::onAccountsChanged);
    connect(hub, &AccountHub::feedStatusChanged, this, &AccountBook::feedChanged);
    updateSummary();
}

void AccountBook::setAccount(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    for (AccountTableModel *model : std::initializer_list<AccountTableModel *> {
             m_positions, m_openOrders, m_orderHistory, m_fills, m_balances, m_funding, m_ledger })
        model->setAccount(filter);
    Q_EMIT accountChanged();
    updateSummary();
    Q_EMIT feedChanged();
}

QVariantList AccountBook::accounts() const
{
    QVariantList list;
    if (!m_hub)
        return list;
    for (const QString &key : m_hub->accountKeys()) {
        if (const AccountRecord *record = m_hub->account(key))
            list.append(
                QVariantMap { { u"key"_s, key }, { u"name"_s, record->displayName() }, { u"venue"_s, record->venue } });
    }
    return list;
}

QVariantList AccountBook::filterOptions() const
{
    return QVariantList { QVariantMap { { u"key"_s, QString() }, { u"name"_s, tr("All accounts") } } } + accounts();
}

int AccountBook::accountCount() const
{
    return m_hub ? static_cast<int>(m_hub->accountKeys().size()) : 0;
}

QList<const AccountRecord *> AccountBook::shown() const
{
    QList<const AccountRecord *> records;
    if (!m_hub)
        return records;
    for (const QString &key : m_hub->accountKeys()) {
        const AccountRecord *record = m_hub->account(key);
        if (record && AccountTableModel::matches(*record, m_filter))
            records.append(record);
    }
    return records;
}

FeedState::Value AccountBook::feedState() const
{
    const QList<const AccountRecord *> records = shown();
    if (records.isEmpty())
        return FeedState::Disconnected;
    FeedState::Value worst = FeedState::Live;
    for (const AccountRecord *record : records) {
        const FeedState::Value state = stateOf(*record);
        if (severity(state) > severity(worst))
            worst = state;
    }
    return worst;
}

QString AccountBook::feedStateLabel() const
{
    return FeedStatusModel::stateLabel(feedState());
}

bool AccountBook::synced() const
{
    const QList<const AccountRecord *> records = shown();
    return !records.isEmpty()
        && std::all_of(records.cbegin(), records.cend(), [](const AccountRecord *r) { return r->state.isSynced(); });
}

void AccountBook::onAccountsChanged(AccountHub::Changes changes)
{
    if (changes & AccountHub::Accounts)
        Q_EMIT accountsChanged();
    if (changes & (AccountHub::Accounts | AccountHub::Sync))
        Q_EMIT feedChanged();
    if (changes & (AccountHub::Accounts | AccountHub::Summary | AccountHub::Positions | AccountHub::Marks))
        updateSummary();
}

void AccountBook::updateSummary()
{
    const QList<const AccountRecord *> records = shown();
    const auto summary = [](auto member) {
        return [member](const AccountRecord &record) -> std::optional<Decimal> {
            const std::optional<AccountSummary> &sent = record.state.summary();
            return sent ? (*sent).*member : std::nullopt;
        };
    };
    const std::optional<Decimal> pnl = sumOf(records, [this](const AccountRecord &record) {
        std::optional<Decimal> total;
        for (const AccountPosition &position : record.state.positions()) {
            if (const std::optional<Decimal> value = m_hub->valuation(position).unrealizedPnl)
                total = total ? *total + *value : *value;
        }
        return total;
    });
    QString currency;
    for (const AccountRecord *record : records) {
        if (record->state.summary() && !record->state.summary()->currency.isEmpty())
            currency = record->state.summary()->currency;
    }
    const QString equity = moneyText(sumOf(records, summary(&AccountSummary::equity)));
    const QString margin = moneyText(sumOf(records, summary(&AccountSummary::marginUsed)));
    const QString withdrawable = moneyText(sumOf(records, summary(&AccountSummary::withdrawable)));
    const QString buyingPower = moneyText(sumOf(records, summary(&AccountSummary::buyingPower)));
    QString pnlText = moneyText(pnl);
    if (pnl && !pnl->isNegative() && !pnl->isZero())
        pnlText.prepend(QLatin1Char('+'));
    const int pnlSign = !pnl || pnl->isZero() ? 0 : (pnl->isNegative() ? -1 : 1);
    if (equity == m_equity && margin == m_marginUsed && withdrawable == m_withdrawable && buyingPower == m_buyingPower
        && pnlText == m_unrealizedPnl && pnlSign == m_unrealizedPnlSign && currency == m_currency)
        return;
    m_equity = equity;
    m_marginUsed = margin;
    m_withdrawable = withdrawable;
    m_buyingPower = buyingPower;
    m_unrealizedPnl = pnlText;
    m_unrealizedPnlSign = pnlSign;
    m_currency = currency;
    Q_EMIT summaryChanged();
}

} // namespace tapescope
