// The NFL game model (docs/protocols/kalshi.md §13): ticker grammar with 2- and 3-letter team codes, implied and
// normalised win probabilities with their fallbacks, state and winner, and REST discovery bodies.

#include "KalshiTestSupport.h"

#include <QtCore/QTimeZone>

#include "venues/kalshi/KalshiCodec.h"
#include "venues/kalshi/KalshiDiscovery.h"
#include "venues/kalshi/NflGame.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::kalshi;
using namespace tapescope::test;

namespace {

Decimal dec(const char *text)
{
    return *Decimal::parse(text);
}

NflGame game(const QString &event, const QString &first, const QString &second)
{
    QString error;
    auto made = NflGame::fromMarkets(event, { event + u'-' + first, event + u'-' + second }, &error);
    if (!made)
        qFatal("%s", qPrintable(error));
    return *made;
}

Bbo quote(const QString &market, std::optional<Decimal> bid, std::optional<Decimal> ask)
{
    Bbo bbo;
    bbo.venue = u"kalshi"_s;
    bbo.symbol = market;
    if (bid)
        bbo.bid = Level { *bid, dec("10") };
    if (ask)
        bbo.ask = Level { *ask, dec("10") };
    return bbo;
}

// The two REST#3/REST#4 market objects as the nested markets of one /events page.
QByteArray nflEventsBody(const QByteArray &cursor)
{
    return R"({"events":[{"event_ticker":"KXNFLGAME-26SEP21NYGLAR","series_ticker":"KXNFLGAME","title":"NY Giants vs LA Rams","sub_title":"","markets":[)"
        + kalshiFixtureLine(u"rest.jsonl"_s, 3) + ',' + kalshiFixtureLine(u"rest.jsonl"_s, 4) + R"(]},)"
        + R"({"event_ticker":"KXNFLGAME-26SEP22BADONE","series_ticker":"KXNFLGAME","title":"x","markets":[]}],"cursor":")"
        + cursor + R"("})";
}

} // namespace

class KalshiNflTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventTickerGrammar_data();
    void eventTickerGrammar();
    void marketTicker();
    void gameFromMarkets();
    void normalisedProbabilities();
    void fallbackToLastTrade();
    void noProbabilityWithoutPrices();
    void eventsFromTheCodec();
    void stateAndWinner();
    void discoveryEventsPage();
    void discoveryMarketsPage();
    void discoveryPathAndBadBodies();
    void discoveryKickoff_data();
    void discoveryKickoff();
};

void KalshiNflTest::eventTickerGrammar_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QStringList>("codes");
    QTest::addColumn<QString>("away"); // empty: must not parse
    QTest::addColumn<QString>("home");
    QTest::addColumn<QDate>("date");

    QTest::newRow("3+3") << u"KXNFLGAME-25SEP04DALPHI"_s << QStringList { u"DAL"_s, u"PHI"_s } << u"DAL"_s << u"PHI"_s
                         << QDate(2025, 9, 4);
    QTest::newRow("codes in other order") << u"KXNFLGAME-25SEP04DALPHI"_s << QStringList { u"PHI"_s, u"DAL"_s }
                                          << u"DAL"_s << u"PHI"_s << QDate(2025, 9, 4);
    QTest::newRow("3+2") << u"KXNFLGAME-26SEP14DENKC"_s << QStringList { u"KC"_s, u"DEN"_s } << u"DEN"_s << u"KC"_s
                         << QDate(2026, 9, 14);
    QTest::newRow("2+3") << u"KXNFLGAME-26OCT05KCJAX"_s << QStringList { u"KC"_s, u"JAX"_s } << u"KC"_s << u"JAX"_s
                         << QDate(2026, 10, 5);
    QTest::newRow("2+2") << u"KXNFLGAME-26DEC20SFGB"_s << QStringList { u"GB"_s, u"SF"_s } << u"SF"_s << u"GB"_s
                         << QDate(2026, 12, 20);
    QTest::newRow("NYG at LAR") << u"KXNFLGAME-26SEP21NYGLAR"_s << QStringList { u"NYG"_s, u"LAR"_s } << u"NYG"_s
                                << u"LAR"_s << QDate(2026, 9, 21);
    // The matchup must be exactly the two market codes concatenated, in either order.
    QTest::newRow("codes not in matchup")
        << u"KXNFLGAME-26SEP14DENKC"_s << QStringList { u"DEN"_s, u"CHI"_s } << QString() << QString() << QDate();
    QTest::newRow("bad month") << u"KXNFLGAME-25XYZ04DALPHI"_s << QStringList { u"DAL"_s, u"PHI"_s } << QString()
                               << QString() << QDate();
    QTest::newRow("bad day") << u"KXNFLGAME-25FEB30DALPHI"_s << QStringList { u"DAL"_s, u"PHI"_s } << QString()
                             << QString() << QDate();
    QTest::newRow("market not event") << u"KXNFLGAME-25SEP04DALPHI-PHI"_s << QStringList { u"DAL"_s, u"PHI"_s }
                                      << QString() << QString() << QDate();
    QTest::newRow("fictional 4-part") << u"KXNFLGAME-25SEP04-DALPHI"_s << QStringList { u"DAL"_s, u"PHI"_s }
                                      << QString() << QString() << QDate();
    QTest::newRow("one code") << u"KXNFLGAME-25SEP04DALPHI"_s << QStringList { u"DALPHI"_s } << QString() << QString()
                              << QDate();
}

