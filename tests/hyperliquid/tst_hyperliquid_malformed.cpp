// Hostile input: truncated frames, wrong types, overflowing numbers, garbage. Each bad frame yields
// exactly one FeedError "malformed" and nothing else, and never crashes. Also times the hot path.

#include "EventText.h"
#include "support/FixtureLines.h"

#include "venues/hyperliquid/HyperliquidCodec.h"
#include "venues/hyperliquid/HyperliquidCompactBook.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QRandomGenerator>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::hyperliquid;

namespace {

QByteArray serverLine(int line)
{
    return test::fixtureLine(QStringLiteral("hyperliquid/ws-server.jsonl"), line);
}

std::string_view view(const QByteArray &bytes)
{
    return { bytes.constData(), static_cast<std::size_t>(bytes.size()) };
}

// A 20-level-per-side l2Book frame, the size the venue sends for a liquid coin (docs/protocols/hyperliquid.md §7.1).
QByteArray twentyLevelBook()
{
    QByteArray frame = R"({"channel":"l2Book","data":{"coin":"BTC","time":1785251521889,"levels":[[)";
    for (int side = 0; side < 2; ++side) {
        for (int i = 0; i < 20; ++i) {
            const int price = side == 0 ? 63460 - i * 3 : 63488 + i * 3;
            frame += QByteArray(R"({"px":")") + QByteArray::number(price) + R"(.0","sz":"0.0)"
                + QByteArray::number(2000 + i * 37) + R"(","n":)" + QByteArray::number(1 + i % 4) + '}';
            if (i < 19)
                frame += ',';
        }
        frame += side == 0 ? "],[" : "]";
    }
    frame += "]}}";
    return frame;
}

} // namespace

class TestHyperliquidMalformed : public QObject
{
    Q_OBJECT

private:
    // Decodes `frame` on a fresh codec and checks the one-FeedError contract.
    void expectMalformed(const QByteArray &frame);

private Q_SLOTS:
    void truncatedFixtureFrames_data();
    void truncatedFixtureFrames();
    void badFrames_data();
    void badFrames();
    void noPartialEventsFromAFailedFrame();
    void messageNeverEchoesMuchOfTheFrame();
    void venueErrorTextIsBounded();
    void codecRecoversAfterMalformedFrame();
    void mutatedFixturesNeverCrash();
    void decodesTwentyLevelBook();
    void compactBookReaderAgreesWithTheGeneralReader();
};

void TestHyperliquidMalformed::expectMalformed(const QByteArray &frame)
{
    Codec codec;
    EventBatch events;
    codec.decode(view(frame), events);
    QCOMPARE(events.size(), std::size_t(1));
    const auto *error = std::get_if<FeedError>(&events.front());
    QVERIFY2(error, qPrintable(test::eventText(events.front())));
    QCOMPARE(error->code, u"malformed"_s);
    QCOMPARE(error->venue, u"hyperliquid"_s);
    QVERIFY(!error->message.isEmpty());
    QCOMPARE(codec.stats().malformed, quint64(1));
    QCOMPARE(codec.stats().unknownChannels, quint64(0));
}

void TestHyperliquidMalformed::truncatedFixtureFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    // Every l2Book, bbo, trades and candle line, cut at several points including just before the last brace.
    for (int line = 13; line <= 24; ++line) {
        const QByteArray full = serverLine(line);
        const qsizetype n = full.size();
        for (const qsizetype cut :
             { qsizetype(1), qsizetype(12), n / 5, n / 3, n / 2, 2 * n / 3, 4 * n / 5, n - 3, n - 2, n - 1 })
            QTest::addRow("WS#%d cut %lld of %lld", line, static_cast<long long>(cut), static_cast<long long>(n))
                << full.left(cut);
    }
}

void TestHyperliquidMalformed::truncatedFixtureFrames()
{
    QFETCH(QByteArray, frame);
    expectMalformed(frame);
}

