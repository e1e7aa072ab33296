#include "TradeTapeModel.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"
#include "market/MarketHub.h"

#include <algorithm>
#include <vector>

namespace tapescope {

TradeTapeModel::TradeTapeModel(MarketHub *hub, QObject *parent, int capacity)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_capacity(std::max(capacity, 1))
{
    if (hub)
        connect(hub, &MarketHub::tradesAppended, this, &TradeTapeModel::onTradesAppended);
    refreshOnLanguageChange(this);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, &TradeTapeModel::minimumSizeChanged);
}

int TradeTapeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TradeTapeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case TimeRole:
        return row.time;
    // The tape's columns have a fixed width: the locale's decimal separator, no digit grouping.
    case Qt::DisplayRole:
    case PriceRole:
        return display::localized(row.price);
    case SizeRole:
        return display::localized(row.size);
    case SideRole:
        return row.isBuy ? QStringLiteral("buy") : QStringLiteral("sell");
    case IsBuyRole:
        return row.isBuy;
    case TimestampRole:
        return row.timestamp;
    case InstrumentRole:
        return row.instrument;
    default:
        return {};
    }
}

QHash<int, QByteArray> TradeTapeModel::roleNames() const
{
    return {
        { TimeRole, "time" },
        { PriceRole, "price" },
        { SizeRole, "size" },
        { SideRole, "side" },
        { IsBuyRole, "isBuy" },
        { TimestampRole, "timestamp" },
        { InstrumentRole, "instrument" },
    };
}

void TradeTapeModel::setInstrument(const QString &key)
{
    setInstruments(key.isEmpty() ? QStringList() : QStringList { key });
}

void TradeTapeModel::setInstruments(const QStringList &keys)
{
    if (keys == m_keys)
        return;
    m_keys = keys;
    rebuild();
}

QString TradeTapeModel::minimumSize() const
{
    return m_minimumSize ? display::localized(m_minimumSize->toString()) : QString();
}

void TradeTapeModel::setMinimumSize(const QString &size)
{
    std::optional<Decimal> parsed = Decimal::parse(display::typedNumber(size));
    if (parsed && (parsed->isZero() || parsed->isNegative()))
        parsed.reset();
    const bool same = parsed.has_value() == m_minimumSize.has_value() && (!parsed || *parsed == *m_minimumSize);
    if (same)
        return;
    m_minimumSize = parsed;
    Q_EMIT minimumSizeChanged();
    rebuild();
}

void TradeTapeModel::onTradesAppended(const QString &key, int count)
{
    if (!m_keys.contains(key) || count <= 0 || !m_hub)
        return;
    const InstrumentState *state = m_hub->instrument(key);
    if (!state)
        return;
    const std::size_t fresh = std::min<std::size_t>(static_cast<std::size_t>(count), state->trades.size());
    std::vector<Row> incoming; // newest first, like the ring
    for (std::size_t i = 0; i < fresh && incoming.size() < static_cast<std::size_t>(m_capacity); ++i) {
        const Trade &trade = state->trades.at(i);
        if (!passes(trade))
            continue;
        notePriceDecimals(trade);
        incoming.push_back(rowFor(trade));
    }
    if (incoming.empty())
        return;

    if (m_keys.size() > 1) {
        // A tape over several instruments stays in time order: each print goes in where its time belongs
        // (nearly always the top), oldest first so equal times keep their arrival order.
        for (auto it = incoming.rbegin(); it != incoming.rend(); ++it) {
            const auto at = std::find_if(m_rows.begin(), m_rows.end(),
                                         [&](const Row &row) { return row.timestamp <= it->timestamp; });
            const int position = static_cast<int>(at - m_rows.begin());
            beginInsertRows(QModelIndex(), position, position);
            m_rows.insert(at, *it);
            endInsertRows();
        }
    } else {
        beginInsertRows(QModelIndex(), 0, static_cast<int>(incoming.size()) - 1);
        m_rows.insert(m_rows.begin(), incoming.begin(), incoming.end());
        endInsertRows();
    }

    if (m_rows.size() > static_cast<std::size_t>(m_capacity)) {
        beginRemoveRows(QModelIndex(), m_capacity, static_cast<int>(m_rows.size()) - 1);
        m_rows.resize(static_cast<std::size_t>(m_capacity));
        endRemoveRows();
    }
    Q_EMIT countChanged();
}

// A new instrument or filter changes every row, so this is a reset rather than an incremental update.
void TradeTapeModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_priceDecimals = 0;
    std::vector<const Trade *> shown;
    for (const QString &key : std::as_const(m_keys)) {
        const InstrumentState *state = m_hub ? m_hub->instrument(key) : nullptr;
        if (!state)
            continue;
        for (std::size_t i = 0; i < state->trades.size() && i < static_cast<std::size_t>(m_capacity); ++i) {
            const Trade &trade = state->trades.at(i);
            if (passes(trade)) {
                notePriceDecimals(trade);
                shown.push_back(&trade);
            }
        }
    }
    for (const Trade *trade : shown)
        m_rows.push_back(rowFor(*trade));
    // Several instruments: newest first across all of them (stable, so one instrument keeps its own order).
    if (m_keys.size() > 1)
        std::stable_sort(m_rows.begin(), m_rows.end(),
                         [](const Row &a, const Row &b) { return a.timestamp > b.timestamp; });
    if (m_rows.size() > static_cast<std::size_t>(m_capacity))
        m_rows.resize(static_cast<std::size_t>(m_capacity));
    endResetModel();
    Q_EMIT countChanged();
}

bool TradeTapeModel::passes(const Trade &trade) const
{
    return !m_minimumSize || trade.size >= *m_minimumSize;
}

// Prices share the most fraction digits seen on the tape, so they line up ("3150.20" under "3150.21").
void TradeTapeModel::notePriceDecimals(const Trade &trade)
{
    m_priceDecimals = std::max(m_priceDecimals, display::significantDecimals(trade.price));
}

TradeTapeModel::Row TradeTapeModel::rowFor(const Trade &trade) const
{
    const QString key = trade.venue + QLatin1Char(':') + trade.symbol;
    const QString name = m_hub ? m_hub->displayName(key) : trade.symbol;
    // Sizes at the instrument's lot precision where the venue says it, so the column lines up.
    const std::optional<Instrument> listed = m_hub ? m_hub->instrumentInfo(key) : std::nullopt;
    const int sizeDecimals = listed ? listed->sizeDecimals : -1;
    return { trade.ts,
             display::clockTime(trade.ts),
             display::fixedText(trade.price, m_priceDecimals),
             display::fixedText(trade.size, sizeDecimals),
             trade.side == Side::Buy,
             name };
}

} // namespace tapescope
