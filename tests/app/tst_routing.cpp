// The Workspace's one FeedController fans requests out to each venue's adapter by InstrumentId::venue.
#include "app/RoutingFeedController.h"

#include <QtTest/QTest>

using namespace tapescope;
using namespace Qt::StringLiterals;

namespace {

class RecordingController : public FeedController
{
public:
    QStringList calls;
    void watchTickers(const QList<InstrumentId> &instruments) override
    {
        QStringList symbols;
        for (const InstrumentId &id : instruments)
            symbols << id.symbol;
        calls << u"tickers:"_s + symbols.join(u',');
    }
    void followMarket(const InstrumentId &id) override { calls << u"follow:"_s + id.symbol; }
    void unfollowMarket(const InstrumentId &id) override { calls << u"unfollow:"_s + id.symbol; }
    void followCandles(const InstrumentId &id, const QString &i) override { calls << u"candles:"_s + id.symbol + i; }
    void unfollowCandles(const InstrumentId &id, const QString &i) override
    {
        calls << u"uncandles:"_s + id.symbol + i;
    }
    void requestCandleHistory(const InstrumentId &id, const QString &, qint64, qint64) override
    {
        calls << u"history:"_s + id.symbol;
    }
};

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routesByVenue()
    {
        RecordingController hyperliquid, kalshi;
        RoutingFeedController router;
        router.setController(u"hyperliquid"_s, &hyperliquid);
        router.setController(u"kalshi"_s, &kalshi);
        const InstrumentId btc { u"hyperliquid"_s, u"BTC"_s, u"BTC"_s };
        const InstrumentId phi { u"kalshi"_s, u"KXNFLGAME-25SEP04DALPHI-PHI"_s, u"PHI"_s };
        const InstrumentId nowhere { u"o2"_s, u"FUEL/USDC"_s, u"FUEL/USDC"_s };

        router.watchTickers({ btc, phi, nowhere });
        router.followMarket(btc);
        router.followMarket(phi);
        router.followMarket(nowhere); // a venue that is not running: dropped
        router.followCandles(btc, u"1m"_s);
        router.requestCandleHistory(phi, u"1m"_s, 0, 1);
        QCOMPARE(hyperliquid.calls, (QStringList { u"tickers:BTC"_s, u"follow:BTC"_s, u"candles:BTC1m"_s }));
        QCOMPARE(kalshi.calls,
                 (QStringList { u"tickers:KXNFLGAME-25SEP04DALPHI-PHI"_s, u"follow:KXNFLGAME-25SEP04DALPHI-PHI"_s,
                                u"history:KXNFLGAME-25SEP04DALPHI-PHI"_s }));

        // A venue that lost every watched instrument is told so (an empty list), not left streaming.
        router.watchTickers({ btc });
        QCOMPARE(kalshi.calls.last(), u"tickers:"_s);
        router.setController(u"kalshi"_s, nullptr);
        router.unfollowMarket(phi);
        QCOMPARE(kalshi.calls.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
