#include "core/Decimal.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtTest/QTest>

#include <limits>

using namespace Qt::StringLiterals;
using tapescope::Decimal;

namespace {

Decimal dec(const char *text)
{
    const auto parsed = Decimal::parse(std::string_view(text));
    if (!parsed)
        qFatal("test literal does not parse: %s", text);
    return *parsed;
}

// Every string value in a JSON tree, so the fixtures' own numbers can be checked.
void collectStrings(const QJsonValue &value, QStringList &out)
{
    if (value.isString()) {
        out << value.toString();
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collectStrings(item, out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectStrings(it.value(), out);
    }
}

} // namespace

class TestDecimal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesVenueSpellings_data();
    void parsesVenueSpellings();
    void rejectsGarbage_data();
    void rejectsGarbage();
    void parsesQString();
    void parseTruncatedDropsExcessFraction();
    void roundTripsFixtureNumbers();
    void comparesAcrossScales();
    void comparesWhenAlignmentExceeds64Bits();
    void addsAndSubtracts();
    void arithmeticOverflowIsNullopt();
    void overflowAtTheBoundaries();
    void refusesMinusTwoToThe63();
    void toKeyAndRescaled();
    void floorToStep_data();
    void floorToStep();
    void floorToStepRejectsBadStep();
    void halved();
    void fromScaledInteger();
    void extremesFormat();
};

void TestDecimal::parsesVenueSpellings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("mantissa");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("price") << u"63460.0"_s << qint64(634600) << 1 << u"63460.0"_s;
    QTest::newRow("small size") << u"0.00028"_s << qint64(28) << 5 << u"0.00028"_s;
    QTest::newRow("negative funding") << u"-0.0086"_s << qint64(-86) << 4 << u"-0.0086"_s;
    QTest::newRow("exponent") << u"1e-5"_s << qint64(1) << 5 << u"0.00001"_s;
    QTest::newRow("upper exponent") << u"2.5E3"_s << qint64(2500) << 0 << u"2500"_s;
    QTest::newRow("explicit plus") << u"+1.50"_s << qint64(150) << 2 << u"1.50"_s;
    QTest::newRow("leading point") << u".5"_s << qint64(5) << 1 << u"0.5"_s;
    QTest::newRow("integer") << u"123"_s << qint64(123) << 0 << u"123"_s;
    QTest::newRow("zero") << u"0"_s << qint64(0) << 0 << u"0"_s;
    QTest::newRow("zero with huge exponent") << u"0e50"_s << qint64(0) << 0 << u"0"_s;
    QTest::newRow("exponent keeps trailing digits") << u"1.50e1"_s << qint64(150) << 1 << u"15.0"_s;
    QTest::newRow("int64 max") << u"9223372036854775807"_s << std::numeric_limits<qint64>::max() << 0
                               << u"9223372036854775807"_s;
    QTest::newRow("int64 min + 1") << u"-9223372036854775807"_s << (std::numeric_limits<qint64>::min() + 1) << 0
                                   << u"-9223372036854775807"_s;
    QTest::newRow("max scale") << u"0.000000000000000001"_s << qint64(1) << 18 << u"0.000000000000000001"_s;
}

void TestDecimal::parsesVenueSpellings()
{
    QFETCH(QString, text);
    QFETCH(qint64, mantissa);
    QFETCH(int, scale);
    QFETCH(QString, formatted);

    const QByteArray latin = text.toLatin1();
    const auto parsed = Decimal::parse(std::string_view(latin.constData(), static_cast<std::size_t>(latin.size())));
    QVERIFY(parsed);
    QCOMPARE(parsed->mantissa(), mantissa);
    QCOMPARE(parsed->scale(), scale);
    QCOMPARE(parsed->toString(), formatted);
}