void KalshiNflTest::eventTickerGrammar()
{
    QFETCH(QString, event);
    QFETCH(QStringList, codes);
    QFETCH(QString, away);
    QFETCH(QString, home);
    QFETCH(QDate, date);
    const auto parsed = NflEventTicker::parse(event, codes);
    QCOMPARE(parsed.has_value(), !away.isEmpty());
    if (!parsed)
        return;
    QCOMPARE(parsed->series, u"KXNFLGAME"_s);
    QCOMPARE(parsed->eventTicker, event);
    QCOMPARE(parsed->away, away);
    QCOMPARE(parsed->home, home);
    QCOMPARE(parsed->date, date);
}

void KalshiNflTest::marketTicker()
{
    const auto phi = NflMarketTicker::parse(u"KXNFLGAME-25SEP04DALPHI-PHI"_s);
    QVERIFY(phi);
    QCOMPARE(phi->eventTicker, u"KXNFLGAME-25SEP04DALPHI"_s);
    QCOMPARE(phi->team, u"PHI"_s);
    const auto kc = NflMarketTicker::parse(u"KXNFLGAME-26SEP14DENKC-KC"_s);
    QVERIFY(kc);
    QCOMPARE(kc->team, u"KC"_s);
    QVERIFY(!NflMarketTicker::parse(u"KXNFLGAME-25SEP04DALPHI"_s)
            || NflMarketTicker::parse(u"KXNFLGAME-25SEP04DALPHI"_s)->team != u"DAL"_s);
    QVERIFY(!NflMarketTicker::parse(u"KXNFLGAME"_s));
    QVERIFY(!NflMarketTicker::parse(u"KXNFLSPREAD-26SEP14DENKC-KC8"_s)); // spread strikes are not team codes
}

void KalshiNflTest::gameFromMarkets()
{
    QString error;
    QVERIFY(!NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s, { u"KXNFLGAME-25SEP04DALPHI-PHI"_s }, &error));
    QVERIFY(error.contains(u"1 markets"_s));
    QVERIFY(!NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s,
                                  { u"KXNFLGAME-25SEP04DALPHI-PHI"_s, u"KXNFLGAME-25SEP05DALPHI-DAL"_s }, &error));
    QVERIFY(error.contains(u"not a market of"_s));
    QVERIFY(!NflGame::fromMarkets(u"KXNBAGAME-26MAR22BKNSAC"_s,
                                  { u"KXNBAGAME-26MAR22BKNSAC-BKN"_s, u"KXNBAGAME-26MAR22BKNSAC-SAC"_s }, &error));

    const NflGame g = game(u"KXNFLGAME-25SEP04DALPHI"_s, u"PHI"_s, u"DAL"_s);
    QCOMPARE(g.away().team, u"DAL"_s);
    QCOMPARE(g.away().marketTicker, u"KXNFLGAME-25SEP04DALPHI-DAL"_s);
    QCOMPARE(g.home().team, u"PHI"_s);
    QCOMPARE(g.home().marketTicker, u"KXNFLGAME-25SEP04DALPHI-PHI"_s);
    QVERIFY(g.hasMarket(u"KXNFLGAME-25SEP04DALPHI-PHI"_s));
    QVERIFY(!g.hasMarket(u"KXNFLGAME-25SEP04DALPHI"_s));
}

