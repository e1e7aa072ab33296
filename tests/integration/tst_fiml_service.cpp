// FimlService against the project's FIML emulator: routing by subscription id, limits, errors, faults.
#include "DropCycles.h"

#include "emulator/fiml/FimlEmulator.h"
#include "venues/fiml/FimlService.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tapescope;
using emulator::fiml::FimlEmulator;
using fiml::FimlService;
using fiml::StreamType;
using fiml::SubscribeRequest;
using fiml::UnsubscribeRequest;

namespace {

struct Recorder
{
    explicit Recorder(FimlService *service)
    {
        QObject::connect(service, &FimlService::eventsReady, [this](const EventBatch &batch) {
            for (const auto &e : batch)
                events.push_back(e);
        });
        QObject::connect(service, &FimlService::feedStatusChanged, [this](const FeedStatus &s) {
            if (states.isEmpty() || states.last() != s.state)
                states.append(s.state);
            last = s;
        });
    }
    template<typename T> int count(const QString &symbol = QString()) const
    {
        return int(std::count_if(events.begin(), events.end(), [&](const MarketEvent &e) {
            const T *t = std::get_if<T>(&e);
            if constexpr (requires { t->symbol; })
                return t && (symbol.isEmpty() || t->symbol == symbol);
            return t != nullptr;
        }));
    }
    template<typename T> std::vector<T> all() const
    {
        std::vector<T> out;
        for (const auto &e : events) {
            if (const T *t = std::get_if<T>(&e))
                out.push_back(*t);
        }
        return out;
    }
    std::optional<FeedError> error(const QString &code) const
    {
        for (const auto &e : all<FeedError>()) {
            if (e.code == code)
                return e;
        }
        return std::nullopt;
    }
    EventBatch events;
    QList<ConnectionState> states;
    FeedStatus last;
};

FimlEmulator::Options fastServer()
{
    FimlEmulator::Options options;
    options.heartbeatIntervalMs = 200;
    return options;
}

fiml::ServiceConfig configFor(const FimlEmulator &emu)
{
    fiml::ServiceConfig config;
    config.host = emu.host();
    config.port = emu.port();
    config.intervalMs = 150;
    return config;
}

FimlService::Options fastOptions()
{
    FimlService::Options options;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    options.connection.staleAfter = std::chrono::milliseconds(700);
    options.connection.silenceTimeout = std::chrono::milliseconds(1400);
    return options;
}

SubscribeRequest request(StreamType type, QStringList symbols, int intervalMs = 0)
{
    SubscribeRequest r;
    r.streamType = type;
    r.symbols = std::move(symbols);
    r.intervalMs = intervalMs;
    return r;
}

int subscribesReceived(const FimlEmulator &emu)
{
    const auto frames = emu.receivedFrames();
    return int(std::count_if(frames.begin(), frames.end(), [](const QByteArray &f) {
        return QJsonDocument::fromJson(f).object().value(u"type"_s).toString() == u"subscribe"_s;
    }));
}

} // namespace

