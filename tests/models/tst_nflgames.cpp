// NflGamesModel / ProbabilityHistoryModel / NflBoard fed through MarketHub, as the Kalshi service feeds them.
#include "MarketFixtures.h"
#include "market/AccountHub.h"
#include "market/FeedController.h"
#include "models/NflBoard.h"

#include <QtCore/QLocale>
#include <QtCore/QTimeZone>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace Qt::StringLiterals;
using fixtures::dec;

namespace {

const QString Kalshi = u"kalshi"_s;
const QString Event = u"KXNFLGAME-25SEP04DALPHI"_s;
const QString Dal = Event + u"-DAL"_s;
const QString Phi = Event + u"-PHI"_s;

kalshi::NflGame game(const QString &event, const QString &away, const QString &home)
{
    return *kalshi::NflGame::fromMarkets(event, { event + u'-' + away, event + u'-' + home });
}

// A game as discovery lists it, with the markets' occurrence_datetime (the scheduled kickoff).
kalshi::NflGame listedGame(const QString &event, const QString &away, const QString &home, const QDateTime &kickoff)
{
    kalshi::NflGame listed = game(event, away, home);
    for (const QString &team : { away, home }) {
        kalshi::MarketListing market;
        market.ticker = event + u'-' + team;
        market.eventTicker = event;
        market.occurrenceTime = kickoff;
        listed.apply(market);
    }
    return listed;
}

Bbo quote(const QString &market, const char *bid, const char *ask)
{
    return Bbo { Kalshi, market, 1000, Level { dec(bid), dec("10"), -1 }, Level { dec(ask), dec("10"), -1 } };
}

AccountPosition holding(const QString &venue, const QString &account, const QString &market, const char *size,
                        const char *cost, std::optional<Decimal> realized = std::nullopt)
{
    AccountPosition position;
    position.venue = venue;
    position.account = account;
    position.symbol = market;
    position.size = dec(size);
    position.margin = dec(cost);
    position.realizedPnl = realized;
    return position;
}

class RecordingFeeds : public FeedController
{
public:
    QStringList calls;
    void watchTickers(const QList<InstrumentId> &) override { }
    void followMarket(const InstrumentId &id) override { calls << u"follow "_s + id.symbol; }
    void unfollowMarket(const InstrumentId &id) override { calls << u"unfollow "_s + id.symbol; }
    void followCandles(const InstrumentId &, const QString &) override { }
    void unfollowCandles(const InstrumentId &, const QString &) override { }
    void requestCandleHistory(const InstrumentId &, const QString &, qint64, qint64) override { }
};

} // namespace

