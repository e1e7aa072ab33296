// Every recorded server frame decodes to exactly the expected events; request frames match the
// recorded client requests.

#include "EventText.h"
#include "support/FixtureLines.h"

#include "venues/hyperliquid/HyperliquidCodec.h"
#include "venues/hyperliquid/HyperliquidCompactBook.h"
#include "venues/hyperliquid/HyperliquidJson.h"

#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::hyperliquid;

namespace {

QList<QByteArray> fixtureLines(const char *file)
{
    return test::fixtureLines(QStringLiteral("hyperliquid/") + QString::fromUtf8(file));
}

QString midTicker(const QString &symbol, const QString &mid)
{
    return u"ticker symbol=%1 ts=0 mid=%2 mark=- oracle=- funding=- oi=- vol=- prev=-"_s.arg(symbol, mid);
}

// Expected events for every market and control line of ws-server.jsonl, written from the fixture text.
QHash<int, QStringList> expectedEvents()
{
    const QString book13Asks
        = u"asks=[63488.0/0.01246/2,63495.0/0.01263/2,63496.0/0.00019/1,63507.0/0.02357/2,63516.0/0.02619/2]"_s;
    return {
        { 1, { u"ack channel=trades symbol=SOL interval= subscribed=1 already=0"_s } },
        { 2, { u"ack channel=bbo symbol=BTC interval= subscribed=1 already=0"_s } },
        // A user stream's ack is still an ack; the server-added aggregateByTime is ignored.
        { 3, { u"ack channel=userFills symbol= interval= subscribed=1 already=0"_s } },
        // Normalised echo with nSigFigs/mantissa/fast: matched on type + coin only.
        { 4, { u"ack channel=l2Book symbol=BTC interval= subscribed=1 already=0"_s } },
        { 5, { u"ack channel=trades symbol=BTC interval= subscribed=0 already=0"_s } },
        { 6, { u"ack channel=candle symbol=BTC interval=1m subscribed=1 already=0"_s } },
        { 7, { u"heartbeat"_s } },
        // Capped at 120 bytes of venue text.
        { 8,
          { u"error code=bad_request message=Error parsing JSON into valid websocket request: {\"method\": "
            u"\"subscribe\", "
            "\"subscription\": {\"type\": \"noSuchType\", \"coin\": \u2026"_s } },
        { 9,
          { u"error code=bad_request message=Error parsing JSON into valid websocket request: { \"type\": \"allMids\" }"_s } },
        { 10, { u"error code=invalid_subscription message=Invalid subscription candle:NOPE,1m"_s } },
        { 11, { u"error code=venue_error message=Websocket error"_s } },
        { 12, { u"ack channel=trades symbol=BTC interval= subscribed=1 already=1"_s } },
        { 13,
          { u"book symbol=BTC ts=1785251521889 "
            u"bids=[63460.0/0.02666/2,63457.0/0.00028/1,63454.0/0.02659/2,63441.0/0.04944/2,"
            "63429.0/0.00046/1] "_s
            + book13Asks } },
        { 14,
          { u"book symbol=BTC ts=1785251522402 "
            u"bids=[63457.0/0.00028/1,63454.0/0.02659/2,63441.0/0.04944/2,63429.0/0.00046/1,"
            "63423.0/0.00019/1] "_s
            + book13Asks } },
        { 15,
          { u"book symbol=BTC ts=1791278882097 bids=[85821.0/0.96592/4,85818.0/0.80629/1] "
            "asks=[85822.0/26.98831/71,85823.0/4.42262/4]"_s } },
        { 16, { u"book symbol=BTC ts=1710131872708 bids=[68674.0/0.97139/4] asks=[68675.0/0.04396/1]"_s } },
        { 17, { u"bbo symbol=BTC ts=1785251522090 bid=63457.0/0.00028/1 ask=63488.0/0.01246/2"_s } },
        { 18, { u"bbo symbol=BTC ts=1791278884013 bid=85811.0/9.48256/43 ask=85812.0/4.09277/1"_s } },
        { 19, { u"bbo symbol=@107 ts=1791279271233 bid=- ask=92.638/12.89/1"_s } },
        { 20,
          { u"trade symbol=BTC ts=1785251456343 side=buy px=63719.0 sz=0.00016 id=447757798903687"_s,
            u"trade symbol=BTC ts=1785251457213 side=buy px=63530.0 sz=0.00016 id=355416041315622"_s } },
        { 21,
          { u"trade symbol=BTC ts=1791278878126 side=buy px=85827.0 sz=0.02721 id=188095306343783"_s,
            u"trade symbol=BTC ts=1791278878126 side=sell px=85826.0 sz=0.00897 id=250009747508244"_s } },
        { 22, { u"trade symbol=BTC ts=1710125266669 side=sell px=68517.0 sz=0.005 id=981894269203506"_s } },
        { 23,
          { u"candle symbol=BTC interval=1m start=1791278880000 end=1791278939999 o=85827.0 h=85827.0 l=85801.0 "
            u"c=85812.0 "
            "v=0.73617 n=20"_s } },
        { 24,
          { u"candle symbol=@107 interval=1m start=1791279240000 end=1791279299999 o=92.652 h=92.653 l=92.581 c=92.621 "
            "v=2115.03 n=57"_s } },
        { 25,
          { midTicker(u"@142"_s, u"80907.5"_s), midTicker(u"BTC"_s, u"80868.5"_s), midTicker(u"ETH"_s, u"2296.45"_s),
            midTicker(u"SOL"_s, u"94.8775"_s), midTicker(u"PURR/USDC"_s, u"0.067131"_s) } },
        { 26,
          { midTicker(u"BTC"_s, u"85801.5"_s), midTicker(u"PURR/USDC"_s, u"0.14988"_s),
            midTicker(u"@107"_s, u"92.9315"_s), midTicker(u"#14880"_s, u"0.111485"_s) } },
        { 27, { midTicker(u"xyz:XYZ100"_s, u"31169.5"_s) } },
        // dayNtlVlm "1821282705.4506571293" has 20 digits: the last fraction digit is dropped to fit.
        { 28,
          { u"ticker symbol=BTC ts=0 mid=85811.5 mark=85814.0 oracle=85828.0 funding=0.0000125 oi=39980.76392 "
            "vol=1821282705.450657129 prev=85840.0"_s } },
        { 29,
          { u"ticker symbol=@107 ts=0 mid=92.945 mark=92.949 oracle=- funding=- oi=- vol=64552049.6973299459 prev=93.124"_s } },
        { 30,
          { u"ticker symbol=@1 ts=0 mid=0.234775 mark=0.23482 oracle=- funding=- oi=- vol=8906.0 prev=0.22916"_s } },
    };
}

// Lines whose channel the codec does not handle yet: user streams, post replies, newer channels.
constexpr int kFirstUnhandledLine = 31;
constexpr int kFixtureLineCount = 60;

QJsonObject jsonObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return QJsonObject { { u"unparseable"_s, QString::fromUtf8(bytes) } };
    return document.object();
}

