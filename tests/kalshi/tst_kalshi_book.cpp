// The YES-view book (docs/protocols/kalshi.md §9) and per-sid sequencing (§10): NO bids become YES asks at 1 − price,
// increments become level totals, and a gap makes every book on the subscription wait for a snapshot.

#include "KalshiTestSupport.h"

#include "venues/kalshi/KalshiCodec.h"
#include "venues/kalshi/KalshiYesBook.h"

#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::test;
using tapescope::kalshi::Codec;
using tapescope::kalshi::ContractSide;
using tapescope::kalshi::YesViewBook;

namespace {

Decimal dec(const char *text)
{
    return *Decimal::parse(text);
}

QStringList levelsText(const std::vector<Level> &levels)
{
    QStringList out;
    for (const Level &level : levels)
        out << level.price.toString() + u'/' + level.size.toString();
    return out;
}

QByteArray snapshotFrame(int sid, int seq, const char *market, const char *yes, const char *no)
{
    return QByteArray(R"({"type":"orderbook_snapshot","sid":)") + QByteArray::number(sid) + R"(,"seq":)"
        + QByteArray::number(seq) + R"(,"msg":{"market_ticker":")" + market + R"(","yes_dollars_fp":)" + yes
        + R"(,"no_dollars_fp":)" + no + "}}";
}

QByteArray deltaFrame(int sid, int seq, const char *market, const char *side, const char *price, const char *delta)
{
    return QByteArray(R"({"type":"orderbook_delta","sid":)") + QByteArray::number(sid) + R"(,"seq":)"
        + QByteArray::number(seq) + R"(,"msg":{"market_ticker":")" + market + R"(","price_dollars":")" + price
        + R"(","delta_fp":")" + delta + R"(","side":")" + side + R"("}})";
}

QStringList decode(Codec &codec, const QByteArray &frame)
{
    EventBatch events;
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    return kalshiEventTexts(events);
}

} // namespace

class KalshiBookTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complementKeepsSpelling();
    void noBidsBecomeYesAsks();
    void capturedSnapshotLadder();
    void incrementsBecomeTotals();
    void negativeLevelIsRefused();
    void legacyCentsSnapshotMatchesStrings();
    void gapMarksBooksOnTheSidStale();
    void gapOnCapturedTrades();
    void deltaBeforeSnapshot();
    void controlFramesAdvanceSequence();
    void unsubscribeAndResetForgetSequence();
};

void KalshiBookTest::complementKeepsSpelling()
{
    QCOMPARE(YesViewBook::complement(dec("0.8900")).toString(), u"0.1100"_s);
    QCOMPARE(YesViewBook::complement(dec("0.56")).toString(), u"0.44"_s);
    QCOMPARE(YesViewBook::complement(dec("0.001")).toString(), u"0.999"_s);
    QCOMPARE(YesViewBook::complement(dec("0.123456")).toString(), u"0.876544"_s);
}

