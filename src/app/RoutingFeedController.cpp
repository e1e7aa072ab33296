#include "RoutingFeedController.h"

namespace tapescope {

void RoutingFeedController::setController(const QString &venue, FeedController *controller)
{
    if (controller)
        m_controllers.insert(venue, controller);
    else
        m_controllers.remove(venue);
}

void RoutingFeedController::watchTickers(const QList<InstrumentId> &instruments)
{
    for (auto it = m_controllers.cbegin(); it != m_controllers.cend(); ++it) {
        QList<InstrumentId> own;
        for (const InstrumentId &instrument : instruments) {
            if (instrument.venue == it.key())
                own.append(instrument);
        }
        it.value()->watchTickers(own);
    }
}

void RoutingFeedController::followMarket(const InstrumentId &instrument)
{
    if (FeedController *target = controller(instrument.venue))
        target->followMarket(instrument);
}

void RoutingFeedController::unfollowMarket(const InstrumentId &instrument)
{
    if (FeedController *target = controller(instrument.venue))
        target->unfollowMarket(instrument);
}

void RoutingFeedController::followCandles(const InstrumentId &instrument, const QString &interval)
{
    if (FeedController *target = controller(instrument.venue))
        target->followCandles(instrument, interval);
}

void RoutingFeedController::unfollowCandles(const InstrumentId &instrument, const QString &interval)
{
    if (FeedController *target = controller(instrument.venue))
        target->unfollowCandles(instrument, interval);
}

void RoutingFeedController::requestCandleHistory(const InstrumentId &instrument, const QString &interval,
                                                 qint64 startMs, qint64 endMs)
{
    if (FeedController *target = controller(instrument.venue))
        target->requestCandleHistory(instrument, interval, startMs, endMs);
}

bool RoutingFeedController::streamsBook(const InstrumentId &instrument) const
{
    const FeedController *controller = m_controllers.value(instrument.venue);
    return !controller || controller->streamsBook(instrument);
}

bool RoutingFeedController::streamsTrades(const InstrumentId &instrument) const
{
    const FeedController *controller = m_controllers.value(instrument.venue);
    return !controller || controller->streamsTrades(instrument);
}

bool RoutingFeedController::streamsCandles(const InstrumentId &instrument, const QString &interval) const
{
    const FeedController *controller = m_controllers.value(instrument.venue);
    return !controller || controller->streamsCandles(instrument, interval);
}

} // namespace tapescope
