// orderbook_snapshot and orderbook_delta (docs/protocols/kalshi.md §7.1, §7.2). Both revisions' shapes are accepted:
// integer cents/counts (old) and dollar/fixed-point strings (new); the strings win when both are present.

#include "KalshiDecoders.h"

#include "core/IsoTime.h"
#include "core/TimeUnits.h"

namespace tapescope::kalshi::detail {

namespace {

// A price on the wire: a dollar string ("0.0800") or legacy integer cents (8).
bool readPrice(ondemand::value value, Decimal &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return false;
    return type == ondemand::json_type::string ? readDecimalString(value, out) : readCents(value, out);
}

// A contract count: a fixed-point string ("300.00") or a legacy integer (300).
bool readCount(ondemand::value value, Decimal &out)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return false;
    return type == ondemand::json_type::string ? readDecimalString(value, out) : readIntegerCount(value, out);
}

bool isContractPrice(const Decimal &price)
{
    return price > Decimal() && price < Decimal::fromInteger(1);
}

// [[price, count], ...] in any of the three encodings (`yes`, `yes_dollars`, `yes_dollars_fp`).
Problem readLevels(ondemand::value value, std::vector<YesViewBook::NativeLevel> &out)
{
    out.clear();
    return forEachElement(value, "book side is not an array", [&](ondemand::value pair) -> Problem {
        YesViewBook::NativeLevel level;
        int index = 0;
        const Problem problem
            = forEachElement(pair, "book level is not an array", [&](ondemand::value item) -> Problem {
                  if (index == 0 && !readPrice(item, level.price))
                      return "book level price is not a price";
                  if (index == 1 && !readCount(item, level.count))
                      return "book level count is not a count";
                  if (index > 1)
                      return "book level has more than two items";
                  ++index;
                  return nullptr;
              });
        if (problem)
            return problem;
        if (index != 2)
            return "book level does not have two items";
        if (!isContractPrice(level.price) || level.count.isNegative())
            return "book level price or count out of range";
        out.push_back(level);
        return nullptr;
    });
}

} // namespace

std::optional<std::int64_t> rfc3339ToMs(std::string_view text)
{
    const std::optional<IsoTimestamp> time = parseIsoTimestamp(text, NaiveTime::Reject);
    return time ? time_units::millisToMs(time->ms) : std::nullopt;
}

Problem decodeSnapshot(ondemand::value msg, ParsedSnapshot &out)
{
    // Rank per side: 3 = *_dollars_fp, 2 = *_dollars, 1 = integer cents. A missing side is empty (§7.1).
    int yesRank = 0;
    int noRank = 0;
    bool haveMarket = false;
    std::vector<YesViewBook::NativeLevel> scratch;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            if (key == "market_ticker") {
                std::string_view market;
                if (!readString(field, market))
                    return "market_ticker is not a string";
                out.market = toQString(market);
                haveMarket = true;
                return nullptr;
            }
            const bool yes = key.starts_with("yes");
            if (!yes && !key.starts_with("no"))
                return nullptr;
            const std::string_view encoding = key.substr(yes ? 3 : 2);
            const int rank = encoding == "_dollars_fp" ? 3 : encoding == "_dollars" ? 2 : encoding.empty() ? 1 : 0;
            if (rank == 0)
                return nullptr;
            if (const Problem levelsProblem = readLevels(field, scratch))
                return levelsProblem;
            int &best = yes ? yesRank : noRank;
            if (rank > best) {
                best = rank;
                (yes ? out.yes : out.no).swap(scratch);
            }
            return nullptr;
        });
    if (problem)
        return problem;
    return haveMarket ? nullptr : "orderbook_snapshot lacks market_ticker";
}

Problem decodeDelta(ondemand::value msg, ParsedDelta &out)
{
    std::optional<Decimal> priceDollars;
    std::optional<Decimal> priceCents;
    std::optional<Decimal> deltaFp;
    std::optional<Decimal> deltaInt;
    bool haveMarket = false;
    bool haveSide = false;
    bool haveTsMs = false;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            Decimal number;
            std::string_view text;
            if (key == "market_ticker") {
                if (!readString(field, text))
                    return "market_ticker is not a string";
                out.market = toQString(text);
                haveMarket = true;
            } else if (key == "side") {
                if (!readString(field, text) || (text != "yes" && text != "no"))
                    return "side is not \"yes\" or \"no\"";
                out.side = text == "yes" ? ContractSide::Yes : ContractSide::No;
                haveSide = true;
            } else if (key == "price_dollars") {
                if (!readDecimalString(field, number))
                    return "price_dollars is not a decimal string";
                priceDollars = number;
            } else if (key == "price") {
                if (!readCents(field, number))
                    return "price is not integer cents";
                priceCents = number;
            } else if (key == "delta_fp") {
                if (!readDecimalString(field, number))
                    return "delta_fp is not a decimal string";
                deltaFp = number;
            } else if (key == "delta") {
                if (!readIntegerCount(field, number))
                    return "delta is not an integer";
                deltaInt = number;
            } else if (key == "ts_ms") {
                if (!readInt64(field, out.ts) || !time_units::millisToMs(out.ts))
                    return "ts_ms is not integer milliseconds in range";
                haveTsMs = true;
            } else if (key == "ts" && !haveTsMs) {
                if (!readString(field, text))
                    return "ts is not a string";
                const std::optional<std::int64_t> ms = rfc3339ToMs(text);
                if (!ms)
                    return "ts is not an RFC 3339 time in range";
                out.ts = *ms;
            }
            return nullptr;
        });
    if (problem)
        return problem;
    if (!haveMarket || !haveSide || !(priceDollars || priceCents) || !(deltaFp || deltaInt))
        return "orderbook_delta lacks market_ticker, side, price or delta";
    out.price = priceDollars ? *priceDollars : *priceCents;
    out.delta = deltaFp ? *deltaFp : *deltaInt;
    return isContractPrice(out.price) ? nullptr : "orderbook_delta price out of range";
}

} // namespace tapescope::kalshi::detail