void TestDecimal::rejectsGarbage_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("sign only") << u"-"_s;
    QTest::newRow("plus only") << u"+"_s;
    QTest::newRow("point only") << u"."_s;
    QTest::newRow("two points") << u"1.2.3"_s;
    QTest::newRow("letters") << u"abc"_s;
    QTest::newRow("dangling exponent") << u"1e"_s;
    QTest::newRow("signed dangling exponent") << u"1e-"_s;
    QTest::newRow("exponent without mantissa") << u"e5"_s;
    QTest::newRow("fraction in exponent") << u"1e2.5"_s;
    QTest::newRow("overflow") << u"99999999999999999999999"_s;
    QTest::newRow("int64 max + 1") << u"9223372036854775808"_s;
    // -2^63 fits 64 bits but could not be negated (fuzzing: operator-() overflowed on it).
    QTest::newRow("int64 min") << u"-9223372036854775808"_s;
    QTest::newRow("scale beyond 18") << u"0.0000000000000000001"_s;
    QTest::newRow("exponent overflow") << u"1e19"_s;
    QTest::newRow("tiny exponent") << u"1e-30"_s;
    QTest::newRow("leading space") << u" 1"_s;
    QTest::newRow("trailing space") << u"1 "_s;
    QTest::newRow("double sign") << u"--1"_s;
    QTest::newRow("comma") << u"1,5"_s;
    QTest::newRow("hex") << u"0x10"_s;
    QTest::newRow("nan") << u"NaN"_s;
}

void TestDecimal::rejectsGarbage()
{
    QFETCH(QString, text);
    QVERIFY(!Decimal::parse(text));
}

void TestDecimal::parsesQString()
{
    QCOMPARE(Decimal::parse(u"63460.0"_s)->toString(), u"63460.0"_s);
    // Non-Latin-1 input must not sneak through as '?' or be truncated into something numeric.
    QVERIFY(!Decimal::parse(u"1\u00b75"_s));
    QVERIFY(!Decimal::parse(u"\u0661"_s)); // Arabic-Indic digit one
}

void TestDecimal::parseTruncatedDropsExcessFraction()
{
    // Hyperliquid's dayNtlVlm carries more digits than 64 bits hold.
    QVERIFY(!Decimal::parse("1821282705.4506571293"));
    QCOMPARE(Decimal::parseTruncated("1821282705.4506571293")->toString(), u"1821282705.450657129"_s);
    QCOMPARE(Decimal::parseTruncated("-1821282705.4506571293")->toString(), u"-1821282705.450657129"_s);
    QCOMPARE(Decimal::parseTruncated("0.1234567890123456789")->toString(), u"0.123456789012345678"_s);
    QCOMPARE(Decimal::parseTruncated("63460.0")->toString(), u"63460.0"_s);
    // The exponent is applied before digits are dropped (fuzzing found "…1e1" truncated to 0).
    QCOMPARE(Decimal::parseTruncated("0.0000000000000000001e1"), Decimal::parse("0.0000000000000000001e1"));
    QCOMPARE(Decimal::parseTruncated("0.0000000000000000001e1")->toString(), u"0.000000000000000001"_s);
    QCOMPARE(Decimal::parseTruncated("1.23456789012345678912e2")->toString(), u"123.4567890123456789"_s);
    QCOMPARE(Decimal::parseTruncated("0.5e-18")->toString(), u"0.000000000000000000"_s);
    QCOMPARE(Decimal::parseTruncated("-5e-20")->toString(), u"0.000000000000000000"_s);
    QCOMPARE(Decimal::parseTruncated("123e-17")->toString(), u"0.00000000000000123"_s);
    // The integer part is never truncated, and garbage is still garbage.
    QVERIFY(!Decimal::parseTruncated("99999999999999999999999"));
    QVERIFY(!Decimal::parseTruncated("99999999999999999999999.5"));
    QVERIFY(!Decimal::parseTruncated("1.2.3"));
    QVERIFY(!Decimal::parseTruncated(""));
    QVERIFY(!Decimal::parseTruncated("1.23x"));
}

