#include "core/OrderBook.h"

#include <QtTest/QTest>

#include <initializer_list>
#include <utility>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

Decimal dec(const char *text)
{
    const auto parsed = Decimal::parse(std::string_view(text));
    if (!parsed)
        qFatal("test literal does not parse: %s", text);
    return *parsed;
}

std::vector<Level> levels(std::initializer_list<std::pair<const char *, const char *>> rows)
{
    std::vector<Level> out;
    for (const auto &[px, sz] : rows)
        out.push_back(Level { dec(px), dec(sz), 1 });
    return out;
}

BookSnapshot snapshot(std::vector<Level> bids, std::vector<Level> asks, std::int64_t ts = 1000)
{
    BookSnapshot book;
    book.venue = u"hyperliquid"_s;
    book.symbol = u"BTC"_s;
    book.ts = ts;
    book.bids = std::move(bids);
    book.asks = std::move(asks);
    return book;
}

BookDelta delta(std::initializer_list<std::tuple<Side, const char *, const char *>> rows, std::int64_t ts = 2000)
{
    BookDelta out;
    out.venue = u"emulator"_s;
    out.symbol = u"BTC"_s;
    out.ts = ts;
    for (const auto &[side, px, sz] : rows)
        out.changes.push_back(BookDelta::Change { side, dec(px), dec(sz) });
    return out;
}

QStringList prices(const std::vector<DepthLevel> &side)
{
    QStringList out;
    for (const DepthLevel &level : side)
        out << level.price.toString();
    return out;
}

} // namespace

class TestOrderBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyBook();
    void snapshotReplacesBook();
    void snapshotKeepsVenueSpellingAndOrders();
    void snapshotOutOfOrderIsSorted();
    void deltaAddsUpdatesRemoves();
    void deltaRemovingUnknownLevelIsNoChange();
    void bestSpreadMid();
    void midAddsDigitWhenOdd();
    void cumulativeDepth();
    void crossedAndLocked();
    void oneSidedBookIsOk();
    void maxDepthBoundsSnapshot();
    void maxDepthBoundsDeltas();
    void scaleGrowsByRekeying();
    void unrepresentablePriceIsRejected();
    void versionAndTimestamp();
    void clearEmptiesBook();
    void integrityTexts();
    void snapshotReplaceBenchmark();
};

void TestOrderBook::emptyBook()
{
    OrderBook book;
    QCOMPARE(book.integrity(), BookIntegrity::Empty);
    QVERIFY(!book.bestBid());
    QVERIFY(!book.bestAsk());
    QVERIFY(!book.spread());
    QVERIFY(!book.mid());
    QCOMPARE(book.bidCount(), 0);
    QVERIFY(book.bids(10).empty());
    QCOMPARE(book.version(), quint64(0));
    QCOMPARE(book.applySnapshot(snapshot({}, {})), BookIntegrity::Empty);
}

void TestOrderBook::snapshotReplacesBook()
{
    OrderBook book;
    QCOMPARE(book.applySnapshot(snapshot(levels({ { "100", "1" }, { "99", "2" }, { "98", "3" } }),
                                         levels({ { "101", "1" }, { "102", "2" } }))),
             BookIntegrity::Ok);
    QCOMPARE(book.bidCount(), 3);
    QCOMPARE(book.askCount(), 2);

    // A second snapshot replaces every level, it does not merge.
    QCOMPARE(book.applySnapshot(snapshot(levels({ { "95", "4" } }), levels({ { "105", "5" }, { "106", "6" } }))),
             BookIntegrity::Ok);
    QCOMPARE(prices(book.bids(-1)), QStringList { u"95"_s });
    QCOMPARE(prices(book.asks(-1)), (QStringList { u"105"_s, u"106"_s }));
}

void TestOrderBook::snapshotKeepsVenueSpellingAndOrders()
{
    OrderBook book;
    book.applySnapshot(
        snapshot(levels({ { "63460.0", "0.02666" }, { "63457.0", "0.00028" } }), levels({ { "63461.0", "1.50000" } })));
    QCOMPARE(book.bestBid()->price.toString(), u"63460.0"_s);
    QCOMPARE(book.bestBid()->size.toString(), u"0.02666"_s);
    QCOMPARE(book.bestBid()->orders, 1);
    QCOMPARE(book.bestAsk()->size.toString(), u"1.50000"_s);
    QCOMPARE(book.priceScale(), 1);
}

