#include "HyperliquidFrames.h"

#include "HyperliquidMarketSimulator.h"

#include "emulator/WireText.h"

#include <algorithm>

namespace tapescope::emulator::hyperliquid::frames {

namespace {

// The venue prints decimals the way Rust prints floats: no trailing zeros, but an integral value keeps
// one ".0" ("97000.0", "0.00028", "12.0").
QByteArray rustFloat(std::int64_t mantissa, int scale)
{
    return decimalText(mantissa, scale, IntegralDecimal::PointZero);
}

struct ViewLevel
{
    std::int64_t priceTicks = 0;
    std::int64_t lots = 0;
    int orders = 0;
};

int digitCount(std::int64_t value)
{
    int digits = 1;
    while (value >= 10) {
        value /= 10;
        ++digits;
    }
    return digits;
}

// Bucket size in ticks for an nSigFigs view; 1 when the request is finer than the tick.
std::int64_t aggregationStep(const MarketState &market, const BookView &view)
{
    if (!view.nSigFigs)
        return 1;
    const int exponent = digitCount(market.book.bestBid()) - *view.nSigFigs;
    std::int64_t step = 1;
    for (int i = 0; i < exponent; ++i)
        step *= 10;
    if (*view.nSigFigs == 5 && view.mantissa && exponent >= 0)
        step *= *view.mantissa;
    return step;
}

template<typename Side> std::vector<ViewLevel> collect(const Side &side, std::int64_t step, bool roundUp, int limit)
{
    std::vector<ViewLevel> out;
    for (const auto &[price, level] : side) {
        std::int64_t bucket = price / step * step;
        if (roundUp && bucket < price)
            bucket += step;
        if (!out.empty() && out.back().priceTicks == bucket) {
            out.back().lots += level.lots;
            out.back().orders += level.orders;
            continue;
        }
        if (static_cast<int>(out.size()) == limit)
            break;
        out.push_back({ bucket, level.lots, level.orders });
    }
    return out;
}

QByteArray levelJson(const MarketState &market, std::int64_t ticks, std::int64_t lots, int orders)
{
    return "{\"px\":\"" + price(market, ticks) + "\",\"sz\":\"" + size(market, lots)
        + "\",\"n\":" + QByteArray::number(orders) + '}';
}

void appendLevels(QByteArray &out, const MarketState &market, const std::vector<ViewLevel> &levels)
{
    out += '[';
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (i > 0)
            out += ',';
        out += levelJson(market, levels[i].priceTicks, levels[i].lots, levels[i].orders);
    }
    out += ']';
}

QByteArray channel(const char *name, const QByteArray &data)
{
    return QByteArray("{\"channel\":\"") + name + "\",\"data\":" + data + '}';
}

template<typename Side> std::int64_t impactPrice(const Side &side, std::int64_t impactLots)
{
    std::int64_t cumulative = 0;
    for (const auto &[price, level] : side) {
        cumulative += level.lots;
        if (cumulative >= impactLots)
            return price;
    }
    return side.rbegin()->first;
}

} // namespace

QByteArray price(const MarketState &market, std::int64_t ticks)
{
    return rustFloat(ticks, market.spec.priceScale);
}

QByteArray size(const MarketState &market, std::int64_t lots)
{
    return rustFloat(lots, market.spec.szDecimals);
}

QByteArray mid(const MarketState &market)
{
    // (bid + ask) / 2 exactly: one more fraction digit, e.g. "85811.5".
    return rustFloat((market.book.bestBid() + market.book.bestAsk()) * 5, market.spec.priceScale + 1);
}

QByteArray bookData(const MarketState &market, const BookView &view)
{
    const std::int64_t step = aggregationStep(market, view);
    QByteArray out = "{\"coin\":" + jsonString(market.spec.coin) + ",\"time\":" + QByteArray::number(market.bookTime)
        + ",\"levels\":[";
    appendLevels(out, market, collect(market.book.bids(), step, false, view.levels));
    out += ',';
    appendLevels(out, market, collect(market.book.asks(), step, true, view.levels));
    out += ']';
    if (view.nSigFigs) // the venue reports its bucket size only for aggregated books (§7.1)
        out += ",\"spread\":\"" + price(market, step) + '"';
    if (view.fast)
        out += ",\"fast\":true";
    out += '}';
    return out;
}

QByteArray l2Book(const MarketState &market, const BookView &view)
{
    return channel("l2Book", bookData(market, view));
}

QByteArray bbo(const MarketState &market)
{
    const auto &bid = *market.book.bids().begin();
    const auto &ask = *market.book.asks().begin();
    return channel("bbo",
                   "{\"coin\":" + jsonString(market.spec.coin) + ",\"time\":" + QByteArray::number(market.bookTime)
                       + ",\"bbo\":[" + levelJson(market, bid.first, bid.second.lots, bid.second.orders) + ','
                       + levelJson(market, ask.first, ask.second.lots, ask.second.orders) + "]}");
}