void TestDecimal::roundTripsFixtureNumbers()
{
    // Every numeric string Hyperliquid sent in the captured frames must format back exactly.
    QFile file(QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/hyperliquid/ws-server.jsonl"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    static const QRegularExpression venueNumber(u"^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"_s);
    int checked = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QStringList strings;
        collectStrings(QJsonDocument::fromJson(line).object(), strings);
        for (const QString &text : std::as_const(strings)) {
            if (!venueNumber.match(text).hasMatch() || text.size() > 19)
                continue;
            const auto parsed = Decimal::parse(text);
            QVERIFY2(parsed, qPrintable(text));
            QCOMPARE(parsed->toString(), text);
            ++checked;
        }
    }
    QVERIFY2(checked > 100, qPrintable(QString::number(checked)));
}

void TestDecimal::comparesAcrossScales()
{
    QCOMPARE(dec("1.0"), dec("1.00"));
    QCOMPARE(dec("1"), dec("1.000000000000000000"));
    QVERIFY(!dec("1.0").identical(dec("1.00")));
    QVERIFY(dec("1.0").identical(dec("1.0")));
    QVERIFY(dec("0.99") < dec("1"));
    QVERIFY(dec("1.001") > dec("1.0"));
    QVERIFY(dec("-0.0086") < dec("0"));
    QVERIFY(dec("-1.5") < dec("-1.49"));
    QVERIFY(dec("63460.0") != dec("63457.0"));
    // Rescaling int64 max to 18 digits overflows 64 bits; the comparison must still be right.
    QVERIFY(dec("9223372036854775807") > dec("0.000000000000000001"));
    QVERIFY(dec("-9223372036854775807") < dec("-0.000000000000000001"));
    QVERIFY(dec("922337203685477580.7") > dec("92233720368547758.01"));
    QVERIFY(dec("-922337203685477580.7") < dec("-92233720368547758.01"));
}

