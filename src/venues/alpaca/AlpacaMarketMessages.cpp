// Market-data messages: trades, quotes, bars, crypto order books and trading statuses (docs/protocols/alpaca.md §5.3,
// §5.4). Field letters collide across types (`c` close vs conditions, `s` size vs status), so each decoder reads only
// the letters of its own type (docs/protocols/alpaca.md §8.8).

#include "AlpacaDecoders.h"

#include <algorithm>

namespace tapescope::alpaca::detail {

namespace {

// {"p":price,"s":size}: one crypto book level (docs/protocols/alpaca.md §5.4).
Problem readLevel(ondemand::value value, Level &level)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return "order book level is not an object";
    bool havePrice = false, haveSize = false;
    const Problem problem = forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "p") {
            if (!readNumber(field, level.price))
                return "order book p is not a number";
            havePrice = true;
        } else if (key == "s") {
            if (!readNumber(field, level.size))
                return "order book s is not a number";
            haveSize = true;
        }
        return nullptr;
    });
    if (problem)
        return problem;
    return havePrice && haveSize ? nullptr : "order book level lacks p or s";
}

Problem readLevels(ondemand::value value, std::vector<Level> &levels)
{
    return forEachElement(value, "order book side is not an array", [&](ondemand::value element) -> Problem {
        Level level;
        if (const Problem problem = readLevel(element, level))
            return problem;
        levels.push_back(level);
        return nullptr;
    });
}

// A quote side with a zero price or size is empty (no bid or no offer), not a level at zero.
std::optional<Level> quoteSide(const Decimal &price, const Decimal &size)
{
    if (price.isZero() || size.isZero())
        return std::nullopt;
    return Level { price, size, -1 };
}

} // namespace

Problem decodeTrade(ondemand::object &message, DecodeContext &context)
{
    Trade trade;
    trade.aggressorKnown = false; // until a crypto `tks` says otherwise
    std::string_view symbol;
    unsigned seen = 0; // S, p, s, t
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "S") {
            if (!readString(field, symbol))
                return "trade S is not a string";
            seen |= 1u;
        } else if (key == "p") {
            if (!readNumber(field, trade.price))
                return "trade p is not a number";
            seen |= 2u;
        } else if (key == "s") {
            if (!readNumber(field, trade.size))
                return "trade s is not a number";
            seen |= 4u;
        } else if (key == "t") {
            if (!readTimestamp(field, trade.ts))
                return "trade t is not an RFC 3339 time";
            seen |= 8u;
        } else if (key == "i") {
            // Option trades carry no id (docs/protocols/alpaca.md §5.6); stock and crypto trades do.
            if (!readId(field, trade.id))
                return "trade i is not an unsigned integer";
        } else if (key == "tks") {
            // Crypto taker side "B" / "S" (docs/protocols/alpaca.md §5.4); stock trades never say.
            std::string_view taker;
            if (!readString(field, taker) || (taker != "B" && taker != "S"))
                return "trade tks is not \"B\" or \"S\"";
            trade.side = taker == "B" ? Side::Buy : Side::Sell;
            trade.aggressorKnown = true;
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0xfu)
        return "trade lacks S, p, s or t";
    trade.venue = context.venue;
    trade.symbol = toQString(symbol);
    context.events.emplace_back(std::move(trade));
    return nullptr;
}

Problem decodeQuote(ondemand::object &message, DecodeContext &context)
{
    Bbo bbo;
    std::string_view symbol;
    Decimal bidPrice, bidSize, askPrice, askSize;
    unsigned seen = 0; // S, t, bp, bs, ap, as
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "S") {
            if (!readString(field, symbol))
                return "quote S is not a string";
            seen |= 1u;
        } else if (key == "t") {
            if (!readTimestamp(field, bbo.ts))
                return "quote t is not an RFC 3339 time";
            seen |= 2u;
        } else if (key == "bp" || key == "bs" || key == "ap" || key == "as") {
            Decimal value;
            if (!readNumber(field, value))
                return "quote bp/bs/ap/as is not a number";
            if (key == "bp") {
                bidPrice = value;
                seen |= 4u;
            } else if (key == "bs") {
                bidSize = value;
                seen |= 8u;
            } else if (key == "ap") {
                askPrice = value;
                seen |= 16u;
            } else {
                askSize = value;
                seen |= 32u;
            }
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0x3fu)
        return "quote lacks S, t, bp, bs, ap or as";
    bbo.venue = context.venue;
    bbo.symbol = toQString(symbol);
    bbo.bid = quoteSide(bidPrice, bidSize);
    bbo.ask = quoteSide(askPrice, askSize);
    context.events.emplace_back(std::move(bbo));
    return nullptr;
}