Subscription subscription(Subscription::Type type, const QString &coin, const QString &interval = QString())
{
    Subscription s;
    s.type = type;
    s.coin = coin;
    s.interval = interval;
    return s;
}

} // namespace

class TestHyperliquidCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFixtureLineHasAnExpectation();
    void serverFrame_data();
    void serverFrame();
    void framesDecodeIndependentlyOnOneCodec();
    void dataBeforeChannelStillDecodes();
    void legacyGreetingIsIgnored();
    void requestFramesMatchRecordedRequests();
    void requestFramesEscapeCoin();
    void subscriptionKeysAndAcks();
    void fastDecimalPathAgreesWithDecimalParse();
    void levelsDecodeWhateverTheSpacingAndKeyOrder();
    void compactReaderAgreesWithTheGeneralReader_data();
    void compactReaderAgreesWithTheGeneralReader();
};

void TestHyperliquidCodec::everyFixtureLineHasAnExpectation()
{
    const auto lines = fixtureLines("ws-server.jsonl");
    QCOMPARE(lines.size(), kFixtureLineCount);
    const auto expected = expectedEvents();
    for (int line = 1; line < kFirstUnhandledLine; ++line)
        QVERIFY2(expected.contains(line), qPrintable(u"no expectation for WS#%1"_s.arg(line)));
}

