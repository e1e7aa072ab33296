// One test per Neural SDK mistake recorded in docs/protocols/kalshi.md §14 that pure code can make, each proving this
// code does not make it. (The I/O ones — reconnecting without headers, flow-control drops, duplicate
// resubscribes — belong to the service and are not testable here.)

#include "KalshiTestSupport.h"

#include "venues/kalshi/KalshiCodec.h"
#include "venues/kalshi/KalshiDiscovery.h"
#include "venues/kalshi/KalshiSigner.h"
#include "venues/kalshi/NflGame.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::kalshi;
using namespace tapescope::test;

namespace {

EventBatch decodeLine(int line)
{
    Codec codec;
    EventBatch events;
    const QByteArray frame = kalshiFixtureLine(u"ws-server.jsonl"_s, line);
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    return events;
}

template<typename T> const T *firstOf(const EventBatch &events)
{
    for (const MarketEvent &event : events) {
        if (const auto *found = std::get_if<T>(&event))
            return found;
    }
    return nullptr;
}
// The pointer points into the batch: a temporary batch would leave it dangling (ASan found two such uses).
template<typename T> const T *firstOf(const EventBatch &&events) = delete;

QJsonObject params(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object().value(u"params"_s).toObject();
}

} // namespace

class KalshiNeuralMistakesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampIsMillisecondsNotSeconds();
    void commandIdsAreTheCallersNotAlwaysOne();
    void unsubscribeUsesSidsNotChannels();
    void wildcardTickerIsNeverSent();
    void tickerPricesAreDollarsNotCentiCents();
    void everyRealTickerFrameDecodes();
    void dollarOnlyTradesDecodeWithVenueTime();
    void errorTextIsReadFromMsg();
    void snapshotsAndNoSideAreUsed();
    void sequenceIsTracked();
    void bothTeamMarketsMakeOneGame();
    void awayAndHomeComeFromRealTickers();
    void marketSuffixIsTheYesTeam();
    void twoLetterTeamCodesAreNotCutAtThree();
    void winProbabilityNeedsNoWinnerTicker();
    void probabilityIsMidNotYesAsk();
    void tickerTimeIsTheVenuesNotLocal();
    void discoveryFindsEventsBySeriesTicker();
};

void KalshiNeuralMistakesTest::timestampIsMillisecondsNotSeconds()
{
    // §14.2: Neural sent str(int(time.time())) — seconds.
    Signer signer;
    QVERIFY(signer.loadPrivateKeyFile(QStringLiteral(TAPESCOPE_TEST_DATA_DIR)
                                      + u"/kalshi/signing/test-private-key.pkcs8.pem"_s));
    const auto headers = signer.handshakeHeaders(1703123456789);
    QCOMPARE(headers.timestampMs, QByteArray("1703123456789"));
    QCOMPARE(headers.timestampMs.size(), 13);
    QVERIFY(Signer::verify(kalshiFixture(u"signing/test-public-key.pem"_s), "1703123456789GET/trade-api/ws/v2",
                           headers.signature));
    QVERIFY(!Signer::verify(kalshiFixture(u"signing/test-public-key.pem"_s), "1703123456GET/trade-api/ws/v2",
                            headers.signature));
}

void KalshiNeuralMistakesTest::commandIdsAreTheCallersNotAlwaysOne()
{
    // §14.2: every subscribe was id 1.
    const QByteArray a = Codec::subscribeFrame(7, { u"trade"_s }, { u"KXNFLGAME-25SEP04DALPHI-PHI"_s });
    const QByteArray b = Codec::subscribeFrame(8, { u"trade"_s }, { u"KXNFLGAME-25SEP04DALPHI-DAL"_s });
    QCOMPARE(QJsonDocument::fromJson(a).object().value(u"id"_s).toInteger(), 7);
    QCOMPARE(QJsonDocument::fromJson(b).object().value(u"id"_s).toInteger(), 8);
}

void KalshiNeuralMistakesTest::unsubscribeUsesSidsNotChannels()
{
    // §14.2: Neural sent channels + market_tickers, which the spec answers with error 4.
    const QJsonObject p = params(Codec::unsubscribeFrame(2, { 5, 6 }));
    QCOMPARE(p.value(u"sids"_s).toArray(), (QJsonArray { 5, 6 }));
    QVERIFY(!p.contains(u"channels"_s));
    QVERIFY(!p.contains(u"market_tickers"_s));
}

void KalshiNeuralMistakesTest::wildcardTickerIsNeverSent()
{
    // §14.2 / §12.4: "KXNFLGAME*" was sent literally and yields no data.
    QVERIFY(Codec::subscribeFrame(1, { u"ticker"_s, u"orderbook_delta"_s, u"trade"_s }, { u"KXNFLGAME*"_s }).isEmpty());
    QVERIFY(!Codec::isValidMarketTicker(u"KXNFLGAME*"_s));
}

