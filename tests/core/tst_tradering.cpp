#include "core/TradeRing.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

Trade trade(std::int64_t ts, const QString &id, const char *price = "100", const char *size = "1",
            Side side = Side::Buy)
{
    Trade t;
    t.venue = u"hyperliquid"_s;
    t.symbol = u"BTC"_s;
    t.ts = ts;
    t.id = id;
    t.price = *Decimal::parse(std::string_view(price));
    t.size = *Decimal::parse(std::string_view(size));
    t.side = side;
    return t;
}

} // namespace

class TestTradeRing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestFirst();
    void boundedByCapacity();
    void clearKeepsTotal();
    void pushUniqueDropsReplayedTrades();
    void pushUniqueWithoutIds();
    void forgottenTradesAreNewAgain();
    void zeroCapacityHoldsOne();
};

void TestTradeRing::newestFirst()
{
    TradeRing ring(5);
    QCOMPARE(ring.size(), std::size_t(0));
    QVERIFY(ring.isEmpty());
    ring.push(trade(1, u"a"_s));
    ring.push(trade(2, u"b"_s));
    ring.push(trade(3, u"c"_s));
    QCOMPARE(ring.size(), std::size_t(3));
    QCOMPARE(ring.at(0).id, u"c"_s);
    QCOMPARE(ring.at(1).id, u"b"_s);
    QCOMPARE(ring.at(2).id, u"a"_s);
    QCOMPARE(ring.capacity(), std::size_t(5));
}

void TestTradeRing::boundedByCapacity()
{
    TradeRing ring(3);
    for (int i = 0; i < 10; ++i)
        ring.push(trade(i, QString::number(i)));
    QCOMPARE(ring.size(), std::size_t(3));
    QCOMPARE(ring.totalPushed(), quint64(10));
    QCOMPARE(ring.at(0).id, u"9"_s);
    QCOMPARE(ring.at(1).id, u"8"_s);
    QCOMPARE(ring.at(2).id, u"7"_s);
}

void TestTradeRing::clearKeepsTotal()
{
    TradeRing ring(3);
    ring.push(trade(1, u"a"_s));
    ring.push(trade(2, u"b"_s));
    ring.clear();
    QCOMPARE(ring.size(), std::size_t(0));
    QCOMPARE(ring.totalPushed(), quint64(2));
    ring.push(trade(3, u"c"_s));
    QCOMPARE(ring.size(), std::size_t(1));
    QCOMPARE(ring.at(0).id, u"c"_s);
}

void TestTradeRing::pushUniqueDropsReplayedTrades()
{
    TradeRing ring(100);
    // Live trades, then a resubscribe replays the recent ones (same ts and tid) before new ones.
    for (int i = 0; i < 30; ++i)
        QVERIFY(ring.pushUnique(trade(1000 + i, QString::number(293353986402527 + i))));
    int accepted = 0;
    for (int i = 0; i < 35; ++i) {
        if (ring.pushUnique(trade(1000 + i, QString::number(293353986402527 + i))))
            ++accepted;
    }
    QCOMPARE(accepted, 5);
    QCOMPARE(ring.size(), std::size_t(35));
    QCOMPARE(ring.totalPushed(), quint64(35));
    QCOMPARE(ring.at(0).id, u"293353986402561"_s);

    // Same id at another time is another trade (ids may repeat across instruments or restarts).
    QVERIFY(ring.pushUnique(trade(5000, u"293353986402527"_s)));
    // Same time, different id: another trade in the same millisecond.
    QVERIFY(ring.pushUnique(trade(1000, u"x"_s)));
}

void TestTradeRing::pushUniqueWithoutIds()
{
    TradeRing ring(10);
    QVERIFY(ring.pushUnique(trade(1, QString(), "100", "1", Side::Buy)));
    QVERIFY(!ring.pushUnique(trade(1, QString(), "100", "1", Side::Buy)));
    // Without an id, two fills in one millisecond are only the same trade if everything matches.
    QVERIFY(ring.pushUnique(trade(1, QString(), "100", "2", Side::Buy)));
    QVERIFY(ring.pushUnique(trade(1, QString(), "100", "1", Side::Sell)));
    QVERIFY(ring.pushUnique(trade(1, QString(), "100.5", "1", Side::Buy)));
    QCOMPARE(ring.size(), std::size_t(4));
}

void TestTradeRing::forgottenTradesAreNewAgain()
{
    TradeRing ring(2);
    ring.pushUnique(trade(1, u"a"_s));
    ring.pushUnique(trade(2, u"b"_s));
    ring.pushUnique(trade(3, u"c"_s));
    QVERIFY(!ring.contains(trade(1, u"a"_s)));
    QVERIFY(ring.contains(trade(3, u"c"_s)));
}

void TestTradeRing::zeroCapacityHoldsOne()
{
    TradeRing ring(0);
    QCOMPARE(ring.capacity(), std::size_t(1));
    ring.push(trade(1, u"a"_s));
    ring.push(trade(2, u"b"_s));
    QCOMPARE(ring.size(), std::size_t(1));
    QCOMPARE(ring.at(0).id, u"b"_s);
}

QTEST_GUILESS_MAIN(TestTradeRing)
#include "tst_tradering.moc"