void KalshiNflTest::normalisedProbabilities()
{
    // REST#3/#4 prices: NYG 0.21/0.23 → 0.22; LAR 0.76/0.79 → 0.775; raw sum 0.995.
    NflGame g = game(u"KXNFLGAME-26SEP21NYGLAR"_s, u"NYG"_s, u"LAR"_s);
    QVERIFY(g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-NYG"_s, dec("0.21"), dec("0.23"))));
    QVERIFY(g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-LAR"_s, dec("0.76"), dec("0.79"))));
    QVERIFY(!g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-LAR"_s, dec("0.76"), dec("0.79")))); // nothing changed
    QCOMPARE(g.away().impliedProbability()->toString(), u"0.22"_s);
    QCOMPARE(g.home().impliedProbability()->toString(), u"0.775"_s);
    const auto p = g.probabilities();
    QVERIFY(p);
    QCOMPARE(p->away.toString(), u"0.2211"_s); // 0.22 / 0.995 = 0.22110…
    QCOMPARE(p->home.toString(), u"0.7789"_s);
    QCOMPARE(p->away + p->home, Decimal::fromInteger(1));
    QCOMPARE(p->overround.toString(), u"-0.005"_s);
    QCOMPARE(NflGame::percentText(p->away), u"22.11"_s);
    QCOMPARE(NflGame::percentText(p->overround), u"-0.50"_s);

    // An overround above 100 %: 0.55 + 0.50 = 1.05 → 0.5238 / 0.4762.
    QVERIFY(g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-NYG"_s, dec("0.54"), dec("0.56"))));
    QVERIFY(g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-LAR"_s, dec("0.49"), dec("0.51"))));
    const auto q = g.probabilities();
    QCOMPARE(q->away.toString(), u"0.5238"_s);
    QCOMPARE(q->home.toString(), u"0.4762"_s);
    QCOMPARE(q->overround.toString(), u"0.05"_s);
    // Rounding is half-up: 0.5 / (0.5 + 0.5) is exactly one half.
    QVERIFY(g.apply(quote(u"KXNFLGAME-26SEP21NYGLAR-NYG"_s, dec("0.49"), dec("0.51"))));
    QCOMPARE(g.probabilities()->away.toString(), u"0.5000"_s);
}

void KalshiNflTest::fallbackToLastTrade()
{
    NflGame g = game(u"KXNFLGAME-25SEP04DALPHI"_s, u"DAL"_s, u"PHI"_s);
    g.apply(quote(u"KXNFLGAME-25SEP04DALPHI-DAL"_s, dec("0.30"), std::nullopt)); // ask side empty
    g.apply(quote(u"KXNFLGAME-25SEP04DALPHI-PHI"_s, dec("0.68"), dec("0.72")));
    QVERIFY(!g.away().impliedProbability()); // one side and no trade yet
    QVERIFY(!g.probabilities());
    Trade trade;
    trade.venue = u"kalshi"_s;
    trade.symbol = u"KXNFLGAME-25SEP04DALPHI-DAL"_s;
    trade.price = dec("0.33");
    trade.size = dec("5.00");
    QVERIFY(g.apply(trade));
    QCOMPARE(g.away().last->toString(), u"0.33"_s);
    QCOMPARE(g.away().impliedProbability()->toString(), u"0.33"_s); // last trade, since a side is empty
    QCOMPARE(g.home().impliedProbability()->toString(), u"0.70"_s); // both sides: the mid, not the last
    QCOMPARE(g.probabilities()->away.toString(), u"0.3204"_s); // 0.33 / 1.03
    // A ticker's last price counts as well, and the mid wins again once both sides are back.
    Ticker ticker;
    ticker.symbol = u"KXNFLGAME-25SEP04DALPHI-DAL"_s;
    ticker.last = dec("0.31");
    QVERIFY(g.apply(ticker));
    QCOMPARE(g.away().impliedProbability()->toString(), u"0.31"_s);
    g.apply(quote(u"KXNFLGAME-25SEP04DALPHI-DAL"_s, dec("0.30"), dec("0.32")));
    QCOMPARE(g.away().impliedProbability()->toString(), u"0.31"_s);
    g.apply(quote(u"KXNFLGAME-25SEP04DALPHI-DAL"_s, dec("0.28"), dec("0.32")));
    QCOMPARE(g.away().impliedProbability()->toString(), u"0.30"_s);
}

void KalshiNflTest::noProbabilityWithoutPrices()
{
    NflGame g = game(u"KXNFLGAME-25SEP04DALPHI"_s, u"DAL"_s, u"PHI"_s);
    QVERIFY(!g.probabilities());
    g.apply(quote(u"KXNFLGAME-25SEP04DALPHI-DAL"_s, dec("0.30"), dec("0.34")));
    QVERIFY(!g.probabilities());
    QVERIFY(!g.apply(quote(u"KXNFLGAME-25SEP05DALPHI-DAL"_s, dec("0.30"), dec("0.34")))); // another game's market
}

void KalshiNflTest::eventsFromTheCodec()
{
    // Normalized events straight from the codec: a ticker frame gives the Bbo, a snapshot the best levels.
    NflGame g = game(u"KXNFLGAME-25SEP04DALPHI"_s, u"DAL"_s, u"PHI"_s);
    Codec codec;
    EventBatch events;
    codec.decode(
        R"({"type":"ticker","sid":1,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-PHI","price_dollars":"0.6500","yes_bid_dollars":"0.6400","yes_ask_dollars":"0.6600","yes_bid_size_fp":"10.00","yes_ask_size_fp":"20.00","ts":1757030400}})",
        events);
    codec.decode(
        R"({"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-DAL","yes_dollars_fp":[["0.3300","5.00"],["0.3400","1.00"]],"no_dollars_fp":[["0.6300","9.00"]]}})",
        events);
    for (const MarketEvent &event : events)
        g.apply(event);
    QCOMPARE(g.home().yesBid->toString(), u"0.6400"_s);
    QCOMPARE(g.home().yesAsk->toString(), u"0.6600"_s);
    QCOMPARE(g.home().last->toString(), u"0.6500"_s);
    QCOMPARE(g.away().yesBid->toString(), u"0.3400"_s);
    QCOMPARE(g.away().yesAsk->toString(), u"0.3700"_s); // 1 − best NO bid 0.63
    QCOMPARE(g.probabilities()->away.toString(), u"0.3532"_s); // 0.355 / (0.355 + 0.65) = 0.35323…
    QCOMPARE(g.probabilities()->overround.toString(), u"0.0050"_s);
}

void KalshiNflTest::stateAndWinner()
{
    NflGame g = game(u"KXNFLGAME-25SEP04DALPHI"_s, u"DAL"_s, u"PHI"_s);
    QCOMPARE(g.state(), MarketState::Unknown);
    Codec codec;
    EventBatch events;
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":1,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-DAL","event_type":"activated"}})",
        events);
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":2,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-PHI","event_type":"activated"}})",
        events);
    for (const MarketEvent &event : events)
        QVERIFY(g.apply(event));
    QCOMPARE(g.state(), MarketState::Open);
    QVERIFY(g.winner().isEmpty());
    events.clear();
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":3,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-DAL","event_type":"deactivated","is_deactivated":true}})",
        events);
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":4,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-PHI","determination_ts":1757040000,"result":"yes","settlement_value":"1.0000","event_type":"determined"}})",
        events);
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":5,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-DAL","determination_ts":1757040000,"result":"no","settlement_value":"0.0000","event_type":"determined"}})",
        events);
    for (const MarketEvent &event : events)
        g.apply(event);
    QCOMPARE(g.away().state, MarketState::Determined);
    QCOMPARE(g.state(), MarketState::Determined);
    QCOMPARE(g.winner(), u"PHI"_s);
    events.clear();
    codec.decode(
        R"({"type":"market_lifecycle_v2","sid":9,"seq":6,"msg":{"market_ticker":"KXNFLGAME-25SEP04DALPHI-PHI","settled_ts":1757043600,"event_type":"settled"}})",
        events);
    QVERIFY(g.apply(events.front()));
    QCOMPARE(g.state(), MarketState::Settled);
    QCOMPARE(g.winner(), u"PHI"_s); // settling does not forget the result
}

