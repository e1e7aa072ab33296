// The whole venue side in demo mode: every driver's emulator, service and FeedController behind one
// MarketSession, checked through the models the panels bind to (no QML). Proves each venue's instruments
// reach the watchlist with prices, and that selecting one fills the ladder, the tape and the chart.

#include "app/MarketSession.h"
#include "emulator/alpaca/AlpacaEmulator.h"
#include "market/AccountHub.h"
#include "market/FeedController.h"
#include "models/AccountBook.h"
#include "models/CandleModel.h"
#include "models/FeedStatusModel.h"
#include "models/OrderBookModel.h"
#include "models/TradeTapeModel.h"
#include "models/WatchlistModel.h"
#include "models/Workspace.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueDescription.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

class TestSession : public QObject
{
    Q_OBJECT

    static MarketSession::Config demoConfig(const QString &initialKey = {})
    {
        MarketSession::Config config;
        config.initialKey = initialKey;
        for (const VenueModule *module : venueModules()) {
            MarketSession::VenueLaunch launch;
            launch.settings.venue = module->name();
            launch.settings.enabled = true;
            launch.settings.watchlist = module->description().defaultWatchlist;
            launch.demo = true;
            config.venues.append(launch);
        }
        return config;
    }

    static int rowOf(const WatchlistModel *watchlist, const QString &venue, const QString &name)
    {
        for (int row = 0; row < watchlist->rowCount(); ++row) {
            const QModelIndex index = watchlist->index(row);
            if (index.data(WatchlistModel::VenueRole).toString() == venue
                && index.data(WatchlistModel::SymbolRole).toString() == name)
                return row;
        }
        return -1;
    }

