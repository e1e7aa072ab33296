// ticker, ticker_v2, trade and market_lifecycle_v2 (docs/protocols/kalshi.md §7.3–§7.5, §7.8).

#include "KalshiDecoders.h"

#include "core/TimeUnits.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi::detail {

namespace {

// A value the protocol sends as a string in the 2026 shape and as an integer before (§8). The string
// wins whatever the member order; `set` tells whether either came.
struct DualField
{
    std::optional<Decimal> fromString;
    std::optional<Decimal> fromInteger;
    bool set = false;

    std::optional<Decimal> value() const { return fromString ? fromString : fromInteger; }
};

Problem readDualString(ondemand::value field, DualField &target, Problem problem)
{
    if (!readOptionalDecimalString(field, target.fromString))
        return problem;
    target.set = true;
    return nullptr;
}

Problem readDualCents(ondemand::value field, DualField &target, Problem problem)
{
    Decimal number;
    if (!readCents(field, number))
        return problem;
    target.fromInteger = number;
    target.set = true;
    return nullptr;
}

Problem readDualCount(ondemand::value field, DualField &target, Problem problem)
{
    Decimal number;
    if (!readIntegerCount(field, number))
        return problem;
    target.fromInteger = number;
    target.set = true;
    return nullptr;
}

// Unix seconds -> ms, checked against core/TimeUnits.h's window (a fuzzer's
// {"type":"ticker","msg":{"market_ticker":"0","ts":16691498419841000}} once overflowed seconds * 1000).
bool readUnixSecondsAsMs(ondemand::value field, std::int64_t &ms)
{
    std::int64_t seconds = 0;
    if (!readInt64(field, seconds))
        return false;
    const std::optional<std::int64_t> converted = time_units::secondsToMs(seconds);
    if (!converted)
        return false;
    ms = *converted;
    return true;
}

bool readUnixMillis(ondemand::value field, std::int64_t &ms)
{
    std::int64_t millis = 0;
    if (!readInt64(field, millis) || !time_units::millisToMs(millis))
        return false;
    ms = millis;
    return true;
}

// Seconds (`ts`, deprecated) or milliseconds (`ts_ms`): milliseconds win. Both already in ms, -1 when absent.
struct Timestamp
{
    std::int64_t fromSeconds = -1;
    std::int64_t millis = -1;
    std::int64_t toMs() const { return millis >= 0 ? millis : fromSeconds >= 0 ? fromSeconds : 0; }
};

Problem readTimestampField(std::string_view key, ondemand::value field, Timestamp &ts, bool &handled)
{
    handled = key == "ts" || key == "ts_ms";
    if (key == "ts" && !readUnixSecondsAsMs(field, ts.fromSeconds))
        return "ts is not integer seconds in range";
    if (key == "ts_ms" && !readUnixMillis(field, ts.millis))
        return "ts_ms is not integer milliseconds in range";
    return nullptr;
}

// Kalshi reports an empty side as a price at the edge (yes_bid 0, yes_ask 100 / "1.0000") with a zero
// size (WS#24), so a side only exists strictly inside (0, 1) and with a non-zero size when one is given.
std::optional<Level> quoteLevel(const std::optional<Decimal> &price, const std::optional<Decimal> &size)
{
    if (!price || *price <= Decimal() || *price >= Decimal::fromInteger(1))
        return std::nullopt;
    if (size && size->isZero())
        return std::nullopt;
    return Level { *price, size.value_or(Decimal()) };
}

bool readMarket(std::string_view key, ondemand::value field, QString &market, Problem &problem)
{
    if (key != "market_ticker")
        return false;
    std::string_view text;
    if (!readString(field, text))
        problem = "market_ticker is not a string";
    market = toQString(text);
    return true;
}

} // namespace

