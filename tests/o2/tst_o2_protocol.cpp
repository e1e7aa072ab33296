// Request frames equal the documented client messages byte for byte; REST bodies (markets, depth, trades,
// bars, errors) parse field by field; environments give the documented URLs.

#include "O2TestSupport.h"

#include "venues/o2/O2Rest.h"

#include <QtCore/QUrlQuery>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::o2;
using namespace tapescope::o2test;

namespace {

const QString kMarket = u"0xc0c5c48315d8cfff9f00777f81fdf04e9b4ef69e802a1a068549a8d6a06ee19f"_s;
const QString kAccount = u"0x9ad52fb8a2be1c4603dfeeb8118a922c8cfafa8f260eeb41d68ade8d442be65b"_s;

Subscription marketStream(Subscription::Stream stream, const QString &marketId)
{
    Subscription subscription;
    subscription.stream = stream;
    subscription.marketId = marketId;
    return subscription;
}

Subscription accountStream(Subscription::Stream stream, const QString &account)
{
    Subscription subscription;
    subscription.stream = stream;
    subscription.identities = { Identity { Identity::Kind::ContractId, account } };
    return subscription;
}

// The fixtures' placeholders <market_id> / <trade_account_id> become real ids.
QByteArray withIds(QByteArray line)
{
    return line.replace("0x<market_id>", kMarket.toUtf8()).replace("0x<trade_account_id>", kAccount.toUtf8());
}

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace

class TestO2Protocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wsClientFixtureEveryLine();
    void invalidSubscriptions();
    void subscriptionKeys();
    void environments();
    void marketFromRest();
    void marketsEnvelopeAndLookup();
    void marketsBodyErrors();
    void restDepthBody();
    void restTradeAndAccountBodies();
    void restErrorBody();
    void barsBothShapes();
    void barsErrors();
};

void TestO2Protocol::wsClientFixtureEveryLine()
{
    const QList<QByteArray> lines = fixtureLines("ws-client.jsonl");
    QCOMPARE(lines.size(), 12);
    using Stream = Subscription::Stream;
    Subscription depth = marketStream(Stream::Depth, kMarket);
    QCOMPARE(Codec::subscribeFrame(depth), lines[0]); // REQ#1
    // REQ#2 (older docs, no 0x) names the same market; we always send the 0x form of REQ#1.
    const QByteArray legacy = lines[1];
    QVERIFY(legacy.contains(kMarket.mid(2).toUtf8()) && !legacy.contains(kMarket.toUtf8()));
    QCOMPARE(normaliseId(kMarket.mid(2).toUpper()), kMarket);
    QCOMPARE(Codec::subscribeFrame(marketStream(Stream::Depth, kMarket.mid(2).toUpper())), lines[0]);
    QCOMPARE(Codec::subscribeFrame(accountStream(Stream::Orders, kAccount)), withIds(lines[2])); // REQ#3
    QCOMPARE(Codec::subscribeFrame(marketStream(Stream::Trades, kMarket)), withIds(lines[3])); // REQ#4
    QCOMPARE(Codec::subscribeFrame(accountStream(Stream::Balances, kAccount)), withIds(lines[4])); // REQ#5
    QCOMPARE(Codec::subscribeFrame(accountStream(Stream::Nonce, kAccount)), withIds(lines[5])); // REQ#6
    QCOMPARE(Codec::unsubscribeFrame(depth), withIds(lines[6])); // REQ#7: no precision
    QCOMPARE(Codec::unsubscribeFrame(accountStream(Stream::Orders, kAccount)), lines[7]); // REQ#8: connection-global
    QCOMPARE(Codec::unsubscribeFrame(marketStream(Stream::Trades, kMarket)), withIds(lines[8])); // REQ#9
    QCOMPARE(Codec::unsubscribeFrame(accountStream(Stream::Balances, kAccount)), withIds(lines[9])); // REQ#10
    QCOMPARE(Codec::unsubscribeFrame(accountStream(Stream::Nonce, kAccount)), withIds(lines[10])); // REQ#11
    Subscription turboTrades = marketStream(Stream::Trades, u"0xAAAA"_s);
    turboTrades.turbo = true;
    QCOMPARE(Codec::unsubscribeFrame(turboTrades), lines[11]); // REQ#12
    // Precision is a string holding 10^n (docs/protocols/o2.md §3).
    depth.precisionExponent = 3;
    QCOMPARE(Codec::subscribeFrame(depth),
             R"({"action":"subscribe_depth","market_id":")" + kMarket.toUtf8() + R"(","precision":"1000"})");
    QCOMPARE(Subscription::precisionText(1), u"10"_s);
    QCOMPARE(Subscription::precisionText(9), u"1000000000"_s);
    QCOMPARE(Subscription::precisionText(18), u"1000000000000000000"_s);
    QCOMPARE(Subscription::precisionText(0), QString());
    QCOMPARE(Subscription::precisionText(19), QString());
    // Several identities, an Address among them, normalised.
    Subscription balances = accountStream(Stream::Balances, u"ABC"_s);
    balances.identities.push_back(Identity { Identity::Kind::Address, u"0XDEF"_s });
    QCOMPARE(
        Codec::subscribeFrame(balances),
        QByteArray(R"({"action":"subscribe_balances","identities":[{"ContractId":"0xabc"},{"Address":"0xdef"}]})"));
    QCOMPARE(Codec::pingFrame(), QByteArray("PING"));
}