void TestOrderBook::snapshotOutOfOrderIsSorted()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "98", "1" }, { "100", "1" }, { "99", "1" }, { "100", "7" }, { "97", "0" } }),
                                levels({ { "103", "1" }, { "101", "1" }, { "102", "1" } })));
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100"_s, u"99"_s, u"98"_s })); // zero-size level skipped
    QCOMPARE(book.bestBid()->size, dec("7")); // a repeated price: the later one wins
    QCOMPARE(prices(book.asks(-1)), (QStringList { u"101"_s, u"102"_s, u"103"_s }));
}

void TestOrderBook::deltaAddsUpdatesRemoves()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "1" }, { "98", "3" } }), levels({ { "101", "1" }, { "103", "3" } })));

    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "99", "2" }, // add between levels
                                     { Side::Sell, "102", "4" }, // add between levels
                                     { Side::Buy, "100", "1.5" }, // update: new total
                                     { Side::Sell, "103", "0" } })), // remove
             BookIntegrity::Ok);
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100"_s, u"99"_s, u"98"_s }));
    QCOMPARE(prices(book.asks(-1)), (QStringList { u"101"_s, u"102"_s }));
    QCOMPARE(book.bestBid()->size, dec("1.5"));
    QCOMPARE(book.bestBid()->orders, -1); // the delta said nothing about order count
    QCOMPARE(book.asks(-1).at(1).size, dec("4"));

    // New best levels on both sides.
    book.applyDelta(delta({ { Side::Buy, "100.5", "1" }, { Side::Sell, "100.75", "1" } }));
    QCOMPARE(book.bestBid()->price.toString(), u"100.5"_s);
    QCOMPARE(book.bestAsk()->price.toString(), u"100.75"_s);

    // Removing the best bid exposes the next one.
    book.applyDelta(delta({ { Side::Buy, "100.5", "0" }, { Side::Buy, "100", "0.0" } }));
    QCOMPARE(book.bestBid()->price, dec("99"));
    QCOMPARE(book.bidCount(), 2);
}

void TestOrderBook::deltaRemovingUnknownLevelIsNoChange()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "1" } }), levels({ { "101", "1" } })));
    const quint64 before = book.version();
    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "97", "0" } })), BookIntegrity::Ok);
    QCOMPARE(book.version(), before);
    QCOMPARE(book.bidCount(), 1);
}

void TestOrderBook::bestSpreadMid()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "63460.0", "1" }, { "63457.0", "1" } }),
                                levels({ { "63461.0", "2" }, { "63470.0", "1" } })));
    QCOMPARE(book.bestBid()->price, dec("63460"));
    QCOMPARE(book.bestAsk()->price, dec("63461"));
    QCOMPARE(book.spread()->toString(), u"1.0"_s);
    QCOMPARE(book.mid()->toString(), u"63460.5"_s);
}

void TestOrderBook::midAddsDigitWhenOdd()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "1" } }), levels({ { "102", "1" } })));
    QCOMPARE(book.mid()->toString(), u"101"_s);
    book.applySnapshot(snapshot(levels({ { "0.0001", "1" } }), levels({ { "0.0002", "1" } })));
    QCOMPARE(book.mid()->toString(), u"0.00015"_s);
    QCOMPARE(book.spread()->toString(), u"0.0001"_s);
}

void TestOrderBook::cumulativeDepth()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "0.5" }, { "99", "1.25" }, { "98", "2" } }),
                                levels({ { "101", "0.1" }, { "102", "0.02" }, { "103", "3" } })));
    const auto bids = book.bids(-1);
    QCOMPARE(bids.size(), std::size_t(3));
    QCOMPARE(bids[0].cumulative.toString(), u"0.5"_s);
    QCOMPARE(bids[1].cumulative.toString(), u"1.75"_s);
    QCOMPARE(bids[2].cumulative.toString(), u"3.75"_s);
    const auto asks = book.asks(2);
    QCOMPARE(asks.size(), std::size_t(2));
    QCOMPARE(asks[0].cumulative.toString(), u"0.1"_s);
    QCOMPARE(asks[1].cumulative.toString(), u"0.12"_s);
    QCOMPARE(asks[1].orders, 1);
    QVERIFY(book.asks(0).empty());
    QCOMPARE(book.bids(10).size(), std::size_t(3));
}

