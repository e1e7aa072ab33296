#include "NflMarketSimulator.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtCore/QUuid>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

constexpr int kDepth = 5; // levels per side
constexpr int kDemoGameLength = 100000; // ticks: games that do not settle stay in play for a demo session

} // namespace

QString NflMarketSimulator::teamName(const QString &code)
{
    static const std::map<QString, QString> names = {
        { u"DAL"_s, u"Dallas"_s },       { u"PHI"_s, u"Philadelphia"_s }, { u"KC"_s, u"Kansas City"_s },
        { u"LV"_s, u"Las Vegas"_s },     { u"GB"_s, u"Green Bay"_s },     { u"DET"_s, u"Detroit"_s },
        { u"SF"_s, u"San Francisco"_s }, { u"SEA"_s, u"Seattle"_s },      { u"BAL"_s, u"Baltimore"_s },
        { u"BUF"_s, u"Buffalo"_s },
    };
    const auto found = names.find(code);
    return found == names.end() ? code : found->second;
}

NflMarketSimulator::NflMarketSimulator(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_random(options.seed)
{
    // Team codes of 2 and 3 letters (KC, LV, GB, SF), as in live tickers (docs/protocols/kalshi.md §13.2).
    const int settleLength = options.settleAfterTicks > 0 ? options.settleAfterTicks : kDemoGameLength;
    // Kickoffs in UTC: US evening games start after midnight UTC, the day after the ticker's (US) date.
    const auto utc = [](int month, int day, int hour, int minute) {
        return QDateTime(QDate(2025, month, day), QTime(hour, minute), QTimeZone::utc());
    };
    addGame(u"KXNFLGAME-25SEP04DALPHI"_s, QDate(2025, 9, 4), utc(9, 5, 0, 20), u"DAL"_s, u"PHI"_s, settleLength,
            options.settleAfterTicks > 0);
    addGame(u"KXNFLGAME-25SEP07KCLV"_s, QDate(2025, 9, 7), utc(9, 7, 20, 25), u"KC"_s, u"LV"_s, kDemoGameLength, false);
    addGame(u"KXNFLGAME-25SEP07GBDET"_s, QDate(2025, 9, 7), utc(9, 7, 17, 0), u"GB"_s, u"DET"_s, kDemoGameLength,
            false);
    addGame(u"KXNFLGAME-25SEP07SFSEA"_s, QDate(2025, 9, 7), utc(9, 7, 20, 5), u"SF"_s, u"SEA"_s, kDemoGameLength,
            false);
    addGame(u"KXNFLGAME-25SEP08BALBUF"_s, QDate(2025, 9, 8), utc(9, 9, 0, 15), u"BAL"_s, u"BUF"_s, kDemoGameLength,
            false);

    m_timer.setInterval(std::max(options.tickIntervalMs, 1));
    connect(&m_timer, &QTimer::timeout, this, &NflMarketSimulator::tick);
    if (options.tickIntervalMs > 0)
        m_timer.start();
}

void NflMarketSimulator::addGame(const QString &eventTicker, const QDate &date, const QDateTime &kickoff,
                                 const QString &away, const QString &home, int length, bool settles)
{
    SimGame game;
    game.eventTicker = eventTicker;
    game.date = date;
    game.kickoff = kickoff;
    game.away = away;
    game.home = home;
    game.length = length;
    game.settles = settles;
    game.homeSpread = int(m_random.bounded(15)) - 5; // -5 .. +9: home teams are favoured more often
    for (const QString &team : { away, home }) {
        SimMarket market;
        market.ticker = eventTicker + u'-' + team;
        market.eventTicker = eventTicker;
        market.team = team;
        market.teamName = teamName(team);
        market.volume = 1000 + m_random.bounded(50000);
        market.openInterest = market.volume / 3;
        market.lastPriceCents = 0;
        (team == away ? game.awayMarket : game.homeMarket) = m_markets.size();
        m_markets.push_back(std::move(market));
    }
    const int fair = homeFairCents(game);
    requote(m_markets[game.homeMarket], fair);
    requote(m_markets[game.awayMarket], 100 - fair);
    m_markets[game.homeMarket].lastPriceCents = fair;
    m_markets[game.awayMarket].lastPriceCents = 100 - fair;
    m_games.push_back(game);
}

const SimMarket *NflMarketSimulator::market(const QString &ticker) const
{
    const auto found
        = std::find_if(m_markets.begin(), m_markets.end(), [&](const SimMarket &m) { return m.ticker == ticker; });
    return found == m_markets.end() ? nullptr : &*found;
}

void NflMarketSimulator::setPaused(bool paused)
{
    m_paused = paused;
}

void NflMarketSimulator::tick()
{
    if (m_paused)
        return;
    for (SimGame &game : m_games)
        playGame(game);
}

// Home win probability from the score and the time left: a lead matters more as the clock runs down. The
// model only has to move prices believably; it is a simulation, not a price.
int NflMarketSimulator::homeFairCents(const SimGame &game) const
{
    const double remaining = std::max(0.02, 1.0 - double(game.clock) / double(std::max(game.length, 1)));
    // The pre-game spread fades as the clock runs; the lead counts more the less time is left.
    const double lead = double(game.homeScore - game.awayScore) + double(game.homeSpread) * remaining;
    const double z = lead / (7.0 * std::sqrt(remaining) + 1.0);
    const double probability = 1.0 / (1.0 + std::exp(-1.6 * z));
    return std::clamp(int(std::lround(probability * 100.0)), 3, 97);
}

void NflMarketSimulator::playGame(SimGame &game)
{
    if (game.final)
        return;
    // Demo games never reach the whistle: they stay in the fourth quarter.
    if (game.settles || game.clock < game.length * 9 / 10)
        ++game.clock;
    if (m_random.bounded(100) < 4) {
        const int points = m_random.bounded(3) == 0 ? 3 : 7;
        (m_random.bounded(2) == 0 ? game.awayScore : game.homeScore) += points;
    }
    if (game.settles && game.clock >= game.length) {
        if (game.homeScore == game.awayScore)
            game.homeScore += 3; // overtime field goal: this simulation has no ties
        settleGame(game.eventTicker, game.homeScore > game.awayScore ? game.home : game.away);
        return;
    }
    const int fair = homeFairCents(game);
    for (const auto &[index, fairCents] :
         { std::pair { game.homeMarket, fair }, std::pair { game.awayMarket, 100 - fair } }) {
        SimMarket &market = m_markets[index];
        const int bid = market.bestYesBid();
        const int ask = market.bestYesAsk();
        const qint64 volume = market.volume;
        requote(market, fairCents);
        if (m_random.bounded(100) < 35)
            trade(market);
        if (bid != market.bestYesBid() || ask != market.bestYesAsk() || volume != market.volume)
            Q_EMIT tickerChanged(market.ticker);
    }
}

void NflMarketSimulator::setLevel(SimMarket &market, bool yesSide, int priceCents, int contracts)
{
    std::map<int, int> &side = yesSide ? market.yesBids : market.noBids;
    const auto found = side.find(priceCents);
    const int before = found == side.end() ? 0 : found->second;
    if (contracts == before)
        return;
    if (contracts == 0)
        side.erase(found);
    else
        side[priceCents] = contracts;
    Q_EMIT bookChanged(market.ticker, yesSide, priceCents, contracts - before);
}

// Makers quote kDepth levels a cent or two either side of fair: YES bids below it, NO bids below 100 − fair
// (which are the YES asks above it). Levels that fall out of the window are pulled; some sizes wobble.
void NflMarketSimulator::requote(SimMarket &market, int fairCents)
{
    const int bidTop = fairCents - 1 - int(m_random.bounded(2));
    const int noTop = 100 - fairCents - 1 - int(m_random.bounded(2));
    // Pull stale quotes on both sides before adding new ones, so no delta on the wire ever leaves the book
    // crossed between two messages (a YES bid moved up before the NO bid it would cross was pulled).
    for (const bool yesSide : { true, false }) {
        const int top = yesSide ? bidTop : noTop;
        std::map<int, int> &side = yesSide ? market.yesBids : market.noBids;
        std::vector<int> stale;
        for (const auto &[price, contracts] : side) {
            if (price > top || price <= top - kDepth)
                stale.push_back(price);
        }
        for (const int price : stale)
            setLevel(market, yesSide, price, 0);
    }
    for (const bool yesSide : { true, false }) {
        const int top = yesSide ? bidTop : noTop;
        std::map<int, int> &side = yesSide ? market.yesBids : market.noBids;
        for (int price = top; price > top - kDepth && price >= 1; --price) {
            const auto found = side.find(price);
            if (found == side.end())
                setLevel(market, yesSide, price, 20 + int(m_random.bounded(480)));
            else if (m_random.bounded(100) < 15)
                setLevel(market, yesSide, price, std::max(1, found->second + int(m_random.bounded(81)) - 40));
        }
    }
}

void NflMarketSimulator::trade(SimMarket &market)
{
    // A taker lifts the best YES ask (buys YES: takes the best NO bid) or hits the best YES bid.
    const bool takerYes = m_random.bounded(2) == 0;
    std::map<int, int> &side = takerYes ? market.noBids : market.yesBids;
    if (side.empty())
        return;
    const auto best = std::prev(side.end());
    const int count = std::min(best->second, 1 + int(m_random.bounded(40)));
    SimTrade trade;
    trade.marketTicker = market.ticker;
    trade.tradeId = QUuid::createUuidV5(QUuid(), market.ticker + QString::number(++m_tradeCounter))
                        .toString(QUuid::WithoutBraces);
    trade.yesPriceCents = takerYes ? 100 - best->first : best->first;
    trade.count = count;
    trade.takerYes = takerYes;
    trade.tsMs = QDateTime::currentMSecsSinceEpoch();
    market.lastPriceCents = trade.yesPriceCents;
    market.lastTradeSize = count;
    market.volume += count;
    market.openInterest += count / 2;
    setLevel(market, !takerYes, best->first, best->second - count);
    Q_EMIT traded(trade);
}

bool NflMarketSimulator::settleGame(const QString &eventTicker, const QString &winner)
{
    const auto game
        = std::find_if(m_games.begin(), m_games.end(), [&](const SimGame &g) { return g.eventTicker == eventTicker; });
    if (game == m_games.end() || game->final || (winner != game->away && winner != game->home))
        return false;
    game->final = true;
    for (const std::size_t index : { game->awayMarket, game->homeMarket }) {
        SimMarket &market = m_markets[index];
        // Trading stops: the makers pull every quote.
        for (const bool yesSide : { true, false }) {
            std::vector<int> prices;
            for (const auto &[price, contracts] : yesSide ? market.yesBids : market.noBids)
                prices.push_back(price);
            for (const int price : prices)
                setLevel(market, yesSide, price, 0);
        }
        market.result = market.team == winner ? u"yes"_s : u"no"_s;
        market.status = u"determined"_s;
        Q_EMIT tickerChanged(market.ticker);
        Q_EMIT lifecycleEvent(market.ticker, u"determined"_s);
        market.status = u"finalized"_s;
        Q_EMIT lifecycleEvent(market.ticker, u"settled"_s);
    }
    return true;
}

} // namespace tapescope::emulator::kalshi
