#pragma once

#include <QtCore/QDate>
#include <QtCore/QDateTime>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <map>
#include <vector>

namespace tapescope::emulator::kalshi {

// One team's game-winner market as Kalshi keeps it: YES bids and NO bids only (docs/protocols/kalshi.md §9.1), in
// integer cents and whole contracts (the wire spells them as dollar and fixed-point strings).
struct SimMarket
{
    QString ticker; // KXNFLGAME-25SEP04DALPHI-PHI
    QString eventTicker; // KXNFLGAME-25SEP04DALPHI
    QString team; // PHI: YES pays if this team wins
    QString teamName; // Philadelphia
    QString status = QStringLiteral("active"); // REST Market.status: active, determined, finalized
    QString result; // "yes" / "no" once determined
    std::map<int, int> yesBids; // cents → contracts
    std::map<int, int> noBids;
    int lastPriceCents = 0; // 0: never traded
    int lastTradeSize = 0;
    qint64 volume = 0;
    qint64 openInterest = 0;

    int bestYesBid() const { return yesBids.empty() ? 0 : yesBids.rbegin()->first; }
    // YES ask = 100 − best NO bid (§9.1); 100 when there is no NO bid.
    int bestYesAsk() const { return noBids.empty() ? 100 : 100 - noBids.rbegin()->first; }
};

struct SimGame
{
    QString eventTicker;
    QDate date; // the ticker's date: the game day in US time
    QDateTime kickoff; // the scheduled start, UTC (served as the markets' occurrence_datetime)
    QString away;
    QString home;
    int awayScore = 0;
    int homeScore = 0;
    int homeSpread = 0; // points the home team is favoured by before kickoff (negative: the away team)
    int clock = 0; // ticks played
    int length = 0; // ticks in the game
    bool settles = false; // this game ends with a winner; the others stay in the late game for the demo
    bool final = false;
    std::size_t awayMarket = 0; // indexes into markets()
    std::size_t homeMarket = 0;
};

struct SimTrade
{
    QString marketTicker;
    QString tradeId;
    int yesPriceCents = 0;
    int count = 0;
    bool takerYes = true; // bought YES (or sold NO)
    qint64 tsMs = 0;
};

// A seeded set of NFL games whose KXNFLGAME markets move through a simulated game: scores shift the home team's
// win probability, market makers requote around it (book deltas), takers trade, and the game marked to settle
// is determined and settled with a winner. Pure simulation: sessions turn its signals into wire frames.
class NflMarketSimulator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        quint32 seed = 1;
        int tickIntervalMs = 250;
        int settleAfterTicks = 480; // the first game ends after this many ticks (0 = no game ever ends)
    };

    explicit NflMarketSimulator(Options options, QObject *parent = nullptr);

    const std::vector<SimMarket> &markets() const { return m_markets; }
    const std::vector<SimGame> &games() const { return m_games; }
    const SimMarket *market(const QString &ticker) const;
    static QString teamName(const QString &code);

    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // One step of every game (the timer calls it; tests may too).
    void tick();
    // Ends a game now: `winner` is its away or home code. Returns false for an unknown game or team.
    bool settleGame(const QString &eventTicker, const QString &winner);

Q_SIGNALS:
    // `delta` contracts at `priceCents` on the YES (yesSide) or NO bid side; the new total is in the market.
    void bookChanged(const QString &marketTicker, bool yesSide, int priceCents, int delta);
    void traded(const tapescope::emulator::kalshi::SimTrade &trade);
    void tickerChanged(const QString &marketTicker);
    // market_lifecycle_v2 event types: "determined", "settled".
    void lifecycleEvent(const QString &marketTicker, const QString &eventType);

private:
    void addGame(const QString &eventTicker, const QDate &date, const QDateTime &kickoff, const QString &away,
                 const QString &home, int length, bool settles);
    void playGame(SimGame &game);
    void requote(SimMarket &market, int fairCents);
    void setLevel(SimMarket &market, bool yesSide, int priceCents, int contracts);
    void trade(SimMarket &market);
    int homeFairCents(const SimGame &game) const;

    Options m_options;
    QRandomGenerator m_random;
    QTimer m_timer;
    bool m_paused = false;
    quint64 m_tradeCounter = 0;
    std::vector<SimMarket> m_markets;
    std::vector<SimGame> m_games;
};

} // namespace tapescope::emulator::kalshi