void TestOrderBook::crossedAndLocked()
{
    OrderBook book;
    QCOMPARE(book.applySnapshot(snapshot(levels({ { "101", "1" } }), levels({ { "100", "1" } }))),
             BookIntegrity::Crossed);
    QCOMPARE(book.integrity(), BookIntegrity::Crossed);
    // The book still holds what the venue sent.
    QCOMPARE(book.bestBid()->price, dec("101"));
    QCOMPARE(book.bestAsk()->price, dec("100"));
    QCOMPARE(book.integrityDetail(), u"crossed book: best bid 101 > best ask 100"_s);

    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "101", "0" }, { Side::Buy, "100.0", "2" } })), BookIntegrity::Locked);
    QCOMPARE(book.integrity(), BookIntegrity::Locked);
    QCOMPARE(book.integrityDetail(), u"locked book: best bid 100.0 = best ask 100"_s);

    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "100.0", "0" }, { Side::Buy, "99.9", "1" } })), BookIntegrity::Ok);
    QCOMPARE(book.integrityDetail(), u"ok"_s);

    // A crossing delta on the ask side.
    QCOMPARE(book.applyDelta(delta({ { Side::Sell, "99.5", "1" } })), BookIntegrity::Crossed);
}

void TestOrderBook::oneSidedBookIsOk()
{
    OrderBook book;
    QCOMPARE(book.applySnapshot(snapshot(levels({ { "100", "1" } }), {})), BookIntegrity::Ok);
    QVERIFY(!book.spread());
    QVERIFY(!book.mid());
    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "100", "0" } })), BookIntegrity::Empty);
}

void TestOrderBook::maxDepthBoundsSnapshot()
{
    OrderBook book(3);
    book.applySnapshot(snapshot(levels({ { "100", "1" }, { "99", "1" }, { "98", "1" }, { "97", "1" }, { "96", "1" } }),
                                levels({ { "101", "1" }, { "102", "1" }, { "103", "1" }, { "104", "1" } })));
    QCOMPARE(book.bidCount(), 3);
    QCOMPARE(book.askCount(), 3);
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100"_s, u"99"_s, u"98"_s })); // the worst levels go
    QCOMPARE(prices(book.asks(-1)), (QStringList { u"101"_s, u"102"_s, u"103"_s }));
}

void TestOrderBook::maxDepthBoundsDeltas()
{
    OrderBook book(3);
    book.applySnapshot(snapshot(levels({ { "100", "1" }, { "99", "1" }, { "98", "1" } }), levels({ { "101", "1" } })));
    const quint64 before = book.version();

    // Worse than every level held on a full side: dropped, and nothing changed.
    book.applyDelta(delta({ { Side::Buy, "90", "5" } }));
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100"_s, u"99"_s, u"98"_s }));
    QCOMPARE(book.version(), before);

    // Better than the worst: inserted, and the worst level falls off.
    book.applyDelta(delta({ { Side::Buy, "99.5", "5" } }));
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100"_s, u"99.5"_s, u"99"_s }));
    book.applyDelta(delta({ { Side::Buy, "100.5", "5" } }));
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100.5"_s, u"100"_s, u"99.5"_s }));
    QCOMPARE(book.bidCount(), 3);

    // Updating a held level on a full side still works.
    book.applyDelta(delta({ { Side::Buy, "99.5", "7" } }));
    QCOMPARE(book.bids(-1).at(2).size, dec("7"));
}

void TestOrderBook::scaleGrowsByRekeying()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "1" }, { "99", "1" } }), levels({ { "101", "1" }, { "102", "1" } })));
    QCOMPARE(book.priceScale(), 0);

    // A price with more decimals arrives later: existing levels are re-keyed, ordering holds.
    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "100.25", "3" }, { Side::Sell, "101.125", "4" } })),
             BookIntegrity::Ok);
    QCOMPARE(book.priceScale(), 3);
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100.25"_s, u"100"_s, u"99"_s }));
    QCOMPARE(prices(book.asks(-1)), (QStringList { u"101"_s, u"101.125"_s, u"102"_s }));

    // A level written with fewer decimals still finds its re-keyed self.
    book.applyDelta(delta({ { Side::Buy, "100.000", "0" }, { Side::Sell, "101.0", "9" } }));
    QCOMPARE(prices(book.bids(-1)), (QStringList { u"100.25"_s, u"99"_s }));
    QCOMPARE(book.askCount(), 3);
    QCOMPARE(book.bestAsk()->size, dec("9"));
    QCOMPARE(book.bestAsk()->price.toString(), u"101.0"_s); // the latest spelling is displayed

    // The scale does not shrink on the next snapshot.
    book.applySnapshot(snapshot(levels({ { "100", "1" } }), levels({ { "101", "1" } })));
    QCOMPARE(book.priceScale(), 3);
}