void TestO2Protocol::invalidSubscriptions()
{
    using Stream = Subscription::Stream;
    Subscription depth = marketStream(Stream::Depth, kMarket);
    depth.precisionExponent = 0;
    QVERIFY(!depth.isValid());
    QVERIFY(Codec::subscribeFrame(depth).isEmpty());
    depth.precisionExponent = 19;
    QVERIFY(Codec::subscribeFrame(depth).isEmpty());
    QVERIFY(Codec::subscribeFrame(marketStream(Stream::Trades, u"  "_s)).isEmpty());
    QVERIFY(Codec::subscribeFrame(accountStream(Stream::Orders, QString())).isEmpty());
    Subscription orders;
    orders.stream = Stream::Orders;
    QVERIFY(Codec::subscribeFrame(orders).isEmpty()); // no identity
    for (int i = 0; i < 11; ++i)
        orders.identities.push_back(Identity { Identity::Kind::ContractId, u"0x%1"_s.arg(i) });
    QVERIFY(Codec::subscribeFrame(orders).isEmpty()); // more than 10 (docs/protocols/o2.md §2.2)
    orders.identities.pop_back();
    QVERIFY(!Codec::subscribeFrame(orders).isEmpty());
    Subscription nonce = accountStream(Stream::Nonce, kAccount);
    nonce.turbo = true; // Turbo selects depth, trades and orders only
    QVERIFY(Codec::subscribeFrame(nonce).isEmpty());
}

void TestO2Protocol::subscriptionKeys()
{
    using Stream = Subscription::Stream;
    QCOMPARE(marketStream(Stream::Depth, u"0XABC"_s).key(), u"depth:0xabc"_s);
    QCOMPARE(marketStream(Stream::Trades, u"abc"_s).key(), u"trades:0xabc"_s);
    Subscription turbo = marketStream(Stream::Depth, u"0xabc"_s);
    turbo.turbo = true;
    QCOMPARE(turbo.key(), u"depth:0xabc@turbo"_s);
    QCOMPARE(accountStream(Stream::Orders, u"0xDEF"_s).key(), u"orders:0xdef"_s);
}

