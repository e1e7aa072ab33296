// core/TimeUnits.h: every venue time conversion is checked against one window and can never overflow.
#include "core/TimeUnits.h"

#include <QtTest/QTest>

#include <limits>

using namespace tapescope::time_units;

class TestTimeUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void integers_data()
    {
        QTest::addColumn<QString>("unit");
        QTest::addColumn<qint64>("value");
        QTest::addColumn<qint64>("expected"); // -1: refused
        constexpr qint64 kMax = std::numeric_limits<qint64>::max();
        constexpr qint64 kMin = std::numeric_limits<qint64>::min();
        QTest::newRow("s zero") << QStringLiteral("s") << qint64(0) << qint64(0);
        QTest::newRow("s now") << QStringLiteral("s") << qint64(1700000000) << qint64(1700000000000);
        QTest::newRow("s last of 9999") << QStringLiteral("s") << qint64(253402300799) << qint64(253402300799000);
        QTest::newRow("s year 10000") << QStringLiteral("s") << qint64(253402300800) << qint64(-1);
        QTest::newRow("s fuzzer") << QStringLiteral("s") << qint64(16691498419841000) << qint64(-1);
        QTest::newRow("s max") << QStringLiteral("s") << kMax << qint64(-1);
        QTest::newRow("s min") << QStringLiteral("s") << kMin << qint64(-1);
        QTest::newRow("s negative") << QStringLiteral("s") << qint64(-1) << qint64(-1);
        QTest::newRow("ms last") << QStringLiteral("ms") << qint64(kMaxMs) << qint64(kMaxMs);
        QTest::newRow("ms year 10000") << QStringLiteral("ms") << qint64(kMaxMs + 1) << qint64(-1);
        QTest::newRow("ms negative") << QStringLiteral("ms") << qint64(-1) << qint64(-1);
        QTest::newRow("us now") << QStringLiteral("us") << qint64(1700000000123456) << qint64(1700000000123);
        QTest::newRow("us max") << QStringLiteral("us") << kMax << qint64(-1);
        QTest::newRow("us min") << QStringLiteral("us") << kMin << qint64(-1);
        QTest::newRow("ns now") << QStringLiteral("ns") << qint64(1700000000123456789) << qint64(1700000000123);
        QTest::newRow("ns max") << QStringLiteral("ns") << kMax << qint64(9223372036854);
        QTest::newRow("ns min") << QStringLiteral("ns") << kMin << qint64(-1);
    }

    void integers()
    {
        QFETCH(QString, unit);
        QFETCH(qint64, value);
        QFETCH(qint64, expected);
        std::optional<std::int64_t> ms;
        if (unit == QLatin1String("s"))
            ms = secondsToMs(std::int64_t(value));
        else if (unit == QLatin1String("ms"))
            ms = millisToMs(value);
        else if (unit == QLatin1String("us"))
            ms = microsToMs(value);
        else
            ms = nanosToMs(value);
        QCOMPARE(ms.value_or(-1), expected);
    }

    void fractionalSeconds_data()
    {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("now") << 1700000000.5 << qint64(1700000000500);
        QTest::newRow("zero") << 0.0 << qint64(0);
        QTest::newRow("negative") << -0.5 << qint64(-1);
        QTest::newRow("huge") << 1e300 << qint64(-1);
        QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << qint64(-1);
        QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << qint64(-1);
        QTest::newRow("year 10000") << 253402300800.0 << qint64(-1);
    }

    void fractionalSeconds()
    {
        QFETCH(double, seconds);
        QFETCH(qint64, expected);
        QCOMPARE(secondsToMs(seconds).value_or(-1), expected);
    }
};

QTEST_GUILESS_MAIN(TestTimeUnits)
#include "tst_timeunits.moc"
