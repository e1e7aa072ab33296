// HyperliquidService against the project's emulator: the whole socket -> codec -> service path, with faults.
#include "DropCycles.h"

#include "core/OrderBook.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"
#include "net/SendBudget.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QSemaphore>
#include <QtCore/QThread>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <functional>
#include <map>
#include <memory>

using namespace Qt::StringLiterals;
using namespace tapescope;
using hyperliquid::HyperliquidService;
using hyperliquid::Subscription;

namespace {

// Collects everything a service emits, so tests can wait on conditions over it.
struct Recorder
{
    explicit Recorder(HyperliquidService *service)
    {
        QObject::connect(service, &HyperliquidService::eventsReady, [this](const EventBatch &batch) {
            for (const auto &e : batch)
                events.push_back(e);
        });
        QObject::connect(service, &HyperliquidService::feedStatusChanged, [this](const FeedStatus &s) {
            if (states.isEmpty() || states.last() != s.state)
                states.append(s.state);
            last = s;
        });
        QObject::connect(service, &HyperliquidService::instrumentsReady,
                         [this](const QList<Instrument> &list) { instruments = list; });
    }
    template<typename T> int count(const QString &symbol = QString()) const
    {
        int n = 0;
        for (const auto &e : events) {
            const T *t = std::get_if<T>(&e);
            if (!t)
                continue;
            if constexpr (requires { t->symbol; }) {
                if (!symbol.isEmpty() && t->symbol != symbol)
                    continue;
            }
            ++n;
        }
        return n;
    }
    EventBatch events;
    QList<ConnectionState> states;
    QList<Instrument> instruments;
    FeedStatus last;
};

HyperliquidService::Options fastOptions()
{
    HyperliquidService::Options options;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    options.connection.heartbeatInterval = std::chrono::milliseconds(200);
    options.connection.staleAfter = std::chrono::milliseconds(400);
    options.connection.silenceTimeout = std::chrono::milliseconds(900);
    return options;
}

// Wire frames for instruments the emulator does not stream, so nothing else interleaves with them.
QByteArray bookFrame(const char *coin, int n)
{
    return QStringLiteral(
               R"({"channel":"l2Book","data":{"coin":"%1","time":%2,"levels":[[{"px":"%3","sz":"1.5","n":1}],)"
               R"([{"px":"%4","sz":"2.5","n":2}]]}})")
        .arg(QLatin1String(coin))
        .arg(1700000000000LL + n)
        .arg(1000 + n)
        .arg(1001 + n)
        .toUtf8();
}

QByteArray tradeFrame(const char *coin, int n)
{
    return QStringLiteral(R"({"channel":"trades","data":[{"coin":"%1","side":"B","px":"%2","sz":"0.1","time":%3,)"
                          R"("hash":"0xab","tid":%4,"users":["0x1","0x2"]}]})")
        .arg(QLatin1String(coin))
        .arg(1000 + n)
        .arg(1700000000000LL + n)
        .arg(n)
        .toUtf8();
}

// A service in a worker thread, as the app runs it, whose thread a test can hold so that frames pile up in
// its socket; batches are collected in the test's thread through the queued eventsReady.
struct HeldService
{
    HeldService(emulator::HyperliquidEmulator &emu, HyperliquidService::Options options)
        : service(new HyperliquidService(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), std::move(options)))
    {
        service->moveToThread(&worker);
        QObject::connect(&worker, &QThread::finished, service, &QObject::deleteLater);
        QObject::connect(service, &HyperliquidService::eventsReady, &receiver,
                         [this](const EventBatch &batch) { batches.push_back(batch); });
        worker.start();
        HyperliquidService *s = service;
        QMetaObject::invokeMethod(s, [s] {
            s->subscribe({ Subscription::Type::L2Book, u"BTC"_s, {}, {} });
            s->start();
        });
    }
    ~HeldService()
    {
        QMetaObject::invokeMethod(service, &HyperliquidService::stop, Qt::BlockingQueuedConnection);
        worker.quit();
        worker.wait();
    }

