#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace tapescope {

// What the settings dialog, the validator and the credential store know about a venue: its environments,
// what it signs in with, and what its symbols look like. Each venue module supplies one.
struct VenueDescription
{
    enum class Auth { None, KeyFile, Secret }; // key id + PEM private key file, or key id + secret key

    QString venue; // stable lower-case name used in events and settings
    QString title; // how people write it
    QStringList environments; // first is the default; "custom" takes a URL
    Auth auth = Auth::None;
    // Environment variables that override the keychain for headless use: the key id's, then the secret's
    // (Auth::Secret) or the private key file's (Auth::KeyFile). Empty for Auth::None.
    QStringList credentialVariables;
    // Auth::KeyFile: whether the venue's signer can load this PEM key; returns why not (the signer's words), or
    // an empty string when it loads. Set by the venue, so the settings validator links no venue's crypto.
    QString (*privateKeyProblem)(const QByteArray &pem) = nullptr;
    bool hasPollInterval = false; // the venue polls its upstreams at an interval the user chooses
    int minSymbols = 0; // the watchlist must name at least this many
    int maxSymbols = 100;
    QString symbolPattern; // regular expression every symbol must match
    QString symbolExample; // shown in messages
    QStringList defaultWatchlist;
};

namespace venueCatalog {

// Every venue module's description, in the modules' order.
const QList<VenueDescription> &all();
const VenueDescription *find(const QString &venue);

} // namespace venueCatalog

} // namespace tapescope
