#include "MarketFixtures.h"
#include "market/FeedController.h"
#include "market/MarketHub.h"
#include "models/DisplayFormat.h"
#include "models/NflBoard.h"
#include "models/Workspace.h"

#include <QtCore/QDateTime>
#include <QtCore/QElapsedTimer>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace fixtures;

namespace {

// Records what the models asked of the venue side, in order.
class RecordingFeedController : public FeedController
{
public:
    QStringList calls;

    void watchTickers(const QList<InstrumentId> &instruments) override
    {
        QStringList symbols;
        for (const InstrumentId &id : instruments)
            symbols.append(id.symbol);
        calls.append(QStringLiteral("tickers ") + symbols.join(QLatin1Char(',')));
    }
    void followMarket(const InstrumentId &id) override { calls.append(QStringLiteral("follow ") + id.symbol); }
    void unfollowMarket(const InstrumentId &id) override { calls.append(QStringLiteral("unfollow ") + id.symbol); }
    void followCandles(const InstrumentId &id, const QString &interval) override
    {
        calls.append(QStringLiteral("candles ") + id.symbol + QLatin1Char(' ') + interval);
    }
    void unfollowCandles(const InstrumentId &id, const QString &interval) override
    {
        calls.append(QStringLiteral("uncandles ") + id.symbol + QLatin1Char(' ') + interval);
    }
    void requestCandleHistory(const InstrumentId &id, const QString &interval, qint64 startMs, qint64 endMs) override
    {
        calls.append(QStringLiteral("history ") + id.symbol + QLatin1Char(' ') + interval);
        lastHistorySpanMs = endMs - startMs;
    }
    qint64 lastHistorySpanMs = 0;
};

Ticker ticker(const QString &symbol)
{
    Ticker t;
    t.venue = Venue;
    t.symbol = symbol;
    return t;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // In a replay the NFL panel's win-probability history is on the recording's clock (the replay's position), not
    // the wall clock the replay is watched at; live again, it is on the wall clock.
    void replayedWinProbabilityHistoryIsOnTheRecordingsClock()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        const QString kalshi = QStringLiteral("kalshi");
        const QString event = QStringLiteral("KXNFLGAME-25SEP04DALPHI");
        const QString dal = event + QStringLiteral("-DAL");
        const QString phi = event + QStringLiteral("-PHI");
        workspace.nfl()->games()->setGames({ *kalshi::NflGame::fromMarkets(event, { dal, phi }) });
        ProbabilityHistoryModel *history = workspace.nfl()->history();
        history->setGame(event);
        const auto quote = [&](const QString &market, const char *bid, const char *ask) {
            return Bbo { kalshi, market, 1000, Level { fixtures::dec(bid), fixtures::dec("10"), -1 },
                         Level { fixtures::dec(ask), fixtures::dec("10"), -1 } };
        };

        const qint64 recorded = 1'757'030'400'000; // 2025-09-05T00:00:00Z, long before the test runs
        workspace.replay()->setRecording(QStringLiteral("kalshi.tape"), kalshi, QStringLiteral("stream"), recorded);
        workspace.replay()->setPositionMs(recorded + 60'000);
        fixtures::feed(hub, { quote(dal, "0.49", "0.51"), quote(phi, "0.49", "0.51") });
        QCOMPARE(history->rowCount(), 1);
        QCOMPARE(history->index(0, ProbabilityHistoryModel::TimeColumn).data().toDouble(), double(recorded + 60'000));

        workspace.replay()->clear();
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        fixtures::feed(hub, { quote(phi, "0.69", "0.71") });
        const double live
            = history->index(history->rowCount() - 1, ProbabilityHistoryModel::TimeColumn).data().toDouble();
        QVERIFY2(live >= double(before), qPrintable(QString::number(live)));
    }

    void watchlistShowsMergedTickerAnd24hChange()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        QAbstractItemModelTester tester(workspace.watchlist(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        workspace.setWatchlist({ { Venue, QStringLiteral("BTC"), QStringLiteral("BTC") },
                                 { Venue, QStringLiteral("ETH"), QStringLiteral("ETH") } });
        QCOMPARE(feeds.calls, QStringList { QStringLiteral("tickers BTC,ETH") });
        WatchlistModel *list = workspace.watchlist();
        QCOMPARE(list->rowCount(), 2);

        Ticker context = ticker(QStringLiteral("ETH"));
        context.prevDayPrice = dec("3200");
        context.mid = dec("3000");
        context.funding = dec("0.0000125");
        context.volume24h = dec("1234567890.5");
        QSignalSpy changes(list, &QAbstractItemModel::dataChanged);
        feed(hub, { context });
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 1);

        // allMids brings only a mid; the other fields must survive the merge.
        Ticker mids = ticker(QStringLiteral("ETH"));
        mids.mid = dec("3360");
        feed(hub, { mids });
        const QModelIndex eth = list->index(1);
        QCOMPARE(eth.data(WatchlistModel::MidRole).toString(), QStringLiteral("3360"));
        QCOMPARE(eth.data(WatchlistModel::ChangeRole).toString(), QStringLiteral("+5.00%"));
        QCOMPARE(eth.data(WatchlistModel::ChangeValueRole).toDouble(), 5.0);
        QCOMPARE(eth.data(WatchlistModel::FundingRole).toString(), QStringLiteral("0.0013%"));
        QCOMPARE(eth.data(WatchlistModel::VolumeRole).toString(), QStringLiteral("$1.23B"));
        QCOMPARE(list->index(0).data(WatchlistModel::ChangeRole).toString(), QString()); // BTC: no data yet
        QCOMPARE(list->index(0).data(WatchlistModel::HasDataRole).toBool(), false);

        // Instrument metadata renames rows.
        hub.setInstruments(
            { Instrument { { Venue, QStringLiteral("ETH"), QStringLiteral("ETH-PERP") }, Instrument::Kind::Perp, 4 } });
        hub.flush();
        QCOMPARE(eth.data(WatchlistModel::SymbolRole).toString(), QStringLiteral("ETH-PERP"));
    }

    void rowsWithoutATickerArePricedFromTheBook()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        workspace.setWatchlist({ { Venue, QStringLiteral("BTC"), QStringLiteral("BTC") },
                                 { Venue, QStringLiteral("ETH"), QStringLiteral("ETH") } });
        WatchlistModel *list = workspace.watchlist();
        Ticker mids = ticker(QStringLiteral("BTC"));
        mids.mid = dec("97000");
        feed(hub, { mids });

        // ETH has only a book (an O2-like venue): its row shows the book's mid and hears of each book.
        QSignalSpy changes(list, &QAbstractItemModel::dataChanged);
        feed(hub, { snapshot(QStringLiteral("ETH"), { { "3000", "1" } }, { { "3001", "2" } }) });
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(list->index(1).data(WatchlistModel::MidRole).toString(), QStringLiteral("3000.5"));

        // BTC's price comes from its ticker: a book change moves nothing in the watchlist, so no signal.
        changes.clear();
        feed(hub, { snapshot(QStringLiteral("BTC"), { { "96999", "1" } }, { { "97003", "1" } }) });
        QCOMPARE(changes.count(), 0);
        QCOMPARE(list->index(0).data(WatchlistModel::MidRole).toString(), QStringLiteral("97000"));
    }

    void fimlTickerShowsSourceChangeAndQuantityVolume()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        workspace.setWatchlist({ { QStringLiteral("fiml"), QStringLiteral("AAPL"), QStringLiteral("AAPL") } });
        Ticker price;
        price.venue = QStringLiteral("fiml");
        price.symbol = QStringLiteral("AAPL");
        price.last = dec("100");
        price.changePercent = dec("-1.48");
        price.volume = dec("1000000");
        price.provider = QStringLiteral("yahoo_finance");
        price.confidence = dec("0.95");
        feed(hub, { price });
        const QModelIndex row = workspace.watchlist()->index(0);
        QCOMPARE(row.data(WatchlistModel::MidRole).toString(), QStringLiteral("100"));
        QCOMPARE(row.data(WatchlistModel::ChangeRole).toString(), QStringLiteral("-1.48%"));
        QCOMPARE(row.data(WatchlistModel::VolumeRole).toString(), QStringLiteral("1.00M"));
        QCOMPARE(row.data(WatchlistModel::SourceRole).toString(), QStringLiteral("95% yahoo_finance"));
        QCOMPARE(row.data(WatchlistModel::FundingRole).toString(), QString());
    }

    void changeFormatting()
    {
        Ticker t = ticker(QStringLiteral("BTC"));
        QVERIFY(!display::changePercent(t));
        t.prevDayPrice = dec("100");
        t.mark = dec("97.5");
        QCOMPARE(display::signedPercent(*display::changePercent(t)), QStringLiteral("-2.50%"));
        QCOMPARE(display::signedPercent(0.001), QStringLiteral("0.00%"));
        QCOMPARE(display::compactNotional(dec("845100000")), QStringLiteral("$845.1M"));
        QCOMPARE(display::compactNotional(dec("950")), QStringLiteral("$950"));
        QVERIFY(*display::ceilToStep(dec("101.1"), dec("1")) == dec("102"));
        QVERIFY(*display::ceilToStep(dec("-101.1"), dec("1")) == dec("-101"));
        QVERIFY(*display::ceilToStep(dec("101"), dec("1")) == dec("101"));
        QCOMPARE(display::normalized(dec("5.00")).toString(), QStringLiteral("5"));
    }

    void selectingAnInstrumentMovesTheSubscriptions()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        QSignalSpy selection(&workspace, &Workspace::selectionChanged);

        workspace.selectInstrument(keyOf(QStringLiteral("BTC")));
        QCOMPARE(feeds.calls,
                 (QStringList { QStringLiteral("follow BTC"), QStringLiteral("candles BTC 1m"),
                                QStringLiteral("history BTC 1m") }));
        QCOMPARE(feeds.lastHistorySpanMs, qint64(Workspace::HistoryBars) * 60000);
        QCOMPARE(workspace.selectedKey(), keyOf(QStringLiteral("BTC")));
        QCOMPARE(workspace.orderBook()->instrument(), keyOf(QStringLiteral("BTC")));
        QCOMPARE(workspace.trades()->instrument(), keyOf(QStringLiteral("BTC")));
        QCOMPARE(workspace.candles()->instrument(), keyOf(QStringLiteral("BTC")));
        QCOMPARE(selection.count(), 1);

        feed(hub, { snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }) });
        QVERIFY(workspace.orderBook()->hasData());

        feeds.calls.clear();
        workspace.selectInstrument(keyOf(QStringLiteral("ETH")));
        QCOMPARE(feeds.calls,
                 (QStringList { QStringLiteral("unfollow BTC"), QStringLiteral("uncandles BTC 1m"),
                                QStringLiteral("follow ETH"), QStringLiteral("candles ETH 1m"),
                                QStringLiteral("history ETH 1m") }));
        QVERIFY(!workspace.orderBook()->hasData());
        // BTC's book was dropped with its subscription: it must not reappear as if live.
        const InstrumentState *btc = hub.instrument(keyOf(QStringLiteral("BTC")));
        QVERIFY(btc);
        QCOMPARE(btc->displayBook.bidCount(), 0);

        feeds.calls.clear();
        QSignalSpy interval(&workspace, &Workspace::intervalChanged);
        workspace.setInterval(QStringLiteral("5m"));
        QCOMPARE(interval.count(), 1);
        QCOMPARE(feeds.calls,
                 (QStringList { QStringLiteral("uncandles ETH 1m"), QStringLiteral("candles ETH 5m"),
                                QStringLiteral("history ETH 5m") }));
        QCOMPARE(workspace.candles()->interval(), QStringLiteral("5m"));
        QCOMPARE(feeds.lastHistorySpanMs, qint64(Workspace::HistoryBars) * 5 * 60000);

        feeds.calls.clear();
        workspace.setInterval(QStringLiteral("7m")); // not offered
        QCOMPARE(feeds.calls, QStringList {});
        QCOMPARE(workspace.interval(), QStringLiteral("5m"));

        workspace.setGrouping(QStringLiteral("10"));
        QCOMPARE(workspace.grouping(), QStringLiteral("10"));
        workspace.setMinimumTradeSize(QStringLiteral("0.5"));
        QCOMPARE(workspace.trades()->minimumSize(), QStringLiteral("0.5"));
    }

    void feedStateReachesTheBadgeAndStatusBar()
    {
        MarketHub hub;
        RecordingFeedController feeds;
        Workspace workspace(&hub, &feeds);
        QAbstractItemModelTester tester(workspace.feeds(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        workspace.selectInstrument(keyOf(QStringLiteral("BTC")));
        workspace.feeds()->setVenueLabel(Venue, QStringLiteral("hyperliquid (demo)"));
        QVERIFY(!workspace.feedLive());
        QCOMPARE(workspace.feedState(), FeedState::Connecting);
        QCOMPARE(workspace.feedStateLabel(), QStringLiteral("CONNECTING"));

        QSignalSpy feedChanged(&workspace, &Workspace::selectedFeedChanged);
        FeedStatus status;
        status.venue = Venue;
        status.state = ConnectionState::Live;
        status.stats.messagesPerSecond = 42.0;
        hub.setFeedStatus(status);
        hub.flush();
        QCOMPARE(feedChanged.count(), 1);
        QVERIFY(workspace.feedLive());
        QCOMPARE(workspace.feedState(), FeedState::Live);
        QCOMPARE(workspace.feedStateLabel(), QStringLiteral("LIVE"));
        FeedStatusModel *model = workspace.feeds();
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex row = model->index(0);
        QCOMPARE(row.data(FeedStatusModel::LabelRole).toString(), QStringLiteral("hyperliquid (demo)"));
        QCOMPARE(row.data(FeedStatusModel::StateRole).toInt(), int(FeedState::Live));
        QCOMPARE(row.data(FeedStatusModel::StateLabelRole).toString(), QStringLiteral("LIVE"));
        QCOMPARE(row.data(FeedStatusModel::MessagesPerSecondRole).toDouble(), 42.0);

        status.state = ConnectionState::Stale;
        status.reason = { FeedReason::Code::NoData, {}, 0, 30000 };
        hub.setFeedStatus(status);
        hub.flush();
        QVERIFY(!workspace.feedLive());
        QCOMPARE(workspace.feedState(), FeedState::Stale);
        QCOMPARE(workspace.feedStateLabel(), QStringLiteral("STALE"));
        QCOMPARE(workspace.feedDetail(), QStringLiteral("no data for 30 s"));
        QCOMPARE(row.data(FeedStatusModel::IsLiveRole).toBool(), false);
        QCOMPARE(row.data(FeedStatusModel::StateRole).toInt(), int(FeedState::Stale));
        QCOMPARE(row.data(FeedStatusModel::DetailRole).toString(), QStringLiteral("no data for 30 s"));

        status.state = ConnectionState::BackingOff;
        hub.setFeedStatus(status);
        hub.flush();
        QCOMPARE(workspace.feedStateLabel(), QStringLiteral("RECONNECTING"));

        FeedError error { Venue, QStringLiteral("malformed"), QStringLiteral("not JSON") };
        feed(hub, { error });
        QCOMPARE(row.data(FeedStatusModel::LastIssueRole).toString(), QStringLiteral("malformed: not JSON"));
    }

    void viewIsAnEnumNamedOnTheCommandLine()
    {
        Workspace workspace(nullptr, nullptr);
        QCOMPARE(workspace.view(), Workspace::View::Markets);
        QSignalSpy viewChanged(&workspace, &Workspace::viewChanged);
        workspace.setView(Workspace::View::Nfl);
        workspace.setView(Workspace::View::Nfl);
        QCOMPARE(viewChanged.count(), 1);
        QCOMPARE(workspace.property("view").value<Workspace::View>(), Workspace::View::Nfl);

        QCOMPARE(Workspace::viewNamed(u"markets"), Workspace::View::Markets);
        QCOMPARE(Workspace::viewNamed(u"nfl"), Workspace::View::Nfl);
        QCOMPARE(Workspace::viewNamed(u"settings"), Workspace::View::Settings);
        QVERIFY(!Workspace::viewNamed(u"Markets"));
        QVERIFY(!Workspace::viewNamed(u"ladder"));
    }

    void notificationsAreCoalescedToTheDisplayRate()
    {
        MarketHub hub;
        hub.setDisplayRate(50); // 20 ms frames
        QSignalSpy books(&hub, &MarketHub::bookChanged);
        for (int i = 0; i < 20; ++i)
            hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }, 1000 + i) });
        QCOMPARE(books.count(), 0); // nothing before the frame
        QVERIFY(books.wait(200));
        QCOMPARE(books.count(), 1);
        QCOMPARE(books.at(0).at(0).toString(), keyOf(QStringLiteral("BTC")));
    }

    // With a frame pacer (the window's FrameClock) the hub asks for a frame and the notifications go out
    // when the window prepares it, not on a timer of their own.
    void aPacedHubFlushesWhenTheFrameIsPrepared()
    {
        MarketHub hub;
        hub.setDisplayRate(50); // paced requests at most every 12 ms
        int requests = 0;
        hub.setFramePacer([&requests] { ++requests; });
        QSignalSpy books(&hub, &MarketHub::bookChanged);

        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }, 1000) });
        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "2" } }, { { "101", "1" } }, 1001) });
        QCOMPARE(requests, 1); // one frame asked for, at once: nothing was flushed yet
        QTest::qWait(40);
        QCOMPARE(books.count(), 0); // the hub waits for the frame (within FrameWaitLimitMs)

        hub.flush(); // the window prepares the frame
        QCOMPARE(books.count(), 1);
        QCOMPARE(hub.instrument(keyOf(QStringLiteral("BTC")))->displayBook.bestBid()->size, dec("2"));

        // News right after a frame: the next request waits for the paced interval, then goes out once.
        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "3" } }, { { "101", "1" } }, 1002) });
        QCOMPARE(requests, 1);
        QTRY_COMPARE_WITH_TIMEOUT(requests, 2, 200);
        QCOMPARE(books.count(), 1);
    }

    // News that arrived before the window existed (waiting on the timer) is handed to the pacer, not dropped.
    void newsWaitingWhenThePacerArrivesAsksForAFrame()
    {
        MarketHub hub;
        QSignalSpy books(&hub, &MarketHub::bookChanged);
        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }, 1000) });
        int requests = 0;
        hub.setFramePacer([&requests] { ++requests; });
        QCOMPARE(requests, 1);
        QCOMPARE(books.count(), 0);
        hub.flush();
        QCOMPARE(books.count(), 1);
    }

    void aPacedHubDoesNotWaitForeverForAFrame()
    {
        MarketHub hub;
        int requests = 0;
        hub.setFramePacer([&requests] { ++requests; }); // a window that never draws (minimised)
        QSignalSpy books(&hub, &MarketHub::bookChanged);
        QElapsedTimer waited;
        waited.start();
        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }, 1000) });
        QVERIFY(books.wait(MarketHub::FrameWaitLimitMs * 4));
        QVERIFY(waited.elapsed() >= MarketHub::FrameWaitLimitMs * 9 / 10); // a coarse timer may fire 5 % early
        QCOMPARE(requests, 1);

        // Without the pacer the display-rate timer is back.
        hub.setFramePacer({});
        waited.restart();
        hub.ingest({ snapshot(QStringLiteral("BTC"), { { "100", "2" } }, { { "101", "1" } }, 1001) });
        QVERIFY(books.wait(200));
        QVERIFY(waited.elapsed() < MarketHub::FrameWaitLimitMs);
        QCOMPARE(requests, 1);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
