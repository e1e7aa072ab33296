#include "AccountModels.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QSet>

#include <algorithm>
#include <functional>
#include <map>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

constexpr int CommonColumns = 4; // rowId, accountKey, accountName, venue
constexpr int MoneyDecimals = 2;

QString money(const std::optional<Decimal> &value)
{
    return value ? display::localized(display::rounded(*value, MoneyDecimals)) : QString();
}

// "+12.30" / "-4.10": a change of money, with its sign.
QString signedMoney(const std::optional<Decimal> &value)
{
    if (!value)
        return {};
    const QString text = display::rounded(*value, MoneyDecimals);
    return display::localized(value->isNegative() || value->isZero() ? text : QLatin1Char('+') + text);
}

QString plain(const std::optional<Decimal> &value)
{
    return value ? display::localized(display::fixedText(*value, -1)) : QString();
}

// -1, 0 or 1, for the colour of an amount.
int signOf(const std::optional<Decimal> &value)
{
    if (!value || value->isZero())
        return 0;
    return value->isNegative() ? -1 : 1;
}

// The tables' words, in the UI's language (the rows are made again when it changes).
QString word(const char *text)
{
    return QCoreApplication::translate("tapescope::AccountTableModel", text);
}

QString sideText(const std::optional<Side> &side)
{
    if (!side)
        return {};
    return *side == Side::Buy ? word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "buy"))
                              : word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "sell"));
}

QString instrumentKey(const QString &venue, const QString &symbol)
{
    return venue + QLatin1Char(':') + symbol;
}

using Row = AccountTableModel::Row;

Row orderRow(const AccountHub &hub, const AccountOrder &order)
{
    return { order.id,
             order.ts,
             order.id,
             { instrumentKey(order.venue, order.symbol), hub.instrumentName(order.venue, order.symbol),
               sideText(order.side), order.side == Side::Buy, order.orderType, plain(order.price),
               plain(order.triggerPrice), plain(order.size), plain(order.filled), order.status,
               order.reduceOnly.value_or(false), display::clockTime(order.ts), qint64(order.ts), order.id,
               order.price ? order.price->toDouble() : 0.0 } };
}

void collectOpenOrders(const AccountHub &hub, const AccountRecord &record, std::vector<Row> &rows)
{
    for (const AccountOrder &order : record.state.openOrders())
        rows.push_back(orderRow(hub, order));
}

Row fillRow(const AccountHub &hub, const AccountFill &fill)
{
    const QString liquidity = fill.liquidity == AccountFill::Liquidity::Maker
        ? word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "maker"))
        : fill.liquidity == AccountFill::Liquidity::Taker
        ? word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "taker"))
        : QString();
    // closed_pnl as the venue sent it.
    return { fill.identity(),
             fill.ts,
             fill.identity(),
             { instrumentKey(fill.venue, fill.symbol), hub.instrumentName(fill.venue, fill.symbol), sideText(fill.side),
               fill.side == Side::Buy, plain(fill.price), plain(fill.size), plain(fill.fee), fill.feeAsset, liquidity,
               plain(fill.closedPnl), signOf(fill.closedPnl), display::clockTime(fill.ts), qint64(fill.ts),
               fill.orderId, fill.price.toDouble() } };
}

void collectPositions(const AccountHub &hub, const AccountRecord &record, std::vector<Row> &rows)
{
    for (const AccountPosition &position : record.state.positions()) {
        const PositionValuation valued = hub.valuation(position);
        const bool isLong = !position.size.isNegative();
        const QString name = hub.instrumentName(position.venue, position.symbol);
        rows.push_back({ position.symbol,
                         0,
                         name,
                         { instrumentKey(position.venue, position.symbol), name,
                           isLong ? word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "long"))
                                  : word(QT_TRANSLATE_NOOP("tapescope::AccountTableModel", "short")),
                           isLong, plain(isLong ? position.size : -position.size), plain(position.size),
                           plain(position.entryPrice), plain(valued.mark), valued.live, money(valued.value),
                           signedMoney(valued.unrealizedPnl), signOf(valued.unrealizedPnl),
                           plain(position.liquidationPrice), plain(position.leverage), money(position.margin),
                           position.entryPrice ? position.entryPrice->toDouble() : 0.0 } });
    }
}

void collectBalances(const AccountHub &, const AccountRecord &record, std::vector<Row> &rows)
{
    for (const AccountBalance &balance : record.state.balances())
        rows.push_back({ balance.asset,
                         0,
                         balance.asset,
                         { balance.asset, plain(balance.total), plain(balance.available), plain(balance.locked) } });
}

