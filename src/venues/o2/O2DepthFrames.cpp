// Depth frames: subscribe_depth snapshots and subscribe_depth_update deltas (docs/protocols/o2.md §4.1, §4.2), and
// the GET /v1/depth body, which has the snapshot's shape (docs/protocols/o2.md §8).

#include "O2Parser.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

using detail::Action;
using detail::Problem;
using detail::RawBook;
using detail::RawLevel;
namespace ondemand = simdjson::ondemand;

namespace {

// {"price": "...", "quantity": "..."} as every SDK reads it, or [price, quantity] as the exchange's
// trading bot reads REST depth (docs/protocols/o2.md §8 DISAGREE).
Problem readLevel(ondemand::value value, RawLevel &level)
{
    ondemand::json_type type;
    if (value.type().get(type) != simdjson::SUCCESS)
        return "level cannot be read";
    if (type == ondemand::json_type::array) {
        int count = 0;
        const Problem problem
            = detail::forEachElement(value, "level is not an array", [&](ondemand::value entry) -> Problem {
                  if (count >= 2)
                      return "level tuple has more than two entries";
                  std::string_view &target = count++ == 0 ? level.price : level.quantity;
                  return detail::readChainToken(entry, target) ? nullptr
                                                               : "level tuple entry is not an integer string or number";
              });
        if (problem)
            return problem;
        return count == 2 ? nullptr : "level tuple lacks price or quantity";
    }
    bool havePrice = false;
    bool haveQuantity = false;
    const Problem problem = detail::forEachMember(
        value, "level is not an object or a [price, quantity] pair", [&](auto key, ondemand::value field) -> Problem {
            if (key == "price") {
                havePrice = true;
                return detail::readChainToken(field, level.price) ? nullptr
                                                                  : "level price is not an integer string or number";
            }
            if (key == "quantity") {
                haveQuantity = true;
                return detail::readChainToken(field, level.quantity)
                    ? nullptr
                    : "level quantity is not an integer string or number";
            }
            return detail::skipValue(field);
        });
    if (problem)
        return problem;
    return havePrice && haveQuantity ? nullptr : "level lacks price or quantity";
}

Problem readSide(ondemand::value value, std::vector<RawLevel> &levels)
{
    return detail::forEachElement(value, "buys/sells is not an array", [&](ondemand::value element) -> Problem {
        RawLevel level;
        if (const Problem problem = readLevel(element, level))
            return problem;
        levels.push_back(level);
        return nullptr;
    });
}

// {buys: [...], sells: [...]}; a missing side is empty (the Rust SDK defaults both). `precision`
// (a number in WS#3) and anything else is ignored.
Problem readBook(ondemand::value value, RawBook &book)
{
    book.present = true;
    return detail::forEachMember(value, "book is not an object", [&](auto key, ondemand::value field) -> Problem {
        if (key == "buys")
            return readSide(field, book.buys);
        if (key == "sells")
            return readSide(field, book.sells);
        return detail::skipValue(field);
    });
}

} // namespace