void TestO2Protocol::environments()
{
    const Environment mainnet = Environment::mainnet();
    QCOMPARE(mainnet.webSocketUrl, QUrl(u"wss://api.o2.app/v1/ws"_s));
    QCOMPARE(mainnet.restBaseUrl, QUrl(u"https://api.o2.app"_s));
    QCOMPARE(Environment::testnet().webSocketUrl, QUrl(u"wss://api.testnet.o2.app/v1/ws"_s));
    QCOMPARE(Environment::testnet().restBaseUrl, QUrl(u"https://api.testnet.o2.app"_s));
    QCOMPARE(Environment::devnet().webSocketUrl, QUrl(u"wss://api.devnet.o2.app/v1/ws"_s));
    QCOMPARE(Environment::devnet().restBaseUrl, QUrl(u"https://api.devnet.o2.app"_s));
    QCOMPARE(Environment::fromName(u" TestNet"_s)->network, Environment::Network::Testnet);
    QVERIFY(!Environment::fromName(u"moon"_s));
    QCOMPARE(Environment::networkName(Environment::Network::Devnet), u"devnet"_s);

    const Environment local
        = Environment::custom(QUrl(u"ws://127.0.0.1:9001/v1/ws"_s), QUrl(u"http://127.0.0.1:9001/"_s));
    QCOMPARE(local.network, Environment::Network::Custom);
    QCOMPARE(local.marketsUrl(), QUrl(u"http://127.0.0.1:9001/v1/markets"_s));
    QCOMPARE(mainnet.marketsUrl(), QUrl(u"https://api.o2.app/v1/markets"_s));
    const QUrl depth = mainnet.depthUrl(u"0xABC"_s, 1);
    QCOMPARE(depth.path(), u"/v1/depth"_s);
    QCOMPARE(QUrlQuery(depth).queryItemValue(u"market_id"_s), u"0xabc"_s);
    QCOMPARE(QUrlQuery(depth).queryItemValue(u"precision"_s), u"10"_s);
    const QUrl bars = mainnet.barsUrl(u"0xabc"_s, u"1m"_s, 1734876000000, 1734876543210);
    QCOMPARE(bars.toString(),
             u"https://api.o2.app/v1/bars?market_id=0xabc&from=1734876000000&to=1734876543210&resolution=1m"_s);
    QCOMPARE(mainnet.tradesUrl(u"0xabc"_s, 50).toString(),
             u"https://api.o2.app/v1/trades?market_id=0xabc&direction=desc&count=50"_s);
}

void TestO2Protocol::marketFromRest()
{
    const QByteArray line = fixtureLines("rest.jsonl")[0]; // REST#1
    QString error;
    const auto market = parseMarketBody(line, &error);
    QVERIFY2(market, qPrintable(error));
    QCOMPARE(market->contractId, u"0x9ad52fb8a2be1c4603dfeeb8118a922c8cfafa8f260eeb41d68ade8d442be65b"_s);
    QCOMPARE(market->marketId, u"0x09c17f779eb0a7658424e48935b2bef24013766f8b3da757becb2264406f9e96"_s);
    QCOMPARE(market->makerFee, u"0"_s);
    QCOMPARE(market->takerFee, u"100"_s);
    QCOMPARE(market->minOrder, u"1000000000"_s);
    QCOMPARE(market->dust, u"1000"_s);
    QCOMPARE(market->priceWindow, qint64(0));
    QCOMPARE(market->whitelistId, QString());
    QCOMPARE(market->base.symbol, u"FUEL"_s);
    QCOMPARE(market->base.assetId, u"0xa1b2c3d4e5f60000000000000000000000000000000000000000000000000000"_s);
    QCOMPARE(market->base.decimals, 9);
    QCOMPARE(market->base.maxPrecision, 3);
    QCOMPARE(market->quote.symbol, u"USDC"_s);
    QCOMPARE(market->quote.assetId, u"0xf6e5d4c3b2a10000000000000000000000000000000000000000000000000000"_s);
    QCOMPARE(market->quote.decimals, 9);
    QCOMPARE(market->quote.maxPrecision, 9);
    QCOMPARE(market->pair(), u"FUEL/USDC"_s);
    QCOMPARE(market->priceStep()->toString(), u"0.000000001"_s);
    QCOMPARE(market->quantityStep()->toString(), u"0.001"_s);
    const InstrumentId instrument = market->instrumentId();
    QCOMPARE(instrument.venue, u"o2"_s);
    QCOMPARE(instrument.symbol, market->marketId);
    QCOMPARE(instrument.display, u"FUEL/USDC"_s);
    // docs/protocols/o2.md §7: REST#5's price "100000000" at quote decimals 9 is 0.1.
    Codec codec;
    codec.setMarkets(MarketTable({ *market }));
    EventBatch events;
    codec.decodeDepthBody(R"({"orders":{"buys":[{"price":"100000000","quantity":"5000000000"}],"sells":[]}})",
                          market->marketId, events);
    QCOMPARE(eventTexts(events),
             QStringList { u"book symbol=%1 ts=0 bids=[0.100000000/5.000000000] asks=[]"_s.arg(market->marketId) });
}

