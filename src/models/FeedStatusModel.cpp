#include "FeedStatusModel.h"

#include "FeedReasonText.h"
#include "UiLanguage.h"
#include "market/MarketHub.h"

namespace tapescope {

FeedStatusModel::FeedStatusModel(MarketHub *hub, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
{
    if (hub) {
        connect(hub, &MarketHub::feedStatusChanged, this, &FeedStatusModel::onFeedStatusChanged);
        connect(hub, &MarketHub::feedRemoved, this, &FeedStatusModel::onFeedRemoved);
        m_venues = hub->venues();
    }
    refreshOnLanguageChange(this); // state labels and reasons
}

int FeedStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_venues.size());
}

QVariant FeedStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QString &venue = m_venues.at(index.row());
    const FeedHealth *health = m_hub ? m_hub->feed(venue) : nullptr;
    if (!health)
        return {};
    const FeedState::Value state = FeedState::of(health);
    const ConnectionStats &stats = health->status.stats;
    switch (role) {
    case VenueRole:
        return venue;
    case Qt::DisplayRole:
    case LabelRole:
        return venueLabel(venue);
    case StateRole:
        return int(state);
    case StateLabelRole:
        return stateLabel(state);
    case IsLiveRole:
        return health->hasStatus && health->status.isLive();
    case DetailRole:
        return FeedReasonText::of(health->status.reason);
    case MessagesPerSecondRole:
        return stats.messagesPerSecond;
    case LastMessageAgeMsRole:
        return stats.lastMessageAgeMs;
    case ReconnectsRole:
        return stats.reconnects;
    case MalformedRole:
        return health->status.malformedFrames;
    case IntegrityErrorsRole:
        return health->integrityErrors;
    case LastIssueRole:
        return health->lastIssue;
    default:
        return {};
    }
}

QHash<int, QByteArray> FeedStatusModel::roleNames() const
{
    return {
        { VenueRole, "venue" },
        { LabelRole, "label" },
        { StateRole, "feedState" },
        { StateLabelRole, "stateLabel" },
        { IsLiveRole, "isLive" },
        { DetailRole, "detail" },
        { MessagesPerSecondRole, "messagesPerSecond" },
        { LastMessageAgeMsRole, "lastMessageAgeMs" },
        { ReconnectsRole, "reconnects" },
        { MalformedRole, "malformed" },
        { IntegrityErrorsRole, "integrityErrors" },
        { LastIssueRole, "lastIssue" },
    };
}

void FeedStatusModel::setVenueLabel(const QString &venue, const QString &label)
{
    m_labels.insert(venue, label);
    if (!m_order.contains(venue))
        m_order.append(venue);
    const qsizetype row = m_venues.indexOf(venue);
    if (row >= 0)
        Q_EMIT dataChanged(index(static_cast<int>(row)), index(static_cast<int>(row)), { LabelRole, Qt::DisplayRole });
}

QString FeedStatusModel::venueLabel(const QString &venue) const
{
    return m_labels.value(venue, venue);
}

QString FeedStatusModel::stateLabel(FeedState::Value state)
{
    switch (state) {
    case FeedState::Live:
        return tr("LIVE");
    case FeedState::Stale:
        return tr("STALE");
    case FeedState::Resyncing:
        return tr("RESYNCING");
    case FeedState::Connecting:
        return tr("CONNECTING");
    case FeedState::BackingOff:
        return tr("RECONNECTING");
    case FeedState::Down:
        return tr("DOWN");
    case FeedState::Disconnected:
        return tr("OFFLINE");
    }
    return tr("OFFLINE");
}

void FeedStatusModel::onFeedStatusChanged(const QString &venue)
{
    qsizetype row = m_venues.indexOf(venue);
    if (row < 0) {
        // Feeds report in whatever order they connect; rows keep the order the venues were labelled in.
        const auto rank = [this](const QString &name) {
            const qsizetype at = m_order.indexOf(name);
            return at < 0 ? m_order.size() : at;
        };
        row = 0;
        while (row < m_venues.size() && rank(m_venues.at(row)) <= rank(venue))
            ++row;
        beginInsertRows(QModelIndex(), static_cast<int>(row), static_cast<int>(row));
        m_venues.insert(row, venue);
        endInsertRows();
    } else {
        Q_EMIT dataChanged(index(static_cast<int>(row)), index(static_cast<int>(row)));
    }
    Q_EMIT feedChanged(venue);
}

void FeedStatusModel::onFeedRemoved(const QString &venue)
{
    const qsizetype row = m_venues.indexOf(venue);
    if (row < 0)
        return;
    beginRemoveRows(QModelIndex(), static_cast<int>(row), static_cast<int>(row));
    m_venues.removeAt(row);
    endRemoveRows();
    Q_EMIT feedChanged(venue);
}

} // namespace tapescope
