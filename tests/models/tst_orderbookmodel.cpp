#include "MarketFixtures.h"
#include "market/MarketHub.h"
#include "models/OrderBookModel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace fixtures;

class TestOrderBookModel : public QObject
{
    Q_OBJECT

private:
    struct Setup
    {
        MarketHub hub;
        OrderBookModel model { &hub };
        QAbstractItemModelTester tester { &model, QAbstractItemModelTester::FailureReportingMode::QtTest };
        Setup(int levels)
        {
            model.setLevels(levels);
            model.setInstrument(keyOf(QStringLiteral("BTC")));
        }
    };

    static QString text(const OrderBookModel &model, int row, int role)
    {
        return model.data(model.index(row), role).toString();
    }

private Q_SLOTS:
    void columnsDropChainZerosAndLineUp()
    {
        // O2 sends every value at its chain precision; the ladder shows what the numbers need, aligned.
        Setup s(2);
        feed(s.hub,
             { snapshot(QStringLiteral("BTC"),
                        { { "0.012348000", "5119.585000000" }, { "0.012346000", "71236.362000000" } },
                        { { "0.012350000", "12.500000000" }, { "0.012351000", "3.000000000" } }) });
        QCOMPARE(text(s.model, 1, OrderBookModel::PriceRole), QStringLiteral("0.012350"));
        QCOMPARE(text(s.model, 1, OrderBookModel::AskSizeRole), QStringLiteral("12.500"));
        QCOMPARE(text(s.model, 0, OrderBookModel::AskSizeRole), QStringLiteral("3.000"));
        QCOMPARE(text(s.model, 3, OrderBookModel::PriceRole), QStringLiteral("0.012348"));
        QCOMPARE(text(s.model, 3, OrderBookModel::BidSizeRole), QStringLiteral("5119.585"));
        QCOMPARE(text(s.model, 4, OrderBookModel::CumulativeRole), QStringLiteral("76355.947"));
        QCOMPARE(text(s.model, 2, OrderBookModel::PriceRole), QStringLiteral("0.000002")); // the spread
        // the inside at the book's tick (0.000001), not at the chain's nine digits
        QCOMPARE(s.model.bestBid(), QStringLiteral("0.012348"));
        QCOMPARE(s.model.bestAsk(), QStringLiteral("0.012350"));
        QCOMPARE(s.model.mid(), QStringLiteral("0.012349"));
        QCOMPARE(s.model.spread(), QStringLiteral("0.000002"));
    }

    void ladderIsAWindowAroundTheInside()
    {
        Setup s(3);
        QCOMPARE(s.model.rowCount(), 7);
        feed(s.hub,
             { snapshot(QStringLiteral("BTC"), { { "100", "1" }, { "99", "4" } },
                        { { "101", "2" }, { "102", "0.5" }, { "103", "3" } }) });

        // rows 0..2 asks (best ask at row 2), row 3 spread, rows 4..6 bids (best bid at row 4)
        QCOMPARE(text(s.model, 0, OrderBookModel::PriceRole), QStringLiteral("103"));
        QCOMPARE(text(s.model, 2, OrderBookModel::PriceRole), QStringLiteral("101"));
        QVERIFY(s.model.data(s.model.index(2), OrderBookModel::IsBestAskRole).toBool());
        QVERIFY(s.model.data(s.model.index(3), OrderBookModel::IsSpreadRowRole).toBool());
        QCOMPARE(text(s.model, 3, OrderBookModel::PriceRole), QStringLiteral("1")); // the spread
        QCOMPARE(text(s.model, 4, OrderBookModel::PriceRole), QStringLiteral("100"));
        QVERIFY(s.model.data(s.model.index(4), OrderBookModel::IsBestBidRole).toBool());
        // sizes share one number of fraction digits (the 0.5 ask sets it), so the column lines up
        QCOMPARE(text(s.model, 4, OrderBookModel::BidSizeRole), QStringLiteral("1.0"));
        QCOMPARE(text(s.model, 4, OrderBookModel::AskSizeRole), QString());
        QCOMPARE(text(s.model, 5, OrderBookModel::CumulativeRole), QStringLiteral("5.0"));
        QCOMPARE(text(s.model, 0, OrderBookModel::CumulativeRole), QStringLiteral("5.5"));
        QCOMPARE(text(s.model, 6, OrderBookModel::PriceRole), QString()); // the book is thinner than the window
        // heat is relative to the largest visible size (4)
        QCOMPARE(s.model.data(s.model.index(5), OrderBookModel::HeatRole).toDouble(), 1.0);
        QCOMPARE(s.model.data(s.model.index(4), OrderBookModel::HeatRole).toDouble(), 0.25);
        QCOMPARE(s.model.bestBid(), QStringLiteral("100"));
        QCOMPARE(s.model.bestAsk(), QStringLiteral("101"));
        QCOMPARE(s.model.spread(), QStringLiteral("1"));
        QCOMPARE(s.model.mid(), QStringLiteral("100.5"));
        QVERIFY(s.model.hasData());
    }