void TestO2Protocol::marketsEnvelopeAndLookup()
{
    const QList<QByteArray> lines = fixtureLines("rest.jsonl");
    QString error;
    const auto empty = parseMarketsBody(lines[1], &error); // REST#2
    QVERIFY2(empty, qPrintable(error));
    QCOMPARE(empty->booksRegistryId, u"0xabc"_s);
    QCOMPARE(empty->accountsRegistryId, u"0xdef"_s);
    QCOMPARE(empty->tradeAccountOracleId, u"0x789"_s);
    QCOMPARE(empty->chainIdText, u"0x0000000000000000"_s);
    QCOMPARE(empty->chainId, std::optional<quint64>(0));
    QCOMPARE(empty->baseAssetId, u"0x000"_s);
    QVERIFY(empty->markets.empty());

    // The envelope with REST#1 and a testnet pair inside; chain_id in decimal.
    QByteArray body = lines[1];
    const QByteArray testnet
        = R"({"contract_id":"C0FFEE","market_id":"0XBEEF","base":{"symbol":"fFUEL","asset":"0x1","decimals":"9","max_precision":3},"quote":{"symbol":"fUSDC","asset":"0x2","decimals":6,"max_precision":6}})";
    body.replace(R"("chain_id":"0x0000000000000000")", R"("chain_id":"9889")");
    const QByteArray markets = "\"markets\":[" + lines[0] + ',' + testnet + ']';
    body.replace(R"("markets":[])", markets);
    const auto response = parseMarketsBody(body, &error);
    QVERIFY2(response, qPrintable(error));
    QCOMPARE(response->chainId, std::optional<quint64>(9889));
    QCOMPARE(response->markets.size(), std::size_t(2));
    const MarketTable table(response->markets);
    QCOMPARE(table.size(), 2);
    const Market *byPair = table.byPair(u"fFUEL/fUSDC"_s);
    QVERIFY(byPair);
    QCOMPARE(byPair->marketId, u"0xbeef"_s);
    QCOMPARE(byPair->base.decimals, 9);
    QCOMPARE(byPair->quote.decimals, 6);
    QCOMPARE(byPair->makerFee, u"0"_s); // defaulted
    QCOMPARE(table.byId(u"BEEF"_s), byPair);
    QCOMPARE(table.byContractId(u"0xc0ffee"_s), byPair);
    QCOMPARE(table.resolve(u" FUEL/USDC "_s)->base.maxPrecision, 3);
    QCOMPARE(table.resolve(u"0X09C17F779EB0A7658424E48935B2BEF24013766F8B3DA757BECB2264406F9E96"_s)->pair(),
             u"FUEL/USDC"_s);
    QCOMPARE(table.resolve(u"0x9ad52fb8a2be1c4603dfeeb8118a922c8cfafa8f260eeb41d68ade8d442be65b"_s)->pair(),
             u"FUEL/USDC"_s);
    QVERIFY(!table.resolve(u"fuel/usdc"_s)); // pair names are case-sensitive: testnet's "fFUEL" is a real symbol
    QVERIFY(!table.byId(u"0x1234"_s));
    QCOMPARE(table.indexOfWireId("beef"), 1);
}

void TestO2Protocol::marketsBodyErrors()
{
    QString error;
    QVERIFY(!parseMarketsBody("{", &error));
    QVERIFY(error.startsWith(u"markets: not JSON"_s));
    QVERIFY(!parseMarketsBody("[]", &error));
    QVERIFY(!parseMarketsBody(R"({"markets":{}})", &error));
    QVERIFY(!parseMarketsBody(R"({"markets":[{"market_id":"0x1","base":{},"quote":{}}]})", &error));
    QCOMPARE(error, u"market lacks market_id or contract_id"_s);
    QVERIFY(!parseMarketBody(
        R"({"market_id":"0x1","contract_id":"0x2","base":{"symbol":"A","asset":"0x3","decimals":9.5,"max_precision":1},"quote":{"symbol":"B","asset":"0x4","decimals":6,"max_precision":6}})",
        &error));
    QVERIFY2(error.contains(u"base lacks integer decimals"_s), qPrintable(error));
    QVERIFY(!parseMarketBody(
        R"({"market_id":"0x1","contract_id":"0x2","min_order":"-5","base":{"symbol":"A","asset":"0x3","decimals":9,"max_precision":1},"quote":{"symbol":"B","asset":"0x4","decimals":6,"max_precision":6}})",
        &error));
}