Problem Codec::Parser::decodeDepth(ondemand::object &object, Action action, std::string_view fallbackMarket,
                                   bool fromRest)
{
    const bool snapshot = action == Action::DepthSnapshot;
    std::string_view marketId;
    std::int64_t onchainTs = 0;
    std::int64_t seenTs = 0;
    const Problem walkProblem = detail::forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "market_id")
            return detail::readString(field, marketId) ? nullptr : "market_id is not a string";
        if (key == "onchain_timestamp")
            return detail::readVenueTime(field, onchainTs) ? nullptr : "onchain_timestamp is not an unsigned integer";
        if (key == "seen_timestamp")
            return detail::readVenueTime(field, seenTs) ? nullptr : "seen_timestamp is not an unsigned integer";
        if (snapshot) {
            if (key == "orders")
                return readBook(field, ordersBook);
            if (key == "view")
                return readBook(field, viewBook);
            // The Python SDK falls back to the frame itself when there is neither `orders` nor `view`.
            if (key == "buys" || key == "sells") {
                topBook.present = true;
                return readSide(field, key == "buys" ? topBook.buys : topBook.sells);
            }
        } else if (key == "changes") {
            return readBook(field, changesBook);
        }
        return detail::skipValue(field);
    });
    if (marketId.empty())
        marketId = fallbackMarket;
    const int index = marketId.empty() ? -1 : marketIndex(marketId);
    // A broken depth frame of a known market means a missed change: that book is no longer live.
    const auto fail = [&](Problem problem) {
        if (!marketId.empty() && failureMarket.isEmpty())
            failureMarket = index >= 0 ? market(index).marketId : normaliseId(detail::toQString(marketId));
        if (index >= 0 && !fromRest)
            bookLive[static_cast<std::size_t>(index)] = 0;
        return problem;
    };
    if (walkProblem)
        return fail(walkProblem);
    if (marketId.empty())
        return "depth frame lacks market_id";

    const RawBook *book = &changesBook;
    if (snapshot) {
        book = ordersBook.present ? &ordersBook : viewBook.present ? &viewBook : topBook.present ? &topBook : nullptr;
        if (!book) {
            if (fromRest)
                return fail("depth body has no orders, view or buys/sells");
            // A snapshot without a book is ignored (docs/protocols/o2.md §4.1, WS#7: the newer TypeScript SDK's test).
            ++stats.booklessSnapshots;
            return nullptr;
        }
    } else if (!changesBook.present) {
        return fail("depth update lacks changes");
    }

    if (index < 0) {
        if (!snapshot) {
            ++stats.deltasBeforeSnapshot; // no snapshot can have been applied for an unknown market
            return nullptr;
        }
        ++stats.unknownMarkets;
        FeedError error { venue, u"unknown_market"_s,
                          u"depth snapshot for a market missing from /v1/markets: "_s + detail::boundedText(marketId) };
        error.symbol = normaliseId(detail::toQString(marketId));
        scratch.emplace_back(std::move(error));
        return nullptr;
    }
    auto &live = bookLive[static_cast<std::size_t>(index)];
    if (!snapshot && !live && !fromRest) {
        // No sequence numbers: a delta only means something on top of this connection's snapshot (docs/protocols/o2.md
        // §4.2).
        ++stats.deltasBeforeSnapshot;
        return nullptr;
    }

    const Market &info = market(index);
    const std::int64_t ts = onchainTs != 0 ? onchainTs : seenTs;
    const auto convert = [&](const std::vector<RawLevel> &raw, auto &&append) -> Problem {
        for (const RawLevel &level : raw) {
            const auto price = scale(level.price, info.quote.decimals, "price", index);
            const auto quantity = price ? scale(level.quantity, info.base.decimals, "quantity", index) : std::nullopt;
            if (!quantity)
                return failureOutOfRange ? "number out of range" : "level price or quantity is not an unsigned integer";
            append(*price, *quantity);
        }
        return nullptr;
    };

    Problem problem = nullptr;
    if (snapshot) {
        BookSnapshot out;
        out.venue = venue;
        out.symbol = info.marketId;
        out.ts = ts;
        out.bids.reserve(book->buys.size());
        out.asks.reserve(book->sells.size());
        problem = convert(book->buys, [&](Decimal price, Decimal size) { out.bids.push_back(Level { price, size }); });
        if (!problem)
            problem = convert(book->sells, [&](Decimal price, Decimal size) {
                out.asks.push_back(Level { price, size });
            });
        if (!problem) {
            // The server sorts bids descending and asks ascending (docs/protocols/o2.md §4.1); a ladder must not depend
            // on it.
            const auto higher = [](const Level &a, const Level &b) { return a.price > b.price; };
            const auto lower = [](const Level &a, const Level &b) { return a.price < b.price; };
            if (!std::is_sorted(out.bids.begin(), out.bids.end(), higher))
                std::stable_sort(out.bids.begin(), out.bids.end(), higher);
            if (!std::is_sorted(out.asks.begin(), out.asks.end(), lower))
                std::stable_sort(out.asks.begin(), out.asks.end(), lower);
            scratch.emplace_back(std::move(out));
            if (!fromRest)
                live = 1;
        }
    } else {
        BookDelta out;
        out.venue = venue;
        out.symbol = info.marketId;
        out.ts = ts;
        out.changes.reserve(book->buys.size() + book->sells.size());
        problem = convert(book->buys, [&](Decimal price, Decimal size) {
            out.changes.push_back({ Side::Buy, price, size });
        });
        if (!problem)
            problem = convert(book->sells, [&](Decimal price, Decimal size) {
                out.changes.push_back({ Side::Sell, price, size });
            });
        if (!problem)
            scratch.emplace_back(std::move(out));
    }
    return problem ? fail(problem) : nullptr;
}

} // namespace tapescope::o2