Problem decodeBar(ondemand::object &message, const QString &interval, std::int64_t intervalMs, DecodeContext &context)
{
    Candle candle;
    std::string_view symbol;
    unsigned seen = 0; // S, t, o, h, l, c, v
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "S") {
            if (!readString(field, symbol))
                return "bar S is not a string";
            seen |= 1u << 0;
        } else if (key == "t") {
            // The bar's start (docs/protocols/alpaca.md §5.3); an updated bar repeats the start of the bar it replaces.
            if (!readTimestamp(field, candle.start))
                return "bar t is not an RFC 3339 time";
            seen |= 1u << 1;
        } else if (key == "o" || key == "h" || key == "l" || key == "c" || key == "v") {
            Decimal value;
            if (!readNumber(field, value))
                return "bar o/h/l/c/v is not a number";
            if (key == "o") {
                candle.open = value;
                seen |= 1u << 2;
            } else if (key == "h") {
                candle.high = value;
                seen |= 1u << 3;
            } else if (key == "l") {
                candle.low = value;
                seen |= 1u << 4;
            } else if (key == "c") {
                candle.close = value;
                seen |= 1u << 5;
            } else {
                candle.volume = value;
                seen |= 1u << 6;
            }
        } else if (key == "n") {
            // Optional: the old docs' bars lack n and vw (docs/protocols/alpaca.md §5.3).
            std::int64_t trades = 0;
            if (!readInt64(field, trades))
                return "bar n is not an integer";
            candle.trades = trades;
        } else if (key == "vw") {
            Decimal vwap;
            if (!readNumber(field, vwap))
                return "bar vw is not a number";
            candle.vwap = vwap;
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0x7fu)
        return "bar lacks S, t, o, h, l, c or v";
    candle.venue = context.venue;
    candle.symbol = toQString(symbol);
    candle.interval = interval;
    candle.end = candle.start + intervalMs - 1;
    context.events.emplace_back(std::move(candle));
    return nullptr;
}

Problem decodeOrderbook(ondemand::object &message, DecodeContext &context)
{
    std::string_view symbol;
    std::int64_t ts = 0;
    bool haveSymbol = false, haveTime = false;
    bool reset = false;
    std::vector<Level> bids, asks;
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "S") {
            haveSymbol = readString(field, symbol);
            return haveSymbol ? nullptr : "order book S is not a string";
        }
        if (key == "t") {
            haveTime = readTimestamp(field, ts);
            return haveTime ? nullptr : "order book t is not an RFC 3339 time";
        }
        if (key == "r")
            return field.get_bool().get(reset) == simdjson::SUCCESS ? nullptr : "order book r is not a boolean";
        if (key == "b")
            return readLevels(field, bids);
        if (key == "a")
            return readLevels(field, asks);
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveSymbol || !haveTime)
        return "order book lacks S or t";

    if (reset) {
        // r:true replaces the whole book (docs/protocols/alpaca.md §5.4). The order of levels is not documented, so
        // sort best first; a zero size has no place in a full book.
        BookSnapshot book;
        book.venue = context.venue;
        book.symbol = toQString(symbol);
        book.ts = ts;
        const auto empty = [](const Level &level) { return level.size.isZero(); };
        bids.erase(std::remove_if(bids.begin(), bids.end(), empty), bids.end());
        asks.erase(std::remove_if(asks.begin(), asks.end(), empty), asks.end());
        std::sort(bids.begin(), bids.end(), [](const Level &a, const Level &b) { return a.price > b.price; });
        std::sort(asks.begin(), asks.end(), [](const Level &a, const Level &b) { return a.price < b.price; });
        book.bids = std::move(bids);
        book.asks = std::move(asks);
        context.events.emplace_back(std::move(book));
        return nullptr;
    }
    if (bids.empty() && asks.empty())
        return nullptr; // an update that changes nothing
    BookDelta delta;
    delta.venue = context.venue;
    delta.symbol = toQString(symbol);
    delta.ts = ts;
    delta.changes.reserve(bids.size() + asks.size());
    for (const Level &level : bids)
        delta.changes.push_back({ Side::Buy, level.price, level.size });
    for (const Level &level : asks)
        delta.changes.push_back({ Side::Sell, level.price, level.size });
    context.events.emplace_back(std::move(delta));
    return nullptr;
}

Problem decodeStatus(ondemand::object &message, DecodeContext &context)
{
    std::string_view symbol, statusCode;
    std::int64_t ts = 0;
    bool haveSymbol = false, haveCode = false, haveTime = false;
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "S") {
            haveSymbol = readString(field, symbol);
            return haveSymbol ? nullptr : "status S is not a string";
        }
        if (key == "sc") {
            haveCode = readString(field, statusCode);
            return haveCode ? nullptr : "status sc is not a string";
        }
        if (key == "t") {
            haveTime = readTimestamp(field, ts);
            return haveTime ? nullptr : "status t is not an RFC 3339 time";
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveSymbol || !haveCode || !haveTime)
        return "status lacks S, sc or t";

    // Status codes from the docs' tables (docs/protocols/alpaca.md §5.3, S2): CTA tapes A/B use digits, UTP tapes C/O
    // letters. Only halts, pauses and resumptions change whether the symbol trades.
    MarketState state = MarketState::Unknown;
    if (statusCode == "2" || statusCode == "H" || statusCode == "P" || statusCode == "Q")
        state = MarketState::Paused; // halt, volatility pause; "Q" resumes quoting only, not trading
    else if (statusCode == "3" || statusCode == "T")
        state = MarketState::Open;
    if (state == MarketState::Unknown) {
        ++context.counts.statusNotices;
        return nullptr;
    }
    MarketStatus status;
    status.venue = context.venue;
    status.symbol = toQString(symbol);
    status.ts = ts;
    status.state = state;
    context.events.emplace_back(std::move(status));
    return nullptr;
}

} // namespace tapescope::alpaca::detail