Row fundingRow(const AccountHub &hub, const FundingPayment &payment)
{
    return { payment.identity(),
             payment.ts,
             payment.identity(),
             { instrumentKey(payment.venue, payment.symbol), hub.instrumentName(payment.venue, payment.symbol),
               plain(payment.amount), signOf(payment.amount),
               payment.rate ? display::fundingRate(*payment.rate) : QString(), plain(payment.size),
               display::clockTime(payment.ts), qint64(payment.ts) } };
}

Row ledgerRow(const AccountHub &, const LedgerEntry &entry)
{
    return { entry.identity(),
             entry.ts,
             entry.identity(),
             { entry.kind, entry.asset, plain(entry.amount), signOf(entry.amount), entry.id,
               display::clockTime(entry.ts), qint64(entry.ts) } };
}

// What a time-ordered row sorts by after its time (Row::orderText): an order's id, another item's identity.
QString sortText(const AccountOrder &order)
{
    return order.id;
}

template<typename Item> QString sortText(const Item &item)
{
    return item.identity();
}

// A row that might be shown, before its cells are made: how it sorts, and where its item is.
struct Candidate
{
    qint64 order = 0;
    QString orderText;
    std::size_t account = 0; // in the order the accounts are collected
    std::size_t index = 0; // in that account's list
};

// The order of the shown rows (Row::order descending, then Row::orderText), and among equals the order in which
// they were collected (the accounts' order, then each account's list), as the short lists' stable sort gives.
bool shownBefore(const Candidate &a, const Candidate &b)
{
    if (a.order != b.order)
        return a.order > b.order;
    if (a.orderText != b.orderText)
        return a.orderText < b.orderText;
    if (a.account != b.account)
        return a.account < b.account;
    return a.index < b.index;
}

// The lists that can hold many more items than a table shows (1,000 fills per account, say), read in two steps:
// first every item's sort key, then cells only for the Capacity items that will be shown. Making every item's cells
// and dropping all but Capacity cost a refresh about ten times more time and memory with four full accounts.
template<typename Item> struct TimeList
{
    const std::deque<Item> &(AccountState::*list)() const;
    Row (*row)(const AccountHub &, const Item &);

    void rank(const AccountRecord &record, std::size_t account, std::vector<Candidate> &out) const
    {
        const std::deque<Item> &items = (record.state.*list)();
        for (std::size_t i = 0; i < items.size(); ++i)
            out.push_back({ items[i].ts, sortText(items[i]), account, i });
    }
    Row make(const AccountHub &hub, const AccountRecord &record, std::size_t index) const
    {
        return row(hub, (record.state.*list)()[index]);
    }
};

// What each kind of table follows, its columns (after the common ones) and how it reads one account's rows.
struct KindSpec
{
    AccountHub::Changes follows;
    QStringList columns;
    // Short lists (open orders, positions, balances): every row, cells and all.
    void (*collect)(const AccountHub &, const AccountRecord &, std::vector<Row> &) = nullptr;
    // Lists in time order, up to a thousand items an account (TimeList): sort keys first, cells for the shown rows.
    std::function<void(const AccountRecord &, std::size_t, std::vector<Candidate> &)> rank;
    std::function<Row(const AccountHub &, const AccountRecord &, std::size_t)> make;
};

template<typename Item> KindSpec timeOrdered(AccountHub::Changes follows, QStringList columns, TimeList<Item> list)
{
    return { follows, std::move(columns), nullptr,
             [list](const AccountRecord &record, std::size_t account, std::vector<Candidate> &out) {
                 list.rank(record, account, out);
             },
             [list](const AccountHub &hub, const AccountRecord &record, std::size_t index) {
                 return list.make(hub, record, index);
             } };
}