void TestHyperliquidCodec::serverFrame_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("unhandledChannel");

    const auto expected = expectedEvents();
    const auto lines = fixtureLines("ws-server.jsonl");
    for (int index = 0; index < lines.size(); ++index) {
        const int line = index + 1;
        const bool unhandled = line >= kFirstUnhandledLine;
        QTest::addRow("WS#%d", line) << lines.at(index) << expected.value(line) << unhandled;
    }
}

void TestHyperliquidCodec::serverFrame()
{
    QFETCH(QByteArray, frame);
    QFETCH(QStringList, expected);
    QFETCH(bool, unhandledChannel);

    Codec codec;
    EventBatch events;
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);

    QCOMPARE(test::eventTexts(events), expected);
    for (const MarketEvent &event : events)
        QCOMPARE(std::visit([](const auto &e) { return e.venue; }, event), u"hyperliquid"_s);
    QCOMPARE(codec.stats().frames, quint64(1));
    QCOMPARE(codec.stats().malformed, quint64(0));
    QCOMPARE(codec.stats().ignoredText, quint64(0));
    QCOMPARE(codec.stats().unknownChannels, quint64(unhandledChannel ? 1 : 0));
    if (unhandledChannel)
        QVERIFY(events.empty());
    else
        QVERIFY(!events.empty());
}

void TestHyperliquidCodec::framesDecodeIndependentlyOnOneCodec()
{
    // One codec per connection: its reused buffers must not leak one frame into the next.
    const auto lines = fixtureLines("ws-server.jsonl");
    const auto expected = expectedEvents();
    Codec codec;
    EventBatch all;
    QStringList wanted;
    for (int index = 0; index < lines.size(); ++index) {
        const QByteArray &frame = lines.at(index);
        codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), all);
        wanted += expected.value(index + 1);
    }
    QCOMPARE(test::eventTexts(all), wanted);
    QCOMPARE(codec.stats().frames, quint64(kFixtureLineCount));
    QCOMPARE(codec.stats().unknownChannels, quint64(kFixtureLineCount - kFirstUnhandledLine + 1));
    QCOMPARE(codec.stats().malformed, quint64(0));
}

void TestHyperliquidCodec::dataBeforeChannelStillDecodes()
{
    // Key order is not guaranteed by JSON; the envelope must not depend on "channel" coming first.
    const std::string_view frame
        = R"({"data":{"coin":"ETH","levels":[[{"px":"1.5","sz":"2","n":3}],[]],"time":7},"channel":"l2Book"})";
    Codec codec;
    EventBatch events;
    codec.decode(frame, events);
    QCOMPARE(test::eventTexts(events), QStringList { u"book symbol=ETH ts=7 bids=[1.5/2/3] asks=[]"_s });
}

void TestHyperliquidCodec::legacyGreetingIsIgnored()
{
    Codec codec;
    EventBatch events;
    codec.decode("Websocket connection established.", events);
    QVERIFY(events.empty());
    QCOMPARE(codec.stats().ignoredText, quint64(1));
    QCOMPARE(codec.stats().malformed, quint64(0));
}

