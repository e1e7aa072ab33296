// REST /info bodies: perp and spot metadata, candle snapshots, request bodies (rest.jsonl fixtures).

#include "support/FixtureLines.h"
#include "venues/hyperliquid/HyperliquidMeta.h"

#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::hyperliquid;

namespace {

QByteArray restLine(int line)
{
    return test::fixtureLine(QStringLiteral("hyperliquid/rest.jsonl"), line);
}

QJsonObject jsonObject(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes).object();
}

} // namespace

class TestHyperliquidMeta : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void perpMeta2023();
    void perpMeta2026WithMarginTables();
    void builderDexMetaKeepsDexNamesAndDelisting();
    void spotMetaResolvesTokensByIndex();
    void candleSnapshot();
    void candleSnapshotDocsExample();
    void requestBodies();
    void rejectsBadBodies_data();
    void rejectsBadBodies();
};

void TestHyperliquidMeta::perpMeta2023()
{
    QString error;
    const auto instruments = parseMeta(restLine(1), &error);
    QVERIFY2(instruments, qPrintable(error));
    QCOMPARE(instruments->size(), std::size_t(28));
    const InstrumentInfo &btc = instruments->front();
    QCOMPARE(btc.coin, u"BTC"_s);
    QCOMPARE(btc.display, u"BTC"_s);
    QVERIFY(btc.kind == InstrumentInfo::Kind::Perp);
    QCOMPARE(btc.szDecimals, 5);
    QCOMPARE(btc.maxLeverage, 50);
    QVERIFY(!btc.delisted);
    // Case-sensitive names survive: kPEPE is the 16th entry, DOGE has szDecimals 0.
    QCOMPARE(instruments->at(15).coin, u"kPEPE"_s);
    QCOMPARE(instruments->at(15).szDecimals, 0);
    QCOMPARE(instruments->at(12).coin, u"DOGE"_s);
    QCOMPARE(instruments->back().coin, u"APT"_s);
    QCOMPARE(instruments->back().szDecimals, 2);
}

void TestHyperliquidMeta::perpMeta2026WithMarginTables()
{
    QString error;
    const auto instruments = parseMeta(restLine(5), &error);
    QVERIFY2(instruments, qPrintable(error));
    QCOMPARE(instruments->size(), std::size_t(4));
    QCOMPARE(instruments->at(0).coin, u"SOL"_s);
    QCOMPARE(instruments->at(0).szDecimals, 2);
    QCOMPARE(instruments->at(0).maxLeverage, 10);
    QCOMPARE(instruments->at(1).coin, u"BTC"_s);
    QCOMPARE(instruments->at(1).maxLeverage, 40);
    QCOMPARE(instruments->at(3).coin, u"MATIC"_s);
    QCOMPARE(instruments->at(3).szDecimals, 1);
}

void TestHyperliquidMeta::builderDexMetaKeepsDexNamesAndDelisting()
{
    QString error;
    const auto test = parseMeta(restLine(6), &error);
    QVERIFY2(test, qPrintable(error));
    QCOMPARE(test->size(), std::size_t(1));
    QCOMPARE(test->at(0).coin, u"test:ABC"_s);
    QCOMPARE(test->at(0).szDecimals, 0);
    QCOMPARE(test->at(0).maxLeverage, 3);

    const auto unit = parseMeta(restLine(7), &error);
    QVERIFY2(unit, qPrintable(error));
    QCOMPARE(unit->size(), std::size_t(2));
    QCOMPARE(unit->at(0).coin, u"unit:ES"_s);
    QVERIFY(!unit->at(0).delisted);
    QCOMPARE(unit->at(1).coin, u"unit:NQ"_s);
    QVERIFY(unit->at(1).delisted);
    QCOMPARE(unit->at(1).maxLeverage, 20);
}

void TestHyperliquidMeta::spotMetaResolvesTokensByIndex()
{
    // HYPE is token index 150 but sits at array position 1: pairs must resolve by the index field.
    QString error;
    const auto instruments = parseSpotMeta(restLine(10), &error);
    QVERIFY2(instruments, qPrintable(error));
    QCOMPARE(instruments->size(), std::size_t(1));
    const InstrumentInfo &hype = instruments->front();
    QCOMPARE(hype.coin, u"@107"_s);
    QCOMPARE(hype.display, u"HYPE/USDC"_s);
    QVERIFY(hype.kind == InstrumentInfo::Kind::Spot);
    QCOMPARE(hype.szDecimals, 2);
    QVERIFY(!hype.delisted);
}

void TestHyperliquidMeta::candleSnapshot()
{
    QString error;
    const auto candles = parseCandleSnapshot(restLine(3), &error);
    QVERIFY2(candles, qPrintable(error));
    QCOMPARE(candles->size(), std::size_t(24));
    const Candle &first = candles->front();
    QCOMPARE(first.venue, u"hyperliquid"_s);
    QCOMPARE(first.symbol, u"kPEPE"_s);
    QCOMPARE(first.interval, u"1h"_s);
    QCOMPARE(first.start, std::int64_t(1684699200000));
    QCOMPARE(first.end.value_or(-1), std::int64_t(1684702799999));
    QCOMPARE(first.open.toString(), u"0.001601"_s);
    QCOMPARE(first.high.toString(), u"0.001616"_s);
    QCOMPARE(first.low.toString(), u"0.001601"_s);
    QCOMPARE(first.close.toString(), u"0.001604"_s);
    QCOMPARE(first.volume.toString(), u"520665683.0"_s);
    QCOMPARE(first.trades, std::optional<std::int64_t>(709));
    const Candle &last = candles->back();
    QCOMPARE(last.start, std::int64_t(1684782000000));
    QCOMPARE(last.close.toString(), u"0.00154"_s);
    QCOMPARE(last.trades, std::optional<std::int64_t>(430));
    for (std::size_t i = 1; i < candles->size(); ++i)
        QVERIFY(candles->at(i).start > candles->at(i - 1).start);
}

