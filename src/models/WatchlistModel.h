#pragma once

#include "core/Events.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

class MarketHub;

// The watchlist: one row per followed instrument with its mid, 24 h change, funding (or, for an aggregator,
// the quote's source) and 24 h volume.
// A ticker update is a dataChanged of that one row.
class WatchlistModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WatchlistModel is provided by Workspace")

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        SymbolRole,
        MidRole,
        ChangeRole, // "+1.23%"
        ChangeValueRole, // the same as a number, for colour; 0 when unknown
        FundingRole,
        VolumeRole,
        HasDataRole,
        VenueRole, // for the watchlist's venue sections
        SourceRole, // an aggregator's upstream provider and confidence: "95% yahoo_finance"; else empty
    };
    Q_ENUM(Role)

    explicit WatchlistModel(MarketHub *hub, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setInstruments(const QList<InstrumentId> &instruments);
    QList<InstrumentId> instruments() const { return m_instruments; }
    int rowOf(const QString &key) const;

private:
    void onTickerChanged(const QString &key);
    void onInstrumentsChanged();

    QPointer<MarketHub> m_hub;
    QList<InstrumentId> m_instruments;
};

} // namespace tapescope
