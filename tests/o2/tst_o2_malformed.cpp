// Bad input never crashes the codec and never yields partial events: a truncated, mistyped or otherwise
// broken frame appends exactly one FeedError ("malformed", or "number_out_of_range" for a valid integer
// that no Decimal holds), and nothing else.

#include "O2TestSupport.h"

#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::o2;
using namespace tapescope::o2test;

namespace {

EventBatch decodeEvents(Codec &codec, const QByteArray &frame)
{
    EventBatch events;
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    return events;
}

bool isFailure(const MarketEvent &event)
{
    const auto *error = std::get_if<FeedError>(&event);
    return error && (error->code == u"malformed"_s || error->code == u"number_out_of_range"_s);
}

const FeedError *onlyError(const EventBatch &events)
{
    return events.size() == 1 ? std::get_if<FeedError>(&events.front()) : nullptr;
}
// The pointer points into the batch: a temporary batch would leave it dangling (ASan found two such uses).
const FeedError *onlyError(const EventBatch &&events) = delete;

Codec *liveCodec()
{
    auto *codec = new Codec;
    codec->setMarkets(fixtureMarkets());
    decodeEvents(*codec, R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[],"sells":[]}})");
    return codec;
}

} // namespace

class TestO2Malformed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncatedFixtureFrames();
    void wrongTypes_data();
    void wrongTypes();
    void notJsonObjects_data();
    void notJsonObjects();
    void hugeNumbers();
    void brokenDeltaTakesBookOutOfLive();
    void restBodies();
    void mutatedFixturesNeverYieldPartialEvents();
};

void TestO2Malformed::truncatedFixtureFrames()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    int checked = 0;
    for (const QByteArray &line : fixtureLines("ws-server.jsonl")) {
        for (qsizetype cut = 1; cut < line.size(); ++cut) {
            const QByteArray prefix = line.left(cut);
            const EventBatch events = decodeEvents(codec, prefix);
            const FeedError *error = onlyError(events);
            QVERIFY2(error, qPrintable(u"%1 events for %2"_s.arg(events.size()).arg(QString::fromUtf8(prefix))));
            QVERIFY2(error->code == u"malformed"_s, qPrintable(QString::fromUtf8(prefix)));
            ++checked;
        }
    }
    QCOMPARE(codec.stats().malformed, quint64(checked));
}

void TestO2Malformed::wrongTypes_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("symbol"); // the market the error names, when the frame mentions one

    const auto row = [](const char *name, const char *frame, const QString &symbol = QString()) {
        QTest::newRow(name) << QByteArray(frame) << symbol;
    };
    row("action not a string", R"({"action":7,"market_id":"0xabc"})", u"0xabc"_s);
    row("no action, no code", R"({"market_id":"0xabc","view":{"buys":[],"sells":[]}})", u"0xabc"_s);
    row("market_id number", R"({"action":"subscribe_depth","market_id":12,"view":{"buys":[],"sells":[]}})");
    row("snapshot lacks market_id", R"({"action":"subscribe_depth","view":{"buys":[],"sells":[]}})");
    row("view is a string", R"({"action":"subscribe_depth","market_id":"0xabc","view":"book"})", u"0xabc"_s);
    row("buys is an object", R"({"action":"subscribe_depth","market_id":"0xabc","orders":{"buys":{},"sells":[]}})",
        u"0xabc"_s);
    row("level lacks quantity", R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":"1"}]}})",
        u"0xabc"_s);
    row("price is a bool",
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":true,"quantity":"1"}]}})",
        u"0xabc"_s);
    row("quantity is an object",
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"sells":[{"price":"1","quantity":{}}]}})",
        u"0xabc"_s);
    row("negative price",
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":"-1","quantity":"1"}]}})",
        u"0xabc"_s);
    row("fractional quantity",
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":"1","quantity":"1.5"}]}})",
        u"0xabc"_s);
    row("exponent number",
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":1e3,"quantity":"1"}]}})",
        u"0xabc"_s);
    row("tuple of three", R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[["1","2","3"]]}})",
        u"0xabc"_s);
    row("tuple of one", R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[["1"]]}})", u"0xabc"_s);
    row("delta lacks changes", R"({"action":"subscribe_depth_update","market_id":"0xabc"})", u"0xabc"_s);
    row("changes is an array", R"({"action":"subscribe_depth_update","market_id":"0xabc","changes":[]})", u"0xabc"_s);
    row("timestamp not a number",
        R"({"action":"subscribe_depth_update","market_id":"0xabc","changes":{},"seen_timestamp":"soon"})", u"0xabc"_s);
    row("trades not an array", R"({"action":"subscribe_trades","market_id":"0xabc","trades":{}})", u"0xabc"_s);
    row("trades missing", R"({"action":"subscribe_trades","market_id":"0xabc"})", u"0xabc"_s);
    row("trade not an object", R"({"action":"subscribe_trades","market_id":"0xabc","trades":["x"]})", u"0xabc"_s);
    row("trade lacks price",
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"quantity":"1","side":"buy"}]})", u"0xabc"_s);
    row("trade side unknown",
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"price":"1","quantity":"1","side":"up"}]})",
        u"0xabc"_s);
    row("trade side number",
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"price":"1","quantity":"1","side":1}]})",
        u"0xabc"_s);
    row("trade timestamp negative",
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"price":"1","quantity":"1","timestamp":-5}]})",
        u"0xabc"_s);
    row("trade without any market", R"({"action":"subscribe_trades","trades":[{"price":"1","quantity":"1"}]})");
    row("trade id is an object",
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"trade_id":{},"price":"1","quantity":"1"}]})",
        u"0xabc"_s);
    row("resync_required a string", R"({"action":"error","market_id":"0xabc","resync_required":"yes"})", u"0xabc"_s);
    row("turbo a number", R"({"action":"error","market_id":"0xabc","turbo":1})", u"0xabc"_s);
    row("code a string", R"({"code":"6000","message":"x"})");
    row("trailing content", R"({"action":"subscribe_orders","orders":[]} {"action":"x"})");
    row("unknown action truncated inside", R"({"action":"new_thing","data":[1,2,{"a":)");
}

