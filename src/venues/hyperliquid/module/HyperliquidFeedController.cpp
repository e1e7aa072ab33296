#include "HyperliquidFeedController.h"

#include "venues/api/QueuedCall.h"
#include "venues/hyperliquid/HyperliquidService.h"

namespace tapescope {

using hyperliquid::HyperliquidService;
using hyperliquid::Subscription;

namespace {

Subscription subscriptionOf(Subscription::Type type, const InstrumentId &instrument, const QString &interval = {})
{
    Subscription subscription;
    subscription.type = type;
    subscription.coin = instrument.symbol;
    subscription.interval = interval;
    return subscription;
}

} // namespace

HyperliquidFeedController::HyperliquidFeedController(HyperliquidService *service)
    : m_service(service)
{ }

void HyperliquidFeedController::watchTickers(const QList<InstrumentId> &instruments)
{
    // allMids gives every mid in one stream; the asset contexts add 24 h statistics and funding.
    if (!m_midsSubscribed) {
        Subscription mids;
        mids.type = Subscription::Type::AllMids;
        subscribe(mids);
        m_midsSubscribed = true;
    }
    for (const InstrumentId &old : std::as_const(m_tickers)) {
        if (!instruments.contains(old))
            unsubscribe(subscriptionOf(Subscription::Type::ActiveAssetCtx, old));
    }
    for (const InstrumentId &instrument : instruments) {
        if (!m_tickers.contains(instrument))
            subscribe(subscriptionOf(Subscription::Type::ActiveAssetCtx, instrument));
    }
    m_tickers = instruments;
}

void HyperliquidFeedController::followMarket(const InstrumentId &instrument)
{
    subscribe(subscriptionOf(Subscription::Type::L2Book, instrument));
    subscribe(subscriptionOf(Subscription::Type::Trades, instrument));
    // The selected instrument needs its statistics even when it is not on the watchlist.
    if (!m_tickers.contains(instrument))
        subscribe(subscriptionOf(Subscription::Type::ActiveAssetCtx, instrument));
}

void HyperliquidFeedController::unfollowMarket(const InstrumentId &instrument)
{
    unsubscribe(subscriptionOf(Subscription::Type::L2Book, instrument));
    unsubscribe(subscriptionOf(Subscription::Type::Trades, instrument));
    if (!m_tickers.contains(instrument))
        unsubscribe(subscriptionOf(Subscription::Type::ActiveAssetCtx, instrument));
}

void HyperliquidFeedController::followCandles(const InstrumentId &instrument, const QString &interval)
{
    subscribe(subscriptionOf(Subscription::Type::Candle, instrument, interval));
}

void HyperliquidFeedController::unfollowCandles(const InstrumentId &instrument, const QString &interval)
{
    unsubscribe(subscriptionOf(Subscription::Type::Candle, instrument, interval));
}

void HyperliquidFeedController::requestCandleHistory(const InstrumentId &instrument, const QString &interval,
                                                     qint64 startMs, qint64 endMs)
{
    callQueued(m_service, [coin = instrument.symbol, interval, startMs, endMs](HyperliquidService *service) {
        service->requestCandleHistory(coin, interval, startMs, endMs);
    });
}

void HyperliquidFeedController::subscribe(const Subscription &subscription)
{
    callQueued(m_service, [subscription](HyperliquidService *service) { service->subscribe(subscription); });
}

void HyperliquidFeedController::unsubscribe(const Subscription &subscription)
{
    callQueued(m_service, [subscription](HyperliquidService *service) { service->unsubscribe(subscription); });
}

} // namespace tapescope