    void bookUpdateIsOneRangedDataChangedNeverAReset()
    {
        Setup s(5);
        feed(s.hub,
             { snapshot(QStringLiteral("BTC"), { { "100", "1" }, { "99", "2" }, { "98", "3" } },
                        { { "101", "1" }, { "102", "2" } }) });

        QSignalSpy resets(&s.model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&s.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&s.model, &QAbstractItemModel::dataChanged);
        // Two deltas in one frame: the 99 bid grows, the 102 ask is removed.
        feed(s.hub,
             { delta(QStringLiteral("BTC"), Side::Buy, "99", "5"),
               delta(QStringLiteral("BTC"), Side::Sell, "102", "0") });

        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 0);
        QCOMPARE(changes.count(), 1);
        const QModelIndex first = changes.at(0).at(0).toModelIndex();
        const QModelIndex last = changes.at(0).at(1).toModelIndex();
        // Row 3 held the 102 ask; rows 7..8 (99 and 98 bids) changed size and depth; the heat of every
        // level changed with the new largest size. The spread row (5) is inside the range but unchanged.
        QCOMPARE(first.row(), 3);
        QCOMPARE(last.row(), 8);
        QCOMPARE(text(s.model, 3, OrderBookModel::PriceRole), QString());
        QCOMPARE(text(s.model, 7, OrderBookModel::BidSizeRole), QStringLiteral("5"));
        QCOMPARE(text(s.model, 8, OrderBookModel::CumulativeRole), QStringLiteral("9"));

        // Nothing changed: no signal at all.
        changes.clear();
        feed(s.hub, { delta(QStringLiteral("BTC"), Side::Buy, "99", "5") });
        QCOMPARE(changes.count(), 0);
    }

    void groupingFloorsBidsCeilsAsksAndSumsExactly()
    {
        Setup s(3);
        feed(s.hub,
             { snapshot(QStringLiteral("BTC"),
                        { { "100.5", "0.1" }, { "100.2", "0.2" }, { "99.9", "0.3" }, { "99.1", "0.7" } },
                        { { "101.0", "0.1" }, { "101.1", "0.2" }, { "101.9", "0.4" } }) });
        QCOMPARE(s.model.groupingOptions().value(0), QStringLiteral("0.1"));
        QVERIFY(s.model.groupingOptions().contains(QStringLiteral("1")));

        QSignalSpy resets(&s.model, &QAbstractItemModel::modelReset);
        s.model.setGrouping(QStringLiteral("1"));
        QCOMPARE(s.model.grouping(), QStringLiteral("1"));
        QCOMPARE(resets.count(), 0);
        // bids: 100.5 + 100.2 -> 100 (0.3 exactly, not 0.30000000000000004); 99.9 + 99.1 -> 99 (1.0)
        QCOMPARE(text(s.model, 4, OrderBookModel::PriceRole), QStringLiteral("100"));
        QCOMPARE(text(s.model, 4, OrderBookModel::BidSizeRole), QStringLiteral("0.3"));
        QCOMPARE(text(s.model, 5, OrderBookModel::PriceRole), QStringLiteral("99"));
        QCOMPARE(text(s.model, 5, OrderBookModel::BidSizeRole), QStringLiteral("1.0"));
        QCOMPARE(text(s.model, 5, OrderBookModel::CumulativeRole), QStringLiteral("1.3"));
        // asks: 101.0 -> 101; 101.1 + 101.9 -> 102 (0.6)
        QCOMPARE(text(s.model, 2, OrderBookModel::PriceRole), QStringLiteral("101"));
        QCOMPARE(text(s.model, 2, OrderBookModel::AskSizeRole), QStringLiteral("0.1"));
        QCOMPARE(text(s.model, 1, OrderBookModel::PriceRole), QStringLiteral("102"));
        QCOMPARE(text(s.model, 1, OrderBookModel::AskSizeRole), QStringLiteral("0.6"));
        QCOMPARE(text(s.model, 0, OrderBookModel::PriceRole), QString());

        s.model.setGrouping(QString());
        QCOMPARE(text(s.model, 4, OrderBookModel::PriceRole), QStringLiteral("100.5"));
    }

    void crossedBookKeepsTheLastGoodBookFlagged()
    {
        Setup s(2);
        feed(s.hub, { snapshot(QStringLiteral("BTC"), { { "100", "1" } }, { { "101", "1" } }) });
        QVERIFY(!s.model.flagged());

        feed(s.hub, { delta(QStringLiteral("BTC"), Side::Buy, "102", "1") });
        QVERIFY(s.model.flagged());
        QVERIFY(s.model.integrityIssue().contains(QStringLiteral("crossed")));
        QCOMPARE(s.model.bestBid(), QStringLiteral("100")); // still the last good book
        const FeedHealth *health = s.hub.feed(Venue);
        QVERIFY(health);
        QCOMPARE(health->integrityErrors, quint64(1));
        QVERIFY(!health->lastIssue.isEmpty());

        feed(s.hub, { snapshot(QStringLiteral("BTC"), { { "103", "1" } }, { { "104", "1" } }) });
        QVERIFY(!s.model.flagged());
        QCOMPARE(s.model.bestBid(), QStringLiteral("103"));
    }

    void otherInstrumentsDoNotTouchTheLadder()
    {
        Setup s(2);
        QSignalSpy changes(&s.model, &QAbstractItemModel::dataChanged);
        feed(s.hub, { snapshot(QStringLiteral("ETH"), { { "3000", "1" } }, { { "3001", "1" } }) });
        QCOMPARE(changes.count(), 0);
        QVERIFY(!s.model.hasData());
    }
};

QTEST_GUILESS_MAIN(TestOrderBookModel)
#include "tst_orderbookmodel.moc"
