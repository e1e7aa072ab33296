#include "AlpacaMarket.h"

#include "AlpacaWire.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtCore/QTimer>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::alpaca {

namespace {

constexpr std::array<const char *, StreamCount> kStreamKeys = {
    "trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances", "orderbooks",
};
constexpr int kBookLevels = 20;
constexpr int kCryptoSizeScale
    = 4; // crypto sizes in 1e-4 units: fractional on the wire (docs/protocols/alpaca.md §5.4)
constexpr std::int64_t kMinuteMs = 60'000;

// Daily bars start at midnight New York time (the exchange's day), as Alpaca's do.
std::int64_t dayStart(std::int64_t ms)
{
    static const QTimeZone newYork(QByteArrayLiteral("America/New_York"));
    const QTimeZone zone = newYork.isValid() ? newYork : QTimeZone::utc();
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms, zone);
    return QDateTime(local.date(), QTime(0, 0), zone).toMSecsSinceEpoch();
}

QByteArray tapeOf(const QString &symbol)
{
    return symbol == u"SPY"_s || symbol == u"QQQ"_s ? "B" : "C";
}

} // namespace

const char *streamKey(Stream stream)
{
    return kStreamKeys[static_cast<std::size_t>(stream)];
}

bool streamFromKey(const QString &key, Stream *stream)
{
    for (std::size_t i = 0; i < kStreamKeys.size(); ++i) {
        if (key == QLatin1String(kStreamKeys[i])) {
            *stream = static_cast<Stream>(i);
            return true;
        }
    }
    return false;
}

bool offers(Universe universe, Stream stream)
{
    if (universe == Universe::Crypto)
        return stream != Stream::Statuses && stream != Stream::Lulds && stream != Stream::Imbalances;
    return stream != Stream::Orderbooks;
}

void AlpacaMarket::Bar::add(std::int64_t minuteStart, std::int64_t price, std::int64_t size)
{
    if (trades == 0) {
        start = minuteStart;
        open = high = low = price;
    }
    high = std::max(high, price);
    low = std::min(low, price);
    close = price;
    volume += size;
    notional += price * size;
    ++trades;
}

void AlpacaMarket::recordTrade(Bar &minute, Bar &day, std::int64_t now, std::int64_t price, std::int64_t size)
{
    minute.add(now / kMinuteMs * kMinuteMs, price, size);
    const std::int64_t today = dayStart(now);
    if (day.trades > 0 && day.start != today)
        day = Bar {};
    day.add(today, price, size);
}

AlpacaMarket::AlpacaMarket(quint32 seed, AlpacaMarketTiming timing, QObject *parent)
    : QObject(parent)
    , m_random(seed)
    , m_tickTimer(new QTimer(this))
    , m_barTimer(new QTimer(this))
    , m_bookTimer(new QTimer(this))
{
    qRegisterMetaType<tapescope::emulator::alpaca::MarketMessage>();
    const auto stock = [](const char *symbol, std::int64_t cents, Universe universe) {
        Stock s;
        s.symbol = QLatin1String(symbol);
        s.mid = cents;
        s.universe = universe;
        return s;
    };
    m_stocks = { stock("AAPL", 18950, Universe::Stocks), stock("MSFT", 41520, Universe::Stocks),
                 stock("SPY", 51230, Universe::Stocks),  stock("TSLA", 17480, Universe::Stocks),
                 stock("NVDA", 12195, Universe::Stocks), stock("AMZN", 18420, Universe::Stocks),
                 stock("QQQ", 44310, Universe::Stocks),  stock("FAKEPACA", 12655, Universe::Test) };
    Pair btc;
    btc.symbol = u"BTC/USD"_s;
    btc.mid = 6543210;
    btc.spacing = 500;
    // Crypto trade ids exceed 2^53 (docs/protocols/alpaca.md §5.4); clients must keep them exact.
    btc.tradeId = 3447222699101865076ULL;
    Pair eth;
    eth.symbol = u"ETH/USD"_s;
    eth.mid = 345678;
    eth.spacing = 50;
    eth.tradeId = 1100;
    m_pairs = { btc, eth };
    for (Pair &pair : m_pairs) {
        bool changed = false;
        QByteArray bids, asks;
        rebuildBook(pair, &changed, &bids, &asks);
    }

    connect(m_tickTimer, &QTimer::timeout, this, &AlpacaMarket::onTick);
    connect(m_barTimer, &QTimer::timeout, this, &AlpacaMarket::onBarTick);
    connect(m_bookTimer, &QTimer::timeout, this, &AlpacaMarket::stepBooks);
    if (timing.tickIntervalMs > 0)
        m_tickTimer->start(timing.tickIntervalMs);
    if (timing.barIntervalMs > 0)
        m_barTimer->start(timing.barIntervalMs);
    if (timing.bookIntervalMs > 0)
        m_bookTimer->start(timing.bookIntervalMs);
}

