// HyperliquidService against the project's emulator: the whole socket -> codec -> service path, with faults.
#include "emulator/HyperliquidEmulator.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

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
    template<typename T>
    int count(const QString &symbol = QString()) const
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
    QList<VenueConnection::State> states;
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
        service.subscribe({Subscription::Type::L2Book, u"BTC"_s, {}, {}});
        service.subscribe({Subscription::Type::Trades, u"BTC"_s, {}, {}});
        service.subscribe({Subscription::Type::Candle, u"ETH"_s, u"1m"_s, {}});
        service.subscribe({Subscription::Type::ActiveAssetCtx, u"@107"_s, {}, {}});
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) >= 2, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"BTC"_s) >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Candle>(u"ETH"_s) >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"@107"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, VenueConnection::State::Live);

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
        service.subscribe({Subscription::Type::L2Book, u"SOL"_s, {}, {}});
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"SOL"_s) >= 1, 8000);

        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(VenueConnection::State::BackingOff), 5000);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"SOL"_s) >= 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, VenueConnection::State::Live, 3000);
        QVERIFY(rec.last.stats.reconnects >= 1);

        // The subscribe frame reached the server on both connections.
        int subscribes = 0;
        for (const QByteArray &frame : emu.receivedFrames()) {
            if (frame.contains("\"subscribe\"") && frame.contains("\"SOL\""))
                ++subscribes;
        }
        QVERIFY2(subscribes >= 2, "subscription must be re-sent after the reconnect");
    }

    void silentServerGoesStaleThenReconnects()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({Subscription::Type::L2Book, u"ETH"_s, {}, {}});
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"ETH"_s) >= 1, 8000);

        QSignalSpy clients(&emu, &emulator::HyperliquidEmulator::clientConnected);
        emu.setSilent(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(VenueConnection::State::Stale), 5000);
        // The watchdog declares the silent socket dead and dials again.
        QTRY_VERIFY_WITH_TIMEOUT(clients.count() >= 1, 8000);
        emu.setSilent(false);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"ETH"_s) >= 1, 8000);
    }

    void malformedFrameIsCountedAndBooksSurvive()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({Subscription::Type::L2Book, u"BTC"_s, {}, {}});
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) >= 1, 8000);
        emu.sendRawToAll(QByteArrayLiteral("{\"channel\":\"l2Book\",\"data\":{\"coin\":\"BTC\",\"levels\":[[{\"px\":"));
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<FeedError>() >= 1, 3000);
        QCOMPARE(rec.last.state == VenueConnection::State::Live || rec.last.state == VenueConnection::State::Stale, true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.stats.decodeErrors >= 1, 3000);
        const int before = rec.count<BookSnapshot>(u"BTC"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookSnapshot>(u"BTC"_s) > before, 5000);
    }

    void rejectedSubscriptionIsReported()
    {
        emulator::HyperliquidEmulator emu;
        QVERIFY(emu.listen());
        HyperliquidService service(*hyperliquid::Endpoints::custom(emu.restBaseUrl()), fastOptions());
        Recorder rec(&service);
        service.subscribe({Subscription::Type::L2Book, u"NOPE"_s, {}, {}});
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<FeedError>() >= 1, 8000);
        const auto it = std::find_if(rec.events.begin(), rec.events.end(),
                                     [](const MarketEvent &e) { return std::holds_alternative<FeedError>(e); });
        QCOMPARE(std::get<FeedError>(*it).code, u"invalid_subscription"_s);
    }
};

QTEST_GUILESS_MAIN(TestHyperliquidService)
#include "tst_hyperliquid_service.moc"
