#pragma once

#include "venues/api/VenueDriver.h"

namespace tapescope {

// O2 (Fuel): public data; mainnet, testnet, devnet or a custom deployment. Users name markets by pair
// ("fFUEL/fUSDC"); the watchlist's rows are the matching markets once GET /v1/markets has answered.
class O2Driver : public VenueDriver
{
public:
    QString venue() const override;
    std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                          QString *error) const override;
    std::optional<QString> normalizedAccount(const QString &text, QString *error) const override;
    std::unique_ptr<VenueFeed> createAccountFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                 const QString &account) const override;
    std::unique_ptr<FeedController> createController(VenueFeed *feed) const override;
    QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                           QString *error) const override;
    QList<InstrumentId> watchlist(const VenueSettings &settings, const QList<Instrument> &listed) const override;
};

} // namespace tapescope