class TestNflGames : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Kickoffs show in the user's time zone and locale: pin both (US Eastern, English).
        qputenv("TZ", "America/New_York");
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void kickoffShowsTheLocalTimeWhenKnown()
    {
        MarketHub hub;
        NflGamesModel games(&hub);
        // Thursday night in the US is already Friday in UTC: 2025-09-05 00:20 UTC = Thu 4 Sep 20:20 EDT.
        const QDateTime kickoff(QDate(2025, 9, 5), QTime(0, 20), QTimeZone::utc());
        games.setGames(
            { listedGame(Event, u"DAL"_s, u"PHI"_s, kickoff), game(u"KXNFLGAME-25SEP07GBDET"_s, u"GB"_s, u"DET"_s) });
        QCOMPARE(games.index(0).data(NflGamesModel::KickoffRole).toString(), u"Thu 4 Sep 20:20"_s);
        // No occurrence_datetime from the venue: the ticker's date only.
        QCOMPARE(games.index(1).data(NflGamesModel::KickoffRole).toString(), u"Sun 7 Sep"_s);
    }

    void gamesOfADayAreInKickoffOrder()
    {
        MarketHub hub;
        NflGamesModel games(&hub);
        const QString kclv = u"KXNFLGAME-25SEP07KCLV"_s;
        const QString sfsea = u"KXNFLGAME-25SEP07SFSEA"_s;
        games.setGames(
            { listedGame(kclv, u"KC"_s, u"LV"_s, QDateTime(QDate(2025, 9, 7), QTime(20, 25), QTimeZone::utc())),
              listedGame(sfsea, u"SF"_s, u"SEA"_s, QDateTime(QDate(2025, 9, 7), QTime(20, 5), QTimeZone::utc())) });
        QCOMPARE(games.index(0).data(NflGamesModel::EventTickerRole).toString(), sfsea);
        QCOMPARE(games.index(0).data(NflGamesModel::KickoffRole).toString(), u"Sun 7 Sep 16:05"_s);
        QCOMPARE(games.index(1).data(NflGamesModel::EventTickerRole).toString(), kclv);
    }

    void normalisesProbabilitiesAndShowsTheOverround()
    {
        MarketHub hub;
        NflGamesModel games(&hub);
        QAbstractItemModelTester tester(&games, QAbstractItemModelTester::FailureReportingMode::QtTest);
        games.setGames({ game(Event, u"DAL"_s, u"PHI"_s) });
        QCOMPARE(games.rowCount(), 1);
        const QModelIndex row = games.index(0);
        QCOMPARE(row.data(NflGamesModel::TitleRole).toString(), u"DAL at PHI"_s);
        QVERIFY(!row.data(NflGamesModel::HasProbabilityRole).toBool());

        QSignalSpy changed(&games, &QAbstractItemModel::dataChanged);
        // DAL mid 0.30, PHI mid 0.725: 102.5 % in all, normalised to 29.27 / 70.73.
        fixtures::feed(hub, { quote(Dal, "0.29", "0.31"), quote(Phi, "0.72", "0.73") });
        QVERIFY(changed.count() >= 1);
        QVERIFY(row.data(NflGamesModel::HasProbabilityRole).toBool());
        QCOMPARE(row.data(NflGamesModel::AwayPercentRole).toString(), u"29.27"_s);
        QCOMPARE(row.data(NflGamesModel::HomePercentRole).toString(), u"70.73"_s);
        QCOMPARE(row.data(NflGamesModel::OverroundRole).toString(), u"+2.50 %"_s);
        QCOMPARE(row.data(NflGamesModel::AwayProbabilityRole).toDouble()
                     + row.data(NflGamesModel::HomeProbabilityRole).toDouble(),
                 100.0);
        QCOMPARE(row.data(NflGamesModel::StatusRole).toString(), u"unknown"_s);
    }

    void changeSinceOpenAndBoundedHistory()
    {
        MarketHub hub;
        NflGamesModel games(&hub);
        qint64 now = 1'000'000;
        games.setClock([&now] { return now; });
        games.setGames({ game(Event, u"DAL"_s, u"PHI"_s) });
        ProbabilityHistoryModel history(&games);
        QAbstractItemModelTester tester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        history.setGame(Event);

        fixtures::feed(hub, { quote(Dal, "0.49", "0.51"), quote(Phi, "0.49", "0.51") });
        QCOMPARE(history.rowCount(), 1);
        QCOMPARE(history.index(0, ProbabilityHistoryModel::HomeColumn).data().toDouble(), 50.0);
        // Within the history's resolution a change refines the last point instead of adding one.
        now += 200;
        fixtures::feed(hub, { quote(Phi, "0.51", "0.53") });
        QCOMPARE(history.rowCount(), 1);
        now += 5000;
        fixtures::feed(hub, { quote(Phi, "0.59", "0.61") });
        QCOMPARE(history.rowCount(), 2);
        QCOMPARE(history.index(1, ProbabilityHistoryModel::TimeColumn).data().toDouble(), double(now));
        const QModelIndex row = games.index(0);
        QCOMPARE(row.data(NflGamesModel::HomeChangeTextRole).toString(),
                 u"+4.55 pts"_s); // 50 % at open; 0.60 / (0.50 + 0.60) now

        for (std::size_t i = 0; i < NflGamesModel::HistoryCapacity + 10; ++i) {
            now += NflGamesModel::HistoryResolutionMs;
            fixtures::feed(hub, { quote(Dal, i % 2 ? "0.40" : "0.41", "0.42") });
        }
        QCOMPARE(history.rowCount(), int(NflGamesModel::HistoryCapacity));
        QCOMPARE(history.maxTime(), double(now));
    }

    void settledGameNamesTheWinner()
    {
        MarketHub hub;
        NflGamesModel games(&hub);
        games.setGames({ game(Event, u"DAL"_s, u"PHI"_s) });
        fixtures::feed(hub,
                       { MarketStatus { Kalshi, Phi, 2000, MarketState::Determined, u"yes"_s, dec("1") },
                         MarketStatus { Kalshi, Dal, 2000, MarketState::Determined, u"no"_s, dec("0") } });
        // A later lifecycle message without a result must not erase it.
        fixtures::feed(hub, { MarketStatus { Kalshi, Phi, 3000, MarketState::Settled, {}, std::nullopt } });
        const QModelIndex row = games.index(0);
        QVERIFY(row.data(NflGamesModel::SettledRole).toBool());
        QCOMPARE(row.data(NflGamesModel::WinnerRole).toString(), u"PHI"_s);
        QCOMPARE(row.data(NflGamesModel::StatusRole).toString(), u"settled"_s);
    }

    void boardFollowsTheSelectedGamesMarkets()
    {
        MarketHub hub;
        RecordingFeeds feeds;
        NflBoard board(&hub, &feeds);
        const QString other = u"KXNFLGAME-25SEP07GBDET"_s;
        board.setGames({ game(other, u"GB"_s, u"DET"_s), game(Event, u"DAL"_s, u"PHI"_s) });
        // Games are ordered by date: DAL at PHI (4 Sep) comes first and is selected.
        QCOMPARE(board.selectedGame(), Event);
        QCOMPARE(board.selectedAway(), u"DAL"_s);
        QCOMPARE(feeds.calls, (QStringList { u"follow "_s + Dal, u"follow "_s + Phi }));
        QCOMPARE(board.marketInstruments().size(), 4);
        QCOMPARE(hub.displayName(NflGamesModel::keyOf(Phi)), u"PHI"_s);

        fixtures::feed(
            hub,
            { fixtures::snapshot(u"x"_s, {}, {}), // another venue's book: ignored
              BookSnapshot {
                  Kalshi, Phi, 1000, { { dec("0.72"), dec("5"), -1 } }, { { dec("0.74"), dec("7"), -1 } }, 1 },
              Trade { Kalshi, Dal, 1500, dec("0.27"), dec("3"), Side::Buy, u"t1"_s },
              Trade { Kalshi, Phi, 1600, dec("0.73"), dec("2"), Side::Sell, u"t2"_s } });
        QCOMPARE(board.homeBook()->bestBid(), u"0.72"_s);
        QCOMPARE(board.tape()->rowCount(), 2);
        QCOMPARE(board.tape()->index(0).data(TradeTapeModel::InstrumentRole).toString(), u"PHI"_s);

        feeds.calls.clear();
        board.selectGame(other);
        QCOMPARE(feeds.calls,
                 (QStringList { u"unfollow "_s + Dal, u"unfollow "_s + Phi, u"follow "_s + other + u"-GB"_s,
                                u"follow "_s + other + u"-DET"_s }));
        QVERIFY(!board.homeBook()->hasData());
        QCOMPARE(board.tape()->rowCount(), 0);
        // A new discovery that still lists the game keeps the selection.
        board.setGames({ game(other, u"GB"_s, u"DET"_s) });
        QCOMPARE(board.selectedGame(), other);
    }

    void positionIsValuedAtTheLiveMidsAndPaysPerOutcome()
    {
        MarketHub hub;
        AccountHub accounts(&hub);
        RecordingFeeds feeds;
        NflBoard board(&hub, &feeds, &accounts);
        const QString other = u"KXNFLGAME-25SEP07GBDET"_s;
        board.setGames({ game(Event, u"DAL"_s, u"PHI"_s), game(other, u"GB"_s, u"DET"_s) });
        NflGamesModel *games = board.games();
        QAbstractItemModelTester tester(games, QAbstractItemModelTester::FailureReportingMode::QtTest);
        NflPosition *position = board.position();
        QCOMPARE(games->roleNames().value(NflGamesModel::HasPositionRole), QByteArray("hasPosition"));

        // Flat: nothing held, nothing to show.
        QVERIFY(!position->held());
        QVERIFY(!position->away()->held());
        QCOMPARE(position->awayWinsPayout(), QString());
        QVERIFY(!games->index(0).data(NflGamesModel::HasPositionRole).toBool());

        // Two Kalshi accounts: 10 + 2 DAL YES, 5 PHI NO; another venue's same-named symbol does not count.
        QSignalSpy changed(position, &NflPosition::changed);
        QSignalSpy rows(games, &QAbstractItemModel::dataChanged);
        accounts.ingest(
            { holding(Kalshi, u"a"_s, Dal, "10", "3.05", dec("0.40")), holding(Kalshi, u"a"_s, Phi, "-5", "1.35") });
        accounts.ingest({ holding(Kalshi, u"b"_s, Dal, "2", "0.61") });
        accounts.ingest({ holding(u"hyperliquid"_s, u"0xabc"_s, Dal, "100", "50") });
        hub.flush();
        QCOMPARE(changed.count(), 1);
        QVERIFY(rows.count() >= 1);
        QVERIFY(games->index(0).data(NflGamesModel::HasPositionRole).toBool());
        QVERIFY(!games->index(1).data(NflGamesModel::HasPositionRole).toBool());
        QVERIFY(position->held());
        const NflPositionFigures *figures = &position->figures();
        QCOMPARE(figures->away.holding.contracts, dec("12"));
        QCOMPARE(*figures->away.holding.cost, dec("3.66"));
        QVERIFY(!figures->away.value); // no price yet: no value, no P&L
        QCOMPARE(position->away()->contracts(), u"12 YES"_s);
        QCOMPARE(position->away()->cost(), u"$3.66"_s);
        QCOMPARE(position->away()->value(), QString());
        QCOMPARE(position->away()->realized(), u"+$0.40"_s);
        QCOMPARE(position->home()->contracts(), u"5 NO"_s);
        // Payouts need no price: DAL wins pays the 12 DAL YES and the 5 PHI NO; PHI wins pays nothing.
        QCOMPARE(figures->awayWinsPayout, dec("17"));
        QCOMPARE(figures->homeWinsPayout, dec("0"));
        QCOMPARE(*figures->cost, dec("5.01"));
        QCOMPARE(*figures->awayWinsNet, dec("11.99"));
        QCOMPARE(*figures->homeWinsNet, dec("-5.01"));
        QCOMPARE(position->awayWinsPayout(), u"$17.00"_s);
        QCOMPARE(position->awayWinsNet(), u"+$11.99"_s);
        QCOMPARE(position->homeWinsPayout(), u"$0.00"_s);
        QCOMPARE(position->homeWinsNet(), u"-$5.01"_s);
        QCOMPARE(position->homeWinsSign(), -1);

        // DAL mid 0.30: 12 YES are worth 3.60 exactly; PHI mid 0.725: 5 NO are worth 5 x 0.275 = 1.375.
        fixtures::feed(hub, { quote(Dal, "0.29", "0.31"), quote(Phi, "0.72", "0.73") });
        figures = &position->figures();
        QVERIFY(figures->away.value && figures->away.value->identical(*Decimal::parse("3.60")));
        QCOMPARE(*figures->away.pnl, dec("-0.06"));
        QVERIFY(figures->home.value && figures->home.value->identical(*Decimal::parse("1.375")));
        QCOMPARE(*figures->home.pnl, dec("0.025"));
        QCOMPARE(position->away()->value(), u"$3.60"_s);
        QCOMPARE(position->away()->pnl(), u"-$0.06"_s);
        QCOMPARE(position->away()->pnlSign(), -1);
        QCOMPARE(position->home()->value(), u"$1.38"_s); // rounded half away from zero for the text only
        QCOMPARE(position->home()->pnl(), u"+$0.03"_s);
        QCOMPARE(position->home()->pnlSign(), 1);
        QCOMPARE(position->home()->realized(), QString());

        // PHI wins: DAL YES and PHI NO settle at 0.
        fixtures::feed(hub,
                       { MarketStatus { Kalshi, Phi, 2000, MarketState::Determined, u"yes"_s, dec("1") },
                         MarketStatus { Kalshi, Dal, 2000, MarketState::Determined, u"no"_s, dec("0") } });
        figures = &position->figures();
        QVERIFY(position->away()->settled() && position->home()->settled());
        QCOMPARE(*figures->away.value, dec("0"));
        QCOMPARE(position->away()->pnl(), u"-$3.66"_s);
        QCOMPARE(position->home()->pnl(), u"-$1.35"_s);

        // Another game selected, then everything closed: flat again.
        board.selectGame(other);
        QVERIFY(!position->held());
        board.selectGame(Event);
        QVERIFY(position->held());
        accounts.ingest({ holding(Kalshi, u"a"_s, Dal, "0", "0"), holding(Kalshi, u"a"_s, Phi, "0", "0") });
        accounts.ingest({ holding(Kalshi, u"b"_s, Dal, "0", "0") });
        hub.flush();
        QVERIFY(!position->held());
        QVERIFY(!position->away()->held());
        QCOMPARE(position->away()->contracts(), QString());
        QVERIFY(!games->index(0).data(NflGamesModel::HasPositionRole).toBool());
    }

    void holdingOfYesAndNoOnBothSides()
    {
        // The pure math: DAL 3 NO, PHI 4 YES at PHI mid 0.6 and DAL mid 0.45.
        kalshi::NflGame g = game(Event, u"DAL"_s, u"PHI"_s);
        g.apply(MarketEvent(quote(Dal, "0.44", "0.46")));
        g.apply(MarketEvent(quote(Phi, "0.59", "0.61")));
        NflHolding dal { dec("-3"), dec("1.62"), std::nullopt };
        NflHolding phi { dec("4"), dec("2.30"), std::nullopt };
        const NflPositionFigures f = NflPositionFigures::of(g, dal, phi);
        QCOMPARE(*f.away.value, dec("1.65")); // 3 x (1 - 0.45)
        QCOMPARE(*f.away.pnl, dec("0.03"));
        QCOMPARE(*f.home.value, dec("2.4")); // 4 x 0.6
        QCOMPARE(*f.home.pnl, dec("0.1"));
        QCOMPARE(f.awayWinsPayout, dec("0")); // DAL wins: DAL YES (none) + PHI NO (none)
        QCOMPARE(f.homeWinsPayout, dec("7")); // PHI wins: 4 PHI YES + 3 DAL NO
        QCOMPARE(*f.homeWinsNet, dec("3.08"));
        QCOMPARE(*f.awayWinsNet, dec("-3.92"));
        // A held market whose cost is unknown: no P&L, no net, but the payout stands.
        const NflPositionFigures unknown = NflPositionFigures::of(g, NflHolding { dec("2"), std::nullopt, {} }, {});
        QVERIFY(unknown.away.value && !unknown.away.pnl && !unknown.awayWinsNet);
        QCOMPARE(unknown.awayWinsPayout, dec("2"));
        QVERIFY(!NflPositionFigures::of(g, {}, {}).held());
    }
};

QTEST_MAIN(TestNflGames)
#include "tst_nflgames.moc"
