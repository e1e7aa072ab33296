#pragma once

#include "market/FeedController.h"

#include <QtCore/QPointer>
#include <QtCore/QSet>

namespace tapescope::kalshi {
class KalshiService;
}

namespace tapescope {

// Turns the models' requests into Kalshi market subscriptions (docs/protocols/kalshi.md §4.1): watched markets stream
// ticker and lifecycle, followed ones (the NFL panel's selected game, a selected market) also their book
// and trades. Kalshi has no candles, so those requests are dropped (the hub builds bars from trades). Calls are queued
// into the service's thread.
class KalshiFeedController : public FeedController
{
public:
    explicit KalshiFeedController(kalshi::KalshiService *service);

    void watchTickers(const QList<InstrumentId> &instruments) override;
    void followMarket(const InstrumentId &instrument) override;
    void unfollowMarket(const InstrumentId &instrument) override;
    void followCandles(const InstrumentId &, const QString &) override { }
    void unfollowCandles(const InstrumentId &, const QString &) override { }
    void requestCandleHistory(const InstrumentId &, const QString &, qint64, qint64) override { }
    // Kalshi streams no bars: the chart's are built from the market's trades.
    bool streamsCandles(const InstrumentId &, const QString &) const override { return false; }

private:
    void subscribe(const QString &market, const QStringList &channels);
    void unsubscribe(const QString &market);
    static QStringList watchChannels();

    QPointer<kalshi::KalshiService> m_service;
    QSet<QString> m_watched;
    QSet<QString> m_followed;
};

} // namespace tapescope