void KalshiNeuralMistakesTest::tickerPricesAreDollarsNotCentiCents()
{
    // §14.3: yes_ask 53 became 0.0053 (÷10000).
    const EventBatch events = decodeLine(19);
    const Bbo *bbo = firstOf<Bbo>(events);
    QVERIFY(bbo && bbo->ask);
    QCOMPARE(bbo->ask->price, *Decimal::parse("0.53"));
    Codec codec;
    EventBatch centsOnly;
    codec.decode(
        R"({"type":"ticker","sid":1,"msg":{"market_ticker":"A-1","yes_bid":45,"yes_ask":53,"price":48,"ts":1}})",
        centsOnly);
    QCOMPARE(firstOf<Bbo>(centsOnly)->ask->price.toString(), u"0.53"_s);
    QCOMPARE(firstOf<Ticker>(centsOnly)->last->toString(), u"0.48"_s);
}

void KalshiNeuralMistakesTest::everyRealTickerFrameDecodes()
{
    // §14.3: formatting the non-existent no_ask raised TypeError on every ticker frame (WS#19–WS#24).
    for (int line = 19; line <= 24; ++line) {
        const EventBatch events = decodeLine(line);
        QVERIFY2(firstOf<Bbo>(events) && firstOf<Ticker>(events) && !firstOf<FeedError>(events),
                 qPrintable(QString::number(line)));
    }
}

void KalshiNeuralMistakesTest::dollarOnlyTradesDecodeWithVenueTime()
{
    // §14.3: dollar-only trades (WS#27, WS#30) raised; trade time read 'ts_millis', which does not exist.
    for (const int line : { 26, 27, 28, 30 }) {
        const EventBatch events = decodeLine(line);
        const Trade *trade = firstOf<Trade>(events);
        QVERIFY2(trade, qPrintable(QString::number(line)));
        QVERIFY(trade->ts > 1'600'000'000'000);
        QVERIFY(trade->price > Decimal() && trade->price < Decimal::fromInteger(1));
    }
    const EventBatch dollars = decodeLine(26);
    QCOMPARE(firstOf<Trade>(dollars)->price.toString(), u"0.360"_s); // not 0.0036
}

void KalshiNeuralMistakesTest::errorTextIsReadFromMsg()
{
    // §14.3: Neural read message['error'] and passed {} on.
    const EventBatch events = decodeLine(5);
    const FeedError *error = firstOf<FeedError>(events);
    QVERIFY(error);
    QCOMPARE(error->code, u"already_subscribed"_s);
    QVERIFY(error->message.contains(u"Already subscribed"_s));
    QCOMPARE(error->requestId, 123);
}

void KalshiNeuralMistakesTest::snapshotsAndNoSideAreUsed()
{
    // §14.2/§14.3: snapshots ignored; deltas read yes_bids/no_asks keys that do not exist.
    const EventBatch events = decodeLine(15);
    const BookSnapshot *book = firstOf<BookSnapshot>(events);
    QVERIFY(book);
    QCOMPARE(book->bids.size(), 2u);
    QCOMPARE(book->asks.size(), 2u); // from the NO bids
}

void KalshiNeuralMistakesTest::sequenceIsTracked()
{
    // §14.2: no seq tracking, no gap detection.
    Codec codec;
    EventBatch events;
    codec.decode(kalshiFixtureLine(u"ws-server.jsonl"_s, 17).toStdString(), events);
    codec.decode(
        R"({"type":"orderbook_delta","sid":1,"seq":3,"msg":{"market_ticker":"KXHIGHNY-26JUN24-T82","price_dollars":"0.1000","delta_fp":"7.00","side":"yes"}})",
        events);
    const FeedError *gap = firstOf<FeedError>(events);
    QVERIFY(gap);
    QCOMPARE(gap->code, u"sequence_gap"_s);
    QCOMPARE(gap->expectedSequence, 2);
    QCOMPARE(gap->receivedSequence, 3);
}

void KalshiNeuralMistakesTest::bothTeamMarketsMakeOneGame()
{
    // §14.4: game id parts[1]-parts[2] made 25SEP04DALPHI-PHI and 25SEP04DALPHI-DAL two "games".
    const auto game = NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s,
                                           { u"KXNFLGAME-25SEP04DALPHI-PHI"_s, u"KXNFLGAME-25SEP04DALPHI-DAL"_s });
    QVERIFY(game);
    QVERIFY(game->hasMarket(u"KXNFLGAME-25SEP04DALPHI-PHI"_s));
    QVERIFY(game->hasMarket(u"KXNFLGAME-25SEP04DALPHI-DAL"_s));
    QCOMPARE(game->ticker().eventTicker, u"KXNFLGAME-25SEP04DALPHI"_s);
}

void KalshiNeuralMistakesTest::awayAndHomeComeFromRealTickers()
{
    // §14.4: home = away = "UNK" on real 3-part tickers.
    const auto game = NflGame::fromMarkets(u"KXNFLGAME-26SEP21NYGLAR"_s,
                                           { u"KXNFLGAME-26SEP21NYGLAR-NYG"_s, u"KXNFLGAME-26SEP21NYGLAR-LAR"_s });
    QVERIFY(game);
    QCOMPARE(game->away().team, u"NYG"_s);
    QCOMPARE(game->home().team, u"LAR"_s);
}