void KalshiNflTest::discoveryEventsPage()
{
    const EventsPage page = discovery::parseEventsPage(nflEventsBody("next-page"));
    QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
    QCOMPARE(page.cursor, u"next-page"_s);
    QCOMPARE(page.events.size(), 2u);
    const EventListing &event = page.events.front();
    QCOMPARE(event.eventTicker, u"KXNFLGAME-26SEP21NYGLAR"_s);
    QCOMPARE(event.seriesTicker, u"KXNFLGAME"_s);
    QCOMPARE(event.markets.size(), 2u);
    const MarketListing &nyg = event.markets[0];
    QCOMPARE(nyg.ticker, u"KXNFLGAME-26SEP21NYGLAR-NYG"_s);
    QCOMPARE(nyg.eventTicker, u"KXNFLGAME-26SEP21NYGLAR"_s);
    QCOMPARE(nyg.teamCode, u"NYG"_s);
    QCOMPARE(nyg.yesSubTitle, u"New York G"_s);
    QCOMPARE(nyg.yesBid->toString(), u"0.21"_s);
    QCOMPARE(nyg.yesAsk->toString(), u"0.23"_s);
    QCOMPARE(nyg.yesBidSize->toString(), u"714.74"_s);
    QCOMPARE(nyg.yesAskSize->toString(), u"1009.00"_s);
    QCOMPARE(nyg.lastPrice->toString(), u"0.23"_s);
    QCOMPARE(nyg.volume->toString(), u"3244.01"_s);
    QCOMPARE(nyg.openInterest->toString(), u"2813.86"_s);
    QCOMPARE(event.markets[1].teamCode, u"LAR"_s);

    QStringList skipped;
    const std::vector<NflGame> games = discovery::nflGames(page, &skipped);
    QCOMPARE(games.size(), 1u);
    QCOMPARE(skipped.size(), 1);
    QVERIFY(skipped.front().contains(u"KXNFLGAME-26SEP22BADONE"_s));
    const NflGame &g = games.front();
    QCOMPARE(g.away().team, u"NYG"_s);
    QCOMPARE(g.home().team, u"LAR"_s);
    QCOMPARE(g.ticker().date, QDate(2026, 9, 21));
    QVERIFY(!g.kickoff().isValid()); // REST#3/REST#4 carry no occurrence_datetime: the date is all there is
    QCOMPARE(g.probabilities()->away.toString(), u"0.2211"_s);
}