void KalshiBookTest::noBidsBecomeYesAsks()
{
    YesViewBook book;
    book.replace({ { dec("0.0800"), dec("300.00") }, { dec("0.2200"), dec("333.00") } },
                 { { dec("0.5400"), dec("20.00") }, { dec("0.5600"), dec("146.00") } });
    QCOMPARE(levelsText(book.bids()), (QStringList { u"0.2200/333.00"_s, u"0.0800/300.00"_s }));
    // The best (highest) NO bid 0.56 is the best (lowest) YES ask 0.44, with the NO bid's size.
    QCOMPARE(levelsText(book.asks()), (QStringList { u"0.4400/146.00"_s, u"0.4600/20.00"_s }));

    // A NO-side delta is an ask-side change at 1 − price with the new total.
    const auto change = book.apply(ContractSide::No, dec("0.5600"), dec("-46.00"));
    QVERIFY(change);
    QCOMPARE(change->side, Side::Sell);
    QCOMPARE(change->price.toString(), u"0.4400"_s);
    QCOMPARE(change->size.toString(), u"100.00"_s);
    // A new NO level above the old best becomes the new best ask.
    const auto better = book.apply(ContractSide::No, dec("0.6000"), dec("5.00"));
    QVERIFY(better);
    QCOMPARE(better->price.toString(), u"0.4000"_s);
    QCOMPARE(levelsText(book.asks()), (QStringList { u"0.4000/5.00"_s, u"0.4400/100.00"_s, u"0.4600/20.00"_s }));
    // Removing a level entirely publishes size 0.
    const auto removed = book.apply(ContractSide::No, dec("0.5400"), dec("-20.00"));
    QVERIFY(removed);
    QCOMPARE(removed->size.isZero(), true);
    QCOMPARE(removed->price.toString(), u"0.4600"_s);
    QCOMPARE(levelsText(book.asks()), (QStringList { u"0.4000/5.00"_s, u"0.4400/100.00"_s }));
}

void KalshiBookTest::capturedSnapshotLadder()
{
    Codec codec;
    EventBatch events;
    const QByteArray frame = kalshiFixtureLine(u"ws-server.jsonl"_s, 17);
    codec.decode(frame.toStdString(), events);
    QCOMPARE(events.size(), 1u);
    const auto &book = std::get<BookSnapshot>(events.front());
    QCOMPARE(book.bids.size(), 10u);
    QCOMPARE(book.asks.size(), 57u);
    QCOMPARE(levelsText(book.bids).mid(0, 3),
             (QStringList { u"0.1000/29.00"_s, u"0.0900/81.00"_s, u"0.0800/248.24"_s }));
    QCOMPARE(levelsText(book.asks).mid(0, 3),
             (QStringList { u"0.1100/207.00"_s, u"0.1200/78.00"_s, u"0.1500/206.00"_s }));
    QCOMPARE(levelsText(book.asks).last(), u"0.9900/419.78"_s);
    // Ladders are strictly ordered best first and never crossed.
    for (std::size_t i = 1; i < book.bids.size(); ++i)
        QVERIFY(book.bids[i].price < book.bids[i - 1].price);
    for (std::size_t i = 1; i < book.asks.size(); ++i)
        QVERIFY(book.asks[i].price > book.asks[i - 1].price);
    QVERIFY(book.bids.front().price < book.asks.front().price);
}

void KalshiBookTest::incrementsBecomeTotals()
{
    Codec codec;
    decode(codec, snapshotFrame(1, 1, "M-1", R"([["0.4000","10.00"]])", R"([["0.5000","7.00"]])"));
    QCOMPARE(decode(codec, deltaFrame(1, 2, "M-1", "yes", "0.4000", "2.50")),
             QStringList { u"delta M-1 seq=2 ts=0 bid 0.4000/12.50"_s });
    QCOMPARE(decode(codec, deltaFrame(1, 3, "M-1", "no", "0.5000", "-7.00")),
             QStringList { u"delta M-1 seq=3 ts=0 ask 0.5000/0.00"_s });
    QCOMPARE(decode(codec, deltaFrame(1, 4, "M-1", "no", "0.5500", "3.00")),
             QStringList { u"delta M-1 seq=4 ts=0 ask 0.4500/3.00"_s });
    QCOMPARE(codec.lastSequence(1), 4);
}

void KalshiBookTest::negativeLevelIsRefused()
{
    Codec codec;
    decode(codec, snapshotFrame(1, 1, "M-1", R"([["0.4000","10.00"]])", "[]"));
    QCOMPARE(decode(codec, deltaFrame(1, 2, "M-1", "yes", "0.4000", "-10.01")),
             QStringList { u"error book_resync_needed symbol=M-1 id=-1 sid=1 expected=-1 got=-1"_s });
    // Until a snapshot arrives, later deltas are dropped quietly (already reported).
    QCOMPARE(decode(codec, deltaFrame(1, 3, "M-1", "yes", "0.4000", "1.00")), QStringList {});
    QCOMPARE(codec.stats().droppedDeltas, 2u);
    decode(codec, snapshotFrame(1, 4, "M-1", R"([["0.4000","1.00"]])", "[]"));
    QCOMPARE(decode(codec, deltaFrame(1, 5, "M-1", "yes", "0.4000", "1.00")),
             QStringList { u"delta M-1 seq=5 ts=0 bid 0.4000/2.00"_s });
}