const KindSpec &specOf(AccountTableModel::Kind kind)
{
    using Kind = AccountTableModel::Kind;
    static const QStringList orderColumns { u"instrumentKey"_s, u"symbol"_s,  u"side"_s,         u"isBuy"_s,
                                            u"orderType"_s,     u"price"_s,   u"triggerPrice"_s, u"size"_s,
                                            u"filled"_s,        u"status"_s,  u"reduceOnly"_s,   u"time"_s,
                                            u"timestamp"_s,     u"orderId"_s, u"priceValue"_s };
    static const std::map<Kind, KindSpec> specs {
        { Kind::OpenOrders, { AccountHub::OpenOrders, orderColumns, collectOpenOrders, {}, {} } },
        { Kind::OrderHistory,
          timeOrdered(AccountHub::OrderHistory, orderColumns,
                      TimeList<AccountOrder> { &AccountState::orderHistory, orderRow }) },
        { Kind::Fills,
          timeOrdered(AccountHub::Fills,
                      { u"instrumentKey"_s, u"symbol"_s, u"side"_s, u"isBuy"_s, u"price"_s, u"size"_s, u"fee"_s,
                        u"feeAsset"_s, u"liquidity"_s, u"closedPnl"_s, u"closedPnlSign"_s, u"time"_s, u"timestamp"_s,
                        u"orderId"_s, u"priceValue"_s },
                      TimeList<AccountFill> { &AccountState::fills, fillRow }) },
        { Kind::Positions,
          { AccountHub::Positions | AccountHub::Marks,
            { u"instrumentKey"_s, u"symbol"_s, u"side"_s, u"isLong"_s, u"size"_s, u"signedSize"_s, u"entryPrice"_s,
              u"markPrice"_s, u"markLive"_s, u"value"_s, u"unrealizedPnl"_s, u"pnlSign"_s, u"liquidationPrice"_s,
              u"leverage"_s, u"margin"_s, u"entryValue"_s },
            collectPositions,
            {},
            {} } },
        { Kind::Balances,
          { AccountHub::Balances, { u"asset"_s, u"total"_s, u"available"_s, u"locked"_s }, collectBalances, {}, {} } },
        { Kind::Funding,
          timeOrdered(AccountHub::Funding,
                      { u"instrumentKey"_s, u"symbol"_s, u"amount"_s, u"amountSign"_s, u"rate"_s, u"size"_s, u"time"_s,
                        u"timestamp"_s },
                      TimeList<FundingPayment> { &AccountState::funding, fundingRow }) },
        { Kind::Ledger,
          timeOrdered(
              AccountHub::Ledger,
              { u"kind"_s, u"asset"_s, u"amount"_s, u"amountSign"_s, u"transaction"_s, u"time"_s, u"timestamp"_s },
              TimeList<LedgerEntry> { &AccountState::ledger, ledgerRow }) },
    };
    return specs.at(kind);
}

} // namespace

AccountTableModel::AccountTableModel(AccountHub *hub, Kind kind, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_kind(kind)
    , m_follows(specOf(kind).follows | AccountHub::Accounts)
    , m_columns(QStringList { u"rowId"_s, u"accountKey"_s, u"accountName"_s, u"venue"_s } + specOf(kind).columns)
{
    if (hub)
        connect(hub, &AccountHub::accountsChanged, this, &AccountTableModel::onAccountsChanged);
    // The rows hold their numbers as text: made again in the new locale, applied as dataChanged.
    connect(UiLanguage::instance(), &UiLanguage::changed, this, &AccountTableModel::refresh);
    refresh();
}

int AccountTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant AccountTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole)
        return row.id;
    const int column = role - Qt::UserRole - 1;
    if (column < 0 || column >= m_columns.size())
        return {};
    return row.values.value(column);
}

QHash<int, QByteArray> AccountTableModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_columns.size(); ++i)
        names.insert(Qt::UserRole + 1 + i, m_columns[i].toUtf8());
    return names;
}

QVariant AccountTableModel::value(int row, const QString &role) const
{
    const qsizetype column = m_columns.indexOf(role);
    if (row < 0 || row >= count() || column < 0)
        return {};
    return m_rows[static_cast<std::size_t>(row)].values.value(column);
}

bool AccountTableModel::matches(const AccountRecord &record, const QString &filter)
{
    if (filter.isEmpty())
        return true;
    if (!filter.contains(QLatin1Char(':')))
        return record.venue == filter;
    return record.key() == filter;
}

void AccountTableModel::setAccount(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    Q_EMIT accountChanged();
    refresh();
}

void AccountTableModel::onAccountsChanged(AccountHub::Changes changes)
{
    if (changes & m_follows)
        refresh();
}