void TestHyperliquidMeta::candleSnapshotDocsExample()
{
    QString error;
    const auto candles = parseCandleSnapshot(restLine(11), &error);
    QVERIFY2(candles, qPrintable(error));
    QCOMPARE(candles->size(), std::size_t(1));
    const Candle &candle = candles->front();
    QCOMPARE(candle.symbol, u"BTC"_s);
    QCOMPARE(candle.interval, u"15m"_s);
    QCOMPARE(candle.start, std::int64_t(1681923600000));
    QCOMPARE(candle.end.value_or(-1), std::int64_t(1681924499999));
    QCOMPARE(candle.open.toString(), u"29295.0"_s);
    QCOMPARE(candle.high.toString(), u"29309.0"_s);
    QCOMPARE(candle.low.toString(), u"29250.0"_s);
    QCOMPARE(candle.close.toString(), u"29258.0"_s);
    QCOMPARE(candle.volume.toString(), u"0.98639"_s);
    QCOMPARE(candle.trades, std::optional<std::int64_t>(189));
}

void TestHyperliquidMeta::requestBodies()
{
    QCOMPARE(jsonObject(metaRequestBody()), QJsonObject({ { u"type"_s, u"meta"_s } }));
    QCOMPARE(jsonObject(spotMetaRequestBody()), QJsonObject({ { u"type"_s, u"spotMeta"_s } }));
    // Shape of the recorded request behind REST#3 (SOURCES.md).
    const QJsonObject candles
        = jsonObject(candleSnapshotRequestBody(u"kPEPE"_s, u"1h"_s, 1684702007000, 1684784807000));
    QCOMPARE(candles.value(u"type"_s).toString(), u"candleSnapshot"_s);
    const QJsonObject req = candles.value(u"req"_s).toObject();
    QCOMPARE(req.value(u"coin"_s).toString(), u"kPEPE"_s);
    QCOMPARE(req.value(u"interval"_s).toString(), u"1h"_s);
    QCOMPARE(req.value(u"startTime"_s).toInteger(), qint64(1684702007000));
    QCOMPARE(req.value(u"endTime"_s).toInteger(), qint64(1684784807000));
    QCOMPARE(req.size(), 4);
}

void TestHyperliquidMeta::rejectsBadBodies_data()
{
    QTest::addColumn<int>("parser"); // 0 meta, 1 spotMeta, 2 candleSnapshot
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("meta not JSON") << 0 << QByteArray("<html>502 Bad Gateway</html>") << u"not JSON"_s;
    QTest::newRow("meta empty") << 0 << QByteArray() << u"not JSON"_s;
    QTest::newRow("meta is array") << 0 << restLine(3) << u"expected a JSON object"_s;
    QTest::newRow("meta no universe") << 0 << QByteArray(R"({"universe":{}})") << u"universe"_s;
    QTest::newRow("meta szDecimals string")
        << 0 << QByteArray(R"({"universe":[{"name":"BTC","szDecimals":"5"}]})") << u"szDecimals"_s;
    QTest::newRow("spot not JSON") << 1 << QByteArray("null}") << u"not JSON"_s;
    QTest::newRow("spot unknown token") << 1
                                        << QByteArray(
                                               R"({"tokens":[],"universe":[{"name":"@1","tokens":[1,0],"index":1}]})")
                                        << u"unknown token"_s;
    QTest::newRow("candles not JSON") << 2 << QByteArray("Internal Server Error") << u"not JSON"_s;
    QTest::newRow("candles object") << 2 << QByteArray(R"({"error":"x"})") << u"expected a JSON array"_s;
    QTest::newRow("candles px number")
        << 2 << QByteArray(R"([{"T":2,"c":1.5,"h":"1","i":"1m","l":"1","n":1,"o":"1","s":"BTC","t":1,"v":"1"}])")
        << u"candle 0"_s;
    QTest::newRow("candles huge price")
        << 2
        << QByteArray(
               R"([{"T":2,"c":"999999999999999999999999","h":"1","i":"1m","l":"1","o":"1","s":"BTC","t":1,"v":"1"}])")
        << u"candle 0"_s;
}

void TestHyperliquidMeta::rejectsBadBodies()
{
    QFETCH(int, parser);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    QString error;
    bool parsed = true;
    switch (parser) {
    case 0:
        parsed = parseMeta(body, &error).has_value();
        break;
    case 1:
        parsed = parseSpotMeta(body, &error).has_value();
        break;
    default:
        parsed = parseCandleSnapshot(body, &error).has_value();
        break;
    }
    QVERIFY(!parsed);
    QVERIFY2(error.contains(errorContains), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestHyperliquidMeta)
#include "tst_hyperliquid_meta.moc"
