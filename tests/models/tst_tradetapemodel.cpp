#include "MarketFixtures.h"
#include "market/MarketHub.h"
#include "models/TradeTapeModel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace fixtures;

class TestTradeTapeModel : public QObject
{
    Q_OBJECT

private:
    static QString price(const TradeTapeModel &model, int row)
    {
        return model.data(model.index(row), TradeTapeModel::PriceRole).toString();
    }

private Q_SLOTS:
    void aFramesTradesAreOneInsertAtTheTopNewestFirst()
    {
        MarketHub hub;
        TradeTapeModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInstrument(keyOf(QStringLiteral("BTC")));

        feed(hub, { trade(QStringLiteral("BTC"), 1000, "100", "1", Side::Buy, QStringLiteral("1")) });
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        feed(hub,
             { trade(QStringLiteral("BTC"), 2000, "101", "2", Side::Buy, QStringLiteral("2")),
               trade(QStringLiteral("BTC"), 3000, "99", "0.5", Side::Sell, QStringLiteral("3")) });

        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(inserts.at(0).at(1).toInt(), 0);
        QCOMPARE(inserts.at(0).at(2).toInt(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(price(model, 0), QStringLiteral("99"));
        QCOMPARE(model.data(model.index(0), TradeTapeModel::SideRole).toString(), QStringLiteral("sell"));
        QCOMPARE(model.data(model.index(0), TradeTapeModel::IsBuyRole).toBool(), false);
        QCOMPARE(model.data(model.index(0), TradeTapeModel::SizeRole).toString(), QStringLiteral("0.5"));
        QCOMPARE(model.data(model.index(0), TradeTapeModel::TimestampRole).toLongLong(), 3000);
        QVERIFY(!model.data(model.index(0), TradeTapeModel::TimeRole).toString().isEmpty());
        QCOMPARE(price(model, 2), QStringLiteral("100"));
    }

    void replayedTradesAreNotPrintedTwice()
    {
        MarketHub hub;
        TradeTapeModel model(&hub);
        model.setInstrument(keyOf(QStringLiteral("BTC")));
        const EventBatch replay = { trade(QStringLiteral("BTC"), 1000, "100", "1", Side::Buy, QStringLiteral("7")),
                                    trade(QStringLiteral("BTC"), 1001, "100", "1", Side::Buy, QStringLiteral("8")) };
        feed(hub, replay);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        feed(hub, replay); // Hyperliquid replays recent trades after every (re)subscribe
        QCOMPARE(inserts.count(), 0);
        QCOMPARE(model.rowCount(), 2);
    }

    void minimumSizeFilterHidesSmallTrades()
    {
        MarketHub hub;
        TradeTapeModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInstrument(keyOf(QStringLiteral("BTC")));
        feed(hub,
             { trade(QStringLiteral("BTC"), 1000, "100", "0.01", Side::Buy, QStringLiteral("1")),
               trade(QStringLiteral("BTC"), 2000, "100", "2.5", Side::Sell, QStringLiteral("2")),
               trade(QStringLiteral("BTC"), 3000, "100", "1", Side::Buy, QStringLiteral("3")) });
        QCOMPARE(model.rowCount(), 3);

        model.setMinimumSize(QStringLiteral("1"));
        QCOMPARE(model.minimumSize(), QStringLiteral("1"));
        QCOMPARE(model.rowCount(), 2); // 1 is at the minimum, so it stays
        QCOMPARE(model.data(model.index(0), TradeTapeModel::SizeRole).toString(), QStringLiteral("1"));
        QCOMPARE(model.data(model.index(1), TradeTapeModel::SizeRole).toString(), QStringLiteral("2.5"));

        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        feed(hub, { trade(QStringLiteral("BTC"), 4000, "100", "0.99", Side::Buy, QStringLiteral("4")) });
        QCOMPARE(inserts.count(), 0);
        feed(hub, { trade(QStringLiteral("BTC"), 5000, "100", "10", Side::Buy, QStringLiteral("5")) });
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 3);

        model.setMinimumSize(QString());
        QCOMPARE(model.rowCount(), 5);
    }

    void tapeIsBounded()
    {
        MarketHub hub;
        TradeTapeModel model(&hub, nullptr, 5);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setInstrument(keyOf(QStringLiteral("BTC")));
        for (int i = 0; i < 4; ++i) {
            EventBatch batch;
            for (int j = 0; j < 3; ++j) {
                const int n = i * 3 + j;
                batch.push_back(trade(QStringLiteral("BTC"), 1000 + n, "100", "1", Side::Buy, QString::number(n)));
            }
            feed(hub, batch);
            QVERIFY(model.rowCount() <= 5);
        }
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.data(model.index(0), TradeTapeModel::TimestampRole).toLongLong(), 1011);
        QCOMPARE(model.data(model.index(4), TradeTapeModel::TimestampRole).toLongLong(), 1007);
    }
};

QTEST_GUILESS_MAIN(TestTradeTapeModel)
#include "tst_tradetapemodel.moc"
