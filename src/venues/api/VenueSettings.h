#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace tapescope {

// A trading account the app follows on a venue (public identities only: a Hyperliquid address, never a key).
struct VenueAccount
{
    QString account; // as the venue's driver normalizes it (VenueDriver::normalizedAccount)
    QString label; // the trader's name for it; empty: none

    friend bool operator==(const VenueAccount &, const VenueAccount &) = default;
};

// One venue's persistent choices (no secrets: those live in the keychain, see CredentialStore).
struct VenueSettings
{
    QString venue; // "hyperliquid", "kalshi", ...
    bool enabled = false;
    QString environment; // one of the venue's VenueDescription::environments
    QUrl customUrl; // environment "custom" only
    QStringList watchlist; // wire symbols the watchlist follows on this venue
    int pollIntervalMs = 1000; // FIML's interval_ms (docs/protocols/fiml.md: 100..60000)
    QList<VenueAccount> accounts; // followed in the Account panel, where the venue has account feeds

    friend bool operator==(const VenueSettings &, const VenueSettings &) = default;
};

// How the app looks: theme, how often the models repaint, and the UI language.
struct DisplaySettings
{
    QString theme = QStringLiteral("dark"); // "dark" or "light"
    int updateRate = 60; // model notifications per second
    QString language; // "" = the system's, "en", "de"
    QString recordingFolder; // the sessions folder recordings go to; "" = AppSettings::defaultRecordingFolder()
    // Each venue's file of a recording made in the app stops at this size (MB = 1,000,000 bytes) or after this many
    // minutes; 0 = no limit (the default: a recording stops when the trader stops it).
    int recordingLimitMb = 0;
    int recordingLimitMinutes = 0;

    friend bool operator==(const DisplaySettings &, const DisplaySettings &) = default;
};

} // namespace tapescope
