// data frames: one element per symbol fetched this tick (docs/protocols/fiml.md §4.3), decoded by the frame's label.

#include "FimlDecoders.h"

namespace tapescope::fiml::detail {

namespace {

// PriceUpdate (docs/protocols/fiml.md §4.3.1) -> Ticker.
Problem decodePriceUpdate(ondemand::value element, DecodeContext &context)
{
    ondemand::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return "price update is not an object";
    Ticker ticker;
    std::string_view symbol, provider;
    unsigned seen = 0; // symbol, price, timestamp
    const Problem problem = forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "symbol") {
            if (!readString(field, symbol))
                return "price update symbol is not a string";
            seen |= 1u;
        } else if (key == "price") {
            Decimal price;
            if (!readFloatNumber(field, price))
                return "price update price is not a number";
            ticker.last = price;
            seen |= 2u;
        } else if (key == "timestamp") {
            if (!readTimestamp(field, ticker.ts))
                return "price update timestamp is not an ISO-8601 time";
            seen |= 4u;
        } else if (key == "change") {
            if (!readOptionalFloatNumber(field, ticker.change))
                return "price update change is not a number";
        } else if (key == "change_percent") {
            if (!readOptionalFloatNumber(field, ticker.changePercent))
                return "price update change_percent is not a number";
        } else if (key == "volume") {
            if (!readOptionalFloatNumber(field, ticker.volume))
                return "price update volume is not a number or null";
        } else if (key == "provider") {
            if (!readString(field, provider))
                return "price update provider is not a string";
        } else if (key == "confidence") {
            if (!readOptionalFloatNumber(field, ticker.confidence))
                return "price update confidence is not a number";
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0x7u)
        return "price update lacks symbol, price or timestamp";
    ticker.venue = context.venue;
    ticker.symbol = toQString(symbol);
    ticker.provider = toQString(provider);
    context.events.emplace_back(std::move(ticker));
    return nullptr;
}

// OHLCVUpdate (docs/protocols/fiml.md §4.3.2) -> Candle. FIML does not say the candle's length: interval stays empty.
Problem decodeOhlcvUpdate(ondemand::value element, DecodeContext &context)
{
    ondemand::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return "ohlcv update is not an object";
    Candle candle;
    std::string_view symbol;
    unsigned seen = 0; // symbol, timestamp, open, high, low, close, volume
    const Problem problem = forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "symbol") {
            if (!readString(field, symbol))
                return "ohlcv update symbol is not a string";
            seen |= 1u << 0;
        } else if (key == "timestamp") {
            if (!readTimestamp(field, candle.start))
                return "ohlcv update timestamp is not an ISO-8601 time";
            seen |= 1u << 1;
        } else if (key == "open" || key == "high" || key == "low" || key == "close" || key == "volume") {
            Decimal value;
            if (!readFloatNumber(field, value))
                return "ohlcv update open/high/low/close/volume is not a number";
            if (key == "open") {
                candle.open = value;
                seen |= 1u << 2;
            } else if (key == "high") {
                candle.high = value;
                seen |= 1u << 3;
            } else if (key == "low") {
                candle.low = value;
                seen |= 1u << 4;
            } else if (key == "close") {
                candle.close = value;
                seen |= 1u << 5;
            } else {
                candle.volume = value;
                seen |= 1u << 6;
            }
        } else if (key == "is_closed") {
            bool closed = false;
            if (field.get_bool().get(closed) != simdjson::SUCCESS)
                return "ohlcv update is_closed is not a boolean";
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0x7fu)
        return "ohlcv update lacks symbol, timestamp, open, high, low, close or volume";
    candle.venue = context.venue;
    candle.symbol = toQString(symbol);
    context.events.emplace_back(std::move(candle));
    return nullptr;
}

// QuoteUpdate (docs/protocols/fiml.md §4.3: defined in FIML's models, not sent yet) -> Bbo.
Problem decodeQuoteUpdate(ondemand::value element, DecodeContext &context)
{
    ondemand::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return "quote update is not an object";
    Bbo bbo;
    std::string_view symbol;
    Decimal bid, ask, bidSize, askSize;
    unsigned seen = 0; // symbol, timestamp, bid, ask, bid_size, ask_size
    const Problem problem = forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "symbol") {
            seen |= readString(field, symbol) ? 1u : 0u;
            return seen & 1u ? nullptr : "quote update symbol is not a string";
        }
        if (key == "timestamp") {
            seen |= readTimestamp(field, bbo.ts) ? 2u : 0u;
            return seen & 2u ? nullptr : "quote update timestamp is not an ISO-8601 time";
        }
        Decimal *target = key == "bid" ? &bid
            : key == "ask"             ? &ask
            : key == "bid_size"        ? &bidSize
            : key == "ask_size"        ? &askSize
                                       : nullptr;
        if (!target)
            return nullptr;
        if (!readFloatNumber(field, *target))
            return "quote update bid/ask/bid_size/ask_size is not a number";
        seen |= target == &bid ? 4u : target == &ask ? 8u : target == &bidSize ? 16u : 32u;
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0x3fu)
        return "quote update lacks symbol, timestamp, bid, ask, bid_size or ask_size";
    bbo.venue = context.venue;
    bbo.symbol = toQString(symbol);
    if (!bid.isZero() && !bidSize.isZero())
        bbo.bid = Level { bid, bidSize, -1 };
    if (!ask.isZero() && !askSize.isZero())
        bbo.ask = Level { ask, askSize, -1 };
    context.events.emplace_back(std::move(bbo));
    return nullptr;
}

