#include "OrderBookModel.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"
#include "market/MarketHub.h"

#include <algorithm>
#include <limits>

namespace tapescope {

namespace {

// Inside prices, spread and mid at the book's tick ("3150.140000000" -> "3150.14", Kalshi's "0.70" stays);
// a mid between two ticks keeps its extra digit. Before the tick is known (decimals < 0): as the venue spelled it.
QString textOf(const std::optional<Decimal> &value, int decimals)
{
    if (!value)
        return QString();
    if (decimals < 0)
        return value->toString();
    return display::fixedText(*value, std::max(decimals, display::significantDecimals(*value)));
}

QString textOf(const std::optional<Level> &level, int decimals)
{
    return level ? textOf(std::optional<Decimal>(level->price), decimals) : QString();
}

} // namespace

OrderBookModel::OrderBookModel(MarketHub *hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_rows(static_cast<std::size_t>(m_levels * 2 + 1))
{
    m_rows[static_cast<std::size_t>(m_levels)].isSpreadRow = true;
    if (hub)
        connect(hub, &MarketHub::bookChanged, this, &OrderBookModel::onBookChanged);
    refreshOnLanguageChange(this);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, [this] {
        Q_EMIT insideChanged();
        Q_EMIT groupingOptionsChanged();
    });
}

int OrderBookModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant OrderBookModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LadderRow &row = m_rows[static_cast<std::size_t>(index.row())];
    // The ladder's columns have a fixed width: the locale's decimal separator, no digit grouping.
    switch (role) {
    case Qt::DisplayRole:
    case PriceRole:
        return display::localized(row.price);
    case BidSizeRole:
        return display::localized(row.bidSize);
    case AskSizeRole:
        return display::localized(row.askSize);
    case CumulativeRole:
        return display::localized(row.cumulative);
    case HeatRole:
        return row.heat;
    case IsSpreadRowRole:
        return row.isSpreadRow;
    case IsBestBidRole:
        return row.isBestBid;
    case IsBestAskRole:
        return row.isBestAsk;
    case OwnBidSizeRole:
        return display::localized(row.ownBidSize);
    case OwnAskSizeRole:
        return display::localized(row.ownAskSize);
    case IsEntryRole:
        return row.isEntry;
    default:
        return {};
    }
}

QHash<int, QByteArray> OrderBookModel::roleNames() const
{
    return {
        { PriceRole, "price" },           { BidSizeRole, "bidSize" },     { AskSizeRole, "askSize" },
        { CumulativeRole, "cumulative" }, { HeatRole, "heat" },           { IsSpreadRowRole, "isSpreadRow" },
        { IsBestBidRole, "isBestBid" },   { IsBestAskRole, "isBestAsk" }, { OwnBidSizeRole, "ownBidSize" },
        { OwnAskSizeRole, "ownAskSize" }, { IsEntryRole, "isEntry" },
    };
}

void OrderBookModel::setInstrument(const QString &key)
{
    if (key == m_key)
        return;
    m_key = key;
    // Another instrument has another tick: start ungrouped and re-learn the options from its book.
    const bool hadStep = m_step.has_value();
    m_step.reset();
    m_tick.reset();
    updateGroupingOptions(std::nullopt);
    if (hadStep)
        Q_EMIT groupingChanged();
    refresh();
}

QString OrderBookModel::grouping() const
{
    return m_step ? m_step->toString() : QString();
}

QStringList OrderBookModel::groupingLabels() const
{
    QStringList labels;
    for (const QString &option : m_groupingOptions)
        labels.append(display::localized(option));
    return labels;
}

QString OrderBookModel::bestBid() const
{
    return display::localized(m_bestBid);
}

QString OrderBookModel::bestAsk() const
{
    return display::localized(m_bestAsk);
}

QString OrderBookModel::spread() const
{
    return display::localized(m_spread);
}

QString OrderBookModel::mid() const
{
    return display::localized(m_mid);
}

void OrderBookModel::setGrouping(const QString &step)
{
    std::optional<Decimal> parsed = Decimal::parse(display::typedNumber(step));
    if (parsed && (parsed->isZero() || parsed->isNegative()))
        parsed.reset();
    if (parsed)
        parsed = display::normalized(*parsed);
    // Grouping by the tick itself is the same as no grouping, and cheaper.
    if (parsed && m_tick && *parsed == *m_tick)
        parsed.reset();
    const bool same = parsed.has_value() == m_step.has_value() && (!parsed || parsed->identical(*m_step));
    if (same)
        return;
    m_step = parsed;
    Q_EMIT groupingChanged();
    refresh();
}

void OrderBookModel::setLevels(int levelsPerSide)
{
    levelsPerSide = std::clamp(levelsPerSide, 1, 200);
    if (levelsPerSide == m_levels)
        return;
    // The only change of shape: the window itself is resized, so a reset is the honest signal.
    beginResetModel();
    m_levels = levelsPerSide;
    m_rows.assign(static_cast<std::size_t>(m_levels * 2 + 1), LadderRow {});
    m_rows[static_cast<std::size_t>(m_levels)].isSpreadRow = true;
    endResetModel();
    Q_EMIT levelsChanged();
    refresh();
}

void OrderBookModel::setOwnOrders(std::vector<OwnOrder> orders, std::optional<Decimal> entryPrice)
{
    m_ownOrders = std::move(orders);
    m_entryPrice = entryPrice;
    refresh();
}