    // Runs `send` while the service thread is held, then lets it go; returns the index of the first batch after.
    std::size_t holdWhile(const std::function<void()> &send)
    {
        QMetaObject::invokeMethod(service, [this] {
            holding.release();
            release.acquire(); // the service thread waits here while the frames arrive
        });
        holding.acquire();
        send();
        // Nothing in the held thread can signal that the bytes arrived; this lets the emulator write them out.
        QTest::qWait(300);
        const std::size_t first = batches.size();
        release.release();
        return first;
    }

    template<typename T> int count(const QString &symbol) const
    {
        int n = 0;
        for (const EventBatch &batch : batches) {
            for (const MarketEvent &event : batch) {
                if (const T *e = std::get_if<T>(&event); e && e->symbol == symbol)
                    ++n;
            }
        }
        return n;
    }

    qint64 newestTs(const QString &symbol) const
    {
        qint64 ts = 0;
        for (const EventBatch &batch : batches) {
            for (const MarketEvent &event : batch) {
                if (const auto *book = std::get_if<BookSnapshot>(&event); book && book->symbol == symbol)
                    ts = book->ts;
            }
        }
        return ts;
    }

    QSemaphore holding, release; // members: the held thread may still be leaving acquire() when holdWhile returns
    QThread worker;
    HyperliquidService *service; // lives in `worker`
    QObject receiver; // in the test's thread
    std::vector<EventBatch> batches;
};

} // namespace