void KalshiNflTest::discoveryMarketsPage()
{
    const MarketsPage page = discovery::parseMarketsPage(kalshiFixtureLine(u"rest.jsonl"_s, 2));
    QVERIFY(page.error.isEmpty());
    QVERIFY(page.cursor.isEmpty()); // last page
    QCOMPARE(page.markets.size(), 1u);
    const MarketListing &m = page.markets.front();
    QCOMPARE(m.ticker, u"KXBTC-25MAR15-B100000"_s);
    QCOMPARE(m.eventTicker, u"KXBTC-25MAR15"_s);
    QCOMPARE(m.status, u"active"_s);
    QCOMPARE(m.state, MarketState::Open); // REST says "active" for what the query calls "open"
    QCOMPARE(m.title, u"Will Bitcoin exceed $100,000 by March 15?"_s);
    QCOMPARE(m.yesBid->toString(), u"0.4200"_s);
    QCOMPARE(m.yesAsk->toString(), u"0.4500"_s);
    QCOMPARE(m.lastPrice->toString(), u"0.4300"_s);
    QCOMPARE(m.volume->toString(), u"125000.00"_s);
    QCOMPARE(m.openInterest->toString(), u"50000.00"_s);
    // Legacy integer cents still parse; an empty side (bid 0 / ask 100) is no side.
    const auto legacy = discovery::parseMarket(
        QJsonDocument::fromJson(
            R"({"ticker":"A-B","yes_bid":0,"yes_ask":100,"last_price":37,"status":"finalized","result":"yes"})")
            .object());
    QVERIFY(legacy);
    QVERIFY(!legacy->yesBid);
    QVERIFY(!legacy->yesAsk);
    QCOMPARE(legacy->lastPrice->toString(), u"0.37"_s);
    QCOMPARE(legacy->state, MarketState::Settled);
    QCOMPARE(legacy->result, u"yes"_s);
}