// TradeUpdate (docs/protocols/fiml.md §4.3: defined, not sent yet) -> Trade.
Problem decodeTradeUpdate(ondemand::value element, DecodeContext &context)
{
    ondemand::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return "trade update is not an object";
    Trade trade;
    trade.aggressorKnown = false;
    std::string_view symbol;
    unsigned seen = 0; // symbol, timestamp, price, quantity
    const Problem problem = forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "symbol") {
            seen |= readString(field, symbol) ? 1u : 0u;
            return seen & 1u ? nullptr : "trade update symbol is not a string";
        }
        if (key == "timestamp") {
            seen |= readTimestamp(field, trade.ts) ? 2u : 0u;
            return seen & 2u ? nullptr : "trade update timestamp is not an ISO-8601 time";
        }
        if (key == "price" || key == "quantity") {
            if (!readFloatNumber(field, key == "price" ? trade.price : trade.size))
                return "trade update price/quantity is not a number";
            seen |= key == "price" ? 4u : 8u;
            return nullptr;
        }
        if (key == "trade_id") {
            std::string_view id;
            std::int64_t number = 0;
            if (readString(field, id))
                trade.id = toQString(id);
            else if (!isNull(field) && readInt64(field, number))
                trade.id = QString::number(number);
            return nullptr;
        }
        if (key == "side") {
            std::string_view side;
            if (readString(field, side) && (side == "buy" || side == "sell")) {
                trade.side = side == "buy" ? Side::Buy : Side::Sell;
                trade.aggressorKnown = true;
            }
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (seen != 0xfu)
        return "trade update lacks symbol, timestamp, price or quantity";
    trade.venue = context.venue;
    trade.symbol = toQString(symbol);
    context.events.emplace_back(std::move(trade));
    return nullptr;
}

using ElementDecoder = Problem (*)(ondemand::value, DecodeContext &);

ElementDecoder decoderFor(const std::optional<StreamType> &type)
{
    if (!type)
        return nullptr;
    switch (*type) {
    case StreamType::Price:
    case StreamType::MultiAsset: // multi_asset streams price updates (docs/protocols/fiml.md §4.3)
        return decodePriceUpdate;
    case StreamType::Ohlcv:
        return decodeOhlcvUpdate;
    case StreamType::Quote:
        return decodeQuoteUpdate;
    case StreamType::Trades:
        return decodeTradeUpdate;
    }
    return nullptr;
}

} // namespace

Problem decodeData(ondemand::object &frame, DecodeContext &context)
{
    // The label decides how to read `data`, and JSON does not fix member order: find it first.
    ondemand::value label;
    std::string_view labelText;
    if (frame.find_field_unordered("stream_type").get(label) == simdjson::SUCCESS) {
        if (!readString(label, labelText))
            return "data stream_type is not a string";
        context.info.streamType = streamTypeFromName(labelText);
    }
    if (frame.reset().error() != simdjson::SUCCESS)
        return "data frame cannot be re-read";
    const ElementDecoder decoder = decoderFor(context.info.streamType);
    bool haveId = false, haveData = false;
    const Problem problem = forEachMember(frame, [&](auto key, ondemand::value field) -> Problem {
        if (key == "subscription_id") {
            std::string_view id;
            if (!readString(field, id))
                return "data subscription_id is not a string";
            context.info.subscriptionId = toQString(id);
            haveId = true;
        } else if (key == "timestamp") {
            if (!readTimestamp(field, context.info.ts))
                return "data timestamp is not an ISO-8601 time";
        } else if (key == "data") {
            haveData = true;
            return forEachElement(field, "data is not an array", [&](ondemand::value element) -> Problem {
                if (!decoder) {
                    ondemand::object skipped;
                    return element.get_object().get(skipped) == simdjson::SUCCESS
                        ? forEachMember(skipped, [](auto, ondemand::value) -> Problem { return nullptr; })
                        : "data element is not an object";
                }
                return decoder(element, context);
            });
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveId || !haveData)
        return "data frame lacks subscription_id or data";
    return nullptr;
}

} // namespace tapescope::fiml::detail
