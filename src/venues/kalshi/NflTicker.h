#pragma once

#include <QtCore/QDate>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace tapescope::kalshi {

inline constexpr char NflGameSeries[] = "KXNFLGAME";

// A KXNFLGAME event ticker taken apart (docs/protocols/kalshi.md §13.2): series "-" YY MMM DD AWAY HOME, e.g.
// KXNFLGAME-25SEP04DALPHI = Dallas at Philadelphia on 2025-09-04. Team codes are 2 or 3 letters
// (KC, GB, DAL, PHI), so AWAY/HOME cannot be split by width: the split comes from the team codes of the
// event's markets (…-DAL, …-PHI), which Kalshi spells exactly as inside the event ticker.
struct NflEventTicker
{
    QString series; // "KXNFLGAME"
    QString eventTicker; // "KXNFLGAME-25SEP04DALPHI"
    QDate date; // game date: 2025-09-04
    QString away; // "DAL" — first in reading order (§13.2; neutral-site games may differ)
    QString home; // "PHI"

    // `teamCodes` are the suffixes of the event's markets, in any order. nullopt when the ticker does not
    // follow the grammar or the matchup is not exactly the two codes concatenated.
    static std::optional<NflEventTicker> parse(const QString &eventTicker, const QStringList &teamCodes);
};

// A market ticker is its event ticker plus "-" plus the code of the team whose win pays YES
// (KXNFLGAME-25SEP04DALPHI-PHI pays YES if Philadelphia wins).
struct NflMarketTicker
{
    QString eventTicker;
    QString team;
    static std::optional<NflMarketTicker> parse(const QString &marketTicker);
};

} // namespace tapescope::kalshi