void KalshiNflTest::discoveryPathAndBadBodies()
{
    QCOMPARE(discovery::nflEventsPath(),
             QByteArray("/trade-api/v2/events?series_ticker=KXNFLGAME&status=open&with_nested_markets=true&limit=200"));
    QCOMPARE(
        discovery::nflEventsPath(u"a b/c+=="_s),
        QByteArray(
            "/trade-api/v2/"
            "events?series_ticker=KXNFLGAME&status=open&with_nested_markets=true&limit=200&cursor=a%20b%2Fc%2B%3D%3D"));
    QVERIFY(!discovery::parseEventsPage("{\"events\":").error.isEmpty());
    QVERIFY(!discovery::parseEventsPage("[]").error.isEmpty());
    QVERIFY(!discovery::parseEventsPage(R"({"markets":[]})").error.isEmpty());
    QVERIFY(!discovery::parseMarketsPage(kalshiFixtureLine(u"rest.jsonl"_s, 1))
                 .error.isEmpty()); // an order book is not a markets page
}

QTEST_GUILESS_MAIN(KalshiNflTest)
#include "tst_kalshi_nfl.moc"

void KalshiNflTest::discoveryKickoff_data()
{
    QTest::addColumn<QString>("occurrence");
    QTest::addColumn<QDateTime>("kickoff");
    const QDateTime thursdayNight(QDate(2025, 9, 5), QTime(0, 20), QTimeZone::utc()); // Thu 4 Sep 20:20 EDT
    QTest::newRow("UTC") << u"2025-09-05T00:20:00Z"_s << thursdayNight;
    QTest::newRow("fraction") << u"2025-09-05T00:20:00.000Z"_s << thursdayNight;
    QTest::newRow("offset") << u"2025-09-04T20:20:00-04:00"_s << thursdayNight;
    QTest::newRow("no zone is ambiguous") << u"2025-09-04T20:20:00"_s << QDateTime();
    QTest::newRow("not a time") << u"tonight"_s << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
}

void KalshiNflTest::discoveryKickoff()
{
    // The markets' occurrence_datetime (docs/protocols/kalshi.md §13.3) is the scheduled kickoff; both legs carry the
    // same.
    QFETCH(QString, occurrence);
    QFETCH(QDateTime, kickoff);
    const QString market
        = uR"({"ticker":"KXNFLGAME-25SEP04DALPHI-%1","event_ticker":"KXNFLGAME-25SEP04DALPHI","status":"active","occurrence_datetime":"%2"})"_s;
    const QString body
        = uR"({"events":[{"event_ticker":"KXNFLGAME-25SEP04DALPHI","series_ticker":"KXNFLGAME","markets":[%1,%2]}],"cursor":""})"_s
              .arg(market.arg(u"DAL"_s, occurrence), market.arg(u"PHI"_s, occurrence));
    const EventsPage page = discovery::parseEventsPage(body.toUtf8());
    QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
    QCOMPARE(page.events.front().markets.front().occurrenceTime, kickoff);
    const std::vector<NflGame> games = discovery::nflGames(page);
    QCOMPARE(games.size(), 1u);
    QCOMPARE(games.front().kickoff(), kickoff);
    if (kickoff.isValid())
        QCOMPARE(games.front().kickoff().timeSpec(), Qt::UTC);
    QCOMPARE(games.front().ticker().date, QDate(2025, 9, 4)); // the ticker's US date stays the game day
}
