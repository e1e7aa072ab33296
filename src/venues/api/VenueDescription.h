#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

namespace tapescope {

// What the settings dialog and the validator know about each venue, whether or not its service is built
// into this binary: its environments, what it signs in with, and what its symbols look like.
struct VenueDescription
{
    enum class Auth { None, KeyFile, Secret }; // Kalshi: key id + PEM file; Alpaca: key id + secret key

    QString venue;               // "kalshi"
    QString title;               // "Kalshi"
    QStringList environments;    // first is the default; "custom" takes a URL
    Auth auth = Auth::None;
    bool hasPollInterval = false; // FIML
    int minSymbols = 0;          // the watchlist must name at least this many (FIML: 1)
    int maxSymbols = 100;        // FIML: 50 (fiml.md §4)
    QString symbolPattern;       // regular expression every symbol must match
    QString symbolExample;       // shown in messages: "KXNFLGAME-25SEP04DALPHI-PHI"
    QStringList defaultWatchlist;
};

namespace venueCatalog {

const QList<VenueDescription> &all();
const VenueDescription *find(const QString &venue);

} // namespace venueCatalog

} // namespace tapescope