void TestHyperliquidMalformed::badFrames_data()
{
    QTest::addColumn<QByteArray>("frame");
    const QByteArray book13 = serverLine(13);

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << QByteArray(" \r\n\t");
    QTest::newRow("binary") << QByteArray::fromHex("00ff10fe7b22630a0d8081");
    QTest::newRow("letters then control bytes") << QByteArray("Websocket\x01\x02\x03", 12);
    QTest::newRow("invalid utf-8 text") << QByteArray("Hello \xc3\x28 world");
    QTest::newRow("json array") << QByteArray("[1,2,3]");
    QTest::newRow("json string") << QByteArray(R"("pong")");
    QTest::newRow("json null") << QByteArray("null");
    QTest::newRow("json number") << QByteArray("42");
    QTest::newRow("no channel") << QByteArray(R"({"data":{}})");
    QTest::newRow("channel number") << QByteArray(R"({"channel":5,"data":{}})");
    QTest::newRow("trailing garbage") << QByteArray(R"({"channel":"pong"}})");
    QTest::newRow("l2Book without data") << QByteArray(R"({"channel":"l2Book"})");
    QTest::newRow("px number") << QByteArray(book13).replace(R"("px":"63457.0")", R"("px":123)");
    QTest::newRow("px object") << QByteArray(book13).replace(R"("px":"63457.0")", R"("px":{"v":"1"})");
    QTest::newRow("px empty string") << QByteArray(book13).replace(R"("px":"63457.0")", R"("px":"")");
    QTest::newRow("px huge") << QByteArray(book13).replace(R"("px":"63457.0")", R"("px":"999999999999999999999999")");
    QTest::newRow("sz text") << QByteArray(book13).replace(R"("sz":"0.00028")", R"("sz":"abc")");
    QTest::newRow("n string") << QByteArray(book13).replace(R"("n":1)", R"("n":"1")");
    QTest::newRow("n overflows int32") << QByteArray(book13).replace(R"("n":1)", R"("n":4294967296)");
    QTest::newRow("levels object") << QByteArray(R"({"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":{}}})");
    QTest::newRow("levels one side") << QByteArray(
        R"({"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[]]}})");
    QTest::newRow("levels three sides") << QByteArray(
        R"({"channel":"l2Book","data":{"coin":"BTC","time":1,"levels":[[],[],[]]}})");
    QTest::newRow("levels missing") << QByteArray(R"({"channel":"l2Book","data":{"coin":"BTC","time":1}})");
    QTest::newRow("data string on l2Book") << QByteArray(R"({"channel":"l2Book","data":"x"})");
    QTest::newRow("time string") << QByteArray(book13).replace(R"("time":1785251521889)", R"("time":"1785251521889")");
    QTest::newRow("time overflow") << QByteArray(book13).replace(R"("time":1785251521889)",
                                                                 R"("time":99999999999999999999)");
    // Times outside core/TimeUnits.h's window (1970 to year 9999).
    QTest::newRow("time after year 9999")
        << QByteArray(book13).replace(R"("time":1785251521889)", R"("time":253402300800000)");
    QTest::newRow("time negative") << QByteArray(book13).replace(R"("time":1785251521889)", R"("time":-1)");
    QTest::newRow("bbo time negative") << QByteArray(
        R"({"channel":"bbo","data":{"coin":"BTC","time":-1,"bbo":[{"px":"1","sz":"1","n":1},{"px":"2","sz":"1","n":1}]}})");
    QTest::newRow("coin number") << QByteArray(book13).replace(R"("coin":"BTC")", R"("coin":7)");
    QTest::newRow("bbo side string") << QByteArray(
        R"({"channel":"bbo","data":{"coin":"BTC","time":1,"bbo":["x",null]}})");
    QTest::newRow("bbo one side") << QByteArray(R"({"channel":"bbo","data":{"coin":"BTC","time":1,"bbo":[null]}})");
    const QByteArray trade22 = serverLine(22);
    QTest::newRow("tid 1e30") << QByteArray(trade22).replace("981894269203506", "1e30");
    QTest::newRow("tid beyond int64") << QByteArray(trade22).replace("981894269203506", "99999999999999999999");
    QTest::newRow("tid string") << QByteArray(trade22).replace("981894269203506", R"("981894269203506")");
    QTest::newRow("tid fractional") << QByteArray(trade22).replace("981894269203506", "9818942692.5");
    QTest::newRow("trade side X") << QByteArray(trade22).replace(R"("side":"A")", R"("side":"X")");
    QTest::newRow("trade px number") << QByteArray(trade22).replace(R"("px":"68517.0")", R"("px":68517.0)");
    QTest::newRow("trade time after year 9999") << QByteArray(trade22).replace(R"("time":)", R"("time":99)");
    QTest::newRow("trades object") << QByteArray(R"({"channel":"trades","data":{"coin":"BTC"}})");
    QTest::newRow("trade without tid") << QByteArray(trade22).replace(R"(,"tid":981894269203506)", "");
    QTest::newRow("candle o number") << QByteArray(serverLine(23)).replace(R"("o":"85827.0")", R"("o":85827.0)");
    QTest::newRow("candle t negative") << QByteArray(serverLine(23)).replace(R"("t":)", R"("t":-)");
    QTest::newRow("candle without v") << QByteArray(serverLine(23)).replace(R"(,"v":"0.73617")", "");
    QTest::newRow("mids value number") << QByteArray(R"({"channel":"allMids","data":{"mids":{"BTC":85801.5}}})");
    QTest::newRow("mids array") << QByteArray(R"({"channel":"allMids","data":{"mids":["BTC"]}})");
    QTest::newRow("ctx markPx number")
        << QByteArray(serverLine(28)).replace(R"("markPx":"85814.0")", R"("markPx":85814.0)");
    QTest::newRow("ctx volume integer part too big")
        << QByteArray(serverLine(28))
               .replace(R"("dayNtlVlm":"1821282705.4506571293")", R"("dayNtlVlm":"99999999999999999999.5")");
    QTest::newRow("ack without type") << QByteArray(
        R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{}}})");
}