QByteArray trades(const MarketState &market, const std::vector<PrintedTrade> &prints)
{
    const QByteArray coin = jsonString(market.spec.coin);
    QByteArray out = "[";
    for (std::size_t i = 0; i < prints.size(); ++i) {
        const PrintedTrade &p = prints[i];
        if (i > 0)
            out += ',';
        out += "{\"coin\":" + coin + ",\"side\":\"" + (p.buyAggressor ? "B" : "A") + "\",\"px\":\""
            + price(market, p.priceTicks) + "\",\"sz\":\"" + size(market, p.lots)
            + "\",\"time\":" + QByteArray::number(p.time) + ",\"hash\":\"" + p.hash
            + "\",\"tid\":" + QByteArray::number(p.tid) + ",\"users\":[\"" + p.buyer + "\",\"" + p.seller + "\"]}";
    }
    out += ']';
    return channel("trades", out);
}

QByteArray candleData(const MarketState &market, int interval, const CandleBar &bar)
{
    return "{\"t\":" + QByteArray::number(bar.openTime) + ",\"T\":" + QByteArray::number(bar.closeTime)
        + ",\"s\":" + jsonString(market.spec.coin)
        + ",\"i\":" + jsonString(candleIntervals()[static_cast<std::size_t>(interval)].name) + ",\"o\":\""
        + price(market, bar.open) + "\",\"c\":\"" + price(market, bar.close) + "\",\"h\":\"" + price(market, bar.high)
        + "\",\"l\":\"" + price(market, bar.low) + "\",\"v\":\"" + size(market, bar.volumeLots)
        + "\",\"n\":" + QByteArray::number(bar.trades) + '}';
}

QByteArray candle(const MarketState &market, int interval)
{
    return channel("candle", candleData(market, interval, market.candles.liveBar(interval)));
}

QByteArray midsData(const HyperliquidMarketSimulator &simulator)
{
    QByteArray out = "{";
    for (const auto &market : simulator.markets()) {
        if (out.size() > 1)
            out += ',';
        out += jsonString(market->spec.coin) + ":\"" + mid(*market) + '"';
    }
    out += '}';
    return out;
}

QByteArray allMids(const HyperliquidMarketSimulator &simulator)
{
    return channel("allMids", "{\"mids\":" + midsData(simulator) + '}');
}

QByteArray assetContext(const HyperliquidMarketSimulator &simulator, const MarketState &market)
{
    const InstrumentSpec &spec = market.spec;
    const QByteArray coin = jsonString(spec.coin);
    const std::int64_t bid = market.book.bestBid();
    const std::int64_t ask = market.book.bestAsk();
    const std::int64_t mark = std::clamp(market.lastTradeTicks, bid, ask); // median of bid, ask, last
    const QByteArray dayNotional = rustFloat(market.dayNotional, spec.priceScale + spec.szDecimals);
    if (spec.spot) {
        const SpotToken *token = simulator.catalog().token(spec.baseToken);
        const QByteArray circulating = rustFloat(token ? token->circulatingSupply : 0, 0);
        const QByteArray total = rustFloat(token ? token->totalSupply : 0, 0);
        return channel("activeSpotAssetCtx",
                       "{\"coin\":" + coin + ",\"ctx\":{\"prevDayPx\":\"" + price(market, market.prevDayTicks)
                           + "\",\"dayNtlVlm\":\"" + dayNotional + "\",\"markPx\":\"" + price(market, mark)
                           + "\",\"midPx\":\"" + mid(market) + "\",\"circulatingSupply\":\"" + circulating
                           + "\",\"coin\":" + coin + ",\"totalSupply\":\"" + total + "\",\"dayBaseVlm\":\""
                           + size(market, market.dayBaseLots) + "\"}}");
    }
    const std::int64_t premiumE10 = (bid + ask - 2 * market.oracleTicks) * 5'000'000'000LL / market.oracleTicks;
    const std::int64_t impactLots = spec.levelLots * 2;
    return channel("activeAssetCtx",
                   "{\"coin\":" + coin + ",\"ctx\":{\"funding\":\"" + rustFloat(market.fundingE10, 10)
                       + "\",\"openInterest\":\"" + size(market, market.openInterestLots) + "\",\"prevDayPx\":\""
                       + price(market, market.prevDayTicks) + "\",\"dayNtlVlm\":\"" + dayNotional + "\",\"premium\":\""
                       + rustFloat(premiumE10, 10) + "\",\"oraclePx\":\"" + price(market, market.oracleTicks)
                       + "\",\"markPx\":\"" + price(market, mark) + "\",\"midPx\":\"" + mid(market)
                       + "\",\"impactPxs\":[\"" + price(market, impactPrice(market.book.bids(), impactLots)) + "\",\""
                       + price(market, impactPrice(market.book.asks(), impactLots)) + "\"],\"dayBaseVlm\":\""
                       + size(market, market.dayBaseLots) + "\"}}");
}

QByteArray subscriptionResponse(const QByteArray &method, const QByteArray &subscription)
{
    return channel("subscriptionResponse",
                   "{\"method\":" + jsonString(method) + ",\"subscription\":" + subscription + '}');
}

QByteArray error(const QByteArray &message)
{
    return channel("error", jsonString(message));
}

QByteArray pong()
{
    return QByteArrayLiteral("{\"channel\":\"pong\"}");
}

QByteArray postResponse(qint64 id, const QByteArray &responseObject)
{
    return channel("post", "{\"id\":" + QByteArray::number(id) + ",\"response\":" + responseObject + '}');
}

} // namespace tapescope::emulator::hyperliquid::frames
