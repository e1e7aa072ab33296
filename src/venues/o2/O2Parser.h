#pragma once

// The codec's internals, shared by the dispatch (O2Codec.cpp) and the frame decoders
// (O2DepthFrames.cpp, O2TradeFrames.cpp, O2ErrorFrames.cpp). Not part of the public API.

#include "O2ChainNumber.h"
#include "O2Codec.h"
#include "O2Json.h"

#include <optional>
#include <string>
#include <vector>

namespace tapescope::o2 {

namespace detail {

// A chain integer's text, not yet scaled: the market's decimals may only be known after the levels
// were read (market_id follows the book in WS#1).
struct RawLevel
{
    std::string_view price;
    std::string_view quantity;
};

struct RawBook
{
    bool present = false;
    std::vector<RawLevel> buys;
    std::vector<RawLevel> sells;
    void clear()
    {
        present = false;
        buys.clear();
        sells.clear();
    }
};

struct RawTrade
{
    std::string_view id;
    std::string_view side; // empty: not sent
    std::string_view price;
    std::string_view quantity;
    std::string_view marketId; // per-trade market, empty: the frame's
    std::int64_t ts = 0;
};

enum class Action { None, DepthSnapshot, DepthUpdate, Trades, Error, Account, Unknown };

Action actionFromName(std::string_view name);

// Venue times are unsigned integers as strings or numbers, in units chosen by magnitude (O2ChainNumber.h).
inline bool readVenueTime(simdjson::ondemand::value value, std::int64_t &out)
{
    std::string_view text;
    if (!readChainToken(value, text))
        return false;
    const auto raw = chainToUInt64(text);
    if (!raw)
        return false;
    const std::optional<std::int64_t> ms = unixMillisFromVenueTime(*raw);
    if (!ms)
        return false;
    out = *ms;
    return true;
}

} // namespace detail

struct Codec::Parser
{
    using Problem = detail::Problem;
    using ondemand_object = simdjson::ondemand::object;

    explicit Parser(CodecStats &codecStats)
        : stats(codecStats)
    { }

    simdjson::ondemand::parser json;
    // Reused input copy with SIMDJSON_PADDING readable bytes after the frame, so no per-frame allocation.
    std::vector<char> padded;
    EventBatch scratch;
    const QString venue = venueName();
    CodecStats &stats;

    MarketTable markets;
    std::vector<std::uint8_t> bookLive; // per market index: a snapshot has been applied
    struct LastTick
    {
        Decimal price;
        Side side = Side::Buy;
        bool valid = false;
    };
    std::vector<LastTick> lastTicks; // per market index, for trades that do not say their side

    // Per frame.
    std::string_view actionName;
    QString failureMarket; // market the failure concerns, if known
    bool failureOutOfRange = false; // FeedError "number_out_of_range" instead of "malformed"
    QString failureDetail; // e.g. the out-of-range value
    detail::RawBook ordersBook, viewBook, topBook, changesBook;
    std::vector<detail::RawTrade> trades;
    std::vector<int> tradeMarkets; // market index per emitted trade, for the tick rule

    // Last wire market id resolved, so a stream of one market's frames skips the normalising lookup.
    std::string lastWireId;
    int lastIndex = -1;

    void beginFrame();
    int marketIndex(std::string_view wireId);
    const Market &market(int index) const { return markets.markets()[static_cast<std::size_t>(index)]; }
    // Scales a chain integer; on failure records the failure and returns nullopt.
    std::optional<Decimal> scale(std::string_view text, int decimals, const char *field, int index);

    // Starts parsing `text` (a frame or REST body); open() also points `object` at its top-level object.
    Problem load(std::string_view text, simdjson::ondemand::document &document);
    Problem open(std::string_view text, simdjson::ondemand::document &document, ondemand_object &object);
    Problem decodeFrame(std::string_view frame);
    // A frame failed before its market was known (e.g. truncated): scan its text for market_id so the
    // FeedError names the market, and a depth frame takes that book out of live.
    void noteUnparsedDepthFrame(std::string_view text);
    Problem decodeDepthBody(std::string_view body, std::string_view fallbackMarket);
    Problem decodeTradesBody(std::string_view body, std::string_view fallbackMarket);

    // O2DepthFrames.cpp
    Problem decodeDepth(ondemand_object &object, detail::Action action, std::string_view fallbackMarket, bool fromRest);
    // O2TradeFrames.cpp
    Problem readTrades(simdjson::ondemand::value value);
    Problem emitTrades(std::string_view frameMarket, bool updateTickRule);
    void applyTickRule(std::size_t firstEvent);
    Problem decodeTradesFrame(ondemand_object &object);
    // O2ErrorFrames.cpp
    Problem decodeErrorFrame(ondemand_object &object, bool hasAction);
};

} // namespace tapescope::o2
