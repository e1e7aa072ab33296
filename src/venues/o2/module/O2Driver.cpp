#include "venues/o2/module/O2Driver.h"

#include "emulator/o2/O2Emulator.h"
#include "market/FeedController.h"
#include "venues/api/QueuedCall.h"
#include "venues/o2/O2Account.h"
#include "venues/o2/O2AccountService.h"
#include "venues/o2/O2Service.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QPointer>
#include <QtCore/QSet>

using namespace Qt::StringLiterals;

namespace tapescope {

using o2::O2Service;

namespace {

// O2 streams depth and trades, no tickers and no bars (docs/protocols/o2.md §4). Watched markets keep their depth book
// (the watchlist prices them from its mid); the followed one also streams trades; the chart's bars are
// REST history plus bars the hub builds from those trades. Calls are queued into the service's thread.
class O2FeedController : public FeedController
{
public:
    explicit O2FeedController(O2Service *service)
        : m_service(service)
    { }

    void watchTickers(const QList<InstrumentId> &instruments) override
    {
        QSet<QString> wanted;
        for (const InstrumentId &instrument : instruments)
            wanted.insert(instrument.symbol);
        for (const QString &market : std::as_const(m_watched)) {
            if (!wanted.contains(market) && market != m_followed)
                call([market](O2Service *service) { service->unsubscribeDepth(market); });
        }
        for (const QString &market : std::as_const(wanted)) {
            if (!m_watched.contains(market) && market != m_followed)
                call([market](O2Service *service) { service->subscribeDepth(market); });
        }
        m_watched = wanted;
    }

    void followMarket(const InstrumentId &instrument) override
    {
        const QString market = instrument.symbol;
        m_followed = market;
        call([market](O2Service *service) {
            service->subscribeDepth(market);
            service->subscribeTrades(market);
        });
    }

    void unfollowMarket(const InstrumentId &instrument) override
    {
        const QString market = instrument.symbol;
        if (market != m_followed)
            return;
        m_followed.clear();
        const bool watched = m_watched.contains(market);
        call([market, watched](O2Service *service) {
            service->unsubscribeTrades(market);
            service->unsubscribeDepth(market);
            // The hub forgets an unselected market's book; a watched one needs a fresh snapshot to go on.
            if (watched)
                service->subscribeDepth(market);
        });
    }

    void followCandles(const InstrumentId &, const QString &) override { }
    void unfollowCandles(const InstrumentId &, const QString &) override { }
    bool streamsCandles(const InstrumentId &, const QString &) const override { return false; }

    void requestCandleHistory(const InstrumentId &instrument, const QString &interval, qint64 startMs,
                              qint64 endMs) override
    {
        const QString market = instrument.symbol;
        call([=](O2Service *service) { service->requestBars(market, interval, startMs, endMs); });
    }

private:
    template<typename Work> void call(Work work) { callQueued(m_service, work); }

    QPointer<O2Service> m_service;
    QSet<QString> m_watched; // market ids
    QString m_followed;
};

// lupdate files the tr() calls in O2Driver's methods under its class name.
QString tr(const char *text)
{
    return QCoreApplication::translate("tapescope::O2Driver", text);
}

} // namespace

QString O2Driver::venue() const
{
    return O2Service::venueName();
}

std::unique_ptr<VenueFeed> O2Driver::createFeed(const VenueSettings &settings, const VenueCredentials &,
                                                QString *error) const
{
    std::optional<o2::Environment> environment = settings.environment == u"custom"
        ? O2Service::customEnvironment(settings.customUrl, error)
        : o2::Environment::fromName(settings.environment);
    if (!environment) {
        if (error && settings.environment != u"custom")
            *error = tr("o2 environment '%1': use mainnet, testnet, devnet or custom").arg(settings.environment);
        return nullptr;
    }
    return std::make_unique<O2Service>(*environment);
}

std::optional<QString> O2Driver::normalizedAccount(const QString &text, QString *error) const
{
    std::optional<QString> account = o2::normalizedTradeAccount(text.trimmed());
    if (!account && error)
        *error = tr("'%1' is not an O2 trade account: %2").arg(text.trimmed(), o2::tradeAccountRule());
    return account;
}

std::unique_ptr<VenueFeed> O2Driver::createAccountFeed(const VenueSettings &settings, const VenueCredentials &,
                                                       const QString &account) const
{
    std::optional<o2::Environment> environment = settings.environment == u"custom"
        ? O2Service::customEnvironment(settings.customUrl, nullptr)
        : o2::Environment::fromName(settings.environment);
    const std::optional<QString> id = o2::normalizedTradeAccount(account);
    if (!environment || !id)
        return nullptr;
    return std::make_unique<o2::O2AccountService>(*environment, *id, o2::O2AccountService::Options {});
}

std::unique_ptr<FeedController> O2Driver::createController(VenueFeed *feed) const
{
    return std::make_unique<O2FeedController>(qobject_cast<O2Service *>(feed));
}

QObject *O2Driver::startEmulator(VenueSettings *settings, VenueCredentials *, QObject *parent, QString *error) const
{
    emulator::o2::O2Emulator::Options options;
    options.bookIntervalMs = demoInterval(options.bookIntervalMs);
    options.tradeIntervalMs = demoInterval(options.tradeIntervalMs);
    options.traderIntervalMs = demoInterval(options.traderIntervalMs);
    auto *emulator = listening(new emulator::o2::O2Emulator(options, parent), error);
    if (!emulator)
        return nullptr;
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->restBaseUrl();
    // The demo trade account is the account the demo follows.
    settings->accounts = { { emulator::o2::O2Emulator::demoTradeAccount(), tr("Demo trade account") } };
    return emulator;
}

QList<InstrumentId> O2Driver::watchlist(const VenueSettings &settings, const QList<Instrument> &listed) const
{
    // Rows need market ids, which only the listing gives; until it answers there are none.
    QList<InstrumentId> rows;
    if (settings.watchlist.isEmpty()) {
        for (const Instrument &instrument : listed)
            rows.append(instrument.id);
        return rows;
    }
    for (const QString &wanted : settings.watchlist) {
        for (const Instrument &instrument : listed) {
            if (instrument.id.display.compare(wanted, Qt::CaseInsensitive) == 0
                || instrument.id.symbol.compare(wanted, Qt::CaseInsensitive) == 0) {
                rows.append(instrument.id);
                break;
            }
        }
    }
    return rows;
}

} // namespace tapescope
