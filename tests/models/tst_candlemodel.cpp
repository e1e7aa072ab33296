#include "MarketFixtures.h"
#include "market/MarketHub.h"
#include "models/CandleModel.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace fixtures;

class TestCandleModel : public QObject
{
    Q_OBJECT

private:
    static double value(const CandleModel &model, int row, int column)
    {
        return model.data(model.index(row, column)).toDouble();
    }

    static CandleHistory history(std::initializer_list<Candle> candles)
    {
        return CandleHistory { Venue, QStringLiteral("BTC"), QStringLiteral("1m"), std::vector<Candle>(candles),
                               QString() };
    }

private Q_SLOTS:
    void historyThenLiveUpdatesInPlaceAndAppends()
    {
        MarketHub hub;
        CandleModel model(&hub);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(keyOf(QStringLiteral("BTC")), QStringLiteral("1m"));
        QCOMPARE(model.columnCount(), int(CandleModel::ColumnCount));

        hub.applyCandleHistory(
            history({ candle(QStringLiteral("BTC"), QStringLiteral("1m"), 0, "100", "105", "99", "104", "10"),
                      candle(QStringLiteral("BTC"), QStringLiteral("1m"), 60000, "104", "106", "101", "102", "5") }));
        hub.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(value(model, 1, CandleModel::TimestampColumn), 60000.0);
        QCOMPARE(value(model, 1, CandleModel::CloseColumn), 102.0);
        QCOMPARE(value(model, 0, CandleModel::UpVolumeColumn), 10.0); // rising bar
        QCOMPARE(value(model, 1, CandleModel::DownVolumeColumn), 5.0); // falling bar
        QCOMPARE(model.minPrice(), 99.0);
        QCOMPARE(model.maxPrice(), 106.0);
        QCOMPARE(model.maxVolume(), 10.0);

        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        // The live stream re-sends the current bar: an update in place of the last row. Right after the
        // history it waits for the throttle (the chart redraws a moving bar a few times a second, not per tick).
        feed(hub, { candle(QStringLiteral("BTC"), QStringLiteral("1m"), 60000, "104", "106", "101", "105", "6") });
        feed(hub, { candle(QStringLiteral("BTC"), QStringLiteral("1m"), 60000, "104", "108", "101", "107", "7") });
        QCOMPARE(changes.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(changes.count(), 1, 1000); // both ticks in one update
        QCOMPARE(inserts.count(), 0);
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 1);
        QCOMPARE(value(model, 1, CandleModel::CloseColumn), 107.0);
        QCOMPARE(model.maxPrice(), 108.0);
        QCOMPARE(model.lastClose(), QStringLiteral("107"));

        // A new bar: one insert at the end.
        changes.clear();
        feed(hub, { candle(QStringLiteral("BTC"), QStringLiteral("1m"), 120000, "107", "107", "106", "106.5", "1") });
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 0);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(inserts.at(0).at(1).toInt(), 2);
        QCOMPARE(inserts.at(0).at(2).toInt(), 2);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.priceDecimals(), 1);
    }

    void fullWindowSlidesWithoutAReset()
    {
        MarketHub hub;
        CandleModel model(&hub, nullptr, 2);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(keyOf(QStringLiteral("BTC")), QStringLiteral("1m"));
        feed(hub,
             { candle(QStringLiteral("BTC"), QStringLiteral("1m"), 0, "1", "1", "1", "1", "1"),
               candle(QStringLiteral("BTC"), QStringLiteral("1m"), 60000, "2", "2", "2", "2", "1") });
        QCOMPARE(model.rowCount(), 2);

        QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        feed(hub, { candle(QStringLiteral("BTC"), QStringLiteral("1m"), 120000, "3", "3", "3", "3", "1") });
        QCOMPARE(resets.count(), 0);
        QCOMPARE(removes.count(), 1);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(value(model, 0, CandleModel::TimestampColumn), 60000.0);
        QCOMPARE(value(model, 1, CandleModel::TimestampColumn), 120000.0);
    }

    void otherIntervalsAreIgnored()
    {
        MarketHub hub;
        CandleModel model(&hub);
        model.setSource(keyOf(QStringLiteral("BTC")), QStringLiteral("1m"));
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        feed(hub, { candle(QStringLiteral("BTC"), QStringLiteral("5m"), 0, "1", "1", "1", "1", "1") });
        QCOMPARE(inserts.count(), 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCandleModel)
#include "tst_candlemodel.moc"
