#pragma once

#include "venues/api/VenueDriver.h"

namespace tapescope {

// Kalshi: a signed connection (key id + RSA key), production, demo or a custom host; NFL game discovery
// feeds the workspace's NFL board.
class KalshiDriver : public VenueDriver
{
public:
    QString venue() const override;
    std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                          QString *error) const override;
    std::unique_ptr<FeedController> createController(VenueFeed *feed) const override;
    QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                           QString *error) const override;
    void connectExtras(VenueFeed *feed, const VenueSettings &settings, QObject *context,
                       Workspace *workspace) const override;
    std::optional<QString> normalizedAccount(const QString &text, QString *error) const override;
    std::unique_ptr<VenueFeed> createAccountFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                 const QString &account) const override;
    QList<VenueAccount> impliedAccounts(const VenueSettings &settings,
                                        const VenueCredentials &credentials) const override;
    QList<InstrumentId> watchlist(const VenueSettings &settings, const QList<Instrument> &listed) const override;
    // The demo emulator's TEST-ONLY key: a replay signs nothing that leaves the machine.
    VenueCredentials replayCredentials() const override;
};

} // namespace tapescope
