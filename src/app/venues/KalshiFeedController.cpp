#include "KalshiFeedController.h"

#include "venues/kalshi/KalshiService.h"

#include <QtCore/QMetaObject>

namespace tapescope {

using kalshi::KalshiService;

KalshiFeedController::KalshiFeedController(KalshiService *service)
    : m_service(service)
{
}

QStringList KalshiFeedController::watchChannels()
{
    return {QString::fromLatin1(kalshi::channel::Ticker), QString::fromLatin1(kalshi::channel::MarketLifecycle)};
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
    if (!m_service)
        return;
    KalshiService *service = m_service.data();
    QMetaObject::invokeMethod(service, [service, market, channels] { service->subscribeMarket(market, channels); },
                              Qt::QueuedConnection);
}

void KalshiFeedController::unsubscribe(const QString &market)
{
    if (!m_service)
        return;
    KalshiService *service = m_service.data();
    QMetaObject::invokeMethod(service, [service, market] { service->unsubscribeMarket(market); }, Qt::QueuedConnection);
}

} // namespace tapescope
