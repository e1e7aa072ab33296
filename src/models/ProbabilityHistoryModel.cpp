#include "ProbabilityHistoryModel.h"

namespace tapescope {

ProbabilityHistoryModel::ProbabilityHistoryModel(NflGamesModel *games, QObject *parent)
    : QAbstractTableModel(parent)
    , m_games(games)
{
    connect(games, &NflGamesModel::historyChanged, this, &ProbabilityHistoryModel::onHistoryChanged);
    connect(games, &NflGamesModel::historyTrimming, this, [this](const QString &eventTicker) {
        if (eventTicker != m_eventTicker || m_rows == 0)
            return;
        beginRemoveRows(QModelIndex(), 0, 0);
        m_trimming = true;
    });
    connect(games, &NflGamesModel::historyTrimmed, this, [this](const QString &eventTicker) {
        if (eventTicker != m_eventTicker || !m_trimming)
            return;
        --m_rows;
        m_trimming = false;
        endRemoveRows();
    });
    // A new discovery resets the games model; the selected game's history survives it, but rebuild anyway.
    connect(games, &QAbstractItemModel::modelReset, this,
            [this] { setGame(QString(std::exchange(m_eventTicker, {}))); });
}

int ProbabilityHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ProbabilityHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProbabilityHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || role != Qt::DisplayRole)
        return {};
    const auto *history = points();
    if (!history || static_cast<std::size_t>(index.row()) >= history->size())
        return {};
    const NflGamesModel::Point &point = (*history)[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case TimeColumn:
        return static_cast<double>(point.timeMs);
    case AwayColumn:
        return point.away;
    case HomeColumn:
        return point.home;
    default:
        return {};
    }
}

void ProbabilityHistoryModel::setGame(const QString &eventTicker)
{
    if (eventTicker == m_eventTicker && !eventTicker.isEmpty())
        return;
    beginResetModel();
    m_eventTicker = eventTicker;
    const auto *history = points();
    m_rows = history ? static_cast<int>(history->size()) : 0;
    endResetModel();
    Q_EMIT rangeChanged();
}

double ProbabilityHistoryModel::minTime() const
{
    const auto *history = points();
    return history && !history->empty() ? static_cast<double>(history->front().timeMs) : 0.0;
}

double ProbabilityHistoryModel::maxTime() const
{
    const auto *history = points();
    return history && !history->empty() ? static_cast<double>(history->back().timeMs) : 0.0;
}

void ProbabilityHistoryModel::onHistoryChanged(const QString &eventTicker, bool appended)
{
    if (eventTicker != m_eventTicker)
        return;
    const auto *history = points();
    if (!history)
        return;
    if (!appended) {
        if (m_rows > 0)
            Q_EMIT dataChanged(index(m_rows - 1, AwayColumn), index(m_rows - 1, HomeColumn));
        return;
    }
    const int size = static_cast<int>(history->size());
    if (size > m_rows) {
        beginInsertRows(QModelIndex(), m_rows, size - 1);
        m_rows = size;
        endInsertRows();
    }
    Q_EMIT rangeChanged();
}

const std::deque<NflGamesModel::Point> *ProbabilityHistoryModel::points() const
{
    return m_games && !m_eventTicker.isEmpty() ? m_games->history(m_eventTicker) : nullptr;
}

} // namespace tapescope
