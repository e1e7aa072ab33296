#include "venues/kalshi/module/KalshiFeedController.h"

#include "venues/api/QueuedCall.h"
#include "venues/kalshi/KalshiService.h"

namespace tapescope {

using kalshi::KalshiService;

KalshiFeedController::KalshiFeedController(KalshiService *service)
    : m_service(service)
{ }

QStringList KalshiFeedController::watchChannels()
{
    return { QString::fromLatin1(kalshi::channel::Ticker), QString::fromLatin1(kalshi::channel::MarketLifecycle) };
}

void KalshiFeedController::watchTickers(const QList<InstrumentId> &instruments)
{
    QSet<QString> wanted;
    for (const InstrumentId &instrument : instruments)
        wanted.insert(instrument.symbol);
    for (const QString &market : std::as_const(m_watched)) {
        if (!wanted.contains(market) && !m_followed.contains(market))
            unsubscribe(market);
    }
    for (const QString &market : std::as_const(wanted)) {
        if (!m_watched.contains(market) && !m_followed.contains(market))
            subscribe(market, watchChannels());
    }
    m_watched = wanted;
}

void KalshiFeedController::followMarket(const InstrumentId &instrument)
{
    m_followed.insert(instrument.symbol);
    subscribe(instrument.symbol, KalshiService::defaultChannels() + watchChannels());
}

void KalshiFeedController::unfollowMarket(const InstrumentId &instrument)
{
    if (!m_followed.remove(instrument.symbol))
        return;
    // Unsubscribing stops every channel of the market; a watched one goes back to its ticker alone.
    unsubscribe(instrument.symbol);
    if (m_watched.contains(instrument.symbol))
        subscribe(instrument.symbol, watchChannels());
}

void KalshiFeedController::subscribe(const QString &market, const QStringList &channels)
{
    callQueued(m_service, [market, channels](KalshiService *service) { service->subscribeMarket(market, channels); });
}

void KalshiFeedController::unsubscribe(const QString &market)
{
    callQueued(m_service, [market](KalshiService *service) { service->unsubscribeMarket(market); });
}

} // namespace tapescope
