// The emulators' shared spelling of numbers and strings: the venues' own serializers (Rust's and Python's
// floats, Go's bare numbers, JSON strings with raw UTF-8) are what clients are tested against.
#include "emulator/WireText.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using tapescope::emulator::decimalText;
using tapescope::emulator::IntegralDecimal;
using tapescope::emulator::jsonString;

class TestEmulatorWireText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decimals_data()
    {
        QTest::addColumn<qint64>("mantissa");
        QTest::addColumn<int>("scale");
        QTest::addColumn<QByteArray>("bare");
        QTest::addColumn<QByteArray>("pointZero");
        QTest::newRow("fraction") << qint64(12655) << 2 << QByteArray("126.55") << QByteArray("126.55");
        QTest::newRow("integral") << qint64(13600) << 2 << QByteArray("136") << QByteArray("136.0");
        QTest::newRow("scale 0") << qint64(97000) << 0 << QByteArray("97000") << QByteArray("97000.0");
        QTest::newRow("small") << qint64(28) << 5 << QByteArray("0.00028") << QByteArray("0.00028");
        QTest::newRow("negative") << qint64(-148) << 2 << QByteArray("-1.48") << QByteArray("-1.48");
        QTest::newRow("negative small") << qint64(-5) << 3 << QByteArray("-0.005") << QByteArray("-0.005");
        QTest::newRow("zero") << qint64(0) << 4 << QByteArray("0") << QByteArray("0.0");
        QTest::newRow("tens of ticks") << qint64(12) << -1 << QByteArray("120") << QByteArray("120.0");
    }
    void decimals()
    {
        QFETCH(qint64, mantissa);
        QFETCH(int, scale);
        QFETCH(QByteArray, bare);
        QFETCH(QByteArray, pointZero);
        QCOMPARE(decimalText(mantissa, scale), bare);
        QCOMPARE(decimalText(mantissa, scale, IntegralDecimal::PointZero), pointZero);
    }

    void strings()
    {
        QCOMPARE(jsonString(u"BTC"_s), QByteArray(R"("BTC")"));
        QCOMPARE(jsonString(QByteArray("say \"hi\" \\ bye")), QByteArray(R"("say \"hi\" \\ bye")"));
        QCOMPARE(jsonString(QByteArray("a\nb\rc\td\x01")), QByteArray(R"("a\nb\rc\td\u0001")"));
        QCOMPARE(jsonString(u"\u26a0 caf\u00e9"_s), u"\"\u26a0 caf\u00e9\""_s.toUtf8()); // UTF-8 as is
        const QString awkward = u"x\u0000\u001f\"\\\n\u00e9"_s;
        QCOMPARE(QJsonDocument::fromJson("{\"k\":" + jsonString(awkward) + '}').object().value(u"k"_s).toString(),
                 awkward);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorWireText)
#include "tst_emulator_wire_text.moc"