void TestHyperliquidMalformed::badFrames()
{
    QFETCH(QByteArray, frame);
    expectMalformed(frame);
}

void TestHyperliquidMalformed::noPartialEventsFromAFailedFrame()
{
    // The first trade is fine, the second is not: the frame is all or nothing.
    const QByteArray frame = QByteArray(serverLine(20)).replace(R"("px":"63530.0")", R"("px":63530)");
    EventBatch events;
    events.emplace_back(Heartbeat { u"earlier"_s }); // decode appends; what was there stays
    Codec codec;
    codec.decode(view(frame), events);
    QCOMPARE(events.size(), std::size_t(2));
    QVERIFY(std::holds_alternative<Heartbeat>(events.at(0)));
    QCOMPARE(std::get<FeedError>(events.at(1)).code, u"malformed"_s);
    QVERIFY2(std::get<FeedError>(events.at(1)).message.startsWith(u"trades: trade px"_s),
             qPrintable(std::get<FeedError>(events.at(1)).message));
}

void TestHyperliquidMalformed::messageNeverEchoesMuchOfTheFrame()
{
    const QByteArray longCoin(10000, 'Z');
    const QByteArray frame = R"({"channel":"l2Book","data":{"coin":")" + longCoin + R"(","time":1,"levels":{}}})";
    Codec codec;
    EventBatch events;
    codec.decode(view(frame), events);
    QCOMPARE(events.size(), std::size_t(1));
    const QString message = std::get<FeedError>(events.front()).message;
    QVERIFY2(message.startsWith(u"l2Book: levels is not an array"_s), qPrintable(message));
    QVERIFY2(message.size() < 160, qPrintable(message));
}

void TestHyperliquidMalformed::venueErrorTextIsBounded()
{
    const QByteArray frame = R"({"channel":"error","data":"Something broke: )" + QByteArray(5000, 'x') + R"("})";
    Codec codec;
    EventBatch events;
    codec.decode(view(frame), events);
    QCOMPARE(events.size(), std::size_t(1));
    const auto &error = std::get<FeedError>(events.front());
    QCOMPARE(error.code, u"venue_error"_s);
    QVERIFY(error.message.startsWith(u"Something broke: xxx"_s));
    QVERIFY(error.message.size() <= 121);
}

void TestHyperliquidMalformed::codecRecoversAfterMalformedFrame()
{
    Codec codec;
    EventBatch events;
    const QByteArray good = serverLine(17);
    codec.decode(view(good.left(good.size() / 2)), events);
    codec.decode(view(good), events);
    QCOMPARE(test::eventTexts(events).value(1),
             u"bbo symbol=BTC ts=1785251522090 bid=63457.0/0.00028/1 ask=63488.0/0.01246/2"_s);
    QCOMPARE(events.size(), std::size_t(2));
    QCOMPARE(codec.stats().frames, quint64(2));
    QCOMPARE(codec.stats().malformed, quint64(1));
}

void TestHyperliquidMalformed::mutatedFixturesNeverCrash()
{
    // Byte flips over every fixture line: any result is fine as long as a failed frame yields exactly
    // one FeedError and nothing else. Mostly useful under the address/UB sanitizers.
    QRandomGenerator random(20260728);
    Codec codec;
    for (int line = 1; line <= 60; ++line) {
        const QByteArray original = serverLine(line);
        for (int round = 0; round < 40; ++round) {
            QByteArray mutated = original;
            const int flips = 1 + int(random.bounded(3));
            for (int i = 0; i < flips; ++i)
                mutated[qsizetype(random.bounded(quint32(mutated.size())))] = char(random.bounded(256));
            EventBatch events;
            codec.decode(view(mutated), events);
            const bool failed = std::any_of(events.begin(), events.end(), [](const MarketEvent &event) {
                const auto *error = std::get_if<FeedError>(&event);
                return error && error->code == u"malformed"_s;
            });
            if (failed)
                QCOMPARE(events.size(), std::size_t(1));
        }
    }
    QCOMPARE(codec.stats().frames, quint64(60 * 40));
    QVERIFY(codec.stats().malformed > 0);
}