void TestO2Malformed::wrongTypes()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, symbol);
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    const EventBatch events = decodeEvents(codec, frame);
    const FeedError *error = onlyError(events);
    QVERIFY2(error, qPrintable(eventTexts(events).join(u" | "_s)));
    QCOMPARE(error->code, u"malformed"_s);
    QCOMPARE(error->venue, u"o2"_s);
    QCOMPARE(error->symbol, symbol);
    QVERIFY(!error->message.isEmpty());
    QCOMPARE(codec.stats().malformed, quint64(1));
}

void TestO2Malformed::notJsonObjects_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("blank") << QByteArray("  \n");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("number") << QByteArray("42");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("json string PONG") << QByteArray("\"PONG\"");
    QTest::newRow("lower-case pong") << QByteArray("pong");
    QTest::newRow("PING") << QByteArray("PING");
    QTest::newRow("binary") << QByteArray("\xff\xfe\x00\x01", 4);
    QTest::newRow("invalid utf-8 inside") << QByteArray("{\"action\":\"subscribe_trades\xff\",\"trades\":[]}");
    QTest::newRow("unterminated string") << QByteArray(R"({"action":"subscribe_depth)");
}

void TestO2Malformed::notJsonObjects()
{
    QFETCH(QByteArray, frame);
    Codec codec;
    const EventBatch events = decodeEvents(codec, frame);
    const FeedError *error = onlyError(events);
    QVERIFY2(error, qPrintable(eventTexts(events).join(u" | "_s)));
    QCOMPARE(error->code, u"malformed"_s);
    QCOMPARE(codec.stats().heartbeats, quint64(0));
}

void TestO2Malformed::hugeNumbers()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    const QByteArray digits400(400, '7');
    const QList<QByteArray> frames = {
        // u64 max as price: no trailing zero to drop.
        R"({"action":"subscribe_depth","market_id":"0xabc","view":{"buys":[{"price":"18446744073709551615","quantity":"1"}]}})",
        // A JSON number far beyond u128, read from its text and never through a double.
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"price":)" + digits400 + R"(,"quantity":"1"}]})",
        R"({"action":"subscribe_depth","market_id":"0xabc","orders":{"sells":[["1","0xffffffffffffffffffffffffffffffffff"]]}})",
    };
    for (const QByteArray &frame : frames) {
        const EventBatch events = decodeEvents(codec, frame);
        const FeedError *error = onlyError(events);
        QVERIFY2(error, qPrintable(eventTexts(events).join(u" | "_s)));
        QCOMPARE(error->code, u"number_out_of_range"_s);
        QCOMPARE(error->symbol, u"0xabc"_s);
        QVERIFY2(error->message.contains(u"cannot be represented exactly"_s), qPrintable(error->message));
    }
    QCOMPARE(codec.stats().outOfRange, quint64(frames.size()));
    // Timestamps above u64 are simply malformed.
    const EventBatch late = decodeEvents(
        codec,
        R"({"action":"subscribe_trades","market_id":"0xabc","trades":[{"price":"1","quantity":"1","timestamp":"99999999999999999999999"}]})");
    const FeedError *error = onlyError(late);
    QVERIFY(error);
    QCOMPARE(error->code, u"malformed"_s);
}

