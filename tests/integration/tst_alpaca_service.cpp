// AlpacaService against the project's Alpaca emulator: session flow, data, error codes and faults.
#include "DropCycles.h"
#include "support/MuteWebSocketServer.h"

#include "core/OrderBook.h"
#include "emulator/alpaca/AlpacaEmulator.h"
#include "venues/alpaca/AlpacaService.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <memory>

using namespace Qt::StringLiterals;
using namespace tapescope;
using alpaca::AlpacaService;
using alpaca::Channel;
using alpaca::Credentials;
using alpaca::Feed;
using alpaca::SubscriptionSet;
using emulator::alpaca::AlpacaEmulator;

namespace {

struct Recorder
{
    explicit Recorder(AlpacaService *service)
    {
        QObject::connect(service, &AlpacaService::eventsReady, [this](const EventBatch &batch) {
            for (const auto &e : batch)
                events.push_back(e);
        });
        QObject::connect(service, &AlpacaService::feedStatusChanged, [this](const FeedStatus &s) {
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
    bool hasError(const QString &code) const
    {
        const auto errors = all<FeedError>();
        return std::any_of(errors.begin(), errors.end(), [&](const FeedError &e) { return e.code == code; });
    }
    EventBatch events;
    QList<ConnectionState> states;
    FeedStatus last;
};

AlpacaEmulator::Options fastMarket()
{
    AlpacaEmulator::Options options;
    options.timing.tickIntervalMs = 40;
    options.timing.barIntervalMs = 150;
    options.timing.bookIntervalMs = 60;
    return options;
}

AlpacaService::Options fastOptions(const QUrl &url)
{
    AlpacaService::Options options;
    options.url = url;
    options.connection.backoffBase = std::chrono::milliseconds(50);
    options.connection.backoffCap = std::chrono::milliseconds(200);
    options.connection.heartbeatInterval = std::chrono::milliseconds(200);
    options.connection.staleAfter = std::chrono::milliseconds(1000);
    options.connection.silenceTimeout = std::chrono::milliseconds(2000);
    options.connectionLimitBackoff = std::chrono::milliseconds(1500);
    return options;
}

Credentials emulatorKeys(const AlpacaEmulator &emu)
{
    return { emu.options().keyId, emu.options().secret };
}

SubscriptionSet channels(std::initializer_list<Channel> list, const QString &symbol)
{
    SubscriptionSet set;
    for (const Channel channel : list)
        set.add(channel, symbol);
    return set;
}

QString action(const QByteArray &frame)
{
    return QJsonDocument::fromJson(frame).object().value(u"action"_s).toString();
}

} // namespace

class TestAlpacaService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsInThenSubscribesOnceAndStreamsTheTestFeed()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Test, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/test"_s)));
        Recorder rec(&service);
        // Asked for before the socket exists: must wait for the sign-in (docs/protocols/alpaca.md §3.1).
        service.subscribe(
            channels({ Channel::Trades, Channel::Quotes, Channel::Bars, Channel::DailyBars }, u"FAKEPACA"_s));
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"FAKEPACA"_s) >= 3, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Bbo>(u"FAKEPACA"_s) >= 3, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Candle>(u"FAKEPACA"_s) >= 2, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        // Live only once subscribed: connecting, then (signing in, subscribing) still "connecting", then live.
        QCOMPARE(rec.states.count(ConnectionState::Live), 1);
        QCOMPARE(rec.states.last(), ConnectionState::Live);
        QCOMPARE(rec.states.at(rec.states.size() - 2), ConnectionState::Connecting);

        const QList<QByteArray> sent = emu.receivedFrames();
        QVERIFY(sent.size() >= 2);
        QCOMPARE(action(sent.at(0)), u"auth"_s);
        QCOMPARE(action(sent.at(1)), u"subscribe"_s);
        QCOMPARE(
            std::count_if(sent.begin(), sent.end(), [](const QByteArray &f) { return action(f) == u"subscribe"_s; }),
            1);
        const QJsonObject subscribe = QJsonDocument::fromJson(sent.at(1)).object();
        for (const char *key : { "trades", "quotes", "bars", "dailyBars" })
            QVERIFY2(subscribe.contains(QLatin1String(key)), key);