void AccountTableModel::refresh()
{
    std::vector<const AccountRecord *> records;
    if (m_hub) {
        for (const QString &key : m_hub->accountKeys()) {
            const AccountRecord *record = m_hub->account(key);
            if (record && matches(*record, m_filter))
                records.push_back(record);
        }
    }
    // Every row starts with the columns common to all tables, and its id names its account.
    std::vector<QVariantList> common;
    common.reserve(records.size());
    for (const AccountRecord *record : records)
        common.push_back({ QString(), record->key(), record->displayName(), record->venue });
    const auto prefix = [&](Row &row, std::size_t account) {
        row.id = records[account]->key() + QLatin1Char('|') + row.id;
        row.values = common[account] + row.values;
        row.values[0] = row.id;
    };
    const KindSpec &spec = specOf(m_kind);
    std::vector<Row> rows;
    if (spec.collect) {
        for (std::size_t account = 0; account < records.size(); ++account) {
            const std::size_t first = rows.size();
            spec.collect(*m_hub, *records[account], rows);
            for (std::size_t i = first; i < rows.size(); ++i)
                prefix(rows[i], account);
        }
        std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
            if (a.order != b.order)
                return a.order > b.order;
            return a.orderText < b.orderText;
        });
        if (rows.size() > static_cast<std::size_t>(Capacity))
            rows.resize(static_cast<std::size_t>(Capacity));
    } else {
        std::vector<Candidate> candidates;
        for (std::size_t account = 0; account < records.size(); ++account)
            spec.rank(*records[account], account, candidates);
        if (candidates.size() > static_cast<std::size_t>(Capacity)) {
            const auto shownEnd = candidates.begin() + Capacity;
            std::nth_element(candidates.begin(), shownEnd, candidates.end(), shownBefore);
            candidates.erase(shownEnd, candidates.end());
        }
        std::sort(candidates.begin(), candidates.end(), shownBefore); // the order shown: no second sort
        rows.reserve(candidates.size());
        for (const Candidate &candidate : candidates) {
            rows.push_back(spec.make(*m_hub, *records[candidate.account], candidate.index));
            prefix(rows.back(), candidate.account);
        }
    }
    applyRows(std::move(rows));
}

// Turns the shown rows into `rows` with the fewest ranged changes: removes (in runs), then, walking down, moves
// of rows that changed place, inserts (in runs) and dataChanged over each run of changed rows.
void AccountTableModel::applyRows(std::vector<Row> rows)
{
    const int before = count();
    QSet<QString> wanted;
    for (const Row &row : rows)
        wanted.insert(row.id);
    for (int end = count() - 1; end >= 0;) {
        if (wanted.contains(m_rows[static_cast<std::size_t>(end)].id)) {
            --end;
            continue;
        }
        int start = end;
        while (start > 0 && !wanted.contains(m_rows[static_cast<std::size_t>(start - 1)].id))
            --start;
        beginRemoveRows(QModelIndex(), start, end);
        m_rows.erase(m_rows.begin() + start, m_rows.begin() + end + 1);
        endRemoveRows();
        end = start - 1;
    }

    QSet<QString> shown;
    for (const Row &row : m_rows)
        shown.insert(row.id);
    int changedFirst = -1;
    int changedLast = -1;
    const auto flushChanged = [&] {
        if (changedFirst >= 0)
            Q_EMIT dataChanged(index(changedFirst), index(changedLast));
        changedFirst = changedLast = -1;
    };
    const int total = static_cast<int>(rows.size());
    for (int i = 0; i < total;) {
        const Row &next = rows[static_cast<std::size_t>(i)];
        if (!shown.contains(next.id)) {
            flushChanged();
            int last = i;
            while (last + 1 < total && !shown.contains(rows[static_cast<std::size_t>(last + 1)].id))
                ++last;
            beginInsertRows(QModelIndex(), i, last);
            m_rows.insert(m_rows.begin() + i, rows.begin() + i, rows.begin() + last + 1);
            endInsertRows();
            i = last + 1;
            continue;
        }
        if (m_rows[static_cast<std::size_t>(i)].id != next.id) {
            flushChanged();
            const auto from
                = std::find_if(m_rows.begin() + i, m_rows.end(), [&](const Row &row) { return row.id == next.id; });
            const int source = static_cast<int>(from - m_rows.begin());
            beginMoveRows(QModelIndex(), source, source, QModelIndex(), i);
            Row moved = std::move(*from);
            m_rows.erase(from);
            m_rows.insert(m_rows.begin() + i, std::move(moved));
            endMoveRows();
        }
        Row &current = m_rows[static_cast<std::size_t>(i)];
        if (current.values != next.values) {
            current = next;
            if (changedFirst < 0)
                changedFirst = i;
            changedLast = i;
        } else {
            flushChanged();
        }
        ++i;
    }
    flushChanged();
    if (count() != before)
        Q_EMIT countChanged();
}

} // namespace tapescope
