#include "venues/hyperliquid/module/HyperliquidDriver.h"

#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "venues/hyperliquid/HyperliquidAccount.h"
#include "venues/hyperliquid/HyperliquidAccountService.h"
#include "venues/hyperliquid/HyperliquidService.h"
#include "venues/hyperliquid/module/HyperliquidFeedController.h"

#include <QtCore/QCoreApplication>

using namespace Qt::StringLiterals;

namespace tapescope {

using hyperliquid::Endpoints;
using hyperliquid::HyperliquidAccountService;
using hyperliquid::HyperliquidService;

namespace {

std::optional<Endpoints> endpointsFor(const VenueSettings &settings, QString *error)
{
    if (settings.environment == u"mainnet")
        return Endpoints::mainnet();
    if (settings.environment == u"testnet")
        return Endpoints::testnet();
    if (settings.environment == u"custom")
        return Endpoints::custom(settings.customUrl, error);
    if (error)
        *error
            = QCoreApplication::translate("VenueDriver", "hyperliquid environment '%1': use mainnet, testnet or custom")
                  .arg(settings.environment);
    return std::nullopt;
}

} // namespace

QString HyperliquidDriver::venue() const
{
    return HyperliquidService::venueName();
}

std::unique_ptr<VenueFeed> HyperliquidDriver::createFeed(const VenueSettings &settings, const VenueCredentials &,
                                                         QString *error) const
{
    const std::optional<Endpoints> endpoints = endpointsFor(settings, error);
    if (!endpoints)
        return nullptr;
    return std::make_unique<HyperliquidService>(*endpoints);
}

std::unique_ptr<FeedController> HyperliquidDriver::createController(VenueFeed *feed) const
{
    return std::make_unique<HyperliquidFeedController>(qobject_cast<HyperliquidService *>(feed));
}

QObject *HyperliquidDriver::startEmulator(VenueSettings *settings, VenueCredentials *, QObject *parent,
                                          QString *error) const
{
    emulator::HyperliquidEmulator::Options options;
    options.bookIntervalMs = demoInterval(options.bookIntervalMs);
    options.tradeIntervalMs = demoInterval(options.tradeIntervalMs);
    options.midsIntervalMs = demoInterval(options.midsIntervalMs);
    options.ctxIntervalMs = demoInterval(options.ctxIntervalMs);
    options.traderIntervalMs = demoInterval(options.traderIntervalMs);
    options.fundingIntervalMs = demoInterval(options.fundingIntervalMs);
    auto *emulator = listening(new emulator::HyperliquidEmulator(options, parent), error);
    if (!emulator)
        return nullptr;
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->restBaseUrl();
    // The demo trader is the account the demo follows.
    settings->accounts = { { emulator::HyperliquidEmulator::demoTraderAddress(),
                             QCoreApplication::translate("VenueDriver", "Demo trader") } };
    return emulator;
}

std::optional<QString> HyperliquidDriver::normalizedAccount(const QString &text, QString *error) const
{
    std::optional<QString> address = hyperliquid::normalizedAddress(text.trimmed());
    if (!address && error)
        *error = QCoreApplication::translate("VenueDriver", "'%1' is not a Hyperliquid address: %2")
                     .arg(text.trimmed(), hyperliquid::addressRule());
    return address;
}

std::unique_ptr<VenueFeed> HyperliquidDriver::createAccountFeed(const VenueSettings &settings, const VenueCredentials &,
                                                                const QString &account) const
{
    const std::optional<Endpoints> endpoints = endpointsFor(settings, nullptr);
    const std::optional<QString> address = hyperliquid::normalizedAddress(account);
    if (!endpoints || !address)
        return nullptr;
    return std::make_unique<HyperliquidAccountService>(*endpoints, *address, HyperliquidAccountService::Options {});
}

// activeAssetData exists for perps only: plain coin names ("BTC") and builder-deployed ones ("xyz:TSLA"), not
// spot pairs ("PURR/USDC", "@107").
void HyperliquidDriver::selectInstrument(VenueFeed *accountFeed, const InstrumentId &instrument) const
{
    auto *service = qobject_cast<HyperliquidAccountService *>(accountFeed);
    if (!service)
        return;
    const bool perp = instrument.venue == venue() && !instrument.symbol.isEmpty()
        && !instrument.symbol.startsWith(QLatin1Char('@')) && !instrument.symbol.contains(QLatin1Char('/'));
    const QString coin = perp ? instrument.symbol : QString();
    QMetaObject::invokeMethod(
        service, [service, coin] { service->setActiveAsset(coin); }, Qt::QueuedConnection);
}

} // namespace tapescope