AlpacaMarket::~AlpacaMarket() = default;

QStringList AlpacaMarket::symbols(Universe universe)
{
    switch (universe) {
    case Universe::Stocks:
        return { u"AAPL"_s, u"MSFT"_s, u"SPY"_s, u"TSLA"_s, u"NVDA"_s, u"AMZN"_s, u"QQQ"_s };
    case Universe::Test:
        return { u"FAKEPACA"_s };
    case Universe::Crypto:
        return { u"BTC/USD"_s, u"ETH/USD"_s };
    }
    return {};
}

std::int64_t AlpacaMarket::between(std::int64_t low, std::int64_t high)
{
    return low + std::int64_t(m_random.bounded(quint64(high - low + 1)));
}

QByteArray AlpacaMarket::timestamp(std::int64_t ms)
{
    // Nanosecond digits that move, so clients see real nine-digit fractions (docs/protocols/alpaca.md §8.1).
    m_subMsNanos = int((m_subMsNanos + between(1, 997'000)) % 1'000'000);
    return rfc3339(ms, m_subMsNanos);
}

QByteArray AlpacaMarket::barJson(char type, const QString &symbol, const Bar &bar, int sizeScale) const
{
    const std::int64_t vwap = bar.volume > 0 ? bar.notional * 100 / bar.volume : 0; // 1e-4 dollars
    return "{\"T\":\"" + QByteArray(1, type) + "\",\"S\":" + jsonString(symbol) + ",\"o\":" + decimalText(bar.open, 2)
        + ",\"h\":" + decimalText(bar.high, 2) + ",\"l\":" + decimalText(bar.low, 2)
        + ",\"c\":" + decimalText(bar.close, 2) + ",\"v\":" + decimalText(bar.volume, sizeScale)
        + ",\"n\":" + QByteArray::number(bar.trades) + ",\"vw\":" + decimalText(vwap, 4)
        + ",\"t\":" + jsonString(rfc3339(bar.start)) + '}';
}

void AlpacaMarket::stockTick(Stock &stock, QList<MarketMessage> &out, std::int64_t now)
{
    stock.mid = std::max<std::int64_t>(100, stock.mid + between(-3, 3));
    const std::int64_t bid = stock.mid - between(1, 2);
    const std::int64_t ask = stock.mid + between(1, 2);
    const QByteArray symbol = jsonString(stock.symbol);
    const QByteArray tape = tapeOf(stock.symbol);
    out.append({ Stream::Quotes, stock.symbol,
                 "{\"T\":\"q\",\"S\":" + symbol + ",\"bx\":\"V\",\"bp\":" + decimalText(bid, 2)
                     + ",\"bs\":" + QByteArray::number(between(1, 9)) + ",\"ax\":\"V\",\"ap\":" + decimalText(ask, 2)
                     + ",\"as\":" + QByteArray::number(between(1, 9)) + ",\"t\":\"" + timestamp(now)
                     + "\",\"c\":[\"R\"],\"z\":\"" + tape + "\"}" });
    if (m_random.bounded(10) < 7) {
        const std::int64_t price = between(bid, ask);
        const std::int64_t size = between(1, 300);
        recordTrade(stock.bar, stock.day, now, price, size);
        out.append({ Stream::Trades, stock.symbol,
                     "{\"T\":\"t\",\"i\":" + QByteArray::number(stock.tradeId++) + ",\"S\":" + symbol
                         + ",\"x\":\"V\",\"p\":" + decimalText(price, 2) + ",\"s\":" + QByteArray::number(size)
                         + ",\"t\":\"" + timestamp(now) + "\",\"c\":[\"@\"],\"z\":\"" + tape + "\"}" });
    }
}

void AlpacaMarket::pairTick(Pair &pair, QList<MarketMessage> &out, std::int64_t now)
{
    if (m_random.bounded(2) == 0 || pair.bids.empty() || pair.asks.empty())
        return;
    const bool buy = m_random.bounded(2) == 0;
    // A taker buy lifts the best ask, a sell hits the best bid.
    const std::int64_t price = buy ? pair.asks.begin()->first : pair.bids.rbegin()->first;
    const std::int64_t size = between(1, 5000);
    recordTrade(pair.bar, pair.day, now, price, size);
    out.append({ Stream::Trades, pair.symbol,
                 "{\"T\":\"t\",\"S\":" + jsonString(pair.symbol) + ",\"p\":" + decimalText(price, 2)
                     + ",\"s\":" + decimalText(size, kCryptoSizeScale) + ",\"t\":\"" + timestamp(now)
                     + "\",\"i\":" + QByteArray::number(pair.tradeId++) + ",\"tks\":\"" + (buy ? "B" : "S") + "\"}" });
}

void AlpacaMarket::onTick()
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    QList<MarketMessage> stocks, test, crypto;
    for (Stock &stock : m_stocks)
        stockTick(stock, stock.universe == Universe::Test ? test : stocks, now);
    for (Pair &pair : m_pairs)
        pairTick(pair, crypto, now);
    Q_EMIT published(Universe::Stocks, stocks);
    Q_EMIT published(Universe::Test, test);
    if (!crypto.isEmpty())
        Q_EMIT published(Universe::Crypto, crypto);
}

void AlpacaMarket::onBarTick()
{
    // Minute bars carry the trades since the last bar tick; every other tick a late trade updates the
    // previous bar, which goes out as an updated bar with that bar's start (docs/protocols/alpaca.md §5.3).
    const bool late = (m_barTicks++ % 2) == 1;
    const auto emitBars
        = [&](const QString &symbol, Bar &bar, Bar &lastBar, const Bar &day, int sizeScale, QList<MarketMessage> &out) {
              if (late && lastBar.trades > 0) {
                  lastBar.close += between(-1, 1);
                  lastBar.high = std::max(lastBar.high, lastBar.close);
                  lastBar.low = std::min(lastBar.low, lastBar.close);
                  lastBar.volume += between(1, 50);
                  ++lastBar.trades;
                  out.append({ Stream::UpdatedBars, symbol, barJson('u', symbol, lastBar, sizeScale) });
              }
              if (bar.trades > 0) {
                  out.append({ Stream::Bars, symbol, barJson('b', symbol, bar, sizeScale) });
                  lastBar = bar;
                  bar = Bar {};
              }
              if (day.trades > 0)
                  out.append({ Stream::DailyBars, symbol, barJson('d', symbol, day, sizeScale) });
          };
    QList<MarketMessage> stocks, test, crypto;
    for (Stock &stock : m_stocks)
        emitBars(stock.symbol, stock.bar, stock.lastBar, stock.day, 0,
                 stock.universe == Universe::Test ? test : stocks);
    for (Pair &pair : m_pairs)
        emitBars(pair.symbol, pair.bar, pair.lastBar, pair.day, kCryptoSizeScale, crypto);
    Q_EMIT published(Universe::Stocks, stocks);
    Q_EMIT published(Universe::Test, test);
    Q_EMIT published(Universe::Crypto, crypto);
}

void AlpacaMarket::rebuildBook(Pair &pair, bool *changed, QByteArray *bidChanges, QByteArray *askChanges)
{
    // Levels on a fixed grid around the mid: the best bid sits one level below the best ask, so the
    // book can never cross.
    const std::int64_t bestBid = (pair.mid - 1) / pair.spacing * pair.spacing;
    const std::int64_t bestAsk = bestBid + pair.spacing;
    std::map<std::int64_t, std::int64_t> bids, asks;
    for (int i = 0; i < kBookLevels; ++i) {
        const std::int64_t bidPrice = bestBid - i * pair.spacing;
        const std::int64_t askPrice = bestAsk + i * pair.spacing;
        const auto oldBid = pair.bids.find(bidPrice);
        const auto oldAsk = pair.asks.find(askPrice);
        bids[bidPrice] = oldBid != pair.bids.end() ? oldBid->second : between(10, 25000);
        asks[askPrice] = oldAsk != pair.asks.end() ? oldAsk->second : between(10, 25000);
    }
    for (int i = 0; i < 3; ++i) {
        auto &side = m_random.bounded(2) == 0 ? bids : asks;
        auto level = side.begin();
        std::advance(level, m_random.bounded(kBookLevels));
        level->second = between(10, 25000);
    }
    const auto diff = [](const std::map<std::int64_t, std::int64_t> &before,
                         const std::map<std::int64_t, std::int64_t> &after, QByteArray *out) {
        const auto level = [](std::int64_t price, std::int64_t size) -> QByteArray {
            return "{\"p\":" + decimalText(price, 2) + ",\"s\":" + decimalText(size, kCryptoSizeScale) + '}';
        };
        for (const auto &[price, size] : before) {
            if (!after.contains(price))
                *out += (out->isEmpty() ? "" : ",") + level(price, 0); // size 0 removes the level
        }
        for (const auto &[price, size] : after) {
            const auto old = before.find(price);
            if (old == before.end() || old->second != size)
                *out += (out->isEmpty() ? "" : ",") + level(price, size);
        }
    };
    diff(pair.bids, bids, bidChanges);
    diff(pair.asks, asks, askChanges);
    *changed = !bidChanges->isEmpty() || !askChanges->isEmpty();
    pair.bids = std::move(bids);
    pair.asks = std::move(asks);
}

void AlpacaMarket::stepBooks()
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    QList<MarketMessage> crypto;
    for (Pair &pair : m_pairs) {
        pair.mid = std::max<std::int64_t>(pair.spacing * 30, pair.mid + between(-2, 2) * pair.spacing / 2);
        bool changed = false;
        QByteArray bids, asks;
        rebuildBook(pair, &changed, &bids, &asks);
        const QByteArray symbol = jsonString(pair.symbol);
        const QByteArray time = timestamp(now);
        if (changed) {
            crypto.append({ Stream::Orderbooks, pair.symbol,
                            "{\"T\":\"o\",\"S\":" + symbol + ",\"t\":\"" + time + "\",\"b\":[" + bids + "],\"a\":["
                                + asks + "]}" });
        }
        const auto &[bidPrice, bidSize] = *pair.bids.rbegin();
        const auto &[askPrice, askSize] = *pair.asks.begin();
        crypto.append({ Stream::Quotes, pair.symbol,
                        "{\"T\":\"q\",\"S\":" + symbol + ",\"bp\":" + decimalText(bidPrice, 2) + ",\"bs\":"
                            + decimalText(bidSize, kCryptoSizeScale) + ",\"ap\":" + decimalText(askPrice, 2)
                            + ",\"as\":" + decimalText(askSize, kCryptoSizeScale) + ",\"t\":\"" + time + "\"}" });
    }
    Q_EMIT published(Universe::Crypto, crypto);
}

std::optional<BookSnapshot> AlpacaMarket::orderbook(const QString &symbol) const
{
    const auto pair = std::find_if(m_pairs.begin(), m_pairs.end(), [&](const Pair &p) { return p.symbol == symbol; });
    if (pair == m_pairs.end())
        return std::nullopt;
    BookSnapshot book;
    book.venue = u"alpaca"_s;
    book.symbol = symbol;
    for (auto level = pair->bids.rbegin(); level != pair->bids.rend(); ++level)
        book.bids.push_back({ Decimal::fromRaw(level->first, 2), Decimal::fromRaw(level->second, kCryptoSizeScale) });
    for (const auto &[price, size] : pair->asks)
        book.asks.push_back({ Decimal::fromRaw(price, 2), Decimal::fromRaw(size, kCryptoSizeScale) });
    return book;
}

QByteArray AlpacaMarket::orderbookSnapshot(const QString &symbol) const
{
    const auto pair = std::find_if(m_pairs.begin(), m_pairs.end(), [&](const Pair &p) { return p.symbol == symbol; });
    if (pair == m_pairs.end())
        return {};
    QByteArray bids, asks;
    for (auto level = pair->bids.rbegin(); level != pair->bids.rend(); ++level) {
        bids += (bids.isEmpty() ? "" : ",") + QByteArray("{\"p\":") + decimalText(level->first, 2)
            + ",\"s\":" + decimalText(level->second, kCryptoSizeScale) + '}';
    }
    for (const auto &[price, size] : pair->asks)
        asks += (asks.isEmpty() ? "" : ",") + QByteArray("{\"p\":") + decimalText(price, 2)
            + ",\"s\":" + decimalText(size, kCryptoSizeScale) + '}';
    return "{\"T\":\"o\",\"S\":" + jsonString(symbol) + ",\"t\":\"" + rfc3339(QDateTime::currentMSecsSinceEpoch())
        + "\",\"b\":[" + bids + "],\"a\":[" + asks + "],\"r\":true}";
}

QByteArray AlpacaMarket::statusMessage(const QString &symbol, bool halted) const
{
    // UTP tape codes: H trading halt, T trading resumption; reason T1 news pending (docs/protocols/alpaca.md §5.3).
    return "{\"T\":\"s\",\"S\":" + jsonString(symbol) + ",\"sc\":\"" + (halted ? "H" : "T") + "\",\"sm\":\""
        + (halted ? "Trading Halt" : "Trading Resumption") + "\",\"rc\":\"" + (halted ? "T1" : "") + "\",\"rm\":\""
        + (halted ? "Halt News Pending" : "") + "\",\"t\":\"" + rfc3339(QDateTime::currentMSecsSinceEpoch())
        + "\",\"z\":\"" + tapeOf(symbol) + "\"}";
}

} // namespace tapescope::emulator::alpaca
