#pragma once

#include "app/credentials/VenueCredentials.h"
#include "core/Events.h"
#include "venues/api/VenueSettings.h"

#include <QtCore/QString>
#include <QtNetwork/QHostAddress>

#include <memory>
#include <optional>

class QObject;

namespace tapescope {

class FeedController;
class VenueFeed;
class Workspace;

// What the app needs to run one venue whose service is built in: make its feed from the settings, adapt
// the models' requests to its typed subscribe slots, and, in demo mode, start its embedded emulator.
// Each venue module supplies one (VenueModule::driver()).
class VenueDriver
{
public:
    virtual ~VenueDriver() = default;

    virtual QString venue() const = 0;
    // A feed for `settings`, not started and still in the calling thread; nullptr with *error when the
    // settings or credentials cannot make one.
    virtual std::unique_ptr<VenueFeed> createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                  QString *error) const = 0;
    // The adapter from model requests to this feed's subscriptions. The feed lives in its worker thread.
    virtual std::unique_ptr<FeedController> createController(VenueFeed *feed) const = 0;
    // Demo mode: starts the venue's emulator on a loopback port as a child of `parent` and points `settings`
    // (and `credentials`, where the emulator checks a signature) at it. nullptr with *error on failure.
    virtual QObject *startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                                   QString *error) const = 0;
    // Wires what only this venue publishes (Kalshi's NFL games) into the workspace, with `context` (GUI
    // thread) as the receiver, and starts it. Called once the feed lives in its worker thread.
    virtual void connectExtras(VenueFeed *feed, const VenueSettings &settings, QObject *context,
                               Workspace *workspace) const;
    // The watchlist's rows for `settings`, given what the venue has listed so far (empty at start; asked
    // again on every instrumentsReady). By default the settings' symbols as they are.
    virtual QList<InstrumentId> watchlist(const VenueSettings &settings, const QList<Instrument> &listed) const;
    // How the status bar names the feed: "hyperliquid (testnet)".
    virtual QString label(const VenueSettings &settings, bool demo) const;
    // What the feed is made with when an app recording of this venue is replayed (docs/recording.md, "In the app"):
    // a replay signs nothing that leaves the machine, so no trader's key is needed. By default stand-ins for a key id
    // and secret; a venue whose feed cannot be made without a real key pair supplies a test-only one.
    virtual VenueCredentials replayCredentials() const;

    // Accounts (docs/architecture.md "Accounts"). A venue with account feeds overrides all three; by default it
    // has none. The account's identity as the venue spells it (a Hyperliquid address in lower case), or nullopt
    // with *error saying what an account looks like.
    virtual std::optional<QString> normalizedAccount(const QString &text, QString *error) const;
    // The most accounts the app may follow at once (0: no limit). Each account feed is a connection of its own
    // besides the market data's, so a venue that limits a client's connections limits its accounts.
    virtual int maxAccounts() const { return 0; }
    // A feed of `account`'s orders, fills, positions, ... (VenueFeed::accountEventsReady) on the same deployment
    // as the market data of `settings`; not started, still in the calling thread. nullptr: the venue has none.
    // `credentials` are the market feed's (venues whose key identifies the account sign in with them).
    virtual std::unique_ptr<VenueFeed>
    createAccountFeed(const VenueSettings &settings, const VenueCredentials &credentials, const QString &account) const;
    // Accounts the venue follows without being told: where the API key identifies the account (Kalshi, Alpaca),
    // the key's own, once credentials are there. Used when the settings name none.
    virtual QList<VenueAccount> impliedAccounts(const VenueSettings &settings,
                                                const VenueCredentials &credentials) const;
    // The selected instrument changed: tells an account feed of this venue (it lives in its worker thread) what
    // the trader looks at, where the venue has per-instrument account data (Hyperliquid's activeAssetData).
    virtual void selectInstrument(VenueFeed *accountFeed, const InstrumentId &instrument) const;

    // TAPESCOPE_DEMO_SPEED=N (1..100, default 1): demo mode's emulators run N times faster (book, trade, tick and
    // demo-trader intervals divided by N) so a long session sees more traffic per minute (docs/reliability.md, "Long
    // session"). Anything else than a whole number in range is 1.
    static int demoSpeed();
    // `intervalMs` at demoSpeed(): divided by it, at least 1 ms; 0 (off) stays 0.
    static int demoInterval(int intervalMs);

protected:
    // For startEmulator(): `emulator` listening on a free loopback port, or nullptr (and deleted) with *error.
    template<typename Emulator> Emulator *listening(Emulator *emulator, QString *error) const
    {
        if (emulator->listen(QHostAddress::LocalHost, 0))
            return emulator;
        delete emulator;
        if (error)
            *error = noLoopbackPort();
        return nullptr;
    }

private:
    QString noLoopbackPort() const;
};
} // namespace tapescope