        // Stocks have no depth: every quote also gives a one-level book for the ladder.
        QVERIFY(rec.count<BookSnapshot>(u"FAKEPACA"_s) >= rec.count<Bbo>(u"FAKEPACA"_s) - 1);
        for (const auto &book : rec.all<BookSnapshot>()) {
            QCOMPARE(book.bids.size(), std::size_t(1));
            QCOMPARE(book.asks.size(), std::size_t(1));
            QVERIFY(book.bids.front().price < book.asks.front().price);
        }
        for (const auto &trade : rec.all<Trade>()) {
            QVERIFY(!trade.aggressorKnown); // stock trades do not say who crossed
            QVERIFY(trade.ts > 1'600'000'000'000);
        }
        const auto candles = rec.all<Candle>();
        QVERIFY(std::any_of(candles.begin(), candles.end(), [](const Candle &c) { return c.interval == u"1m"_s; }));
        QVERIFY(std::any_of(candles.begin(), candles.end(), [](const Candle &c) { return c.interval == u"1d"_s; }));
        QCOMPARE(service.codecStats().malformed, 0u);
        // The server's reply is the record; it adds corrections and cancelErrors, which follow trades.
        for (const Channel channel : { Channel::Trades, Channel::Quotes, Channel::Bars, Channel::DailyBars })
            QCOMPARE(service.confirmedSubscriptions().symbols(channel), QStringList { u"FAKEPACA"_s });
        QCOMPARE(service.confirmedSubscriptions().symbols(Channel::Corrections), QStringList { u"FAKEPACA"_s });
    }

