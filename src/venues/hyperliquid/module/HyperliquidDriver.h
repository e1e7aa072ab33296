#pragma once

#include "venues/api/VenueDriver.h"

namespace tapescope {

// Hyperliquid: public data, no credentials; mainnet, testnet or a custom deployment. Accounts are addresses
// (public): one HyperliquidAccountService each, on the market data's deployment.
class HyperliquidDriver : public VenueDriver
{
public:
    QString venue() const override;
    std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                          QString *error) const override;
    std::unique_ptr<FeedController> createController(VenueFeed *feed) const override;
    QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                           QString *error) const override;
    std::optional<QString> normalizedAccount(const QString &text, QString *error) const override;
    // 10 WebSocket connections per IP (docs/protocols/hyperliquid.md §5): the market data's and nine accounts'.
    int maxAccounts() const override { return 9; }
    std::unique_ptr<VenueFeed> createAccountFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                 const QString &account) const override;
    void selectInstrument(VenueFeed *accountFeed, const InstrumentId &instrument) const override;
};

} // namespace tapescope
