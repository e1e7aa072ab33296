#pragma once

#include "NflGamesModel.h"

#include <QtCore/QAbstractTableModel>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

// The selected game's win-probability history as a table for Qt Charts' VXYModelMapper: column 0 is the
// time (Unix ms), columns 1 and 2 the away and home probability in percent. Bounded by the games model's
// HistoryCapacity; a new point is one inserted row, a refined last point one changed row.
class ProbabilityHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("ProbabilityHistoryModel is provided by Workspace.nfl")
    Q_PROPERTY(int count READ count NOTIFY rangeChanged)
    Q_PROPERTY(double minTime READ minTime NOTIFY rangeChanged)
    Q_PROPERTY(double maxTime READ maxTime NOTIFY rangeChanged)

public:
    enum Column { TimeColumn = 0, AwayColumn, HomeColumn, ColumnCount };
    Q_ENUM(Column)

    explicit ProbabilityHistoryModel(NflGamesModel *games, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    void setGame(const QString &eventTicker);
    QString game() const { return m_eventTicker; }
    int count() const { return m_rows; }
    double minTime() const;
    double maxTime() const;

Q_SIGNALS:
    void rangeChanged();

private:
    void onHistoryChanged(const QString &eventTicker, bool appended);
    const std::deque<NflGamesModel::Point> *points() const;

    QPointer<NflGamesModel> m_games;
    QString m_eventTicker;
    int m_rows = 0;
    bool m_trimming = false;
};

} // namespace tapescope
