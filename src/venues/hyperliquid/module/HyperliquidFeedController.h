#pragma once

#include "market/FeedController.h"
#include "venues/hyperliquid/HyperliquidCodec.h"

#include <QtCore/QPointer>

namespace tapescope::hyperliquid {
class HyperliquidService;
}

namespace tapescope {

// Turns the models' requests into Hyperliquid subscriptions. The service lives in its worker
// thread, so every call is a queued invocation of one of its slots.
class HyperliquidFeedController : public FeedController
{
public:
    explicit HyperliquidFeedController(hyperliquid::HyperliquidService *service);

    void watchTickers(const QList<InstrumentId> &instruments) override;
    void followMarket(const InstrumentId &instrument) override;
    void unfollowMarket(const InstrumentId &instrument) override;
    void followCandles(const InstrumentId &instrument, const QString &interval) override;
    void unfollowCandles(const InstrumentId &instrument, const QString &interval) override;
    void requestCandleHistory(const InstrumentId &instrument, const QString &interval, qint64 startMs,
                              qint64 endMs) override;

private:
    void subscribe(const hyperliquid::Subscription &subscription);
    void unsubscribe(const hyperliquid::Subscription &subscription);

    QPointer<hyperliquid::HyperliquidService> m_service;
    QList<InstrumentId> m_tickers;
    bool m_midsSubscribed = false;
};

} // namespace tapescope
