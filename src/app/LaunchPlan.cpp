#include "LaunchPlan.h"

#include "AppLog.h"
#include "AppSettings.h"
#include "CommandLine.h"
#include "credentials/CredentialStore.h"
#include "credentials/LoadBlocking.h"
#include "venues/api/VenueDescription.h"
#include "venues/api/VenueModule.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

std::optional<MarketSession::Config> hyperliquidOnly(const QString &where, MarketSession::Config config, QString *error)
{
    VenueSettings hyperliquid;
    hyperliquid.venue = u"hyperliquid"_s;
    hyperliquid.enabled = true;
    hyperliquid.watchlist = venueCatalog::find(hyperliquid.venue)->defaultWatchlist;
    if (where == u"mainnet" || where == u"testnet") {
        hyperliquid.environment = where;
    } else {
        hyperliquid.environment = u"custom"_s;
        hyperliquid.customUrl = QUrl(where);
        if (!hyperliquid.customUrl.isValid() || hyperliquid.customUrl.host().isEmpty()) {
            *error = u"--hyperliquid '%1': use mainnet, testnet or a URL"_s.arg(where);
            return std::nullopt;
        }
    }
    config.venues.append({ hyperliquid, {}, false });
    return config;
}

} // namespace

std::optional<MarketSession::Config> planLaunch(const LaunchOptions &options, const AppSettings &settings,
                                                CredentialStore &credentials, QString *error, int keychainTimeoutMs)
{
    MarketSession::Config config;
    config.displayRate = settings.displayRate();
    config.initialKey = options.select;
    if (!options.hyperliquid.isEmpty())
        return hyperliquidOnly(options.hyperliquid, config, error);

    const bool demo = options.forceDemo || !settings.anyVenueConfigured();
    for (const VenueModule *module : venueModules()) {
        MarketSession::VenueLaunch launch;
        launch.settings = settings.venue(module->name());
        launch.demo = demo;
        if (demo) {
            launch.settings.enabled = true;
        } else if (launch.settings.enabled) {
            const VenueDescription *description = venueCatalog::find(module->name());
            if (description && description->auth != VenueDescription::Auth::None) {
                const BlockingLoadResult loaded = loadBlocking(credentials, module->name(), keychainTimeoutMs);
                if (!loaded.failure.isEmpty())
                    qCWarning(lcApp).noquote() << module->name() << "credentials:" << loaded.failure;
                launch.credentials = loaded.credentials;
            }
        }
        config.venues.append(launch);
    }
    return config;
}

} // namespace tapescope
