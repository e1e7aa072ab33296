#pragma once

#include "app/credentials/VenueCredentials.h"
#include "venues/api/StreamSource.h"
#include "venues/api/VenueDescription.h"

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

class QCommandLineParser;
class QHostAddress;

namespace tapescope {

class VenueDriver;

// A `tapescope-cli` command that only one venue has, e.g. Kalshi's `nfl`. `run` parses its own arguments
// (args[0] is the command's name) and returns the process exit code.
struct CliCommand
{
    QString name;
    QString summary;
    int (*run)(const QStringList &args) = nullptr;
};

// Everything the rest of the program asks of one venue. Each venue implements it once, in
// src/venues/<venue>/module/<Venue>Module.cpp; the generated list of modules (src/venues/CMakeLists.txt)
// is the only place outside the venue's own folders that names it. See docs/architecture.md.
class VenueModule
{
public:
    virtual ~VenueModule() = default;

    // Settings: environments, credentials, symbol rules, default watchlist.
    virtual const VenueDescription &description() const = 0;
    QString name() const { return description().venue; }

    // The app: the feed from settings, its FeedController, the demo emulator.
    virtual const VenueDriver &driver() const = 0;

    // `tapescope-cli stream`: the venue's own options (names no other module uses), and a feed for a request;
    // nullopt with *error (a usage message) when the request cannot be served.
    virtual void addStreamOptions(QCommandLineParser &parser) const = 0;
    virtual std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const = 0;

    // `tapescope-cli account`: the trader's orders, fills, positions, balances (an account feed that emits
    // VenueFeed::accountEventsReady). Venues without account data keep the default: nullopt and *error says so.
    virtual bool hasAccounts() const { return false; }
    virtual void addAccountOptions(QCommandLineParser &parser) const { Q_UNUSED(parser) }
    virtual std::optional<cli::StreamSource> accountSource(const cli::AccountRequest &request, QString *error) const
    {
        Q_UNUSED(request)
        *error = QStringLiteral("%1 has no account data in Tapescope").arg(description().title);
        return std::nullopt;
    }

    // `tapescope-cli emulate`: the venue's own options, and its emulator in the foreground on host:port
    // (the common options --seed, --book-interval-ms and --trade-interval-ms are there too). Exit code 0 when
    // stopped, 1 for bad options, 2 when it cannot listen.
    virtual void addEmulateOptions(QCommandLineParser &parser) const = 0;
    virtual int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const = 0;

    // Commands of tapescope-cli that only this venue has.
    virtual QList<CliCommand> commands() const { return {}; }

    // Benchmarks: the recorded server frames (a JSON Lines file under tests/data) that the codec benchmark
    // replays through this venue's codec.
    virtual QString benchFixture() const = 0;
};

// Every venue module this binary has, in the watchlist's order.
const QList<const VenueModule *> &venueModules();
const VenueModule *findVenueModule(const QString &venue);
const VenueDriver *findVenueDriver(const QString &venue);
// The environment variables of every venue that signs in, for a CredentialStore.
QList<CredentialVariables> venueCredentialVariables();

} // namespace tapescope