void KalshiBookTest::legacyCentsSnapshotMatchesStrings()
{
    // Only integer cents and counts (the pre-2026 shape) give the same book as the strings.
    Codec codec;
    const QStringList cents = decode(
        codec,
        R"({"type":"orderbook_snapshot","sid":2,"seq":1,"msg":{"market_ticker":"M-2","yes":[[8,300],[22,333]],"no":[[54,20],[56,146]]}})");
    QCOMPARE(cents, QStringList { u"book M-2 seq=1 ts=0 bids=2:0.22/333 asks=2:0.44/146"_s });
    const QStringList delta = decode(
        codec,
        R"({"type":"orderbook_delta","sid":2,"seq":2,"msg":{"market_ticker":"M-2","price":56,"delta":-46,"side":"no"}})");
    QCOMPARE(delta, QStringList { u"delta M-2 seq=2 ts=0 ask 0.44/100"_s });
}

void KalshiBookTest::gapMarksBooksOnTheSidStale()
{
    Codec codec;
    decode(codec, snapshotFrame(3, 1, "A-1", R"([["0.3000","1.00"]])", "[]"));
    decode(codec, snapshotFrame(3, 2, "B-1", R"([["0.6000","1.00"]])", "[]"));
    decode(codec, snapshotFrame(4, 1, "C-1", R"([["0.5000","1.00"]])", "[]"));
    // seq 3 is lost on sid 3: the gap is reported with what was expected and what came ...
    QCOMPARE(decode(codec, deltaFrame(3, 4, "A-1", "yes", "0.3000", "1.00")),
             QStringList { u"error sequence_gap symbol=A-1 id=-1 sid=3 expected=3 got=4"_s });
    QCOMPARE(codec.stats().sequenceGaps, 1u);
    // ... and both books on sid 3 wait for a snapshot, while sid 4 carries on.
    QCOMPARE(decode(codec, deltaFrame(3, 5, "B-1", "yes", "0.6000", "1.00")), QStringList {});
    QCOMPARE(decode(codec, deltaFrame(4, 2, "C-1", "yes", "0.5000", "1.00")),
             QStringList { u"delta C-1 seq=2 ts=0 bid 0.5000/2.00"_s });
    // The get_snapshot reply (docs/protocols/kalshi.md §4.3) restores a book; deltas flow again.
    QCOMPARE(
        decode(
            codec,
            R"({"type":"orderbook_snapshot","id":9,"sid":3,"seq":6,"msg":{"market_ticker":"A-1","yes_dollars_fp":[["0.3100","4.00"]]}})"),
        QStringList { u"book A-1 seq=6 ts=0 bids=1:0.3100/4.00 asks=0:-"_s });
    QCOMPARE(decode(codec, deltaFrame(3, 7, "A-1", "yes", "0.3100", "1.00")),
             QStringList { u"delta A-1 seq=7 ts=0 bid 0.3100/5.00"_s });
    QCOMPARE(decode(codec, deltaFrame(3, 8, "B-1", "yes", "0.6000", "1.00")), QStringList {});
    // A repeated (backwards) seq is a gap too.
    QCOMPARE(decode(codec, deltaFrame(3, 8, "A-1", "yes", "0.3100", "1.00")).first(),
             u"error sequence_gap symbol=A-1 id=-1 sid=3 expected=9 got=8"_s);
}