void TestHyperliquidCodec::requestFramesMatchRecordedRequests()
{
    const auto requests = fixtureLines("ws-client.jsonl");
    QCOMPARE(jsonObject(Codec::subscribeFrame(subscription(Subscription::Type::Trades, u"SOL"_s))),
             jsonObject(requests.at(0)));
    QCOMPARE(jsonObject(Codec::subscribeFrame(subscription(Subscription::Type::AllMids, QString()))),
             jsonObject(requests.at(1)));
    QCOMPARE(jsonObject(Codec::unsubscribeFrame(subscription(Subscription::Type::Trades, u"BTC"_s))),
             jsonObject(requests.at(2)));
    QCOMPARE(Codec::pingFrame(), requests.at(3));
    QCOMPARE(jsonObject(Codec::subscribeFrame(subscription(Subscription::Type::Candle, u"kPEPE"_s, u"1m"_s))),
             jsonObject(requests.at(4)));
    QCOMPARE(jsonObject(Codec::subscribeFrame(subscription(Subscription::Type::ActiveAssetCtx, u"BTC"_s))),
             jsonObject(requests.at(5)));

    // No recorded line for these: the documented shapes (docs/protocols/hyperliquid.md §6).
    QCOMPARE(Codec::subscribeFrame(subscription(Subscription::Type::L2Book, u"BTC"_s)),
             QByteArray(R"({"method":"subscribe","subscription":{"type":"l2Book","coin":"BTC"}})"));
    QCOMPARE(Codec::unsubscribeFrame(subscription(Subscription::Type::Bbo, u"@107"_s)),
             QByteArray(R"({"method":"unsubscribe","subscription":{"type":"bbo","coin":"@107"}})"));
    Subscription mids = subscription(Subscription::Type::AllMids, QString());
    mids.dex = u"xyz"_s;
    QCOMPARE(Codec::subscribeFrame(mids),
             QByteArray(R"({"method":"subscribe","subscription":{"type":"allMids","dex":"xyz"}})"));
}

void TestHyperliquidCodec::requestFramesEscapeCoin()
{
    const QString awkward = u"we\"ird\\coin\n\u00e9"_s;
    const QJsonObject request = jsonObject(Codec::subscribeFrame(subscription(Subscription::Type::Trades, awkward)));
    QCOMPARE(request.value(u"subscription"_s).toObject().value(u"coin"_s).toString(), awkward);
    QCOMPARE(request.value(u"method"_s).toString(), u"subscribe"_s);
}

void TestHyperliquidCodec::subscriptionKeysAndAcks()
{
    QCOMPARE(subscription(Subscription::Type::L2Book, u"BTC"_s).key(), u"l2Book:BTC"_s);
    QCOMPARE(subscription(Subscription::Type::Candle, u"BTC"_s, u"1m"_s).key(), u"candle:BTC,1m"_s);
    QCOMPARE(subscription(Subscription::Type::AllMids, QString()).key(), u"allMids"_s);
    QVERIFY(Subscription::typeFromName(u"activeAssetCtx"_s) == Subscription::Type::ActiveAssetCtx);
    QVERIFY(!Subscription::typeFromName(u"userFills"_s));

    // An ack maps back to the key of the subscription that was sent, including "Already subscribed".
    Codec codec;
    EventBatch events;
    codec.decode(
        R"({"channel":"subscriptionResponse","data":{"method":"subscribe","subscription":{"type":"candle","coin":"BTC","interval":"1m"}}})",
        events);
    codec.decode(R"({"channel":"error","data":"Already subscribed: {\"type\":\"allMids\",\"dex\":\"xyz\"}"})", events);
    QCOMPARE(events.size(), std::size_t(2));
    const auto candleAck = Subscription::fromAck(std::get<SubscriptionAck>(events.at(0)));
    QVERIFY(candleAck);
    QCOMPARE(candleAck->key(), u"candle:BTC,1m"_s);
    const auto &midsAck = std::get<SubscriptionAck>(events.at(1));
    QVERIFY(midsAck.alreadySubscribed);
    QCOMPARE(Subscription::fromAck(midsAck)->key(), u"allMids:xyz"_s);
}

