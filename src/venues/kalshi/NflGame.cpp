#include "NflGame.h"

#include "KalshiDiscovery.h"

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

// Probabilities are compared as integers at this scale: prices have at most 6 decimals and a mid one
// more, and 10^8 × 10^4 × 2 stays far inside 64 bits.
constexpr int kKeyScale = 8;
constexpr std::int64_t kProbabilityUnit = 10'000; // 10^ProbabilityDecimals

} // namespace

std::optional<Decimal> TeamMarket::impliedProbability() const
{
    if (yesBid && yesAsk) {
        if (const auto sum = yesBid->checkedAdd(*yesAsk))
            return sum->halved();
        return std::nullopt;
    }
    return last;
}

std::optional<NflGame> NflGame::fromMarkets(const QString &eventTicker, const QStringList &marketTickers,
                                            QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<NflGame> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (marketTickers.size() != 2)
        return fail(u"%1 has %2 markets; a game has one per team"_s.arg(eventTicker).arg(marketTickers.size()));
    QStringList teams;
    for (const QString &market : marketTickers) {
        const auto parsed = NflMarketTicker::parse(market);
        if (!parsed || parsed->eventTicker != eventTicker)
            return fail(u"%1 is not a market of %2"_s.arg(market, eventTicker));
        teams << parsed->team;
    }
    const auto ticker = NflEventTicker::parse(eventTicker, teams);
    if (!ticker || ticker->series != QLatin1String(NflGameSeries))
        return fail(u"%1 is not a KXNFLGAME event of teams %2"_s.arg(eventTicker, teams.join(u'/')));
    NflGame game;
    game.m_ticker = *ticker;
    game.m_away.team = ticker->away;
    game.m_away.marketTicker = eventTicker + u'-' + ticker->away;
    game.m_home.team = ticker->home;
    game.m_home.marketTicker = eventTicker + u'-' + ticker->home;
    return game;
}

bool NflGame::hasMarket(const QString &marketTicker) const
{
    return marketTicker == m_away.marketTicker || marketTicker == m_home.marketTicker;
}

TeamMarket *NflGame::teamFor(const QString &marketTicker)
{
    if (marketTicker == m_away.marketTicker)
        return &m_away;
    if (marketTicker == m_home.marketTicker)
        return &m_home;
    return nullptr;
}

bool NflGame::apply(const MarketEvent &event)
{
    const QString symbol = eventSymbol(event);
    TeamMarket *team = teamFor(symbol);
    if (!team)
        return false;
    auto assign = [](auto &field, const auto &value) {
        if (field == value)
            return false;
        field = value;
        return true;
    };
    auto priceOf
        = [](const std::optional<Level> &level) { return level ? std::optional<Decimal>(level->price) : std::nullopt; };
    // Both sides are assigned whatever the first one did (no short-circuit), then the change is reported.
    const auto assignInside = [&](const std::optional<Decimal> &bid, const std::optional<Decimal> &ask) {
        const bool bidChanged = assign(team->yesBid, bid);
        const bool askChanged = assign(team->yesAsk, ask);
        return bidChanged || askChanged;
    };
    if (const auto *bbo = std::get_if<Bbo>(&event))
        return assignInside(priceOf(bbo->bid), priceOf(bbo->ask));
    if (const auto *book = std::get_if<BookSnapshot>(&event)) {
        const auto bid = book->bids.empty() ? std::nullopt : std::optional<Decimal>(book->bids.front().price);
        const auto ask = book->asks.empty() ? std::nullopt : std::optional<Decimal>(book->asks.front().price);
        return assignInside(bid, ask);
    }
    if (const auto *ticker = std::get_if<Ticker>(&event))
        return ticker->last && assign(team->last, ticker->last);
    if (const auto *trade = std::get_if<Trade>(&event))
        return assign(team->last, std::optional<Decimal>(trade->price));
    if (const auto *status = std::get_if<MarketStatus>(&event)) {
        const bool stateChanged = assign(team->state, status->state);
        return (!status->result.isEmpty() && assign(team->result, status->result)) || stateChanged;
    }
    return false;
}

bool NflGame::apply(const MarketListing &listing)
{
    TeamMarket *team = teamFor(listing.ticker);
    if (!team)
        return false;
    team->yesBid = listing.yesBid;
    team->yesAsk = listing.yesAsk;
    team->last = listing.lastPrice;
    team->state = listing.state;
    team->result = listing.result;
    if (listing.occurrenceTime.isValid())
        m_kickoff = listing.occurrenceTime;
    return true;
}

std::optional<NflGame::Probabilities> NflGame::probabilities() const
{
    const auto away = m_away.impliedProbability();
    const auto home = m_home.impliedProbability();
    if (!away || !home)
        return std::nullopt;
    const auto awayKey = away->toKey(kKeyScale);
    const auto homeKey = home->toKey(kKeyScale);
    const auto sum = away->checkedAdd(*home);
    if (!awayKey || !homeKey || !sum || *awayKey < 0 || *homeKey < 0 || *awayKey + *homeKey <= 0)
        return std::nullopt;
    const std::int64_t total = *awayKey + *homeKey;
    // away / (away + home), rounded half-up; home takes the rest so the pair is exactly 100 %.
    const std::int64_t awayShare = (2 * *awayKey * kProbabilityUnit + total) / (2 * total);
    Probabilities result;
    result.away = Decimal::fromRaw(awayShare, ProbabilityDecimals);
    result.home = Decimal::fromRaw(kProbabilityUnit - awayShare, ProbabilityDecimals);
    result.overround = *sum - Decimal::fromInteger(1);
    return result;
}

MarketState NflGame::state() const
{
    return std::max(m_away.state, m_home.state);
}

QString NflGame::winner() const
{
    if (m_away.result == u"yes"_s)
        return m_away.team;
    if (m_home.result == u"yes"_s)
        return m_home.team;
    return {};
}

QString NflGame::percentText(const Decimal &fraction)
{
    const auto scaled = fraction.rescaled(std::max(fraction.scale(), ProbabilityDecimals));
    if (!scaled)
        return {};
    return Decimal::fromRaw(scaled->mantissa(), scaled->scale() - 2).toString();
}

} // namespace tapescope::kalshi