// A row stands for the prices its bucket holds: with a step, bids [price, price + step) and asks
// (price - step, price] (groupLevels floors bids and ceils asks); without one, its price alone.
void OrderBookModel::markOwnOrders(std::vector<LadderRow> &rows) const
{
    if (m_ownOrders.empty() && !m_entryPrice)
        return;
    const std::optional<Decimal> width = m_step ? m_step : m_tick;
    std::vector<std::optional<Decimal>> prices;
    prices.reserve(rows.size());
    for (const LadderRow &row : rows)
        prices.push_back(row.isSpreadRow ? std::nullopt : Decimal::parse(row.price));
    const auto holds = [&](const Decimal &rowPrice, const Decimal &price, bool bidSide) {
        if (!m_step)
            return rowPrice == price;
        return bidSide ? (price >= rowPrice && price < rowPrice + *m_step)
                       : (price <= rowPrice && price > rowPrice - *m_step);
    };
    std::vector<std::optional<Decimal>> ownBids(rows.size());
    std::vector<std::optional<Decimal>> ownAsks(rows.size());
    for (const OwnOrder &order : m_ownOrders) {
        const bool buy = order.side == Side::Buy;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!prices[i])
                continue;
            // The row's side where the book has one there, else the order's.
            const bool bidSide = !rows[i].bidSize.isEmpty() || (rows[i].askSize.isEmpty() && buy);
            if (!holds(*prices[i], order.price, bidSide))
                continue;
            std::optional<Decimal> &sum = buy ? ownBids[i] : ownAsks[i];
            sum = sum ? *sum + order.remaining : order.remaining;
            break;
        }
    }
    std::optional<std::size_t> entryRow;
    std::optional<Decimal> entryDistance;
    for (std::size_t i = 0; m_entryPrice && i < rows.size(); ++i) {
        if (!prices[i])
            continue;
        const Decimal distance = *prices[i] > *m_entryPrice ? *prices[i] - *m_entryPrice : *m_entryPrice - *prices[i];
        if (!entryDistance || distance < *entryDistance) {
            entryDistance = distance;
            entryRow = i;
        }
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        rows[i].ownBidSize = ownBids[i] ? display::fixedText(*ownBids[i], -1) : QString();
        rows[i].ownAskSize = ownAsks[i] ? display::fixedText(*ownAsks[i], -1) : QString();
    }
    // The book shows the levels it has, not every price: the entry goes on the nearest row when it lies within the
    // prices shown (or within a step of the nearest).
    std::optional<Decimal> lowest;
    std::optional<Decimal> highest;
    for (const std::optional<Decimal> &price : prices) {
        if (!price)
            continue;
        lowest = lowest ? std::min(*lowest, *price) : *price;
        highest = highest ? std::max(*highest, *price) : *price;
    }
    const bool shown = m_entryPrice && lowest && *m_entryPrice >= *lowest && *m_entryPrice <= *highest;
    if (entryRow && (shown || entryDistance->isZero() || (width && *entryDistance < *width)))
        rows[*entryRow].isEntry = true;
}

void OrderBookModel::onBookChanged(const QString &key)
{
    if (key == m_key)
        refresh();
}

void OrderBookModel::refresh()
{
    const InstrumentState *state = m_hub ? m_hub->instrument(m_key) : nullptr;
    static const OrderBook emptyBook;
    const OrderBook &book = state ? state->displayBook : emptyBook;

    if (!m_tick) {
        if (std::optional<Decimal> tick = estimateTick(book)) {
            m_tick = tick;
            updateGroupingOptions(tick);
        }
    }

    std::vector<LadderRow> rows = buildLadder(book, m_levels, m_step);
    markOwnOrders(rows);
    int first = -1;
    int last = -1;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i] == m_rows[i])
            continue;
        if (first < 0)
            first = static_cast<int>(i);
        last = static_cast<int>(i);
    }
    m_rows = std::move(rows);
    if (first >= 0)
        Q_EMIT dataChanged(index(first), index(last));

    const int tickDecimals = m_tick ? m_tick->scale() : -1;
    const QString bid = textOf(book.bestBid(), tickDecimals);
    const QString ask = textOf(book.bestAsk(), tickDecimals);
    const QString spreadText = textOf(book.spread(), tickDecimals);
    const QString midText = textOf(book.mid(), tickDecimals);
    if (bid != m_bestBid || ask != m_bestAsk || spreadText != m_spread || midText != m_mid) {
        m_bestBid = bid;
        m_bestAsk = ask;
        m_spread = spreadText;
        m_mid = midText;
        Q_EMIT insideChanged();
    }

    const bool flaggedNow = state && state->bookFlagged;
    const QString issue = state ? state->bookIssue : QString();
    if (flaggedNow != m_flagged || issue != m_integrityIssue) {
        m_flagged = flaggedNow;
        m_integrityIssue = issue;
        Q_EMIT integrityChanged();
    }
}

void OrderBookModel::updateGroupingOptions(const std::optional<Decimal> &tick)
{
    QStringList options;
    if (tick) {
        for (const std::int64_t multiple : { 1, 2, 5, 10, 50, 100, 500 }) {
            // Multiplying the mantissa keeps the step exact; overflow only for absurd ticks.
            if (tick->mantissa() > std::numeric_limits<std::int64_t>::max() / multiple)
                break;
            options.append(
                display::normalized(Decimal::fromRaw(tick->mantissa() * multiple, tick->scale())).toString());
        }
    }
    if (options == m_groupingOptions)
        return;
    m_groupingOptions = options;
    Q_EMIT groupingOptionsChanged();
}

} // namespace tapescope
