#pragma once

#include "market/FeedController.h"

#include <QtCore/QHash>
#include <QtCore/QString>

namespace tapescope {

// The one FeedController the Workspace holds: it routes every request to the venue's own adapter by
// InstrumentId::venue, so the models never need to know how many venues run.
class RoutingFeedController : public FeedController
{
public:
    // `controller` stays owned by the caller; nullptr removes the venue. Requests for unknown venues are dropped.
    void setController(const QString &venue, FeedController *controller);
    FeedController *controller(const QString &venue) const { return m_controllers.value(venue); }

    // Each venue's adapter gets only its own instruments (an empty list when none are left).
    void watchTickers(const QList<InstrumentId> &instruments) override;
    void followMarket(const InstrumentId &instrument) override;
    void unfollowMarket(const InstrumentId &instrument) override;
    void followCandles(const InstrumentId &instrument, const QString &interval) override;
    void unfollowCandles(const InstrumentId &instrument, const QString &interval) override;
    void requestCandleHistory(const InstrumentId &instrument, const QString &interval, qint64 startMs,
                              qint64 endMs) override;
    bool streamsBook(const InstrumentId &instrument) const override;
    bool streamsTrades(const InstrumentId &instrument) const override;
    bool streamsCandles(const InstrumentId &instrument, const QString &interval) const override;

private:
    QHash<QString, FeedController *> m_controllers;
};

} // namespace tapescope