void KalshiNeuralMistakesTest::marketSuffixIsTheYesTeam()
{
    // §14.5: v1.1.0 took the -PHI suffix as the away team (and DAL as home); the suffix is the YES team.
    const auto game = NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s,
                                           { u"KXNFLGAME-25SEP04DALPHI-PHI"_s, u"KXNFLGAME-25SEP04DALPHI-DAL"_s });
    QVERIFY(game);
    QCOMPARE(game->home().team, u"PHI"_s);
    QCOMPARE(game->home().marketTicker, u"KXNFLGAME-25SEP04DALPHI-PHI"_s);
    QCOMPARE(game->away().marketTicker, u"KXNFLGAME-25SEP04DALPHI-DAL"_s);
}

void KalshiNeuralMistakesTest::twoLetterTeamCodesAreNotCutAtThree()
{
    // §14.4: parts[-1][:3] and parts[2][-6:-3] assume 3-letter codes.
    const auto game = NflGame::fromMarkets(u"KXNFLGAME-26SEP14DENKC"_s,
                                           { u"KXNFLGAME-26SEP14DENKC-KC"_s, u"KXNFLGAME-26SEP14DENKC-DEN"_s });
    QVERIFY(game);
    QCOMPARE(game->away().team, u"DEN"_s);
    QCOMPARE(game->home().team, u"KC"_s);
}

void KalshiNeuralMistakesTest::winProbabilityNeedsNoWinnerTicker()
{
    // §14.4: probability came only from a ticker containing "WINNER", which no KXNFLGAME market has.
    auto game = NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s,
                                     { u"KXNFLGAME-25SEP04DALPHI-DAL"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s });
    QVERIFY(game);
    QVERIFY(!NflGame::fromMarkets(u"KXNFLGAME-25SEP04DALPHI"_s,
                                  { u"KXNFLGAME-25SEP04DALPHI-WINNER"_s, u"KXNFLGAME-25SEP04DALPHI-DAL"_s }));
    game->apply(Bbo { u"kalshi"_s, u"KXNFLGAME-25SEP04DALPHI-DAL"_s, 0,
                      Level { *Decimal::parse("0.30"), Decimal::fromInteger(1) },
                      Level { *Decimal::parse("0.32"), Decimal::fromInteger(1) } });
    game->apply(Bbo { u"kalshi"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s, 0,
                      Level { *Decimal::parse("0.68"), Decimal::fromInteger(1) },
                      Level { *Decimal::parse("0.70"), Decimal::fromInteger(1) } });
    QVERIFY(game->probabilities());
    QCOMPARE(game->probabilities()->home.toString(), u"0.6900"_s);
}

void KalshiNeuralMistakesTest::probabilityIsMidNotYesAsk()
{
    // §14.3: yes_price was the YES ask.
    TeamMarket team;
    team.yesBid = Decimal::parse("0.45");
    team.yesAsk = Decimal::parse("0.53");
    QCOMPARE(team.impliedProbability()->toString(), u"0.49"_s);
    const EventBatch events = decodeLine(20);
    const Ticker *ticker = firstOf<Ticker>(events);
    QCOMPARE(ticker->mid->toString(), u"0.4900"_s);
}

void KalshiNeuralMistakesTest::tickerTimeIsTheVenuesNotLocal()
{
    // §14.3: 'timestamp' was datetime.now().
    const EventBatch ticker = decodeLine(20);
    const EventBatch bbo = decodeLine(23);
    QCOMPARE(firstOf<Ticker>(ticker)->ts, 1669149841000);
    QCOMPARE(firstOf<Bbo>(bbo)->ts, 1770897976000);
}

void KalshiNeuralMistakesTest::discoveryFindsEventsBySeriesTicker()
{
    // §14.5: discovery read series.get('series_ticker') where the Series field is 'ticker', so it found
    // nothing. Discovery here asks /events by series_ticker and reads event_ticker / ticker.
    QVERIFY(discovery::nflEventsPath().contains("series_ticker=KXNFLGAME"));
    const QByteArray body
        = R"({"events":[{"event_ticker":"KXNFLGAME-25SEP04DALPHI","series_ticker":"KXNFLGAME","markets":[{"ticker":"KXNFLGAME-25SEP04DALPHI-DAL","event_ticker":"KXNFLGAME-25SEP04DALPHI","status":"active"},{"ticker":"KXNFLGAME-25SEP04DALPHI-PHI","event_ticker":"KXNFLGAME-25SEP04DALPHI","status":"active"}]}],"cursor":""})";
    const auto games = discovery::nflGames(discovery::parseEventsPage(body));
    QCOMPARE(games.size(), 1u);
    QCOMPARE(games.front().state(), MarketState::Open);
}

QTEST_GUILESS_MAIN(KalshiNeuralMistakesTest)
#include "tst_kalshi_neural.moc"
