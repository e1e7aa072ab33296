#pragma once

#include "venues/api/VenueDriver.h"

namespace tapescope {

// Alpaca market data: one stream per feed (iex, sip, delayed_sip, test, crypto, or a custom URL whose
// path names the feed), signed in with a key id and secret key.
class AlpacaDriver : public VenueDriver
{
public:
    QString venue() const override;
    std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                          QString *error) const override;
    std::unique_ptr<FeedController> createController(VenueFeed *feed) const override;
    std::optional<QString> normalizedAccount(const QString &text, QString *error) const override;
    std::unique_ptr<VenueFeed> createAccountFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                 const QString &account) const override;
    QList<VenueAccount> impliedAccounts(const VenueSettings &settings,
                                        const VenueCredentials &credentials) const override;
    QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                           QString *error) const override;
};

} // namespace tapescope
