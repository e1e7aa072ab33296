#pragma once

#include "venues/kalshi/NflGame.h"

#include <QtCore/QByteArray>

namespace tapescope::cli {

// One `tapescope-cli nfl` line:
// {"type":"nfl_game","event","kickoff","away","home","away_prob","home_prob","overround","volume","status","winner"?}
// Probabilities (normalised to sum to exactly 1), the overround and the volume are decimal strings; the
// probabilities and overround are null until both teams have a price. "kickoff" is the scheduled start in UTC
// (ISO 8601, "2025-09-05T00:20:00Z") when the venue sent the markets' occurrence_datetime, else the game date of
// the event ticker (YYYY-MM-DD); "winner" appears once a market has resolved.
QByteArray nflGameLine(const kalshi::NflGame &game, const Decimal &volume);

} // namespace tapescope::cli