Problem decodeTicker(ondemand::value msg, DecodeContext &context)
{
    QString market;
    DualField last;
    DualField bid;
    DualField ask;
    DualField openInterest;
    std::optional<Decimal> bidSize;
    std::optional<Decimal> askSize;
    Timestamp ts;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            Problem fieldProblem = nullptr;
            bool handled = false;
            if (readMarket(key, field, market, fieldProblem))
                return fieldProblem;
            if (const Problem tsProblem = readTimestampField(key, field, ts, handled); handled)
                return tsProblem;
            if (key == "price_dollars")
                return readDualString(field, last, "price_dollars is not a decimal string");
            if (key == "price")
                return readDualCents(field, last, "price is not integer cents");
            if (key == "yes_bid_dollars")
                return readDualString(field, bid, "yes_bid_dollars is not a decimal string");
            if (key == "yes_bid")
                return readDualCents(field, bid, "yes_bid is not integer cents");
            if (key == "yes_ask_dollars")
                return readDualString(field, ask, "yes_ask_dollars is not a decimal string");
            if (key == "yes_ask")
                return readDualCents(field, ask, "yes_ask is not integer cents");
            if (key == "open_interest_fp")
                return readDualString(field, openInterest, "open_interest_fp is not a decimal string");
            if (key == "open_interest")
                return readDualCount(field, openInterest, "open_interest is not an integer");
            if (key == "yes_bid_size_fp")
                return readOptionalDecimalString(field, bidSize) ? nullptr : "yes_bid_size_fp is not a decimal string";
            if (key == "yes_ask_size_fp")
                return readOptionalDecimalString(field, askSize) ? nullptr : "yes_ask_size_fp is not a decimal string";
            return nullptr;
        });
    if (problem)
        return problem;
    if (market.isEmpty())
        return "ticker lacks market_ticker";

    Bbo bbo { context.venue, market, ts.toMs(), quoteLevel(bid.value(), bidSize), quoteLevel(ask.value(), askSize) };
    Ticker ticker;
    ticker.venue = context.venue;
    ticker.symbol = market;
    ticker.ts = bbo.ts;
    if (bbo.bid && bbo.ask) {
        if (const auto sum = bbo.bid->price.checkedAdd(bbo.ask->price))
            ticker.mid = sum->halved();
    }
    // A last price of 0 means "never traded" (WS#22, WS#24): Kalshi contracts trade strictly inside (0, 1).
    if (const auto price = last.value(); price && *price > Decimal())
        ticker.last = price;
    ticker.openInterest = openInterest.value();
    context.events.emplace_back(std::move(bbo));
    context.events.emplace_back(std::move(ticker));
    return nullptr;
}

Problem decodeTickerV2(ondemand::value msg, DecodeContext &context)
{
    // Legacy and absent from both 2026 specs (§7.4): only the last price is used; the *_delta fields
    // are increments of statistics this client does not keep.
    QString market;
    DualField last;
    Timestamp ts;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            Problem fieldProblem = nullptr;
            bool handled = false;
            if (readMarket(key, field, market, fieldProblem))
                return fieldProblem;
            if (const Problem tsProblem = readTimestampField(key, field, ts, handled); handled)
                return tsProblem;
            if (key == "price_dollars")
                return readDualString(field, last, "price_dollars is not a decimal string");
            if (key == "price")
                return readDualCents(field, last, "price is not integer cents");
            return nullptr;
        });
    if (problem)
        return problem;
    if (market.isEmpty())
        return "ticker_v2 lacks market_ticker";
    const auto price = last.value();
    if (price && *price > Decimal()) {
        Ticker ticker;
        ticker.venue = context.venue;
        ticker.symbol = market;
        ticker.ts = ts.toMs();
        ticker.last = price;
        context.events.emplace_back(std::move(ticker));
    }
    return nullptr;
}

