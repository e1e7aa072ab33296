#include "venues/hyperliquid/module/HyperliquidDriver.h"

#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "venues/hyperliquid/HyperliquidService.h"
#include "venues/hyperliquid/module/HyperliquidFeedController.h"

#include <QtCore/QCoreApplication>

using namespace Qt::StringLiterals;

namespace tapescope {

using hyperliquid::Endpoints;
using hyperliquid::HyperliquidService;

QString HyperliquidDriver::venue() const
{
    return HyperliquidService::venueName();
}

std::unique_ptr<VenueFeed> HyperliquidDriver::createFeed(const VenueSettings &settings, const VenueCredentials &,
                                                         QString *error) const
{
    std::optional<Endpoints> endpoints;
    if (settings.environment == u"mainnet")
        endpoints = Endpoints::mainnet();
    else if (settings.environment == u"testnet")
        endpoints = Endpoints::testnet();
    else if (settings.environment == u"custom")
        endpoints = Endpoints::custom(settings.customUrl, error);
    else if (error)
        *error
            = QCoreApplication::translate("VenueDriver", "hyperliquid environment '%1': use mainnet, testnet or custom")
                  .arg(settings.environment);
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
    auto *emulator = listening(new emulator::HyperliquidEmulator({}, parent), error);
    if (!emulator)
        return nullptr;
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->restBaseUrl();
    return emulator;
}

} // namespace tapescope
