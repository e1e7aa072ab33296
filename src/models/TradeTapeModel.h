#pragma once

#include "core/Decimal.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <deque>
#include <optional>

namespace tapescope {

class MarketHub;
struct Trade;

// The time-and-sales tape of the selected instrument (or of several, e.g. both teams of an NFL game), newest
// first. Each frame's new trades go in with one beginInsertRows at row 0; rows beyond `capacity` fall off.
class TradeTapeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("TradeTapeModel is provided by Workspace")
    Q_PROPERTY(QString minimumSize READ minimumSize WRITE setMinimumSize NOTIFY minimumSizeChanged)
    Q_PROPERTY(int capacity READ capacity CONSTANT)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        TimeRole = Qt::UserRole + 1,
        PriceRole,
        SizeRole,
        SideRole,
        IsBuyRole,
        TimestampRole,
        InstrumentRole, // display name of the trade's instrument (for tapes of several)
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 200; // rows a tape panel can usefully scroll through

    explicit TradeTapeModel(MarketHub *hub, QObject *parent = nullptr, int capacity = DefaultCapacity);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString instrument() const { return m_keys.value(0); }
    void setInstrument(const QString &key);
    // One tape over several instruments, merged by time.
    void setInstruments(const QStringList &keys);

    // Trades smaller than this (in the instrument's size unit) are hidden; "" shows everything.
    QString minimumSize() const;
    void setMinimumSize(const QString &size);
    int capacity() const { return m_capacity; }
    int count() const { return static_cast<int>(m_rows.size()); }

Q_SIGNALS:
    void minimumSizeChanged();
    void countChanged();

private:
    struct Row
    {
        qint64 timestamp;
        QString time;
        QString price;
        QString size;
        bool isBuy;
        QString instrument;
    };

    void onTradesAppended(const QString &key, int count);
    void rebuild();
    bool passes(const Trade &trade) const;
    void notePriceDecimals(const Trade &trade);
    Row rowFor(const Trade &trade) const;

    QPointer<MarketHub> m_hub;
    QStringList m_keys;
    int m_capacity;
    std::optional<Decimal> m_minimumSize;
    std::deque<Row> m_rows; // newest first
    int m_priceDecimals = 0; // the most fraction digits of any trade price since the last rebuild
};

} // namespace tapescope