Problem decodeTrade(ondemand::value msg, DecodeContext &context)
{
    Trade trade;
    DualField price;
    DualField count;
    Timestamp ts;
    std::string_view takerSide;
    std::string_view takerOutcomeSide;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            Problem fieldProblem = nullptr;
            bool handled = false;
            if (readMarket(key, field, trade.symbol, fieldProblem))
                return fieldProblem;
            if (const Problem tsProblem = readTimestampField(key, field, ts, handled); handled)
                return tsProblem;
            if (key == "trade_id") {
                std::string_view id;
                if (!readString(field, id))
                    return "trade_id is not a string";
                trade.id = toQString(id);
            } else if (key == "yes_price_dollars") {
                return readDualString(field, price, "yes_price_dollars is not a decimal string");
            } else if (key == "yes_price") {
                return readDualCents(field, price, "yes_price is not integer cents");
            } else if (key == "count_fp") {
                return readDualString(field, count, "count_fp is not a decimal string");
            } else if (key == "count") {
                return readDualCount(field, count, "count is not an integer");
            } else if (key == "taker_side") {
                if (!readString(field, takerSide))
                    return "taker_side is not a string";
            } else if (key == "taker_outcome_side") {
                if (!readString(field, takerOutcomeSide))
                    return "taker_outcome_side is not a string";
            }
            return nullptr;
        });
    if (problem)
        return problem;
    const auto yesPrice = price.value();
    const auto size = count.value();
    if (trade.symbol.isEmpty() || !yesPrice || !size)
        return "trade lacks market_ticker, yes price or count";
    // In the YES view the aggressor bought when it took YES (buy YES or sell NO). taker_outcome_side says
    // exactly that (§7.5); the deprecated taker_side is the fallback for older frames.
    const std::string_view side = takerOutcomeSide.empty() ? takerSide : takerOutcomeSide;
    if (side != "yes" && side != "no")
        return "trade lacks a taker side of \"yes\" or \"no\"";
    trade.venue = context.venue;
    trade.ts = ts.toMs();
    trade.price = *yesPrice;
    trade.size = *size;
    trade.side = side == "yes" ? Side::Buy : Side::Sell;
    context.events.emplace_back(std::move(trade));
    return nullptr;
}

Problem decodeLifecycle(ondemand::value msg, DecodeContext &context, bool &ignored)
{
    MarketStatus status;
    std::string_view eventType;
    std::optional<bool> deactivated;
    std::int64_t determinedAt = -1;
    std::int64_t settledAt = -1;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            Problem fieldProblem = nullptr;
            if (readMarket(key, field, status.symbol, fieldProblem))
                return fieldProblem;
            if (key == "event_type") {
                if (!readString(field, eventType))
                    return "event_type is not a string";
            } else if (key == "result") {
                std::string_view result;
                if (!readString(field, result))
                    return "result is not a string";
                status.result = toQString(result);
            } else if (key == "settlement_value") {
                if (!readOptionalDecimalString(field, status.settlementValue))
                    return "settlement_value is not a decimal string";
            } else if (key == "is_deactivated") {
                bool flag = false;
                if (!readBool(field, flag))
                    return "is_deactivated is not a boolean";
                deactivated = flag;
            } else if (key == "determination_ts") {
                if (!readUnixSecondsAsMs(field, determinedAt))
                    return "determination_ts is not integer seconds in range";
            } else if (key == "settled_ts") {
                if (!readUnixSecondsAsMs(field, settledAt))
                    return "settled_ts is not integer seconds in range";
            }
            return nullptr;
        });
    if (problem)
        return problem;
    if (status.symbol.isEmpty() || eventType.empty())
        return "market_lifecycle_v2 lacks market_ticker or event_type";
    // The event-type set is open (§7.8); only state changes become events, the rest is ignored.
    if (eventType == "created") {
        status.state = MarketState::Created;
    } else if (eventType == "activated") {
        status.state = MarketState::Open;
    } else if (eventType == "deactivated") {
        status.state = deactivated.value_or(true) ? MarketState::Paused : MarketState::Open;
    } else if (eventType == "determined") {
        status.state = MarketState::Determined;
        status.ts = std::max<std::int64_t>(determinedAt, 0);
    } else if (eventType == "settled") {
        status.state = MarketState::Settled;
        status.ts = std::max<std::int64_t>(settledAt, 0);
    } else {
        ignored = true;
        return nullptr;
    }
    status.venue = context.venue;
    context.events.emplace_back(std::move(status));
    return nullptr;
}

} // namespace tapescope::kalshi::detail