void TestHyperliquidMalformed::decodesTwentyLevelBook()
{
    const QByteArray frame = twentyLevelBook();
    Codec codec;
    EventBatch events;
    codec.decode(view(frame), events);
    QCOMPARE(events.size(), std::size_t(1));
    const auto &book = std::get<BookSnapshot>(events.front());
    QCOMPARE(book.bids.size(), std::size_t(20));
    QCOMPARE(book.asks.size(), std::size_t(20));
    QCOMPARE(book.asks.back().price.toString(), u"63545.0"_s);

    // Speed is measured by the benchmarks in bench/, not asserted here; this checks the big frame decodes exactly.
    QCOMPARE(codec.stats().malformed, quint64(0));
}

// The codec reads the venue's compact l2Book spelling in one pass and everything else with the On-Demand
// reader. Whatever the one-pass reader accepts, the general reader must decode to the same book; whatever it
// does not, the general reader decides. A space after the opening brace is valid JSON the one-pass reader
// never accepts, so the same frame spelled that way shows what the general reader makes of it. Checked on
// the 20-level frame and on every truncation and single-character change of it.
void TestHyperliquidMalformed::compactBookReaderAgreesWithTheGeneralReader()
{
    const auto decode = [](const QByteArray &frame) {
        Codec codec;
        EventBatch events;
        codec.decode(view(frame), events);
        return events;
    };
    const auto sameEvents = [](const EventBatch &a, const EventBatch &b) {
        if (a.size() != b.size())
            return false;
        for (std::size_t i = 0; i < a.size(); ++i) {
            const auto *bookA = std::get_if<BookSnapshot>(&a[i]);
            const auto *bookB = std::get_if<BookSnapshot>(&b[i]);
            if (bookA || bookB) {
                if (!bookA || !bookB || bookA->venue != bookB->venue || bookA->symbol != bookB->symbol
                    || bookA->ts != bookB->ts || bookA->bids.size() != bookB->bids.size()
                    || bookA->asks.size() != bookB->asks.size())
                    return false;
                const auto sameLevels = [](const std::vector<Level> &x, const std::vector<Level> &y) {
                    for (std::size_t l = 0; l < x.size(); ++l) {
                        if (!x[l].price.identical(y[l].price) || !x[l].size.identical(y[l].size)
                            || x[l].orders != y[l].orders)
                            return false;
                    }
                    return true;
                };
                if (!sameLevels(bookA->bids, bookB->bids) || !sameLevels(bookA->asks, bookB->asks))
                    return false;
                continue;
            }
            const auto *errorA = std::get_if<FeedError>(&a[i]);
            const auto *errorB = std::get_if<FeedError>(&b[i]);
            if (!errorA || !errorB || errorA->code != errorB->code) // messages quote the frame, which differs
                return false;
        }
        return true;
    };
    const auto spaced = [](QByteArray frame) { return frame.startsWith('{') ? frame.insert(1, ' ') : frame; };

    const QByteArray frame = twentyLevelBook();
    const EventBatch whole = decode(frame);
    QCOMPARE(whole.size(), std::size_t(1));
    QVERIFY(std::holds_alternative<BookSnapshot>(whole.front()));
    QVERIFY(sameEvents(whole, decode(spaced(frame))));
    QCOMPARE(std::get<BookSnapshot>(whole.front()).bids.size(), std::size_t(20));

    int accepted = 0;
    int checked = 0;
    const auto check = [&](const QByteArray &variant) {
        const EventBatch fast = decode(variant);
        const EventBatch general = decode(spaced(variant));
        if (!sameEvents(fast, general))
            QFAIL(qPrintable(u"the readers disagree on: "_s + QString::fromLatin1(variant.left(160))));
        if (!fast.empty() && std::holds_alternative<BookSnapshot>(fast.front()))
            ++accepted;
        ++checked;
    };
    for (qsizetype length = 1; length < frame.size(); ++length)
        check(frame.left(length));
    const char replacements[] = { 'x', '"', '\\', '}', ',', '1', '-', '.', ' ', '\0' };
    for (qsizetype at = 0; at < frame.size(); ++at) {
        for (const char replacement : replacements) {
            QByteArray variant = frame;
            variant[at] = replacement;
            check(variant);
        }
    }
    QVERIFY(checked > 10 * frame.size());

    // The venue's frames take the one-pass reader, `fast` ones too; the result is the same either way.
    const QByteArray fastFrame = QByteArray(frame).insert(frame.size() - 2, R"(,"fast":true)");
    EventBatch viaScan;
    QVERIFY(detail::decodeCompactBook(view(fastFrame), u"hyperliquid"_s, viaScan));
    QVERIFY(sameEvents(viaScan, decode(spaced(fastFrame))));
    EventBatch none;
    QVERIFY(!detail::decodeCompactBook(view(spaced(frame)), u"hyperliquid"_s, none));
    QVERIFY(none.empty());
    QVERIFY(accepted > 1000); // digit changes inside numbers keep the frame valid: both readers read them
}

QTEST_GUILESS_MAIN(TestHyperliquidMalformed)
#include "tst_hyperliquid_malformed.moc"
