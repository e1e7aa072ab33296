#include "venues/fiml/module/FimlDriver.h"

#include "emulator/fiml/FimlEmulator.h"
#include "market/FeedController.h"
#include "venues/api/QueuedCall.h"
#include "venues/fiml/FimlService.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QPointer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

using fiml::FimlService;
using fiml::StreamType;

namespace {

// FIML polls its providers per subscription. The watchlist is one price subscription per asset class
// (crypto pairs need asset_type crypto, docs/protocols/fiml.md §3.1), re-made when the list changes; the chart's symbol
// gets an OHLCV subscription of its own. FIML has no books or trades. Calls are queued.
class FimlFeedController : public FeedController
{
public:
    explicit FimlFeedController(FimlService *service)
        : m_service(service)
    { }

    void watchTickers(const QList<InstrumentId> &instruments) override
    {
        QStringList symbols;
        for (const InstrumentId &instrument : instruments)
            symbols.append(instrument.symbol);
        if (symbols == m_watched)
            return;
        const bool hadAny = !m_watched.isEmpty();
        m_watched = symbols;
        QList<fiml::SubscribeRequest> requests;
        for (const bool crypto : { false, true }) {
            QStringList group;
            for (const QString &symbol : std::as_const(symbols)) {
                if (isCryptoPair(symbol) == crypto)
                    group.append(symbol);
            }
            // FIML takes at most 50 symbols per subscription (docs/protocols/fiml.md §3.1): more rows, more
            // subscriptions.
            for (qsizetype from = 0; from < group.size(); from += fiml::MaxSymbols)
                requests.append(request(StreamType::Price, group.mid(from, fiml::MaxSymbols), crypto));
        }
        call([hadAny, requests](FimlService *service) {
            if (hadAny)
                service->unsubscribe({ StreamType::Price, std::nullopt });
            for (const fiml::SubscribeRequest &subscribe : requests)
                service->subscribe(subscribe);
        });
    }

    void followMarket(const InstrumentId &) override { }
    void unfollowMarket(const InstrumentId &) override { }
    bool streamsBook(const InstrumentId &) const override { return false; }
    bool streamsTrades(const InstrumentId &) const override { return false; }

    void followCandles(const InstrumentId &instrument, const QString &) override
    {
        if (m_charted == instrument.symbol)
            return;
        m_charted = instrument.symbol;
        const fiml::SubscribeRequest subscribe
            = request(StreamType::Ohlcv, { instrument.symbol }, isCryptoPair(instrument.symbol));
        call([subscribe](FimlService *service) { service->subscribe(subscribe); });
    }

    void unfollowCandles(const InstrumentId &instrument, const QString &) override
    {
        if (m_charted != instrument.symbol)
            return;
        m_charted.clear();
        const QStringList symbols { instrument.symbol };
        call([symbols](FimlService *service) { service->unsubscribe({ StreamType::Ohlcv, symbols }); });
    }

    void requestCandleHistory(const InstrumentId &, const QString &, qint64, qint64) override { }

private:
    static bool isCryptoPair(const QString &symbol) { return symbol.contains(QLatin1Char('/')); }

    static fiml::SubscribeRequest request(StreamType type, const QStringList &symbols, bool crypto)
    {
        fiml::SubscribeRequest subscribe;
        subscribe.streamType = type;
        subscribe.symbols = symbols;
        subscribe.intervalMs = 0; // the configured poll interval
        if (crypto) {
            subscribe.assetType = u"crypto"_s;
            subscribe.market = u"CRYPTO"_s;
        }
        return subscribe;
    }

    template<typename Work> void call(Work work) { callQueued(m_service, work); }

    QPointer<FimlService> m_service;
    QStringList m_watched;
    QString m_charted;
};

// lupdate files the tr() calls in FimlDriver's methods under its class name.
QString tr(const char *text)
{
    return QCoreApplication::translate("tapescope::FimlDriver", text);
}

} // namespace

QString FimlDriver::venue() const
{
    return FimlService::venueName();
}

std::unique_ptr<VenueFeed> FimlDriver::createFeed(const VenueSettings &settings, const VenueCredentials &,
                                                  QString *error) const
{
    std::optional<fiml::ServiceConfig> config = fiml::ServiceConfig::fromUrl(settings.customUrl, error);
    if (!config)
        return nullptr;
    if (settings.pollIntervalMs < fiml::MinIntervalMs || settings.pollIntervalMs > fiml::MaxIntervalMs) {
        if (error)
            *error = tr("FIML's update interval must be %1 to %2 ms, not %3")
                         .arg(fiml::MinIntervalMs)
                         .arg(fiml::MaxIntervalMs)
                         .arg(settings.pollIntervalMs);
        return nullptr;
    }
    config->intervalMs = settings.pollIntervalMs;
    return std::make_unique<FimlService>(*config);
}

std::unique_ptr<FeedController> FimlDriver::createController(VenueFeed *feed) const
{
    return std::make_unique<FimlFeedController>(qobject_cast<FimlService *>(feed));
}

QObject *FimlDriver::startEmulator(VenueSettings *settings, VenueCredentials *, QObject *parent, QString *error) const
{
    emulator::fiml::FimlEmulator::Options options;
    options.heartbeatIntervalMs = demoInterval(options.heartbeatIntervalMs);
    auto *emulator = listening(new emulator::fiml::FimlEmulator(options, parent), error);
    if (!emulator)
        return nullptr;
    // FIML's updates come at the interval the client asks for, 100 ms at the fastest (docs/protocols/fiml.md).
    settings->pollIntervalMs = std::max(fiml::MinIntervalMs, demoInterval(settings->pollIntervalMs));
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->streamUrl();
    return emulator;
}

QString FimlDriver::label(const VenueSettings &settings, bool demo) const
{
    if (demo)
        return VenueDriver::label(settings, demo);
    return u"%1 (%2:%3)"_s.arg(venue(), settings.customUrl.host()).arg(settings.customUrl.port(fiml::DefaultPort));
}

} // namespace tapescope