void TestO2Malformed::brokenDeltaTakesBookOutOfLive()
{
    std::unique_ptr<Codec> codec(liveCodec());
    QVERIFY(codec->hasBook(u"0xabc"_s));
    // Truncated after market_id: the change it carried is lost, so the book must wait for a new snapshot.
    const EventBatch truncated = decodeEvents(
        *codec, R"({"action":"subscribe_depth_update","market_id":"0xabc","changes":{"buys":[{"price":"1",)");
    const FeedError *error = onlyError(truncated);
    QVERIFY(error);
    QVERIFY2(error->symbol == u"0xabc"_s, qPrintable(error->message));
    QVERIFY(!codec->hasBook(u"0xabc"_s));
    QCOMPARE(
        eventTexts(decodeEvents(
            *codec,
            R"({"action":"subscribe_depth_update","market_id":"0xabc","changes":{"buys":[{"price":"1","quantity":"1"}]}})")),
        QStringList {});
    QCOMPARE(codec->stats().deltasBeforeSnapshot, quint64(1));
}

void TestO2Malformed::restBodies()
{
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    const auto decodeDepth = [&](std::string_view body) {
        EventBatch events;
        codec.decodeDepthBody(body, u"0xabc"_s, events);
        return events;
    };
    const auto decodeTrades = [&](std::string_view body) {
        EventBatch events;
        codec.decodeTradesBody(body, u"0xabc"_s, events);
        return events;
    };
    for (const EventBatch &events :
         { decodeDepth(R"({"view":{"buys":[{"price":"100")"), decodeDepth(R"({"market_id":"0xabc"})"),
           decodeDepth(R"([1,2])"), decodeTrades(R"([{"price":"1"}])"), decodeTrades(R"({"trades":7})"),
           decodeTrades(R"("x")"), decodeTrades(R"([{"price":"1","quantity":"1"}] [])") }) {
        QVERIFY2(onlyError(events) && isFailure(events.front()), qPrintable(eventTexts(events).join(u" | "_s)));
    }
}

void TestO2Malformed::mutatedFixturesNeverYieldPartialEvents()
{
    QList<QByteArray> corpus = fixtureLines("ws-server.jsonl");
    corpus += fixtureLines("rest.jsonl");
    static constexpr char kNasty[] = { '"', '{', '}', '[', ']', ',', ':', '\\', '0', '9', '-', 'x', ' ', '\0', '\xff' };
    QRandomGenerator random(20260601); // fixed seed: a failure reproduces
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    for (int round = 0; round < 20000; ++round) {
        QByteArray frame = corpus[random.bounded(corpus.size())];
        const int edits = 1 + random.bounded(3);
        for (int e = 0; e < edits && !frame.isEmpty(); ++e) {
            const auto at = random.bounded(frame.size());
            switch (random.bounded(3)) {
            case 0:
                frame[at] = kNasty[random.bounded(int(sizeof kNasty))];
                break;
            case 1:
                frame.remove(at, 1 + random.bounded(4));
                break;
            default:
                frame.insert(at, kNasty[random.bounded(int(sizeof kNasty))]);
                break;
            }
        }
        const EventBatch events = decodeEvents(codec, frame);
        const bool failed = std::any_of(events.begin(), events.end(), isFailure);
        if (failed && events.size() != 1)
            QFAIL(qPrintable(u"partial events for "_s + QString::fromUtf8(frame)));
    }
    QVERIFY(codec.stats().malformed > 0);
    QCOMPARE(codec.stats().frames, quint64(20000));
}

QTEST_GUILESS_MAIN(TestO2Malformed)
#include "tst_o2_malformed.moc"
