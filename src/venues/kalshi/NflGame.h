#pragma once

#include "NflTicker.h"

#include "core/Events.h"

#include <QtCore/QDateTime>

#include <optional>

namespace tapescope::kalshi {

struct MarketListing;

// One team's game-winner market: a YES contract that pays $1 if this team wins.
struct TeamMarket
{
    QString team; // "PHI"
    QString marketTicker; // "KXNFLGAME-25SEP04DALPHI-PHI"
    std::optional<Decimal> yesBid;
    std::optional<Decimal> yesAsk;
    std::optional<Decimal> last;
    MarketState state = MarketState::Unknown;
    QString result; // "yes" / "no" once determined

    // Mid of YES bid and ask; the last trade when a side is empty (docs/protocols/kalshi.md §13.4). 0–1, exact.
    std::optional<Decimal> impliedProbability() const;
};

// An NFL game built from its two KXNFLGAME markets (docs/protocols/kalshi.md §13). Pure: fed normalized events or REST
// listings, it answers what the NFL panel shows — each team's YES bid/ask/last, the implied win
// probabilities normalised to sum to 100 %, the overround, and the game's state and winner.
class NflGame
{
public:
    // Probabilities are rounded half-up to this many decimals of the 0–1 fraction (0.2211 = 22.11 %).
    static constexpr int ProbabilityDecimals = 4;

    struct Probabilities
    {
        Decimal away; // normalised: away + home == 1 exactly
        Decimal home;
        Decimal overround; // raw away + raw home − 1, exact: 0.0150 means the pair sums to 101.5 %
    };

    // Builds the game from its event ticker and its two market tickers (any order). nullopt, with a reason
    // in *error, when they do not make one KXNFLGAME game.
    static std::optional<NflGame> fromMarkets(const QString &eventTicker, const QStringList &marketTickers,
                                              QString *error = nullptr);

    const NflEventTicker &ticker() const { return m_ticker; }
    // The scheduled kickoff in UTC, from the markets' `occurrence_datetime`; invalid when the venue did not
    // send it (then only the ticker's date is known).
    const QDateTime &kickoff() const { return m_kickoff; }
    const TeamMarket &away() const { return m_away; }
    const TeamMarket &home() const { return m_home; }
    bool hasMarket(const QString &marketTicker) const;

    // Routes a normalized Kalshi event to the team it is about: Bbo (YES bid/ask), BookSnapshot (best
    // levels), Ticker (last), Trade (last), MarketStatus (state, result). Returns whether anything changed.
    bool apply(const MarketEvent &event);
    // Seeds a team (and the kickoff) from a REST market listing (discovery). Returns whether the listing is one of
    // ours.
    bool apply(const MarketListing &listing);

    // Normalised win probabilities; nullopt until both teams have an implied probability.
    std::optional<Probabilities> probabilities() const;

    // The game's state is the furthest along of its two markets (both normally move together).
    MarketState state() const;
    // The team whose market resolved YES; empty before that (and for a tie, which pays 0.50 on both legs).
    QString winner() const;

    // 0.2211 → "22.11": a probability as a percentage string with ProbabilityDecimals − 2 places.
    static QString percentText(const Decimal &fraction);

private:
    NflGame() = default;
    TeamMarket *teamFor(const QString &marketTicker);

    NflEventTicker m_ticker;
    TeamMarket m_away;
    TeamMarket m_home;
    QDateTime m_kickoff;
};

} // namespace tapescope::kalshi
