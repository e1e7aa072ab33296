#include "venues/kalshi/module/NflGameLine.h"

#include "core/EventJson.h"

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

void appendMember(QByteArray &out, const char *key, const QString &value)
{
    out += ",\"" + QByteArray(key) + "\":";
    appendJsonString(out, value);
}

void appendOptional(QByteArray &out, const char *key, const std::optional<Decimal> &value)
{
    if (value)
        appendMember(out, key, value->toString());
    else
        out += ",\"" + QByteArray(key) + "\":null";
}

} // namespace

QByteArray nflGameLine(const kalshi::NflGame &game, const Decimal &volume)
{
    const auto probabilities = game.probabilities();
    QByteArray line = "{\"type\":\"nfl_game\"";
    appendMember(line, "event", game.ticker().eventTicker);
    // The scheduled start in UTC ("2025-09-05T00:20:00Z") when the venue sent it; else the ticker's date.
    appendMember(line, "kickoff",
                 game.kickoff().isValid() ? game.kickoff().toUTC().toString(Qt::ISODate)
                                          : game.ticker().date.toString(Qt::ISODate));
    appendMember(line, "away", game.ticker().away);
    appendMember(line, "home", game.ticker().home);
    appendOptional(line, "away_prob", probabilities ? std::optional(probabilities->away) : std::nullopt);
    appendOptional(line, "home_prob", probabilities ? std::optional(probabilities->home) : std::nullopt);
    appendOptional(line, "overround", probabilities ? std::optional(probabilities->overround) : std::nullopt);
    appendMember(line, "volume", volume.toString());
    appendMember(line, "status", marketStateName(game.state()));
    if (const QString winner = game.winner(); !winner.isEmpty())
        appendMember(line, "winner", winner);
    return line + '}';
}

} // namespace tapescope::cli