void TestDecimal::comparesWhenAlignmentExceeds64Bits()
{
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    const Decimal maxFraction = Decimal::fromRaw(max, 18); // 9.223372036854775807
    const Decimal minFraction = Decimal::fromRaw(min, 18); // -9.223372036854775808
    // 9 aligns to 9e18 (fits), 10 to 1e19 (does not): both sides of the boundary, in both argument orders.
    QVERIFY(Decimal::fromInteger(9) < maxFraction);
    QVERIFY(maxFraction > Decimal::fromInteger(9));
    QVERIFY(Decimal::fromInteger(10) > maxFraction);
    QVERIFY(maxFraction < Decimal::fromInteger(10));
    QVERIFY(Decimal::fromInteger(-9) > minFraction);
    QVERIFY(Decimal::fromInteger(-10) < minFraction);
    QVERIFY(minFraction > Decimal::fromInteger(-10));
    QCOMPARE(Decimal::fromInteger(9), Decimal::fromRaw(9'000'000'000'000'000'000, 18));
    QCOMPARE(Decimal::fromInteger(-9) <=> Decimal::fromRaw(-9'000'000'000'000'000'000, 18),
             std::strong_ordering::equal);
    // Overflowing alignments against values of either sign, and the extremes themselves.
    QVERIFY(Decimal::fromInteger(10'000'000'000) > Decimal::fromRaw(-1, 18));
    QVERIFY(Decimal::fromInteger(-10'000'000'000) < Decimal::fromRaw(5, 18));
    QVERIFY(Decimal::fromInteger(-10'000'000'000) < Decimal::fromRaw(-5, 18));
    QVERIFY(Decimal::fromInteger(max) > maxFraction);
    QVERIFY(Decimal::fromInteger(min) < minFraction);
    QVERIFY(Decimal::fromInteger(min) < Decimal::fromRaw(min, 1));
    QVERIFY(Decimal::fromRaw(max, 17) > Decimal::fromRaw(max, 18));
    QVERIFY(Decimal::fromRaw(min, 17) < Decimal::fromRaw(max, 18));
    QVERIFY(Decimal::fromRaw(max, 1) != Decimal::fromRaw(max, 2));
    QCOMPARE(Decimal::fromRaw(max, 0) <=> Decimal::fromRaw(1, 18), std::strong_ordering::greater);
    QCOMPARE(Decimal::fromRaw(1, 18) <=> Decimal::fromRaw(max, 0), std::strong_ordering::less);
}

void TestDecimal::addsAndSubtracts()
{
    auto sum = dec("63460.0").checkedAdd(dec("0.05"));
    QVERIFY(sum);
    QCOMPARE(sum->toString(), u"63460.05"_s);
    auto diff = dec("1").checkedSub(dec("1.25"));
    QVERIFY(diff);
    QCOMPARE(diff->toString(), u"-0.25"_s);
    QCOMPARE((dec("0.1") + dec("0.2")).toString(), u"0.3"_s);
    QCOMPARE((dec("100.0") - dec("99.5")).toString(), u"0.5"_s);
    QCOMPARE((-dec("2.50")).toString(), u"-2.50"_s);
}

void TestDecimal::arithmeticOverflowIsNullopt()
{
    const Decimal max = Decimal::fromInteger(std::numeric_limits<std::int64_t>::max());
    const Decimal min = Decimal::fromInteger(std::numeric_limits<std::int64_t>::min());
    QVERIFY(!max.checkedAdd(Decimal::fromInteger(1)));
    QVERIFY(!min.checkedSub(Decimal::fromInteger(1)));
    QVERIFY(!Decimal::fromInteger(0).checkedSub(min)); // -INT64_MIN does not exist
    QVERIFY(!max.checkedAdd(dec("0.1"))); // rescaling max to one fraction digit overflows
    QVERIFY(max.checkedSub(Decimal::fromInteger(1)));
    // One operand overflows at the common scale but the result fits (found by fuzz_decimal): exact, not nullopt.
    QCOMPARE(dec("5.000043671019630163").checkedSub(dec("10.0300"))->toString(), u"-5.029956328980369837"_s);
    QCOMPARE(dec("10.03").checkedAdd(dec("-5.000043671019630163"))->toString(), u"5.029956328980369837"_s);
    QCOMPARE(dec("-10.03").checkedAdd(dec("5.000043671019630163"))->toString(), u"-5.029956328980369837"_s);
    QVERIFY(!dec("10").checkedAdd(dec("0.000000000000000001"))); // same signs: 10 + 1e-18 needs 65 bits
    QVERIFY(!dec("19").checkedSub(dec("9.000000000000000000"))); // 19 at scale 18 exceeds even 2^64
    // No checked result is -2^63, so each can be negated.
    QVERIFY(!Decimal::fromInteger(std::numeric_limits<std::int64_t>::min() + 1).checkedSub(Decimal::fromInteger(1)));
    QVERIFY(!Decimal::fromInteger(-4611686018427387904LL).checkedMul(Decimal::fromInteger(2)));
    QCOMPARE(dec("-3").checkedMul(dec("0.5"))->toString(), u"-1.5"_s);
}

void TestDecimal::overflowAtTheBoundaries()
{
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    // Addition: exactly max fits, one more does not; the same for the smallest allowed value.
    QCOMPARE(Decimal::fromInteger(max - 1).checkedAdd(Decimal::fromInteger(1))->mantissa(), max);
    QVERIFY(!Decimal::fromInteger(max).checkedAdd(Decimal::fromInteger(1)));
    QCOMPARE(Decimal::fromInteger(max).checkedAdd(Decimal::fromInteger(0))->mantissa(), max);
    QCOMPARE(Decimal::fromInteger(min + 2).checkedSub(Decimal::fromInteger(1))->mantissa(), min + 1);
    QCOMPARE(Decimal::fromInteger(-1).checkedSub(Decimal::fromInteger(max - 1))->mantissa(), min + 1);
    QVERIFY(!Decimal::fromInteger(-3).checkedSub(Decimal::fromInteger(max - 1))); // below min
    // Multiplication: 3037000499^2 fits, 3037000500^2 does not; 2^62 * 2 = 2^63 does not.
    QCOMPARE(Decimal::fromInteger(3037000499).checkedMul(Decimal::fromInteger(3037000499))->mantissa(),
             9223372030926249001LL);
    QVERIFY(!Decimal::fromInteger(3037000500).checkedMul(Decimal::fromInteger(3037000500)));
    QVERIFY(!Decimal::fromInteger(3037000500).checkedMul(Decimal::fromInteger(-3037000500)));
    QVERIFY(!Decimal::fromInteger(4611686018427387904LL).checkedMul(Decimal::fromInteger(2)));
    QCOMPARE(Decimal::fromInteger(max).checkedMul(Decimal::fromInteger(-1))->mantissa(), -max);
    // Rescaling and parsing with an exponent: the last multiple of ten that fits, and the first that does not.
    QCOMPARE(dec("922337203685477580").rescaled(1)->mantissa(), 9223372036854775800LL);
    QVERIFY(!dec("922337203685477581").rescaled(1));
    QCOMPARE(dec("922337203685477580.7e1").mantissa(), max);
    QCOMPARE(Decimal::parse("922337203685477580e1")->mantissa(), 9223372036854775800LL);
    QVERIFY(!Decimal::parse("922337203685477581e1"));
    QCOMPARE(dec("9223372036854775807").mantissa(), max);
    QCOMPARE(dec("-9223372036854775807").mantissa(), -max);
    // Halving an odd mantissa multiplies it by 5: fits up to max / 5.
    QCOMPARE(Decimal::fromInteger(1844674407370955161LL).halved()->toString(), u"922337203685477580.5"_s);
    QVERIFY(!Decimal::fromInteger(1844674407370955163LL).halved());
    // Flooring to a step: the product of the quotient and the step overflows below min.
    QVERIFY(!dec("-9223372036854775807").floorToStep(dec("3")));
    // ... and lands exactly on -2^63, which no Decimal may hold (found by fuzz_decimal in CI).
    QVERIFY(!dec("-9223372036854775807").floorToStep(dec("2")));
    QCOMPARE(dec("-9223372036854775806").floorToStep(dec("2"))->mantissa(), -9223372036854775806LL);
    QCOMPARE(dec("9223372036854775807").floorToStep(dec("3"))->mantissa(), 9223372036854775806LL);
}

void TestDecimal::refusesMinusTwoToThe63()
{
    // -2^63 fits 64 bits but has no negation: no parse and no checked result produces it.
    QVERIFY(!Decimal::parse("-9223372036854775808"));
    QVERIFY(!Decimal::parse("-922337203685477580.8"));
    QVERIFY(!Decimal::parse("-92233720368547758.08e2"));
    QVERIFY(!Decimal::parse("-9223372036854775808e0"));
    QVERIFY(!Decimal::parseTruncated("-9223372036854775808"));
    QVERIFY(!Decimal::fromScaledInteger("-9223372036854775808", 18));
    QVERIFY(!Decimal::fromInteger(std::numeric_limits<std::int64_t>::min() + 1).checkedAdd(Decimal::fromInteger(-1)));
    QVERIFY(!Decimal::fromInteger(-2).checkedSub(Decimal::fromInteger(std::numeric_limits<std::int64_t>::max() - 1)));
    QVERIFY(!Decimal::fromInteger(-4611686018427387904LL).checkedMul(Decimal::fromInteger(2)));
    QVERIFY(!Decimal::fromInteger(4611686018427387904LL).checkedMul(Decimal::fromInteger(-2)));
    QVERIFY(!Decimal::fromInteger(0).checkedSub(Decimal::fromInteger(std::numeric_limits<std::int64_t>::min())));
}

void TestDecimal::toKeyAndRescaled()
{
    QCOMPARE(dec("63460.0").toKey(1), std::optional<std::int64_t>(634600));
    QCOMPARE(dec("63460.0").toKey(0), std::optional<std::int64_t>(63460));
    QCOMPARE(dec("63460.0").toKey(3), std::optional<std::int64_t>(63460000));
    QCOMPARE(dec("-0.0086").toKey(6), std::optional<std::int64_t>(-8600));
    QVERIFY(!dec("63460.5").toKey(0)); // lossy
    QVERIFY(!dec("0.00028").toKey(4)); // lossy
    QVERIFY(!dec("9223372036854775807").toKey(1)); // overflow
    QVERIFY(!dec("1").toKey(19));
    QVERIFY(!dec("1").toKey(-1));

    const auto rescaled = dec("1.5").rescaled(4);
    QVERIFY(rescaled);
    QCOMPARE(rescaled->toString(), u"1.5000"_s);
    QCOMPARE(dec("1.5000").rescaled(1)->toString(), u"1.5"_s);
    QVERIFY(!dec("1.5001").rescaled(3));
    QCOMPARE(Decimal::fromKey(634600, 1).toString(), u"63460.0"_s);
}

void TestDecimal::floorToStep_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("expected");
    QTest::newRow("price to 10") << u"63461.5"_s << u"10"_s << u"63460.0"_s;
    QTest::newRow("already on step") << u"63460.0"_s << u"0.5"_s << u"63460.0"_s;
    QTest::newRow("fine step") << u"0.00028"_s << u"0.0001"_s << u"0.00020"_s; // the finer scale of the two
    QTest::newRow("step of 0.25") << u"1.49"_s << u"0.25"_s << u"1.25"_s;
    QTest::newRow("negative rounds down") << u"-0.15"_s << u"0.1"_s << u"-0.20"_s;
    QTest::newRow("negative on step") << u"-0.2"_s << u"0.1"_s << u"-0.2"_s;
    QTest::newRow("negative to integer") << u"-1.5"_s << u"1"_s << u"-2.0"_s;
    QTest::newRow("zero") << u"0"_s << u"5"_s << u"0"_s;
}

void TestDecimal::floorToStep()
{
    QFETCH(QString, value);
    QFETCH(QString, step);
    QFETCH(QString, expected);
    const auto floored = Decimal::parse(value)->floorToStep(*Decimal::parse(step));
    QVERIFY(floored);
    QCOMPARE(floored->toString(), expected);
}

void TestDecimal::floorToStepRejectsBadStep()
{
    QVERIFY(!dec("1.5").floorToStep(dec("0")));
    QVERIFY(!dec("1.5").floorToStep(dec("-0.5")));
}

void TestDecimal::halved()
{
    QCOMPARE(dec("201.0").halved()->toString(), u"100.5"_s);
    QCOMPARE(dec("201").halved()->toString(), u"100.5"_s);
    QCOMPARE(dec("0.03").halved()->toString(), u"0.015"_s);
    QCOMPARE(dec("-3").halved()->toString(), u"-1.5"_s);
    QVERIFY(!dec("0.000000000000000001").halved()); // would need 19 fraction digits
}

void TestDecimal::fromScaledInteger()
{
    QCOMPARE(Decimal::fromScaledInteger("1500000", 6)->toString(), u"1.500000"_s);
    QCOMPARE(Decimal::fromScaledInteger("1500000", 6), std::optional<Decimal>(dec("1.5")));
    QCOMPARE(Decimal::fromScaledInteger("-25", 2)->toString(), u"-0.25"_s);
    QCOMPARE(Decimal::fromScaledInteger("7", 0)->toString(), u"7"_s);
    QCOMPARE(Decimal::fromScaledInteger("5", 9)->toString(), u"0.000000005"_s);
    QVERIFY(!Decimal::fromScaledInteger("1.5", 2));
    QVERIFY(!Decimal::fromScaledInteger("1e3", 2));
    QVERIFY(!Decimal::fromScaledInteger("", 2));
    QVERIFY(!Decimal::fromScaledInteger("12", -1));
    QVERIFY(!Decimal::fromScaledInteger("12", 19));
    QVERIFY(!Decimal::fromScaledInteger("99999999999999999999999", 6));
}

void TestDecimal::extremesFormat()
{
    QCOMPARE(Decimal::fromRaw(std::numeric_limits<std::int64_t>::min(), 18).toString(), u"-9.223372036854775808"_s);
    QCOMPARE(Decimal::fromRaw(-5, 3).toString(), u"-0.005"_s);
    QCOMPARE(Decimal().toString(), u"0"_s);
    QCOMPARE(dec("0.00028").toDouble(), 0.00028);
}

QTEST_GUILESS_MAIN(TestDecimal)
#include "tst_decimal.moc"