class TestFimlService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void configReadsTheStreamUrl()
    {
        const auto config = fiml::ServiceConfig::fromUrl(QUrl(u"ws://10.0.0.5:8100/ws/stream"_s));
        QVERIFY(config);
        QCOMPARE(config->host, u"10.0.0.5"_s);
        QCOMPARE(config->port, 8100);
        QCOMPARE(config->url(), QUrl(u"ws://10.0.0.5:8100/ws/stream"_s));
        QCOMPARE(fiml::ServiceConfig::fromUrl(QUrl(u"ws://fiml.local"_s))->port, 8000);
        QString error;
        QVERIFY(!fiml::ServiceConfig::fromUrl(QUrl(u"http://x:1/ws/stream"_s), &error));
        QVERIFY(!fiml::ServiceConfig::fromUrl(QUrl(u"ws://x:1/ws/prices/AAPL"_s), &error));
        QVERIFY(error.contains(u"/ws/stream"_s));
    }

    void pricesAndCandlesAreRoutedBySubscriptionId()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s, u"MSFT"_s }));
        service.subscribe(request(StreamType::Ohlcv, { u"BTC/USDT"_s }));
        // quote and multi_asset data arrive labelled "price" (docs/protocols/fiml.md §4.3): still theirs, by id.
        service.subscribe(request(StreamType::Quote, { u"TSLA"_s }));
        service.subscribe(request(StreamType::MultiAsset, { u"ETH/USDT"_s }));
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 2 && rec.count<Ticker>(u"MSFT"_s) >= 2, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Candle>(u"BTC/USDT"_s) >= 2, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"TSLA"_s) >= 1 && rec.count<Ticker>(u"ETH/USDT"_s) >= 1, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Heartbeat>() >= 1, 3000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QCOMPARE(service.acknowledgedSubscriptions(), 4);
        QCOMPARE(rec.count<SubscriptionAck>(), 5); // one per symbol

        for (const Ticker &ticker : rec.all<Ticker>()) {
            QVERIFY(ticker.last && ticker.change && ticker.changePercent && ticker.volume);
            QVERIFY(!ticker.provider.isEmpty());
            QVERIFY(ticker.confidence && *ticker.confidence > Decimal::fromInteger(0)
                    && *ticker.confidence <= Decimal::fromInteger(1));
            QVERIFY(ticker.ts > 1'600'000'000'000);
        }
        for (const Candle &candle : rec.all<Candle>()) {
            QVERIFY(candle.low <= candle.open && candle.open <= candle.high);
            QVERIFY(candle.low <= candle.close && candle.close <= candle.high);
            QCOMPARE(candle.start % 60000, 0);
        }
        QCOMPARE(rec.count<Candle>(u"AAPL"_s), 0);
        QCOMPARE(service.codecStats().malformed, 0u);
    }

    void dataComesAtTheRequestedInterval()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"SPY"_s }, 400));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"SPY"_s) >= 1, 5000);
        rec.events.clear();
        QTest::qWait(2000);
        const int updates = rec.count<Ticker>(u"SPY"_s);
        QVERIFY2(updates >= 3 && updates <= 6, qPrintable(QString::number(updates))); // 2 s / 400 ms = 5
    }

    void requestsOutsideTheLimitsAreRefusedBeforeSending()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 5000);
        QStringList many;
        for (int i = 0; i < 51; ++i)
            many.append(u"SYM%1"_s.arg(i));
        service.subscribe(request(StreamType::Price, many));
        QTRY_VERIFY_WITH_TIMEOUT(rec.error(u"invalid_subscription"_s).has_value(), 2000);
        QVERIFY2(rec.error(u"invalid_subscription"_s)->message.contains(u"1 to 50"_s),
                 qPrintable(rec.error(u"invalid_subscription"_s)->message));
        rec.events.clear();
        service.subscribe(request(StreamType::Ohlcv, { u"AAPL"_s }, 50));
        QTRY_VERIFY_WITH_TIMEOUT(rec.error(u"invalid_subscription"_s).has_value(), 2000);
        QVERIFY(rec.error(u"invalid_subscription"_s)->message.contains(u"100 to 60000 ms"_s));
        QTRY_VERIFY_WITH_TIMEOUT(englishText(rec.last.reason).contains(u"100 to 60000 ms"_s), 3000);
        QCOMPARE(subscribesReceived(emu), 0);
        QCOMPARE(service.wantedSubscriptions(), 0);
    }

    // The fault matrix's "malformed frame" against the emulator (docs/reliability.md): a data frame cut short and a
    // frame that is no object are counted and reported, the connection stays (no reconnect, nothing subscribed
    // again), and prices and candles keep coming.
    void malformedFrameIsCountedAndTheFeedGoesOn()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s }));
        service.subscribe(request(StreamType::Ohlcv, { u"AAPL"_s }));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);
        QCOMPARE(service.codecStats().malformed, 0u);

        emu.sendRawToAll(QByteArrayLiteral(R"({"type":"data","subscription_id":"x","stream_type":"price","data":[{)"));
        emu.sendRawToAll(QByteArrayLiteral("42"));
        QTRY_COMPARE_WITH_TIMEOUT(service.codecStats().malformed, 2u, 3000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.error(u"malformed"_s).has_value(), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.malformedFrames, quint64(2), 3000);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QCOMPARE(rec.last.stats.reconnects, 0u);
        QCOMPARE(subscribesReceived(emu), 2); // nothing subscribed again
    }

    // The fault matrix's "server restart" (docs/reliability.md): the venue's process goes away and a new one, which
    // knows no subscription, listens on the same port. The client is refused meanwhile, comes back by itself and
    // subscribes everything again on the new server; prices and candles flow again.
    void serverRestartOnTheSamePortSubscribesEverythingAgain()
    {
        auto emu = std::make_unique<FimlEmulator>(fastServer());
        QVERIFY(emu->listen());
        const quint16 port = emu->port();
        FimlService::Options options = fastOptions();
        droptest::fastReconnects(options.connection);
        FimlService service(configFor(*emu), options);
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s }));
        service.subscribe(request(StreamType::Ohlcv, { u"AAPL"_s }));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);

        emu.reset(); // the venue's process ends
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 3000);
        QTest::qWait(300); // a few refused attempts
        QVERIFY(rec.last.state != ConnectionState::Live);
        emu = std::make_unique<FimlEmulator>(fastServer());
        QVERIFY2(emu->listen(QHostAddress::LocalHost, port), qPrintable(emu->listenError()));
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QCOMPARE(subscribesReceived(*emu), 2); // both subscriptions, once each, on the new server
        QCOMPARE(emu->subscriptionCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(service.acknowledgedSubscriptions(), 2, 3000);
        QVERIFY(rec.last.stats.reconnects >= 1);
    }

    void reconnectsAndSubscribesEverythingAgain()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s }));
        service.subscribe(request(StreamType::Ohlcv, { u"AAPL"_s }));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);

        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 5000);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Candle>(u"AAPL"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QVERIFY(rec.last.stats.reconnects >= 1);
        QCOMPARE(subscribesReceived(emu), 4);
        QCOMPARE(emu.subscriptionCount(), 2); // the new connection holds both again, nothing doubled
        QCOMPARE(service.acknowledgedSubscriptions(), 2);
    }

    // Issue 14: 100 drops in a row, each followed by a reconnect and prices equal to the emulator's. FIML has no
    // order book (price and OHLCV updates only, docs/protocols/fiml.md §4.3), so what is compared is the closest
    // thing: the last price of each subscribed symbol. Every update moves the emulator's price first, and with a 60 s
    // interval the only update on a connection is the one a (re)subscription triggers at once: the price a client
    // holds after a cycle can only have come from the new connection. FIML has no sequence numbers (§4.3, §5).
    void hundredDropsEachEndWithTheVenuesPrices()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        fiml::ServiceConfig config = configFor(emu);
        config.intervalMs = 60000; // the longest FIML accepts: one update per subscription and connection
        FimlService::Options options = fastOptions();
        droptest::fastReconnects(options.connection);
        FimlService service(config, options);
        Recorder rec(&service);
        const QStringList symbols { u"AAPL"_s, u"MSFT"_s };
        service.subscribe(request(StreamType::Price, symbols));
        service.start();
        std::map<QString, Decimal> held; // each symbol's last price as the client has it
        const auto lastPrices = [&] {
            for (const Ticker &ticker : rec.all<Ticker>()) {
                if (ticker.last)
                    held[ticker.symbol] = *ticker.last;
            }
        };
        // Empty when every symbol's price equals the venue's, else the first difference.
        const auto priceDifference = [&]() -> QString {
            for (const QString &symbol : symbols) {
                const auto cents = emu.priceCents(symbol);
                const auto ours = held.find(symbol);
                if (!cents || ours == held.end())
                    return symbol + u": no price"_s;
                if (!(ours->second == Decimal::fromRaw(*cents, 2)))
                    return u"%1: %2, venue %3"_s.arg(symbol, ours->second.toString(),
                                                     Decimal::fromRaw(*cents, 2).toString());
            }
            return QString();
        };
        const auto updatedOnce
            = [&] { return rec.count<Ticker>(symbols[0]) >= 1 && rec.count<Ticker>(symbols[1]) >= 1; };
        QTRY_VERIFY_WITH_TIMEOUT(updatedOnce() && rec.last.state == ConnectionState::Live, 8000);
        lastPrices();
        QCOMPARE(priceDifference(), QString());
        const qsizetype sockets = service.findChildren<QWebSocket *>().size();
        QCOMPARE(sockets, 1);
        QSignalSpy connections(&emu, &FimlEmulator::clientConnected);

        int moved = 0; // cycles in which the venue's price of AAPL moved (it stays put one update in 11)
        for (int cycle = 1; cycle <= droptest::kCycles; ++cycle) {
            const Decimal before = held[symbols[0]];
            const qsizetype mark = rec.states.size();
            rec.events.clear();
            emu.dropAllConnections();
            QTRY_VERIFY2_WITH_TIMEOUT(rec.states.indexOf(ConnectionState::BackingOff, mark) >= 0,
                                      qPrintable(droptest::atCycle(cycle, u"the feed never left Live"_s)), 3000);
            QTRY_VERIFY2_WITH_TIMEOUT(updatedOnce() && rec.last.state == ConnectionState::Live,
                                      qPrintable(droptest::atCycle(cycle, u"no new prices and Live"_s)), 5000);
            lastPrices();
            const QString why = priceDifference();
            QVERIFY2(why.isEmpty(), qPrintable(droptest::atCycle(cycle, why)));
            if (!(held[symbols[0]] == before))
                ++moved;
            QVERIFY2(connections.size() == cycle,
                     qPrintable(droptest::atCycle(
                         cycle, u"%1 new connections after %2 drops"_s.arg(connections.size()).arg(cycle))));
        }

        QVERIFY2(moved >= droptest::kCycles / 2, qPrintable(QString::number(moved)));
        QVERIFY2(rec.last.stats.reconnects >= quint32(droptest::kCycles),
                 qPrintable(QString::number(rec.last.stats.reconnects)));
        QCOMPARE(service.codecStats().malformed, 0u);
        // Nothing piled up per cycle: one socket in the service, one client and one subscription at the venue, one
        // acknowledged subscription in the service, one subscribe per connection.
        QCOMPARE(service.findChildren<QWebSocket *>().size(), sockets);
        QCOMPARE(emu.clientCount(), 1);
        QCOMPARE(emu.subscriptionCount(), 1);
        QCOMPARE(service.acknowledgedSubscriptions(), 1);
        QCOMPARE(subscribesReceived(emu), droptest::kCycles + 1);
    }

    void heartbeatsKeepAQuietFeedLive()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.start(); // no subscriptions: only heartbeats arrive
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Heartbeat>() >= 1, 3000);
        QTest::qWait(1500); // twice the stale limit
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QVERIFY(!rec.states.contains(ConnectionState::Stale));
        QVERIFY(rec.count<Heartbeat>() >= 5);
    }

    void silenceGoesStaleThenReconnects()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"QQQ"_s }, 1000));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"QQQ"_s) >= 1, 5000);

        QSignalSpy clients(&emu, &FimlEmulator::clientConnected);
        emu.setSilent(true);
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::Stale), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(clients.count() >= 1, 5000); // the watchdog gave up on the silent socket
        emu.setSilent(false);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"QQQ"_s) >= 1, 8000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 3000);
    }

    void venueErrorsAreMatchedToTheirRequestAndShown()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 5000);

        // Refused on its merits: reported with FIML's reason, and not asked for again.
        emu.failNextRequests(1, u"SUBSCRIPTION_ERROR"_s,
                             u"Failed to create subscription: 1 validation error for SubscriptionRequest\nsymbols\n"
                             "  List should have at most 50 items after validation, not 51 [type=too_long, "
                             "input_value=['A'], input_type=list]\n    For further information visit "
                             "https://errors.pydantic.dev/2.13/v/too_long"_s);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.error(u"invalid_subscription"_s).has_value(), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(englishText(rec.last.reason).contains(u"symbols: List should have at most 50 items"_s),
                                 3000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QCOMPARE(service.wantedSubscriptions(), 0);

        // A failure while handling: reported, kept, and created on the next session.
        emu.failNextRequests(1, u"PROCESSING_ERROR"_s, u"Error processing message: provider timeout"_s);
        service.subscribe(request(StreamType::Price, { u"NVDA"_s }));
        QTRY_VERIFY_WITH_TIMEOUT(rec.error(u"processing_error"_s).has_value(), 3000);
        QCOMPARE(service.wantedSubscriptions(), 1);
        QCOMPARE(rec.count<Ticker>(u"NVDA"_s), 0);
        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"NVDA"_s) >= 1, 8000);
        QCOMPARE(rec.count<Ticker>(u"AAPL"_s), 0);
        // A later successful request clears the error from the state.
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.reason.code != FeedReason::Code::LastVenueError, 3000);
    }

    void unsubscribeStopsTheDataOfThoseSymbols()
    {
        FimlEmulator emu(fastServer());
        QVERIFY(emu.listen());
        FimlService service(configFor(emu), fastOptions());
        Recorder rec(&service);
        service.subscribe(request(StreamType::Price, { u"AAPL"_s, u"MSFT"_s }));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"AAPL"_s) >= 1 && rec.count<Ticker>(u"MSFT"_s) >= 1, 8000);

        service.unsubscribe(UnsubscribeRequest { StreamType::Price, QStringList { u"AAPL"_s } });
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Ticker>(u"MSFT"_s) >= 3, 5000);
        QCOMPARE(rec.count<Ticker>(u"AAPL"_s), 0);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<SubscriptionAck>() >= 1, 2000);
        QCOMPARE(rec.all<SubscriptionAck>().front().subscribed, false);

        service.unsubscribe(UnsubscribeRequest { StreamType::Price, std::nullopt });
        QTRY_COMPARE_WITH_TIMEOUT(emu.subscriptionCount(), 0, 3000);
        QCOMPARE(service.wantedSubscriptions(), 0);
        QTest::qWait(300);
        rec.events.clear();
        QTest::qWait(500);
        QCOMPARE(rec.count<Ticker>(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFimlService)
#include "tst_fiml_service.moc"