    static QString roleText(const WatchlistModel *watchlist, int row, int role)
    {
        return row < 0 ? QString() : watchlist->index(row).data(role).toString();
    }

private Q_SLOTS:
    void everyVenuePricesItsWatchlistRows()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.start(demoConfig(), &error), qPrintable(error));
        QCOMPARE(session.runningVenues().size(), venueModules().size());
        const WatchlistModel *watchlist = session.workspace()->watchlist();

        // O2's rows exist only once GET /v1/markets named its pairs; Kalshi's once NFL discovery listed markets.
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(watchlist, u"o2"_s, u"fFUEL/fUSDC"_s) >= 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < watchlist->rowCount(); ++row) {
                    if (watchlist->index(row).data(WatchlistModel::VenueRole).toString() == u"kalshi")
                        return true;
                }
                return false;
            }(),
            10000);
        // The sections keep the drivers' order, Hyperliquid first.
        QCOMPARE(watchlist->index(0).data(WatchlistModel::VenueRole).toString(), u"hyperliquid"_s);

        // O2 has no ticker: the row's mid comes from the depth book. Alpaca's from the quote.
        QTRY_VERIFY_WITH_TIMEOUT(
            !roleText(watchlist, rowOf(watchlist, u"o2"_s, u"fETH/fUSDC"_s), WatchlistModel::MidRole).isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            !roleText(watchlist, rowOf(watchlist, u"alpaca"_s, u"AAPL"_s), WatchlistModel::MidRole).isEmpty(), 10000);
        // FIML's price update: price, the venue's own change, volume and where the quote came from.
        const int fimlRow = rowOf(watchlist, u"fiml"_s, u"TSLA"_s);
        QVERIFY(fimlRow >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(!roleText(watchlist, fimlRow, WatchlistModel::SourceRole).isEmpty(), 10000);
        QVERIFY(!roleText(watchlist, fimlRow, WatchlistModel::MidRole).isEmpty());
        QVERIFY(roleText(watchlist, fimlRow, WatchlistModel::ChangeRole).endsWith(u'%'));
        QVERIFY(!roleText(watchlist, fimlRow, WatchlistModel::VolumeRole).isEmpty());
        QVERIFY(roleText(watchlist, fimlRow, WatchlistModel::SourceRole).contains(u'%'));

        // The status bar lists the feeds in the same order, whichever connected first.
        const FeedStatusModel *feeds = session.workspace()->feeds();
        QTRY_COMPARE_WITH_TIMEOUT(feeds->rowCount(), int(venueModules().size()), 10000);
        QStringList order;
        for (int row = 0; row < feeds->rowCount(); ++row)
            order << feeds->index(row).data(FeedStatusModel::VenueRole).toString();
        QCOMPARE(order, (QStringList { u"hyperliquid"_s, u"kalshi"_s, u"alpaca"_s, u"o2"_s, u"fiml"_s }));
    }

    void aVenueThatCannotStartShowsDownWithTheReason()
    {
        MarketSession::Config config = demoConfig();
        for (MarketSession::VenueLaunch &launch : config.venues) {
            if (launch.settings.venue == u"kalshi") { // configured for real, but no key anywhere
                launch.demo = false;
                launch.settings.environment = u"demo"_s;
            }
        }
        MarketSession session;
        QString error;
        QVERIFY2(session.start(config, &error), qPrintable(error));
        QVERIFY(!session.runningVenues().contains(u"kalshi"_s));
        const FeedStatusModel *feeds = session.workspace()->feeds();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int row = 0; row < feeds->rowCount(); ++row) {
                    const QModelIndex index = feeds->index(row);
                    if (index.data(FeedStatusModel::VenueRole).toString() == u"kalshi")
                        return index.data(FeedStatusModel::StateRole).toInt() == FeedState::Down
                            && index.data(FeedStatusModel::DetailRole).toString().contains(u"API key");
                }
                return false;
            }(),
            5000);

        // Nothing at all can start: start() says why, and the session stays usable for the settings to fix it.
        MarketSession::Config kalshiOnly;
        for (const MarketSession::VenueLaunch &launch : std::as_const(config.venues)) {
            if (launch.settings.venue == u"kalshi")
                kalshiOnly.venues.append(launch);
        }
        MarketSession empty;
        QVERIFY(!empty.start(kalshiOnly, &error));
        QVERIFY2(error.contains(u"API key"), qPrintable(error));
        QCOMPARE(empty.workspace()->feedState(), FeedState::Disconnected);
    }

    void alpacaMinuteChartAsksForBarsAndTheirCorrections()
    {
        const VenueDriver *driver = findVenueDriver(u"alpaca"_s);
        QVERIFY(driver);
        VenueSettings settings;
        settings.venue = u"alpaca"_s;
        VenueCredentials keys;
        QObject owner;
        QString error;
        auto *emu
            = qobject_cast<emulator::alpaca::AlpacaEmulator *>(driver->startEmulator(&settings, &keys, &owner, &error));
        QVERIFY2(emu, qPrintable(error));
        std::unique_ptr<VenueFeed> feed = driver->createFeed(settings, keys, &error);
        QVERIFY2(feed, qPrintable(error));
        std::unique_ptr<FeedController> controller = driver->createController(feed.get());
        feed->start(); // in this thread: the controller's queued calls run here too
        const InstrumentId aapl { u"alpaca"_s, u"AAPL"_s, u"AAPL"_s };
        QVERIFY(!controller->streamsCandles(aapl, u"5m"_s)); // intraday: built from trades
        QVERIFY(controller->streamsCandles(aapl, u"1d"_s));
        controller->followCandles(aapl, u"1m"_s);
        const auto asked = [&] {
            for (const QByteArray &frame : emu->receivedFrames()) {
                if (frame.contains("\"subscribe\"") && frame.contains("\"bars\":[\"AAPL\"]")
                    && frame.contains("\"updatedBars\":[\"AAPL\"]"))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(asked(), 5000);
        feed->stop();
    }

    void fimlSaysItHasNoBookOrTrades()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.start(demoConfig(u"fiml:TSLA"_s), &error), qPrintable(error));
        Workspace *workspace = session.workspace();
        QCOMPARE(workspace->selectedKey(), u"fiml:TSLA"_s);
        QVERIFY(!workspace->selectedHasBook());
        QVERIFY(!workspace->selectedHasTrades());
        // Its OHLCV bars (length unsaid) reach the chart whatever interval is picked.
        QTRY_VERIFY_WITH_TIMEOUT(workspace->candles()->rowCount() > 0, 10000);
        workspace->selectInstrument(u"hyperliquid:BTC"_s);
        QVERIFY(workspace->selectedHasBook());
        QVERIFY(workspace->selectedHasTrades());
    }

    void theDemoTraderReachesTheAccountPanelAndGoesWithItsVenue()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.start(demoConfig(u"hyperliquid:BTC"_s), &error), qPrintable(error));
        // Demo mode: each emulator's demo trader is its venue's account, on its own feed.
        QCOMPARE(session.accountFeeds(u"hyperliquid"_s).size(), 1);
        AccountBook *accounts = session.workspace()->accounts();
        const auto withAccounts = std::count_if(venueModules().cbegin(), venueModules().cend(),
                                                [](const VenueModule *module) { return module->hasAccounts(); });
        QCOMPARE(accounts->accountCount(), int(withAccounts));
        QTRY_VERIFY_WITH_TIMEOUT(accounts->feedLive() && accounts->synced(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(accounts->positions()->count() > 0, 10000);
        QVERIFY(!accounts->equity().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(accounts->fills()->count() > 0, 10000);

        MarketSession::VenueLaunch off;
        off.settings.venue = u"hyperliquid"_s;
        QVERIFY(session.reconfigureVenue(off, &error));
        QVERIFY(session.accountFeeds(u"hyperliquid"_s).isEmpty());
        QCOMPARE(session.accounts()->accountKeys().size(), int(withAccounts) - 1);
        for (const QString &key : session.accounts()->accountKeys())
            QVERIFY2(!key.startsWith(u"hyperliquid:"_s), qPrintable(key));
        QTRY_COMPARE_WITH_TIMEOUT(accounts->accountCount(), int(withAccounts) - 1, 5000);
    }

    // Hyperliquid takes 10 connections per IP: the market data's and nine accounts'. A settings file edited by hand
    // with more is cut to nine, with a warning (the settings dialog refuses the 10th: tst_settings).
    void aTenthHyperliquidAccountIsNotFollowed()
    {
        MarketSession::Config config;
        MarketSession::VenueLaunch launch; // configured, not the demo: its accounts are the settings' (a closed port)
        launch.settings.venue = u"hyperliquid"_s;
        launch.settings.enabled = true;
        launch.settings.environment = u"custom"_s;
        launch.settings.customUrl = QUrl(u"http://127.0.0.1:1"_s);
        launch.settings.watchlist = { u"BTC"_s };
        for (int i = 1; i <= 10; ++i)
            launch.settings.accounts.append({ u"0x%1"_s.arg(i, 40, 10, QLatin1Char('0')), QString() });
        config.venues.append(launch);
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(u"hyperliquid has 10 accounts in the settings; the first 9 are followed"_s));
        MarketSession session;
        QString error;
        QVERIFY2(session.start(config, &error), qPrintable(error));
        QCOMPARE(session.accountFeeds(u"hyperliquid"_s).size(), 9);
    }

    void selectingAnO2MarketFillsLadderTapeAndChart()
    {
        MarketSession session;
        QString error;
        // By pair name: selected once the listing names it.
        QVERIFY2(session.start(demoConfig(u"o2:fBTC/fUSDC"_s), &error), qPrintable(error));
        Workspace *workspace = session.workspace();
        QTRY_VERIFY_WITH_TIMEOUT(workspace->selectedKey().startsWith(u"o2:0x"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(workspace->orderBook()->hasData(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(workspace->trades()->count() > 0, 10000);
        // REST bars for history, then bars built from trades as they come.
        QTRY_VERIFY_WITH_TIMEOUT(workspace->candles()->rowCount() > 0, 10000);
    }

    void alpacaIntradayBarsAreBuiltFromTrades()
    {
        MarketSession session;
        QString error;
        QVERIFY2(session.start(demoConfig(u"alpaca:AAPL"_s), &error), qPrintable(error));
        Workspace *workspace = session.workspace();
        QCOMPARE(workspace->selectedKey(), u"alpaca:AAPL"_s);
        workspace->setInterval(u"5m"_s);
        QTRY_VERIFY_WITH_TIMEOUT(workspace->trades()->count() > 0, 10000);
        // No 5-minute bars on Alpaca's stream and no REST history here: every bar shown came from trades.
        QTRY_VERIFY_WITH_TIMEOUT(workspace->candles()->rowCount() > 0, 10000);
        QVERIFY(workspace->orderBook()->hasData()); // a one-level book from the quote
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
