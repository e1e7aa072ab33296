// Public trades: subscribe_trades / trades frames (docs/protocols/o2.md §4.4) and the GET /v1/trades body.

#include "O2Parser.h"

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

using detail::Problem;
using detail::RawTrade;
namespace ondemand = simdjson::ondemand;

namespace {

bool equalsIgnoringCase(std::string_view text, std::string_view lower)
{
    if (text.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
        if (c != lower[i])
            return false;
    }
    return true;
}

// Trade ids are strings ("trade123", "42"); a JSON number is kept as its exact digits.
bool readTradeId(ondemand::value value, std::string_view &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return false;
    if (type == ondemand::json_type::number)
        return detail::readChainToken(value, out);
    return detail::readString(value, out);
}

} // namespace

Problem Codec::Parser::readTrades(ondemand::value value)
{
    return detail::forEachElement(value, "trades is not an array", [&](ondemand::value tradeValue) -> Problem {
        RawTrade trade;
        bool havePrice = false;
        bool haveQuantity = false;
        const Problem problem = detail::forEachMember(
            tradeValue, "trade is not an object", [&](auto key, ondemand::value field) -> Problem {
                if (key == "price") {
                    havePrice = true;
                    return detail::readChainToken(field, trade.price)
                        ? nullptr
                        : "trade price is not an integer string or number";
                }
                if (key == "quantity") {
                    haveQuantity = true;
                    return detail::readChainToken(field, trade.quantity)
                        ? nullptr
                        : "trade quantity is not an integer string or number";
                }
                if (key == "side")
                    return detail::readString(field, trade.side) ? nullptr : "trade side is not a string";
                if (key == "trade_id")
                    return readTradeId(field, trade.id) ? nullptr : "trade_id is not a string or integer";
                if (key == "timestamp")
                    return detail::readVenueTime(field, trade.ts) ? nullptr
                                                                  : "trade timestamp is not an unsigned integer";
                if (key == "market_id")
                    return detail::readString(field, trade.marketId) ? nullptr : "trade market_id is not a string";
                // total, trader_side, maker, taker: not needed for the tape.
                return detail::skipValue(field);
            });
        if (problem)
            return problem;
        if (!havePrice || !haveQuantity)
            return "trade lacks price or quantity";
        trades.push_back(trade);
        return nullptr;
    });
}

Problem Codec::Parser::emitTrades(std::string_view frameMarket, bool updateTickRule)
{
    const std::size_t firstEvent = scratch.size();
    tradeMarkets.clear();
    std::string_view unknownMarket; // reported once per frame
    for (const RawTrade &raw : trades) {
        const std::string_view wireMarket = raw.marketId.empty() ? frameMarket : raw.marketId;
        if (wireMarket.empty())
            return "trade has no market_id, nor has its frame";
        const int index = marketIndex(wireMarket);
        if (index < 0) {
            if (unknownMarket != wireMarket) {
                unknownMarket = wireMarket;
                ++stats.unknownMarkets;
                FeedError error { venue, u"unknown_market"_s,
                                  u"trades for a market missing from /v1/markets: "_s
                                      + detail::boundedText(wireMarket) };
                error.symbol = normaliseId(detail::toQString(wireMarket));
                scratch.emplace_back(std::move(error));
            }
            continue;
        }
        const Market &info = market(index);
        Trade trade;
        trade.venue = venue;
        trade.symbol = info.marketId;
        trade.ts = raw.ts;
        trade.id = detail::toQString(raw.id);
        const auto price = scale(raw.price, info.quote.decimals, "price", index);
        const auto size = price ? scale(raw.quantity, info.base.decimals, "quantity", index) : std::nullopt;
        if (!size)
            return failureOutOfRange ? "number out of range" : "trade price or quantity is not an unsigned integer";
        trade.price = *price;
        trade.size = *size;
        // The wire side is the maker's (docs/protocols/o2.md §4.4): the aggressor took the other side.
        if (raw.side.empty()) {
            trade.aggressorKnown = false;
        } else if (equalsIgnoringCase(raw.side, "buy")) {
            trade.side = Side::Sell;
        } else if (equalsIgnoringCase(raw.side, "sell")) {
            trade.side = Side::Buy;
        } else {
            failureMarket = info.marketId;
            return "trade side is not buy or sell";
        }
        scratch.emplace_back(std::move(trade));
        tradeMarkets.push_back(index);
    }
    if (updateTickRule)
        applyTickRule(firstEvent);
    return nullptr;
}

// Trades without a side (the Rust SDK's mock frame, WS#12) get the tick rule per market: above the
// previous trade an uptick (buyer aggressed), below a downtick, equal keeps the previous side. Runs
// only after the whole frame decoded, so a failed frame leaves the state untouched.
void Codec::Parser::applyTickRule(std::size_t firstEvent)
{
    std::size_t tradeNumber = 0;
    for (std::size_t i = firstEvent; i < scratch.size(); ++i) {
        auto *trade = std::get_if<Trade>(&scratch[i]);
        if (!trade)
            continue;
        LastTick &last = lastTicks[static_cast<std::size_t>(tradeMarkets[tradeNumber++])];
        if (!trade->aggressorKnown) {
            if (last.valid && trade->price != last.price)
                trade->side = trade->price > last.price ? Side::Buy : Side::Sell;
            else
                trade->side = last.valid ? last.side : Side::Buy;
        }
        last = LastTick { trade->price, trade->side, true };
    }
}

Problem Codec::Parser::decodeTradesFrame(ondemand::object &object)
{
    std::string_view frameMarket;
    bool haveTrades = false;
    const Problem problem = detail::forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "trades") {
            haveTrades = true;
            return readTrades(field);
        }
        if (key == "market_id")
            return detail::readString(field, frameMarket) ? nullptr : "market_id is not a string";
        return detail::skipValue(field);
    });
    Problem result = problem ? problem : !haveTrades ? "trades frame lacks trades" : emitTrades(frameMarket, true);
    if (result && failureMarket.isEmpty() && !frameMarket.empty())
        failureMarket = normaliseId(detail::toQString(frameMarket));
    return result;
}

Problem Codec::Parser::decodeTradesBody(std::string_view body, std::string_view fallbackMarket)
{
    actionName = "trades";
    ondemand::document document;
    if (const Problem problem = load(body, document))
        return problem;
    ondemand::json_type type;
    if (document.type().get(type) != simdjson::SUCCESS)
        return "body cannot be read";
    std::string_view frameMarket;
    if (type == ondemand::json_type::array) {
        ondemand::value list;
        if (document.get_value().get(list) != simdjson::SUCCESS)
            return "body cannot be read";
        if (const Problem problem = readTrades(list))
            return problem;
    } else {
        ondemand::object object;
        if (document.get_object().get(object) != simdjson::SUCCESS)
            return "trades body is not a list or an object";
        bool haveTrades = false;
        const Problem problem = detail::forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
            if (key == "trades") {
                haveTrades = true;
                return readTrades(field);
            }
            if (key == "market_id")
                return detail::readString(field, frameMarket) ? nullptr : "market_id is not a string";
            return detail::skipValue(field);
        });
        if (problem)
            return problem;
        if (!haveTrades)
            return "trades body lacks trades";
    }
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON value";
    return emitTrades(frameMarket.empty() ? fallbackMarket : frameMarket, false);
}

} // namespace tapescope::o2