void TestO2Protocol::restDepthBody()
{
    const QByteArray line = fixtureLines("rest.jsonl")[8]; // REST#9
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    EventBatch events;
    codec.decodeDepthBody(view(line), QString(), events);
    QCOMPARE(eventTexts(events), QStringList { u"book symbol=0xabc ts=0 bids=[1.00/50.0] asks=[1.01/20.0]"_s });
    // A REST snapshot does not make the WebSocket book live (no sequence numbers to join them).
    QVERIFY(!codec.hasBook(u"0xabc"_s));
    // The documented /v1/depth shape: action "depth", book under `orders`; market from the request when absent.
    events.clear();
    codec.decodeDepthBody(R"({"action":"depth","orders":{"buys":[["100","1"]],"sells":[["105","2"]]}})", u"0XABC"_s,
                          events);
    QCOMPARE(eventTexts(events), QStringList { u"book symbol=0xabc ts=0 bids=[1.00/0.1] asks=[1.05/0.2]"_s });
}

void TestO2Protocol::restTradeAndAccountBodies()
{
    const QList<QByteArray> lines = fixtureLines("rest.jsonl");
    Codec codec;
    codec.setMarkets(fixtureMarkets());
    // REST#8: a trade with trader_side; as an element of a /v1/trades list. Maker side "Buy" -> aggressor sell.
    EventBatch events;
    const QByteArray list = '[' + lines[7] + ']';
    codec.decodeTradesBody(view(list), u"0xabcd"_s, events);
    QCOMPARE(eventTexts(events),
             QStringList { u"trade symbol=0xabcd ts=1734876543000 px=100 sz=50 side=S known=1 id=42"_s });
    events.clear();
    const QByteArray wrapped = R"({"trades":[)" + lines[7] + R"(],"market_id":"0xabc"})";
    codec.decodeTradesBody(view(wrapped), QString(), events);
    QCOMPARE(eventTexts(events),
             QStringList { u"trade symbol=0xabc ts=1734876543000 px=1.00 sz=5.0 side=S known=1 id=42"_s });
    // REST#3-#7 and #10 are account bodies (balances, orders, accounts): not error bodies, and not decoded
    // by this codec (account data comes with the account streams).
    for (const int line : { 3, 4, 5, 6, 7, 8, 10 })
        QVERIFY2(!parseErrorBody(lines[line - 1]), qPrintable(QString::number(line)));
}

void TestO2Protocol::restErrorBody()
{
    const QByteArray line = fixtureLines("rest.jsonl")[10]; // REST#11
    const auto error = parseErrorBody(line);
    QVERIFY(error);
    QCOMPARE(error->code, 2000);
    QCOMPARE(error->message, u"..."_s);
    QCOMPARE(error->reason, QString());
    QCOMPARE(error->name(), u"MarketNotFound"_s);
    QCOMPARE(error->token(), u"market_not_found"_s);
    QCOMPARE((VenueError { 1003, {}, {} }.token()), u"rate_limited"_s);
    QCOMPARE((VenueError { 6001, {}, {} }.token()), u"subscription_error"_s);
    QCOMPARE((VenueError { 1000, {}, {} }.token()), u"venue_error"_s);
    QCOMPARE((VenueError { 9999, {}, {} }.name()), QString());
    // The same body arriving on the WebSocket.
    Codec codec;
    QCOMPARE(decodeText(codec, line),
             QStringList { u"error code=market_not_found symbol= message=code 2000 MarketNotFound: ..."_s });
}