void TestHyperliquidCodec::fastDecimalPathAgreesWithDecimalParse()
{
    // The codec's unchecked fast path must give exactly Decimal::parse's value and spelling.
    const char *const spellings[] = { "63460.0",
                                      "0.00028",
                                      "-0.0086",
                                      "0",
                                      "-0",
                                      "5.",
                                      ".5",
                                      "1821282705.45065712",
                                      "123456789012345678",
                                      "1234567890123456789",
                                      "9223372036854775807",
                                      "9223372036854775808",
                                      "0.000000000000000001",
                                      "0.0000000000000000001",
                                      "1e-5",
                                      "+1.50",
                                      "",
                                      "-",
                                      ".",
                                      "1.2.3",
                                      "12a",
                                      " 1",
                                      "00012.3400" };
    for (const char *spelling : spellings) {
        const auto fast = detail::parseDecimal(spelling);
        const auto reference = Decimal::parse(std::string_view(spelling));
        QVERIFY2(fast.has_value() == reference.has_value(), spelling);
        if (fast)
            QVERIFY2(fast->identical(*reference), spelling);
    }
}

// The venue sends `levels` compact with keys px, sz, n; JSON allows spacing, any key order and extra keys, which
// must give the same book. A bad decimal in a level is reported and the book is not applied.
void TestHyperliquidCodec::levelsDecodeWhateverTheSpacingAndKeyOrder()
{
    const auto decodeOne = [](const QByteArray &frame) {
        Codec codec;
        EventBatch events;
        codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
        return events;
    };
    const QByteArray compact
        = R"({"channel":"l2Book","data":{"coin":"BTC","time":5,"levels":[[{"px":"63460.0","sz":"0.02666","n":2},{"px":"63457.0","sz":"0.00028","n":1}],[{"px":"63461.0","sz":"1.5","n":12}]]}})";
    const QByteArray spaced
        = R"({"channel":"l2Book","data":{"coin":"BTC","time":5,"levels":[ [{"px": "63460.0", "sz":"0.02666","n":2},{"n":1,"sz":"0.00028","px":"63457.0"}], [{"px":"63461.0","sz":"1.5","n":12,"extra":true}] ]}})";
    const QByteArray oneSideEmpty
        = R"({"channel":"l2Book","data":{"coin":"BTC","time":5,"levels":[[],[{"px":"1","sz":"2","n":3}]]}})";
    const EventBatch fast = decodeOne(compact); // (named for the shape the venue sends)
    const EventBatch generic = decodeOne(spaced);
    QCOMPARE(fast.size(), std::size_t(1));
    QCOMPARE(generic.size(), std::size_t(1));
    const auto *a = std::get_if<BookSnapshot>(&fast.front());
    const auto *b = std::get_if<BookSnapshot>(&generic.front());
    QVERIFY(a && b);
    QCOMPARE(a->bids.size(), std::size_t(2));
    QCOMPARE(a->asks.size(), std::size_t(1));
    QCOMPARE(a->bids.size(), b->bids.size());
    QCOMPARE(a->asks.size(), b->asks.size());
    for (std::size_t i = 0; i < a->bids.size(); ++i) {
        QVERIFY(a->bids[i].price.identical(b->bids[i].price));
        QVERIFY(a->bids[i].size.identical(b->bids[i].size));
        QCOMPARE(a->bids[i].orders, b->bids[i].orders);
    }
    QVERIFY(a->asks[0].price.identical(*Decimal::parse("63461.0")));
    QCOMPARE(a->asks[0].orders, 12);
    QCOMPARE(a->bids[1].size.toString(), u"0.00028"_s);

    const EventBatch empty = decodeOne(oneSideEmpty);
    const auto *c = std::get_if<BookSnapshot>(&empty.front());
    QVERIFY(c && c->bids.empty() && c->asks.size() == 1);

    // Not a decimal: reported, and no book comes out.
    const EventBatch bad = decodeOne(
        R"({"channel":"l2Book","data":{"coin":"BTC","time":5,"levels":[[{"px":"6x","sz":"1","n":1}],[]]}})");
    QCOMPARE(bad.size(), std::size_t(1));
    const auto *error = std::get_if<FeedError>(&bad.front());
    QVERIFY(error);
    QVERIFY2(error->message.contains(u"px is not a decimal"_s), qPrintable(error->message));
}