    void signInFrameNeverReachesALogLine()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        static QStringList logged;
        logged.clear();
        QLoggingCategory::setFilterRules(u"tapescope.*=true"_s); // debug too: "send" previews are debug lines
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &text) { logged.append(text); });
        {
            AlpacaService service(Feed::Test, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/test"_s)));
            Recorder rec(&service);
            service.subscribe(channels({ Channel::Trades }, u"FAKEPACA"_s));
            service.start();
            QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 8000);
            service.stop();
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(logged.join(u'\n').contains(u"sign-in frame"_s)); // the send was logged, as a kind only
        for (const QString &line : std::as_const(logged)) {
            QVERIFY2(!line.contains(emu.options().secret), qPrintable(line));
            QVERIFY2(!line.contains(emu.options().keyId), qPrintable(line));
        }
    }

    void cryptoBookStartsFromSnapshotThenDeltas()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::CryptoUs, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v1beta3/crypto/us"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Orderbooks, Channel::Trades, Channel::Quotes }, u"BTC/USD"_s));
        service.start();

        QTRY_VERIFY_WITH_TIMEOUT(rec.count<BookDelta>(u"BTC/USD"_s) >= 3, 8000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"BTC/USD"_s) >= 2, 8000);
        const auto firstBook = std::find_if(rec.events.begin(), rec.events.end(), [](const MarketEvent &e) {
            return std::holds_alternative<BookSnapshot>(e) || std::holds_alternative<BookDelta>(e);
        });
        QVERIFY(std::holds_alternative<BookSnapshot>(*firstBook));
        const auto &snapshot = std::get<BookSnapshot>(*firstBook);
        QCOMPARE(snapshot.bids.size(), std::size_t(20));
        QCOMPARE(snapshot.asks.size(), std::size_t(20));
        QVERIFY(snapshot.bids.front().price < snapshot.asks.front().price);
        // Crypto quotes do not make a one-level book: the order book owns the ladder.
        QCOMPARE(rec.count<BookSnapshot>(u"BTC/USD"_s), 1);
        for (const auto &trade : rec.all<Trade>()) {
            QVERIFY(trade.aggressorKnown);
            QVERIFY2(trade.id.toULongLong() > (1ULL << 53), "crypto trade ids above 2^53 stay exact");
        }
    }

    // Issue 14: 100 drops in a row, each followed by a reconnect and a BTC/USD book equal to the emulator's, level
    // by level. Stocks have no depth on Alpaca's stream (quotes give the inside, docs/protocols/alpaca.md §5.4); the
    // crypto feed has a full order book (a snapshot with r:true, then deltas), so the crypto feed is the one tested.
    // The book moves only when the test steps it: while the client is away (so only the new connection's snapshot
    // can make the books equal again) and after it is back (deltas). Alpaca has no sequence numbers (§5.4).
    // The fault matrix's "server restart" (docs/reliability.md): the venue's process goes away and a new one listens
    // on the same port. The client is refused meanwhile, signs in again by itself, subscribes again, and holds the
    // new server's crypto book, not the old one's.
    void serverRestartOnTheSamePortGivesTheNewServersBook()
    {
        AlpacaEmulator::Options market;
        market.timing.tickIntervalMs = 0; // nothing but the test moves anything
        market.timing.barIntervalMs = 0;
        market.timing.bookIntervalMs = 0;
        auto emu = std::make_unique<AlpacaEmulator>(market);
        QVERIFY(emu->listen());
        const quint16 port = emu->port();
        AlpacaService::Options options = fastOptions(emu->streamUrl(u"/v1beta3/crypto/us"_s));
        droptest::fastReconnects(options.connection);
        AlpacaService service(Feed::CryptoUs, emulatorKeys(*emu), options);
        Recorder rec(&service);
        const QString pair = u"BTC/USD"_s;
        OrderBook book;
        int snapshots = 0;
        QObject::connect(&service, &AlpacaService::eventsReady, [&](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *snapshot = std::get_if<BookSnapshot>(&event); snapshot && snapshot->symbol == pair) {
                    book.applySnapshot(*snapshot);
                    ++snapshots;
                } else if (const auto *delta = std::get_if<BookDelta>(&event); delta && delta->symbol == pair) {
                    book.applyDelta(*delta);
                }
            }
        });
        service.subscribe(channels({ Channel::Orderbooks }, pair));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots >= 1 && rec.last.state == ConnectionState::Live, 8000);
        for (int step = 0; step < 5; ++step)
            emu->stepCryptoBooks(); // the old server's book moves away from where a fresh one starts
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu->cryptoBook(pair))).isEmpty(),
                                  qPrintable(why), 3000);

        emu.reset(); // the venue's process ends
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 3000);
        QTest::qWait(300); // a few refused attempts
        QVERIFY(rec.last.state != ConnectionState::Live);
        const int before = snapshots;
        emu = std::make_unique<AlpacaEmulator>(market);
        QVERIFY2(emu->listen(QHostAddress::LocalHost, port), qPrintable(emu->listenError()));
        QVERIFY(!droptest::bookDifference(book, *emu->cryptoBook(pair)).isEmpty()); // the new server's differs
        QTRY_VERIFY_WITH_TIMEOUT(snapshots > before && rec.last.state == ConnectionState::Live, 8000);
        QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu->cryptoBook(pair))).isEmpty(),
                                  qPrintable(why), 3000);
        QCOMPARE(emu->authenticatedCount(), 1);
        QCOMPARE(service.confirmedSubscriptions(), service.subscriptions());
        QVERIFY(rec.last.stats.reconnects >= 1);
    }

    // The fault matrix's "silent server" (docs/reliability.md): the venue takes the upgrade, then answers nothing,
    // neither the sign-in nor the WebSocket Pings that keep an Alpaca feed alive. The feed must not look live: it
    // stays Connecting, the connection is dropped as silent and a new one signs in again.
    void silentServerNeverLooksLiveAndReconnects()
    {
        MuteWebSocketServer mute;
        QVERIFY(mute.listen());
        AlpacaService::Options options = fastOptions(mute.url(u"/v2/test"_s));
        options.connection.heartbeatInterval = std::chrono::milliseconds(100);
        options.connection.staleAfter = std::chrono::milliseconds(400);
        options.connection.silenceTimeout = std::chrono::milliseconds(900);
        AlpacaService service(Feed::Test, { u"key"_s, u"secret"_s }, options);
        Recorder rec(&service);
        QList<FeedReason> backingOff;
        QObject::connect(&service, &AlpacaService::feedStatusChanged, [&](const FeedStatus &status) {
            if (status.state == ConnectionState::BackingOff)
                backingOff.append(status.reason);
        });
        service.subscribe(channels({ Channel::Trades }, u"AAPL"_s));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(!backingOff.isEmpty(), 3000);
        QCOMPARE(backingOff.constFirst().code, FeedReason::Code::Silent);
        QTRY_VERIFY_WITH_TIMEOUT(mute.upgrades() >= 2, 3000);
        QVERIFY(mute.bytesAfterUpgrade() > 0); // the sign-in and the Pings went out
        QCOMPARE(rec.count<Trade>(), 0);
        // Never signed in, so never Live: the feed says Connecting ("signing in") until the silence drops it.
        QVERIFY(!rec.states.contains(ConnectionState::Live));
        QCOMPARE(rec.states.constFirst(), ConnectionState::Connecting);
    }

    void hundredDropsEachEndWithTheVenuesBook()
    {
        AlpacaEmulator::Options market;
        market.timing.tickIntervalMs = 0; // no trades or stock quotes: nothing but the test moves anything
        market.timing.barIntervalMs = 0;
        market.timing.bookIntervalMs = 0;
        AlpacaEmulator emu(market);
        QVERIFY(emu.listen());
        AlpacaService::Options options = fastOptions(emu.streamUrl(u"/v1beta3/crypto/us"_s));
        droptest::fastReconnects(options.connection);
        AlpacaService service(Feed::CryptoUs, emulatorKeys(emu), options);
        Recorder rec(&service);
        const QString pair = u"BTC/USD"_s;
        OrderBook book;
        int snapshots = 0;
        QObject::connect(&service, &AlpacaService::eventsReady, [&](const EventBatch &batch) {
            for (const MarketEvent &event : batch) {
                if (const auto *snapshot = std::get_if<BookSnapshot>(&event); snapshot && snapshot->symbol == pair) {
                    book.applySnapshot(*snapshot);
                    ++snapshots;
                } else if (const auto *delta = std::get_if<BookDelta>(&event); delta && delta->symbol == pair) {
                    book.applyDelta(*delta);
                }
            }
        });
        service.subscribe(channels({ Channel::Orderbooks }, pair));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(snapshots >= 1 && rec.last.state == ConnectionState::Live, 8000);
        QCOMPARE(droptest::bookDifference(book, *emu.cryptoBook(pair)), QString());
        const qsizetype sockets = service.findChildren<QWebSocket *>().size();
        QCOMPARE(sockets, 1);
        QSignalSpy connections(&emu, &AlpacaEmulator::clientConnected);

        QString why;
        for (int cycle = 1; cycle <= droptest::kCycles; ++cycle) {
            const int before = snapshots;
            const qsizetype mark = rec.states.size();
            emu.dropAllConnections();
            // Still in this call, so the client cannot be back yet: the venue's book moves while it is away.
            for (int step = 0; step < 20 && droptest::bookDifference(book, *emu.cryptoBook(pair)).isEmpty(); ++step)
                emu.stepCryptoBooks();
            QVERIFY2(!droptest::bookDifference(book, *emu.cryptoBook(pair)).isEmpty(),
                     qPrintable(droptest::atCycle(cycle, u"the book did not move while the client was away"_s)));
            QTRY_VERIFY2_WITH_TIMEOUT(rec.states.indexOf(ConnectionState::BackingOff, mark) >= 0,
                                      qPrintable(droptest::atCycle(cycle, u"the feed never left Live"_s)), 3000);
            QTRY_VERIFY2_WITH_TIMEOUT(snapshots > before && rec.last.state == ConnectionState::Live,
                                      qPrintable(droptest::atCycle(cycle, u"no new snapshot and Live"_s)), 5000);
            emu.stepCryptoBooks();
            QTRY_VERIFY2_WITH_TIMEOUT((why = droptest::bookDifference(book, *emu.cryptoBook(pair))).isEmpty(),
                                      qPrintable(droptest::atCycle(cycle, why)), 3000);
            rec.events.clear();
            QVERIFY2(connections.size() == cycle,
                     qPrintable(droptest::atCycle(
                         cycle, u"%1 new connections after %2 drops"_s.arg(connections.size()).arg(cycle))));
        }

        QVERIFY2(rec.last.stats.reconnects >= quint32(droptest::kCycles),
                 qPrintable(QString::number(rec.last.stats.reconnects)));
        QCOMPARE(service.codecStats().malformed, 0u);
        QCOMPARE(service.confirmedSubscriptions(), service.subscriptions());
        // Nothing piled up per cycle: one socket in the service, one signed-in client at the venue, and one sign-in
        // and one subscribe per connection.
        QCOMPARE(service.findChildren<QWebSocket *>().size(), sockets);
        QCOMPARE(emu.clientCount(), 1);
        QCOMPARE(emu.authenticatedCount(), 1);
        const auto frames = emu.receivedFrames();
        QCOMPARE(
            std::count_if(frames.begin(), frames.end(), [](const QByteArray &f) { return action(f) == u"auth"_s; }),
            droptest::kCycles + 1);
        QCOMPARE(std::count_if(frames.begin(), frames.end(),
                               [](const QByteArray &f) { return action(f) == u"subscribe"_s; }),
                 droptest::kCycles + 1);
    }

    void reconnectsSignsInAgainAndResubscribesTheFullSet()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        service.start();
        service.subscribe(channels({ Channel::Trades }, u"AAPL"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"AAPL"_s) >= 1, 8000);
        service.subscribe(channels({ Channel::Quotes }, u"MSFT"_s)); // a second, incremental subscribe
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Bbo>(u"MSFT"_s) >= 1, 8000);

        emu.dropAllConnections();
        QTRY_VERIFY_WITH_TIMEOUT(rec.states.contains(ConnectionState::BackingOff), 5000);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"AAPL"_s) >= 1 && rec.count<Bbo>(u"MSFT"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QVERIFY(rec.last.stats.reconnects >= 1);

        // On the new socket: auth first, then one subscribe carrying both channels.
        const QList<QByteArray> sent = emu.receivedFrames();
        qsizetype lastAuth = -1;
        for (qsizetype i = 0; i < sent.size(); ++i) {
            if (action(sent[i]) == u"auth"_s)
                lastAuth = i;
        }
        QVERIFY(lastAuth > 0);
        QVERIFY(lastAuth + 1 < sent.size());
        const QJsonObject resubscribe = QJsonDocument::fromJson(sent.at(lastAuth + 1)).object();
        QCOMPARE(resubscribe.value(u"action"_s).toString(), u"subscribe"_s);
        QVERIFY(resubscribe.contains(u"trades"_s) && resubscribe.contains(u"quotes"_s));
    }

    void wrongKeysStopWithoutAReconnectStorm()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        QSignalSpy connections(&emu, &AlpacaEmulator::clientConnected);
        AlpacaService service(Feed::Iex, { emu.options().keyId, u"wrong"_s }, fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Trades }, u"AAPL"_s));
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Down, 5000);
        QCOMPARE(rec.last.reason.code, FeedReason::Code::VenueError); // Alpaca's own words, as sent
        QVERIFY2(rec.last.reason.args.value(0).contains(u"API key"_s), qPrintable(englishText(rec.last.reason)));
        QVERIFY(rec.last.reason.args.value(0).contains(u"402"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"auth_failed"_s), 2000);
        QTest::qWait(1500); // fast backoff would have retried many times by now
        QCOMPARE(connections.count(), 1);
        QCOMPARE(rec.last.state, ConnectionState::Down);

        // Fixed keys from the settings start it again.
        service.setCredentials(emu.options().keyId, emu.options().secret);
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"AAPL"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
    }

    void missingKeysSayWhatToDo()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Iex, Credentials {}, fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Down, 5000);
        QCOMPARE(rec.last.reason.code, FeedReason::Code::ApiKeyMissing);
        QVERIFY2(englishText(rec.last.reason).contains(u"ALPACA_API_KEY_ID"_s),
                 qPrintable(englishText(rec.last.reason)));
        QVERIFY(std::none_of(emu.receivedFrames().begin(), emu.receivedFrames().end(),
                             [](const QByteArray &f) { return action(f) == u"auth"_s; }));
    }

    void connectionLimitBacksOffLongAndSaysWhy()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        auto holder
            = std::make_unique<AlpacaService>(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder holderRec(holder.get());
        holder->start();
        QTRY_COMPARE_WITH_TIMEOUT(holderRec.last.state, ConnectionState::Live, 5000);

        QSignalSpy connections(&emu, &AlpacaEmulator::clientConnected);
        AlpacaService second(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&second);
        second.subscribe(channels({ Channel::Trades }, u"SPY"_s));
        second.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"connection_limit"_s), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::BackingOff, 2000);
        QCOMPARE(rec.last.reason.code, FeedReason::Code::ConnectionLimit);
        QVERIFY2(rec.last.reason.args.value(0).contains(u"Another session"_s),
                 qPrintable(englishText(rec.last.reason)));
        QVERIFY(rec.last.reason.args.value(0).contains(u"406"_s));
        QVERIFY(englishText(rec.last.reason).contains(u"; next attempt in "_s));
        QVERIFY(rec.last.nextAttemptAtMs - QDateTime::currentMSecsSinceEpoch() > 800); // 1.5 s ± 25 %
        QTest::qWait(900);
        QCOMPARE(connections.count(), 1); // the plain 50-200 ms backoff would have dialled again

        holder->stop(); // the slot frees up: the waiting feed gets in on its next attempt
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"SPY"_s) >= 1, 8000);
        QCOMPARE(rec.last.state, ConnectionState::Live);
    }

    void symbolLimitKeepsThePreviousSetAndShowsTheError()
    {
        AlpacaEmulator::Options options = fastMarket();
        options.symbolLimit = 2;
        AlpacaEmulator emu(options);
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        SubscriptionSet two;
        two.add(Channel::Trades, u"AAPL"_s);
        two.add(Channel::Trades, u"MSFT"_s);
        service.subscribe(two);
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"MSFT"_s) >= 1, 8000);
        service.subscribe(channels({ Channel::Trades }, u"TSLA"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"symbol_limit"_s), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(englishText(rec.last.reason).contains(u"symbol limit"_s), 3000);
        QCOMPARE(rec.last.reason.code, FeedReason::Code::LastVenueError);
        QCOMPARE(rec.last.state, ConnectionState::Live);
        QVERIFY(!service.subscriptions().contains(Channel::Trades, u"TSLA"_s));
        QVERIFY(service.subscriptions() == two);

        // A reconnect re-sends only what the server accepted, so it is not refused again.
        emu.dropAllConnections();
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"AAPL"_s) >= 1, 8000);
        QVERIFY(!rec.hasError(u"symbol_limit"_s));
    }

    void venueErrorCodesDriveTheState()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Sip, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/sip"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Quotes }, u"SPY"_s));
        service.start();
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Live, 5000);

        // 407 slow client: reconnect through the usual backoff.
        emu.sendErrorToAll(407);
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"slow_client"_s), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.stats.reconnects >= 1 && rec.last.state == ConnectionState::Live, 5000);

        // 500 internal error: likewise.
        emu.sendErrorToAll(500);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.stats.reconnects >= 2 && rec.last.state == ConnectionState::Live, 5000);

        // 400 on its own: reported, the feed stays live and says so.
        emu.sendErrorToAll(400);
        QTRY_VERIFY_WITH_TIMEOUT(englishText(rec.last.reason).contains(u"did not understand"_s), 3000);
        QCOMPARE(rec.last.state, ConnectionState::Live);

        // 409 insufficient subscription: the plan lacks the feed; stop and say so.
        emu.sendErrorToAll(409);
        QTRY_COMPARE_WITH_TIMEOUT(rec.last.state, ConnectionState::Down, 3000);
        QVERIFY2(englishText(rec.last.reason).contains(u"plan"_s), qPrintable(englishText(rec.last.reason)));
    }

    void channelsTheFeedLacksAreRefusedLocally()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Orderbooks }, u"AAPL"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"invalid_subscription"_s), 2000);
        QVERIFY(service.subscriptions().isEmpty());
    }

    void dataOfUnsubscribedSymbolsIsDropped()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Iex, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/iex"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Trades, Channel::Quotes }, u"TSLA"_s));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Trade>(u"TSLA"_s) >= 1, 8000);
        service.unsubscribe(channels({ Channel::Trades }, u"TSLA"_s));
        // Any trade the server still had in flight is filtered by the service itself.
        emu.sendRawToAll(
            R"([{"T":"t","i":1,"S":"TSLA","x":"V","p":174.8,"s":5,"t":"2026-01-02T15:00:00.123456789Z","c":["@"],"z":"C"}])");
        QTest::qWait(300);
        rec.events.clear();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Bbo>(u"TSLA"_s) >= 5, 5000);
        QCOMPARE(rec.count<Trade>(u"TSLA"_s), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!service.confirmedSubscriptions().contains(Channel::Trades, u"TSLA"_s), 2000);
    }

    void malformedFrameIsCountedAndTheFeedGoesOn()
    {
        AlpacaEmulator emu(fastMarket());
        QVERIFY(emu.listen());
        AlpacaService service(Feed::Test, emulatorKeys(emu), fastOptions(emu.streamUrl(u"/v2/test"_s)));
        Recorder rec(&service);
        service.subscribe(channels({ Channel::Quotes }, u"FAKEPACA"_s));
        service.start();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Bbo>() >= 1, 8000);
        emu.sendRawToAll(R"([{"T":"q","S":"FAKEPACA","bp":)");
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasError(u"malformed"_s), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(rec.last.malformedFrames >= 1 && rec.last.stats.decodeErrors >= 1, 3000);
        const int before = rec.count<Bbo>();
        QTRY_VERIFY_WITH_TIMEOUT(rec.count<Bbo>() > before, 5000);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaService)
#include "tst_alpaca_service.moc"