void TestOrderBook::unrepresentablePriceIsRejected()
{
    OrderBook book;
    // Re-keying 9e17 to 2 fraction digits would overflow 64 bits.
    book.applySnapshot(snapshot(levels({ { "900000000000000000", "1" } }), levels({ { "900000000000000001", "1" } })));
    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "1.25", "1" }, { Side::Sell, "900000000000000002", "1" } })),
             BookIntegrity::BadPrice);
    QCOMPARE(book.priceScale(), 0);
    QCOMPARE(book.bidCount(), 1); // 1.25 was rejected
    QCOMPARE(book.askCount(), 2); // the other change still applied
    QCOMPARE(book.integrity(), BookIntegrity::Ok);

    QCOMPARE(book.applyDelta(delta({ { Side::Buy, "5", "-1" } })), BookIntegrity::BadPrice); // negative size

    // Within one snapshot, a price needing more digits than the others can overflow on its own.
    QCOMPARE(book.applySnapshot(snapshot(levels({ { "9000000000000000000", "1" }, { "0.5", "1" } }), {})),
             BookIntegrity::BadPrice);
    QCOMPARE(book.bidCount(), 1);
    QCOMPARE(book.bestBid()->price.toString(), u"0.5"_s);
}

void TestOrderBook::versionAndTimestamp()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100", "1" } }), levels({ { "101", "1" } }), 1111));
    QCOMPARE(book.version(), quint64(1));
    QCOMPARE(book.timestamp(), std::int64_t(1111));
    book.applyDelta(delta({ { Side::Buy, "99", "1" }, { Side::Sell, "102", "1" } }, 2222));
    QCOMPARE(book.version(), quint64(2)); // one per delta, not per level
    QCOMPARE(book.timestamp(), std::int64_t(2222));
    book.applyDelta(delta({}, 3333));
    QCOMPARE(book.version(), quint64(2));
    QCOMPARE(book.timestamp(), std::int64_t(3333));
    book.applySnapshot(snapshot(levels({ { "100", "1" } }), levels({ { "101", "1" } }), 4444));
    QCOMPARE(book.version(), quint64(3));
    book.clear();
    QCOMPARE(book.version(), quint64(4));
    book.clear();
    QCOMPARE(book.version(), quint64(4));
}

void TestOrderBook::clearEmptiesBook()
{
    OrderBook book;
    book.applySnapshot(snapshot(levels({ { "100.5", "1" } }), levels({ { "101", "1" } })));
    book.clear();
    QCOMPARE(book.integrity(), BookIntegrity::Empty);
    QCOMPARE(book.bidCount(), 0);
    QCOMPARE(book.askCount(), 0);
    QCOMPARE(book.priceScale(), 0);
}

void TestOrderBook::integrityTexts()
{
    QCOMPARE(OrderBook::integrityText(BookIntegrity::Ok), u"ok"_s);
    QCOMPARE(OrderBook::integrityText(BookIntegrity::Crossed), u"crossed"_s);
    QCOMPARE(OrderBook::integrityText(BookIntegrity::Locked), u"locked"_s);
    QCOMPARE(OrderBook::integrityText(BookIntegrity::BadPrice), u"bad price"_s);
    QCOMPARE(OrderBook::integrityText(BookIntegrity::Empty), u"empty"_s);
}

void TestOrderBook::snapshotReplaceBenchmark()
{
    std::vector<Level> bids;
    std::vector<Level> asks;
    for (int i = 0; i < 20; ++i) {
        bids.push_back(Level { Decimal::fromRaw(634600 - 10 * i, 1), dec("0.02666"), 2 });
        asks.push_back(Level { Decimal::fromRaw(634610 + 10 * i, 1), dec("0.5"), 3 });
    }
    const BookSnapshot book = snapshot(bids, asks);
    OrderBook orderBook;
    QBENCHMARK
    {
        orderBook.applySnapshot(book);
    }
    QCOMPARE(orderBook.bidCount(), 20);
    QCOMPARE(orderBook.askCount(), 20);
}

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"
