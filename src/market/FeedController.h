#pragma once

#include "core/Events.h"

#include <QtCore/QList>
#include <QtCore/QString>

namespace tapescope {

// What the models may ask of the venue side, and nothing more: models never touch the network.
// The app implements it with an adapter that forwards to a venue service in its worker thread.
class FeedController
{
public:
    virtual ~FeedController() = default;

    // Mid, 24 h statistics and funding for every watchlist row (replaces the previous list).
    virtual void watchTickers(const QList<InstrumentId> &instruments) = 0;
    // Book and trades of the instrument the panels show.
    virtual void followMarket(const InstrumentId &instrument) = 0;
    virtual void unfollowMarket(const InstrumentId &instrument) = 0;
    virtual void followCandles(const InstrumentId &instrument, const QString &interval) = 0;
    virtual void unfollowCandles(const InstrumentId &instrument, const QString &interval) = 0;
    virtual void requestCandleHistory(const InstrumentId &instrument, const QString &interval, qint64 startMs,
                                      qint64 endMs)
        = 0;
    // Whether the venue has an order book and trades for `instrument` at all (an aggregator such as FIML
    // has neither): the panels then say so instead of waiting.
    virtual bool streamsBook(const InstrumentId &instrument) const
    {
        Q_UNUSED(instrument);
        return true;
    }
    virtual bool streamsTrades(const InstrumentId &instrument) const
    {
        Q_UNUSED(instrument);
        return true;
    }
    // Whether the venue streams bars of `interval` itself; when not, the hub builds them from trades.
    virtual bool streamsCandles(const InstrumentId &instrument, const QString &interval) const
    {
        Q_UNUSED(instrument);
        Q_UNUSED(interval);
        return true;
    }
};

} // namespace tapescope
