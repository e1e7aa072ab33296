#pragma once

#include "FeedState.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

class MarketHub;

// One row per venue feed for the status bar and the panels' badges: state, detail, message rate,
// last-message age, reconnects and malformed frames.
class FeedStatusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("FeedStatusModel is provided by Workspace")

public:
    enum Role {
        VenueRole = Qt::UserRole + 1,
        LabelRole, // "hyperliquid (demo)"
        StateRole, // FeedState.Live, FeedState.Stale, ...
        StateLabelRole, // "LIVE", "STALE", "RECONNECTING", ...
        IsLiveRole,
        DetailRole, // why, in the user's language: "no data for 12 s"
        MessagesPerSecondRole,
        LastMessageAgeMsRole,
        ReconnectsRole,
        MalformedRole,
        IntegrityErrorsRole,
        LastIssueRole,
    };
    Q_ENUM(Role)

    explicit FeedStatusModel(MarketHub *hub, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // How the venue is named in the UI, e.g. "hyperliquid (demo)" when it is the embedded emulator.
    void setVenueLabel(const QString &venue, const QString &label);
    Q_INVOKABLE QString venueLabel(const QString &venue) const;

    // The badge text for a state: what a trader should read at a glance.
    static QString stateLabel(FeedState::Value state);

Q_SIGNALS:
    void feedChanged(const QString &venue);

private:
    void onFeedStatusChanged(const QString &venue);
    void onFeedRemoved(const QString &venue);

    QPointer<MarketHub> m_hub;
    QStringList m_venues;
    QHash<QString, QString> m_labels;
    QStringList m_order; // venues in the order they were labelled (the session's driver order)
};

} // namespace tapescope