void KalshiBookTest::gapOnCapturedTrades()
{
    // WS#28 and WS#29 are consecutive lines of a sample extract on sid 2 with seq 10 then 48 (docs/protocols/kalshi.md
    // §10): fed in a row they show a gap, and the trade itself is still delivered after the report.
    Codec codec;
    EventBatch events;
    codec.decode(kalshiFixtureLine(u"ws-server.jsonl"_s, 28).toStdString(), events);
    codec.decode(kalshiFixtureLine(u"ws-server.jsonl"_s, 29).toStdString(), events);
    const QStringList texts = kalshiEventTexts(events);
    QCOMPARE(texts.size(), 3);
    QCOMPARE(texts[1], u"error sequence_gap symbol= id=-1 sid=2 expected=11 got=48"_s);
    QVERIFY(texts[2].startsWith(u"trade KXBTCD-26FEB1217-T67749.99"_s));
    QVERIFY(std::get<FeedError>(events[1]).message.contains(u"expected seq 11, got 48"_s));
}

void KalshiBookTest::deltaBeforeSnapshot()
{
    Codec codec;
    QCOMPARE(decode(codec, deltaFrame(1, 1, "X-1", "yes", "0.2000", "1.00")),
             QStringList { u"error book_resync_needed symbol=X-1 id=-1 sid=1 expected=-1 got=-1"_s });
    QCOMPARE(decode(codec, deltaFrame(1, 2, "X-1", "yes", "0.2000", "1.00")), QStringList {});
}

void KalshiBookTest::controlFramesAdvanceSequence()
{
    // `ok` with sid+seq may share the data counter (docs/protocols/kalshi.md §10, §16): accept it as advancing.
    Codec codec;
    decode(codec, snapshotFrame(5, 1, "A-1", R"([["0.3000","1.00"]])", "[]"));
    decode(codec, R"({"id":7,"sid":5,"seq":2,"type":"ok","msg":{"market_tickers":["A-1","B-1"]}})");
    QCOMPARE(decode(codec, deltaFrame(5, 3, "A-1", "yes", "0.3000", "1.00")),
             QStringList { u"delta A-1 seq=3 ts=0 bid 0.3000/2.00"_s });
    QCOMPARE(codec.stats().sequenceGaps, 0u);
}

void KalshiBookTest::unsubscribeAndResetForgetSequence()
{
    Codec codec;
    decode(codec, snapshotFrame(2, 6, "A-1", R"([["0.3000","1.00"]])", "[]"));
    QCOMPARE(decode(codec, kalshiFixtureLine(u"ws-server.jsonl"_s, 2)),
             QStringList { u"ack unsubscribed channel= symbol= id=102 sid=2"_s });
    QCOMPARE(codec.lastSequence(2), -1);
    QCOMPARE(decode(codec, deltaFrame(2, 1, "A-1", "yes", "0.3000", "1.00")),
             QStringList {}); // book forgotten with its sid
    // A new subscription on a reused sid starts its own sequence.
    decode(codec, R"({"id":8,"type":"subscribed","msg":{"channel":"orderbook_delta","sid":2}})");
    QCOMPARE(codec.lastSequence(2), -1);
    // After a reconnect everything starts over (docs/protocols/kalshi.md §10).
    decode(codec, snapshotFrame(9, 40, "Z-1", R"([["0.3000","1.00"]])", "[]"));
    codec.reset();
    QCOMPARE(codec.lastSequence(9), -1);
    QCOMPARE(decode(codec, snapshotFrame(9, 1, "Z-1", R"([["0.3000","1.00"]])", "[]")),
             QStringList { u"book Z-1 seq=1 ts=0 bids=1:0.3000/1.00 asks=0:-"_s });
    QCOMPARE(codec.stats().sequenceGaps, 0u);
}

QTEST_GUILESS_MAIN(KalshiBookTest)
#include "tst_kalshi_book.moc"