void TestHyperliquidCodec::compactReaderAgreesWithTheGeneralReader_data()
{
    QTest::addColumn<QByteArray>("px");
    QTest::addColumn<QByteArray>("n");
    const QList<QByteArray> prices = { "63460.0",
                                       "0.00028",
                                       "7",
                                       "0",
                                       "000.5",
                                       ".5",
                                       "5.",
                                       "123456789012345678",
                                       "1234567890123456789",
                                       "12345678901234567.8",
                                       "0.123456789012345678",
                                       "0.1234567890123456789",
                                       "-0.5",
                                       "+1",
                                       "1e3",
                                       "1E-2",
                                       "1.2.3",
                                       ".",
                                       "",
                                       "-",
                                       "6x",
                                       "1 ",
                                       "\\u0031",
                                       "99999999999999999999999" };
    for (const QByteArray &px : prices)
        QTest::addRow("px %s", px.constData()) << px << QByteArray("3");
    const QList<QByteArray> counts
        = { "0",  "01", "2147483647", "2147483648", "999999999999999999", "9999999999999999999", "18446744073709551616",
            "-1", "1.0" };
    for (const QByteArray &n : counts)
        QTest::addRow("n %s", n.constData()) << QByteArray("1.5") << n;
}

// The one-pass reader of the venue's compact spelling reads some decimals and counts itself and hands anything unusual
// to the same parsers the general reader uses: for every spelling both give the same book, or both refuse it.
void TestHyperliquidCodec::compactReaderAgreesWithTheGeneralReader()
{
    QFETCH(QByteArray, px);
    QFETCH(QByteArray, n);
    const auto decodeOne = [](const QByteArray &frame) {
        Codec codec;
        EventBatch events;
        codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
        return events;
    };
    const QByteArray level = R"({"px":")" + px + R"(","sz":")" + px + R"(","n":)" + n + '}';
    const QByteArray compact
        = R"({"channel":"l2Book","data":{"coin":"BTC","time":5,"levels":[[)" + level + "],[" + level + "]]}}";
    // One space after the first colon: the compact reader refuses the frame at once and the general reader reads it.
    QByteArray general = compact;
    general.replace(R"({"channel":"l2Book")", R"({"channel": "l2Book")");
    EventBatch scratch;
    QVERIFY(!detail::decodeCompactBook(std::string_view(general.constData(), std::size_t(general.size())), u"x"_s,
                                       scratch));

    const EventBatch a = decodeOne(compact);
    const EventBatch b = decodeOne(general);
    QCOMPARE(a.size(), b.size());
    QCOMPARE(a.size(), std::size_t(1));
    const auto *bookA = std::get_if<BookSnapshot>(&a.front());
    const auto *bookB = std::get_if<BookSnapshot>(&b.front());
    QCOMPARE(bookA != nullptr, bookB != nullptr);
    if (!bookA)
        return; // both refused it
    QCOMPARE(bookA->bids.size(), std::size_t(1));
    QCOMPARE(bookB->bids.size(), std::size_t(1));
    for (auto side : { &BookSnapshot::bids, &BookSnapshot::asks }) {
        const Level &x = (bookA->*side)[0];
        const Level &y = (bookB->*side)[0];
        QVERIFY2(x.price.identical(y.price), qPrintable(x.price.toString() + u" vs "_s + y.price.toString()));
        QVERIFY(x.size.identical(y.size));
        QCOMPARE(x.orders, y.orders);
    }
}

QTEST_GUILESS_MAIN(TestHyperliquidCodec)
#include "tst_hyperliquid_codec.moc"
