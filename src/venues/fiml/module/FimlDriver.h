#pragma once

#include "venues/api/VenueDriver.h"

namespace tapescope {

// FIML: a self-hosted market-data aggregator (custom URL only, no sign-in). The watchlist's rows stream
// FIML price updates (price, change, volume, provider, confidence); the chart streams its OHLCV.
class FimlDriver : public VenueDriver
{
public:
    QString venue() const override;
    std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                          QString *error) const override;
    std::unique_ptr<FeedController> createController(VenueFeed *feed) const override;
    QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                           QString *error) const override;
    QString label(const VenueSettings &settings, bool demo) const override;
};

} // namespace tapescope
