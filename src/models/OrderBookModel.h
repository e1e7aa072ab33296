#pragma once

#include "Ladder.h"
#include "core/Events.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace tapescope {

class MarketHub;

// The DOM ladder of the selected instrument: a fixed window of price rows around the inside
// (asks above, a spread row, bids below). Book updates arrive once per frame and become one
// ranged dataChanged over the rows that differ; the row count only changes with `levels`.
class OrderBookModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("OrderBookModel is provided by Workspace")
    Q_PROPERTY(QString grouping READ grouping WRITE setGrouping NOTIFY groupingChanged)
    Q_PROPERTY(QStringList groupingOptions READ groupingOptions NOTIFY groupingOptionsChanged)
    // groupingOptions as the UI shows them, in the locale ("0,5" in German); `grouping` takes the option itself.
    Q_PROPERTY(QStringList groupingLabels READ groupingLabels NOTIFY groupingOptionsChanged)
    Q_PROPERTY(int levels READ levels WRITE setLevels NOTIFY levelsChanged)
    Q_PROPERTY(QString bestBid READ bestBid NOTIFY insideChanged)
    Q_PROPERTY(QString bestAsk READ bestAsk NOTIFY insideChanged)
    Q_PROPERTY(QString spread READ spread NOTIFY insideChanged)
    Q_PROPERTY(QString mid READ mid NOTIFY insideChanged)
    Q_PROPERTY(bool hasData READ hasData NOTIFY insideChanged)
    Q_PROPERTY(bool flagged READ flagged NOTIFY integrityChanged)
    Q_PROPERTY(QString integrityIssue READ integrityIssue NOTIFY integrityChanged)

public:
    enum Role {
        PriceRole = Qt::UserRole + 1,
        BidSizeRole,
        AskSizeRole,
        CumulativeRole,
        HeatRole,
        IsSpreadRowRole,
        IsBestBidRole,
        IsBestAskRole,
        OwnBidSizeRole, // the trader's working buy orders on the row (remaining size)
        OwnAskSizeRole, // ... and sell orders
        IsEntryRole, // the position's entry price is on this row
    };
    Q_ENUM(Role)

    explicit OrderBookModel(MarketHub *hub, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The trader's working orders and position entry on the shown instrument (Workspace sets them from the
    // AccountHub); each order lands on the row whose price bucket holds its price.
    struct OwnOrder
    {
        Side side;
        Decimal price;
        Decimal remaining;
    };
    void setOwnOrders(std::vector<OwnOrder> orders, std::optional<Decimal> entryPrice);

    QString instrument() const { return m_key; }
    void setInstrument(const QString &key);

    QString grouping() const;
    void setGrouping(const QString &step); // "" or the tick: no grouping
    QStringList groupingOptions() const { return m_groupingOptions; }
    QStringList groupingLabels() const;
    int levels() const { return m_levels; }
    void setLevels(int levelsPerSide);

    // In the locale; the rows and these are kept in C notation ("3150.5") and localized when read.
    QString bestBid() const;
    QString bestAsk() const;
    QString spread() const;
    QString mid() const;
    bool hasData() const { return !m_bestBid.isEmpty() || !m_bestAsk.isEmpty(); }
    bool flagged() const { return m_flagged; }
    QString integrityIssue() const { return m_integrityIssue; }

Q_SIGNALS:
    void groupingChanged();
    void groupingOptionsChanged();
    void levelsChanged();
    void insideChanged();
    void integrityChanged();

private:
    void onBookChanged(const QString &key);
    void refresh();
    void updateGroupingOptions(const std::optional<Decimal> &tick);
    void markOwnOrders(std::vector<LadderRow> &rows) const;

    QPointer<MarketHub> m_hub;
    QString m_key;
    int m_levels = 15;
    std::optional<Decimal> m_step;
    std::optional<Decimal> m_tick;
    QStringList m_groupingOptions;
    std::vector<LadderRow> m_rows;
    std::vector<OwnOrder> m_ownOrders;
    std::optional<Decimal> m_entryPrice;
    QString m_bestBid;
    QString m_bestAsk;
    QString m_spread;
    QString m_mid;
    bool m_flagged = false;
    QString m_integrityIssue;
};

} // namespace tapescope
