#include "WatchlistModel.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"
#include "market/MarketHub.h"

namespace tapescope {

WatchlistModel::WatchlistModel(MarketHub *hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
{
    if (hub) {
        connect(hub, &MarketHub::tickerChanged, this, &WatchlistModel::onTickerChanged);
        connect(hub, &MarketHub::instrumentsChanged, this, &WatchlistModel::onInstrumentsChanged);
    }
    refreshOnLanguageChange(this);
}

int WatchlistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_instruments.size());
}

QVariant WatchlistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const InstrumentId &id = m_instruments.at(index.row());
    const QString key = id.key();
    if (role == KeyRole)
        return key;
    if (role == VenueRole)
        return id.venue;
    if (role == SymbolRole || role == Qt::DisplayRole)
        return m_hub ? m_hub->displayName(key) : id.display;

    const InstrumentState *state = m_hub ? m_hub->instrument(key) : nullptr;
    Ticker ticker = state ? state->ticker : Ticker {};
    // Not every venue sends a mid: prediction markets and stock quotes have a best bid and offer, order-book
    // venues (O2, Alpaca crypto) only the book, FIML a last price. Use what there is, in that order.
    if (!ticker.mid && state && state->bbo && state->bbo->bid && state->bbo->ask) {
        if (const auto sum = state->bbo->bid->price.checkedAdd(state->bbo->ask->price))
            ticker.mid = sum->halved();
    }
    if (!ticker.mid && state && !state->bookFlagged)
        ticker.mid = state->displayBook.mid();
    if (!ticker.mid && ticker.last)
        ticker.mid = ticker.last;
    switch (role) {
    case MidRole:
        return ticker.mid ? display::localized(ticker.mid->toString()) : QString();
    case ChangeRole: {
        const std::optional<double> change = display::changePercent(ticker);
        return change ? display::signedPercent(*change) : QString();
    }
    case ChangeValueRole:
        return display::changePercent(ticker).value_or(0.0);
    case FundingRole:
        return ticker.funding ? display::fundingRate(*ticker.funding) : QString();
    case VolumeRole:
        if (ticker.volume24h)
            return display::compactNotional(*ticker.volume24h);
        return ticker.volume ? display::compactQuantity(*ticker.volume) : QString();
    case SourceRole:
        return display::quoteSource(ticker);
    case HasDataRole:
        return ticker.mid.has_value();
    default:
        return {};
    }
}

QHash<int, QByteArray> WatchlistModel::roleNames() const
{
    return {
        { KeyRole, "key" },       { SymbolRole, "symbol" },           { MidRole, "mid" },
        { ChangeRole, "change" }, { ChangeValueRole, "changeValue" }, { FundingRole, "funding" },
        { VolumeRole, "volume" }, { HasDataRole, "hasData" },         { VenueRole, "venue" },
        { SourceRole, "source" },
    };
}

void WatchlistModel::setInstruments(const QList<InstrumentId> &instruments)
{
    // A different list is a different model; incremental ticker updates never come through here.
    beginResetModel();
    m_instruments = instruments;
    endResetModel();
}

int WatchlistModel::rowOf(const QString &key) const
{
    for (qsizetype i = 0; i < m_instruments.size(); ++i) {
        if (m_instruments.at(i).key() == key)
            return static_cast<int>(i);
    }
    return -1;
}

void WatchlistModel::onTickerChanged(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return;
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed,
                       { MidRole, ChangeRole, ChangeValueRole, FundingRole, VolumeRole, HasDataRole, SourceRole });
}

void WatchlistModel::onInstrumentsChanged()
{
    if (m_instruments.isEmpty())
        return;
    Q_EMIT dataChanged(index(0), index(rowCount() - 1), { SymbolRole, Qt::DisplayRole });
}

} // namespace tapescope