class TestHyperliquidService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpointsDeriveTheOtherUrl()
    {
        auto fromRest = hyperliquid::Endpoints::custom(QUrl(u"http://127.0.0.1:3001"_s));
        QVERIFY(fromRest);
        QCOMPARE(fromRest->wsUrl, QUrl(u"ws://127.0.0.1:3001/ws"_s));
        auto fromWs = hyperliquid::Endpoints::custom(QUrl(u"wss://api.example.test/ws"_s));
        QVERIFY(fromWs);
        QCOMPARE(fromWs->restBase, QUrl(u"https://api.example.test"_s));
        QCOMPARE(hyperliquid::Endpoints::mainnet().wsUrl, QUrl(u"wss://api.hyperliquid.xyz/ws"_s));
        QCOMPARE(hyperliquid::Endpoints::testnet().wsUrl, QUrl(u"wss://api.hyperliquid-testnet.xyz/ws"_s));
        QString error;
        QVERIFY(!hyperliquid::Endpoints::custom(QUrl(u"ftp://x/"_s), &error));
        QVERIFY(error.contains(u"scheme"_s));
    }

    void metadataThenBooksTradesCandles()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({ Subscription::Type::L2Book, u"BTC"_s, {}, {} });
        service.subscribe({ Subscription::Type::Trades, u"BTC"_s, {}, {} });
        service.subscribe({ Subscription::Type::Candle, u"ETH"_s, u"1m"_s, {} });
        service.subscribe({ Subscription::Type::ActiveAssetCtx, u"@107"_s, {}, {} });
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) >= 2, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"BTC"_s) >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Candle>(u"ETH"_s) >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"@107"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);

        // spotMeta maps the wire coin to the name a person reads.
        const auto hype = std::find_if(rec.instruments.begin(), rec.instruments.end(),
                                       [](const Instrument &i) { return i.id.symbol == u"@107"_s; });
        QVERIFY(hype != rec.instruments.end());
        QCOMPARE(hype->id.display, u"HYPE/USDC"_s);
        QCOMPARE(hype->kind, Instrument::Kind::Spot);

        for (const auto &e : rec.events) {
            if (const auto *book = std::get_if<BookSnapshot>(&e)) {
                QVERIFY(!book->bids.empty() && !book->asks.empty());
                QVERIFY2(book->bids.front().price < book->asks.front().price, "emulated book must not be crossed");
            }
            if (const auto *ticker = std::get_if<Ticker>(&e))
                QVERIFY2(ticker->ts > 0, "tickers are stamped with the receive time");
        }
        QCOMPARE(service.codecStats().malformed, 0u);
    }

    void reconnectsAndResubscribesAfterServerDrop()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({ Subscription::Type::L2Book, u"SOL"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"SOL"_s) >= 1, 8000);

        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 5000);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"SOL"_s) >= 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 3000);
        QVERIFY(rec.last.stats.reconnects >= 1);

        // The subscribe frame reached the server on both connections.
        int subscribes = 0;
        for (const QByteArray &frame : emu.receivedFrames()) {
            if (frame.contains("\"subscribe\"") && frame.contains("\"SOL\""))
                ++subscribes;
        }
        QVERIFY2(subscribes >= 2, "subscription must be re-sent after the reconnect");
    }

    // Issue 14: 100 drops in a row, each followed by a reconnect and a SOL book equal to the emulator's, level by
    // level. The emulator's book moves only when the test steps it: once while the client is away (so only a new
    // subscription's snapshot can make the books equal again) and once after it is back (a book frame on the new
    // connection). Hyperliquid has no sequence numbers (docs/protocols/hyperliquid.md §2): every l2Book is whole.
    // The fault matrix's "server restart" (docs/reliability.md): the venue's process goes away and a new one, with
    // a fresh state, listens on the same port. The client is refused while nothing listens, comes back by itself,
    // and its book is the new server's, not the old one's.
    void serverRestartOnTheSamePortGivesTheNewServersBook()
    {
        emulator::HyperliquidEmulator::Options market;
        market.bookIntervalMs = 3'600'000; // only stepBooks() moves the books
        market.tradeIntervalMs = 3'600'000;
        market.traders.clear();
        auto emu = std::make_unique<emulator::HyperliquidEmulator>(market);
        QVERIFY(emu->listen());
        const quint16 port = emu->port();
        HyperliquidService::Options options = fastOptions();
        droptest::fastReconnects(options.connection);
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu->restBaseUrl()), options);
        Recorder rec(&service);
        OrderBook book;
        int snapshots = 0;
        QObject::connect(&service, &HyperliquidService::eventsReady, [&](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *snapshot = std::get_if<BookSnapshot>(&event);
                    snapshot && snapshot->symbol == u"SOL"_s) {
                    book.applySnapshot(*snapshot);
                    ++snapshots;
                }
            }
        });
        service.subscribe({ Subscription::Type::L2Book, u"SOL"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots >= 1 && rec.last.state == ConnectionState::Live, 8000);
        for (int step = 0; step < 5; ++step)
            emu->stepBooks(); // the old server's book moves away from where a fresh one starts
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu->book(u"SOL"_s))).isEmpty(),
                                  qPrintable(why), 3000);

        emu.reset(); // the venue's process ends: its port closes, its sockets die
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 3000);
        QTest::qWait(300); // a few refused attempts
        QVERIFY(rec.last.state != ConnectionState::Live);
        const int before = snapshots;
        emu = std::make_unique<emulator::HyperliquidEmulator>(market);
        QVERIFY2(emu->listen(QHostAddress::LocalHost, port), qPrintable(emu->listenError()));
        QVERIFY(!droptest::bookDifference(book, *emu->book(u"SOL"_s)).isEmpty()); // the new server's differs
        QTRY_VERIFY_WITH_TIMEOUT(snapshots > before && rec.last.state == ConnectionState::Live, 8000);
        QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu->book(u"SOL"_s))).isEmpty(),
                                  qPrintable(why), 3000);
        QVERIFY(rec.last.stats.reconnects >= 1);
        QCOMPARE(emu->clientCount(), 1);
        QCOMPARE(service.codecStats().malformed, 0u);
    }

    void hundredDropsEachEndWithTheVenuesBook()
    {
        emulator::HyperliquidEmulator::Options market;
        market.bookIntervalMs = 3'600'000; // only stepBooks() moves the books, and no trades take liquidity
        market.tradeIntervalMs = 3'600'000;
        market.traders.clear();
        emulator::HyperliquidEmulator emu(market);
        QVERIFY(emu.listen());
        HyperliquidService::Options options = fastOptions();
        droptest::fastReconnects(options.connection);
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), options);
        Recorder rec(&service);
        OrderBook book;
        int snapshots = 0;
        QObject::connect(&service, &HyperliquidService::eventsReady, [&](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *snapshot = std::get_if<BookSnapshot>(&event);
                    snapshot && snapshot->symbol == u"SOL"_s) {
                    book.applySnapshot(*snapshot);
                    ++snapshots;
                }
            }
        });
        service.subscribe({ Subscription::Type::L2Book, u"SOL"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots >= 1 && rec.last.state == ConnectionState::Live, 8000);
        QCOMPARE(droptest::bookDifference(book, *emu.book(u"SOL"_s)), QString());
        const qsizetype sockets = service.findChildren<QWebSocket *>().size();
        QCOMPARE(sockets, 1);
        QSignalSpy connections(&emu, &emulator::HyperliquidEmulator::clientConnected);

        QString why;
        for (int cycle = 1; cycle <= droptest::kCycles; ++cycle) {
            const int before = snapshots;
            const qsizetype mark = rec.states.size();
            emu.dropAllConnections();
            // Still in this call, so the client cannot be back yet: the venue's book moves while it is away.
            for (int step = 0; step < 20 && droptest::bookDifference(book, *emu.book(u"SOL"_s)).isEmpty(); ++step)
                emu.stepBooks();
            QVERIFY2(!droptest::bookDifference(book, *emu.book(u"SOL"_s)).isEmpty(),
                     qPrintable(droptest::atCycle(cycle, u"the book did not move while the client was away"_s)));
            QTRY_VERIFY2_WITH_TIMEOUT(rec.states.indexOf(ConnectionState::BackingOff, mark) >= 0,
                                      qPrintable(droptest::atCycle(cycle, u"the feed never left Live"_s)), 3000);
            QTRY_VERIFY2_WITH_TIMEOUT(snapshots > before && rec.last.state == ConnectionState::Live,
                                      qPrintable(droptest::atCycle(cycle, u"no new snapshot and Live"_s)), 5000);
            emu.stepBooks();
            QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu.book(u"SOL"_s))).isEmpty(),
                                      qPrintable(droptest::atCycle(cycle, why)), 3000);
            QVERIFY2(connections.size() == cycle,
                     qPrintable(droptest::atCycle(
                         cycle, u"%1 new connections after %2 drops"_s.arg(connections.size()).arg(cycle))));
        }

        QVERIFY2(rec.last.stats.reconnects >= quint32(droptest::kCycles),
                 qPrintable(QString::number(rec.last.stats.reconnects)));
        QCOMPARE(service.codecStats().malformed, 0u);
        // Nothing piled up per cycle: one socket in the service, one client at the venue, one subscribe per connection.
        QCOMPARE(service.findChildren<QWebSocket *>().size(), sockets);
        QCOMPARE(emu.clientCount(), 1);
        int subscribes = 0;
        for (const QByteArray &frame : emu.receivedFrames()) {
            if (frame.contains("\"subscribe\"") && frame.contains("\"SOL\""))
                ++subscribes;
        }
        QCOMPARE(subscribes, droptest::kCycles + 1);
    }

    void silentServerGoesStaleThenReconnects()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({ Subscription::Type::L2Book, u"ETH"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"ETH"_s) >= 1, 8000);

        QSignalSpy clients(&emu, &emulator::HyperliquidEmulator::clientConnected);
        emu.setSilent(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::Stale), 5000);
        // The watchdog declares the silent socket dead and dials again.
        QTRY_VERIFY_WITH_TIMEOUT(clients.count() >= 1, 8000);
        emu.setSilent(false);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"ETH"_s) >= 1, 8000);
    }

    // The venue's REST rate limit (1200 weight/min, docs/protocols/hyperliquid.md §5) answers HTTP 429: the feed
    // does not wait for the listing (books flow), says what failed and when it asks again, asks again with a growing
    // delay, and publishes the whole listing once the answers come (before: a failed meta or spotMeta was never
    // asked again, and the spot pairs kept their wire names, "@107", for the whole session).
    void rateLimitedMetadataIsAskedAgainLater()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        emu.rateLimitInfoRequests(3);
        HyperliquidService::Options options = fastOptions();
        options.metadataRetryMs = 100;
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), options);
        Recorder rec(&service);
        QList<int> listingSizes;
        connect(&service, &HyperliquidService::instrumentsReady, this,
                [&listingSizes](const QList<Instrument> &list) { listingSizes.append(int(list.size())); });
        service.subscribe({ Subscription::Type::L2Book, u"BTC"_s, {}, {} });
        QElapsedTimer sinceStart;
        sinceStart.start();
        service.start();
        // The socket opened after the first two answers, both refused: books flow without the listing.
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) >= 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.count<FeedError>(), 3, 5000);
        QStringList messages;
        for (const auto &event : rec.events) {
            if (const auto *error = std::get_if<FeedError>(&event)) {
                QCOMPARE(error->code, u"metadata"_s);
                messages << error->message;
            }
        }
        QVERIFY2(messages.at(0).contains(u"429"_s) || messages.at(0).contains(u"Too Many Requests"_s),
                 qPrintable(messages.at(0)));
        QVERIFY2(messages.at(0).contains(u"asked again in 100 ms"_s), qPrintable(messages.at(0)));
        // The second part waits for the same round; the third refusal is the retry's: the next round waits twice as
        // long.
        QVERIFY2(messages.at(1).contains(u"asked again in "_s) && !messages.at(1).contains(u"200 ms"_s),
                 qPrintable(messages.join(u" | "_s)));
        QVERIFY2(messages.at(2).contains(u"asked again in 200 ms"_s), qPrintable(messages.join(u" | "_s)));
        // Then the whole listing: perps and spot pairs with their display names.
        QTRY_VERIFY_WITH_TIMEOUT(
            !rec.instruments.isEmpty() && listingSizes.size() >= 2
                && std::any_of(rec.instruments.cbegin(), rec.instruments.cend(),
                               [](const Instrument &i) { return i.kind == Instrument::Kind::Spot; })
                && std::any_of(rec.instruments.cbegin(), rec.instruments.cend(),
                               [](const Instrument &i) { return i.kind == Instrument::Kind::Perp; }),
            5000);
        QCOMPARE(listingSizes.constFirst(), 0); // the first publication, both parts refused
        QVERIFY(sinceStart.elapsed() >= 300); // 100 ms, then 200 ms: no retry storm
        QCOMPARE(rec.count<FeedError>(), 3); // no further failure
        QVERIFY(rec.last.state == ConnectionState::Live || rec.last.state == ConnectionState::Stale);
    }

    void malformedFrameIsCountedAndBooksSurvive()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({ Subscription::Type::L2Book, u"BTC"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) >= 1, 8000);
        emu.sendRawToAll(QByteArrayLiteral("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[{\"px\":"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<FeedError>() >= 1, 3000);
        QCOMPARE(rec.last.state == ConnectionState::Live || rec.last.state == ConnectionState::Stale, true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.stats.decodeErrors >= 1, 3000);
        const int before = rec.count<BookSnapshot>(u"BTC"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) > before, 5000);
    }

    // While the service thread is busy, frames pile up in its socket and are then decoded in one go: of the
    // books queued per instrument only the newest may leave in a batch, and every trade in between must.
    void snapshotsQueuedWhileBusyLeaveOnePerInstrument()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HeldService held(emu, fastOptions());
        QTRY_VERIFY_WITH_TIMEOUT(held.count<BookSnapshot>(u"BTC"_s) >= 1, 8000);

        constexpr int rounds = 100;
        const std::size_t firstBatch = held.holdWhile([&emu] {
            for (int n = 1; n <= rounds; ++n) {
                emu.sendRawToAll(bookFrame("ZZA", n));
                emu.sendRawToAll(tradeFrame("ZZA", n));
                emu.sendRawToAll(bookFrame("ZZB", n));
            }
        });
        QTRY_COMPARE_WITH_TIMEOUT(held.count<Trade>(u"ZZA"_s), rounds, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(held.count<BookSnapshot>(u"ZZB"_s) >= 1, 5000);

        std::map<QString, const BookSnapshot *> newest;
        qint64 lastTid = 0;
        for (std::size_t i = firstBatch; i < held.batches.size(); ++i) {
            QHash<QString, int> booksInBatch;
            for (const MarketEvent &event : held.batches[i]) {
                if (const auto *book = std::get_if<BookSnapshot>(&event)) {
                    QVERIFY2(++booksInBatch[book->symbol] == 1,
                             qPrintable(u"two books of "_s + book->symbol + u" in a batch"_s));
                    newest[book->symbol] = book;
                } else if (const auto *trade = std::get_if<Trade>(&event); trade && trade->symbol == u"ZZA"_s) {
                    QCOMPARE(trade->id.toLongLong(), lastTid + 1); // every trade, in order
                    lastTid = trade->id.toLongLong();
                }
            }
        }
        const int delivered = held.count<BookSnapshot>(u"ZZA"_s) + held.count<BookSnapshot>(u"ZZB"_s);
        QVERIFY2(delivered < 2 * rounds / 4,
                 qPrintable(u"%1 of %2 queued books were delivered"_s.arg(delivered).arg(2 * rounds)));
        QVERIFY(held.service->batchStats().supersededSnapshots >= quint64(2 * rounds - delivered));
        for (const char *coin : { "ZZA", "ZZB" }) {
            const BookSnapshot *book = newest[QLatin1String(coin)];
            QVERIFY(book);
            QCOMPARE(book->ts, 1700000000000LL + rounds); // the last one sent, not any earlier one
            QCOMPARE(book->bids.front().price.toString(), QString::number(1000 + rounds));
        }
    }

    // Coalescing must not make the hub's book older: a batch still leaves every maxBatchEvents frames, so under a
    // burst the consumer sees a book at least that often.
    void coalescedBatchStillLeavesEveryMaxBatchFrames()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService::Options options = fastOptions();
        options.maxBatchEvents = 10;
        HeldService held(emu, options);
        QTRY_VERIFY_WITH_TIMEOUT(held.count<BookSnapshot>(u"BTC"_s) >= 1, 8000);

        constexpr int frames = 100;
        held.holdWhile([&emu] {
            for (int n = 1; n <= frames; ++n)
                emu.sendRawToAll(bookFrame("ZZA", n));
        });
        QTRY_VERIFY_WITH_TIMEOUT(held.newestTs(u"ZZA"_s) == 1700000000000LL + frames, 5000);
        const int delivered = held.count<BookSnapshot>(u"ZZA"_s);
        // One book per 10 frames (a live BTC frame may share a batch and shift the cut by one).
        QVERIFY2(delivered >= frames / 10 - 1 && delivered < frames,
                 qPrintable(u"%1 books delivered for %2 frames"_s.arg(delivered).arg(frames)));
    }

    // hyperliquid.md §5: 2000 messages a minute per IP, subscription bursts beyond about 25 a second answered with
    // errors, 1000 subscriptions. The service paces what it sends (10 at once, then 15 a second) and refuses the
    // 1001st subscription itself.
    void sendsArePacedWithinTheVenuesLimits()
    {
        const auto endpoints = hyperliquid::Endpoints::custom(QUrl(u"http://127.0.0.1:1"_s));
        const ConnectionConfig defaults = hyperliquid::connectionTo(*endpoints, {});
        QVERIFY(defaults.sendBudget);
        QCOMPARE(defaults.sendBudget->burst(), 10);
        QCOMPARE(defaults.sendBudget->perSecond(), 15.0);
        // One budget for every Hyperliquid connection of the process: the market's and each account's.
        QCOMPARE(hyperliquid::connectionTo(*endpoints, {}).sendBudget, defaults.sendBudget);
        QTest::qWait(1000); // whatever an earlier test took of it is back

        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService::Options options = fastOptions();
        options.connection.heartbeatInterval = std::chrono::milliseconds(0); // only subscriptions are sent
        options.fetchMetadata = false;
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), options);
        Recorder rec(&service);
        for (int i = 0; i < 25; ++i)
            service.subscribe({ Subscription::Type::Trades, u"C%1"_s.arg(i), {}, {} });
        const auto subscribes = [&emu] {
            return std::count_if(emu.receivedFrames().cbegin(), emu.receivedFrames().cend(),
                                 [](const QByteArray &frame) { return frame.contains("\"subscribe\""); });
        };
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(subscribes() >= 10, 8000);
        QElapsedTimer sinceBurst;
        sinceBurst.start();
        QVERIFY2(subscribes() < 25, "all 25 subscriptions arrived at once");
        QTRY_COMPARE_WITH_TIMEOUT(subscribes(), 25, 5000);
        // The 15 after the burst, one every 1/15 s: the last about 1 s after the burst.
        QVERIFY2(sinceBurst.elapsed() >= 800, qPrintable(u"25 subscriptions in %1 ms"_s.arg(sinceBurst.elapsed())));
    }

    void subscriptionsBeyondTheVenuesLimitAreRefused()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService::Options options = fastOptions();
        options.connection.sendBudget = std::make_shared<SendBudget>(1000, 1000.0); // 1000 frames at once
        options.fetchMetadata = false;
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), options);
        Recorder rec(&service);
        for (int i = 0; i < 1000; ++i)
            service.subscribe({ Subscription::Type::Trades, u"C%1"_s.arg(i), {}, {} });
        service.subscribe({ Subscription::Type::Trades, u"C7"_s, {}, {} }); // already held: not a new one
        service.subscribe({ Subscription::Type::Trades, u"OVER"_s, {}, {} });
        service.start();
        // The emulator refuses the unknown coins C0…C999 itself ("Invalid subscription"); the one refused here is
        // OVER, never sent.
        const auto refusedHere = [&rec] {
            QList<FeedError> errors;
            for (const MarketEvent &event : rec.events) {
                const auto *error = std::get_if<FeedError>(&event);
                if (error && error->message.contains(u"at most 1000 subscriptions"_s))
                    errors.append(*error);
            }
            return errors;
        };
        QTRY_COMPARE_WITH_TIMEOUT(refusedHere().size(), 1, 8000);
        QCOMPARE(refusedHere().constFirst().code, u"invalid_subscription"_s);
        QCOMPARE(refusedHere().constFirst().symbol, u"OVER"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.state == ConnectionState::Live, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(emu.receivedFrames().cbegin(), emu.receivedFrames().cend(),
                                             [](const QByteArray &frame) { return frame.contains("\"C999\""); }),
                                 5000);
        QVERIFY(std::none_of(emu.receivedFrames().cbegin(), emu.receivedFrames().cend(),
                             [](const QByteArray &frame) { return frame.contains("OVER"); }));
        QCOMPARE(refusedHere().size(), 1);
    }

    void rejectedSubscriptionIsReported()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({ Subscription::Type::L2Book, u"NOPE"_s, {}, {} });
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<FeedError>() >= 1, 8000);
        const auto it = std::find_if(rec.events.begin(), rec.events.end(),
                                     [](const MarketEvent &e) { return std::holds_alternative<FeedError>(e); });
        QCOMPARE(std::get<FeedError>(*it).code, u"invalid_subscription"_s);
    }
};

QTEST_GUILESS_MAIN(TestHyperliquidService)
#include "tst_hyperliquid_service.moc"