void TestO2Protocol::barsBothShapes()
{
    const Market market = makeMarket(u"0xabc"_s, u"FUEL"_s, 3, u"USDC"_s, 2);
    QString error;
    // Python SDK shape, as a list, newest first.
    const auto python
        = parseBarsBody(R"([{"time":1734876060000,"open":"101","high":"105","low":"99","close":"104","volume":"2500"},
                                          {"time":1734876000000,"open":"100","high":"102","low":"98","close":"101","volume":"1000"}])",
                        market, u"1m"_s, &error);
    QVERIFY2(python, qPrintable(error));
    QCOMPARE(python->size(), std::size_t(2));
    const Candle &first = python->front(); // sorted oldest first
    QCOMPARE(first.venue, u"o2"_s);
    QCOMPARE(first.symbol, u"0xabc"_s);
    QCOMPARE(first.interval, u"1m"_s);
    QCOMPARE(first.start, std::int64_t(1734876000000));
    QCOMPARE(first.end.value_or(-1), std::int64_t(1734876059999));
    QCOMPARE(first.open.toString(), u"1.00"_s);
    QCOMPARE(first.high.toString(), u"1.02"_s);
    QCOMPARE(first.low.toString(), u"0.98"_s);
    QCOMPARE(first.close.toString(), u"1.01"_s);
    QCOMPARE(first.volume.toString(), u"1.000"_s);
    QCOMPARE(python->back().volume.toString(), u"2.500"_s);
    QVERIFY(!first.trades.has_value());

    // Rust SDK shape under {"bars": ...}: numbers accepted, volume = buy + sell, timestamp in seconds.
    const auto rust = parseBarsBody(
        R"({"bars":[{"timestamp":"1735689600","open":100,"high":"110","low":"90","close":"0x6e","buy_volume":"1500","sell_volume":250}]})",
        market, u"1M"_s, &error);
    QVERIFY2(rust, qPrintable(error));
    QCOMPARE(rust->size(), std::size_t(1));
    const Candle &month = rust->front();
    QCOMPARE(month.start, std::int64_t(1735689600000)); // 2025-01-01T00:00:00Z
    QCOMPARE(month.end.value_or(-1), std::int64_t(1738368000000 - 1)); // calendar month: until 2025-02-01
    QCOMPARE(month.close.toString(), u"1.10"_s);
    QCOMPARE(month.volume.toString(), u"1.750"_s);
    // Week and day lengths.
    QCOMPARE(parseBarsBody(R"([{"time":0,"open":"1","high":"1","low":"1","close":"1","volume":"0"}])", market, u"1w"_s)
                 ->front()
                 .end.value_or(-1),
             std::int64_t(7 * 86'400'000LL - 1));
    QVERIFY(parseBarsBody("[]", market, u"3M"_s)->empty());
}

void TestO2Protocol::barsErrors()
{
    const Market market = makeMarket(u"0xabc"_s, u"FUEL"_s, 9, u"USDC"_s, 9);
    QString error;
    QVERIFY(!parseBarsBody("[]", market, u"7m"_s, &error));
    QCOMPARE(error, u"bars: unknown resolution 7m"_s);
    QVERIFY(!parseBarsBody("{}", market, u"1m"_s, &error));
    QVERIFY(!parseBarsBody(R"([{"open":"1","high":"1","low":"1","close":"1","volume":"1"}])", market, u"1m"_s, &error));
    QVERIFY2(error.contains(u"time"_s), qPrintable(error));
    QVERIFY(!parseBarsBody(R"([{"time":1,"open":"1.5","high":"1","low":"1","close":"1","volume":"1"}])", market,
                           u"1m"_s, &error));
    QCOMPARE(error, u"bars: bar open 1.5 is not an unsigned integer"_s);
    // A u128 volume no Decimal represents: reported by name and value, never rounded.
    QVERIFY(!parseBarsBody(
        R"([{"timestamp":1,"open":"1","high":"1","low":"1","close":"1","buy_volume":"340282366920938463463374607431768211455","sell_volume":"0"}])",
        market, u"1m"_s, &error));
    QCOMPARE(
        error,
        u"bars: bar buy_volume 340282366920938463463374607431768211455 cannot be represented exactly (beyond 64-bit decimal range)"_s);
    // A u128 volume with trailing zeros scales down exactly.
    const auto scaled = parseBarsBody(
        R"([{"timestamp":1,"open":"1","high":"1","low":"1","close":"1","volume":"700000000000000000000000000"}])",
        market, u"1m"_s, &error);
    QVERIFY2(scaled, qPrintable(error));
    QCOMPARE(scaled->front().volume, *Decimal::parse("700000000000000000"));
}

QTEST_GUILESS_MAIN(TestO2Protocol)
#include "tst_o2_protocol.moc"
