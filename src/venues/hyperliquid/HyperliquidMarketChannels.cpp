// Market-data channels: l2Book, bbo, trades, candle, allMids, activeAssetCtx / activeSpotAssetCtx.

#include "HyperliquidDecoders.h"

namespace tapescope::hyperliquid::detail {

namespace {

// {px, sz, n} — one book level (docs/protocols/hyperliquid.md §7.1); `n` is the order count. The innermost loop of
// every book frame, so members are told apart by their first letter before the full key compare.
Problem readLevel(ondemand::value value, Level &level)
{
    ondemand::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
        return "level is not an object";
    bool havePrice = false;
    bool haveSize = false;
    for (auto memberResult : object) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        const ondemand::raw_json_string key = member.key();
        switch (*key.raw()) {
        case 'p':
            if (key == "px") {
                if (!readDecimal(member.value(), level.price))
                    return "level px is not a decimal string";
                havePrice = true;
            }
            break;
        case 's':
            if (key == "sz") {
                if (!readDecimal(member.value(), level.size))
                    return "level sz is not a decimal string";
                haveSize = true;
            }
            break;
        case 'n':
            if (key == "n" && !readInt32(member.value(), level.orders))
                return "level n is not an integer";
            break;
        default:
            break;
        }
    }
    if (!havePrice || !haveSize)
        return "level lacks px or sz";
    return nullptr;
}

// `levels` is [bids, asks], each best first (docs/protocols/hyperliquid.md §7.1).
Problem readBookSides(ondemand::value value, BookSnapshot &book)
{
    int sideIndex = 0;
    const Problem problem = forEachElement(value, "levels is not an array", [&](ondemand::value side) -> Problem {
        if (sideIndex >= 2)
            return "levels has more than two sides";
        std::vector<Level> &levels = sideIndex++ == 0 ? book.bids : book.asks;
        levels.reserve(20);
        return forEachElement(side, "levels side is not an array", [&](ondemand::value levelValue) -> Problem {
            Level level;
            if (const Problem levelProblem = readLevel(levelValue, level))
                return levelProblem;
            levels.push_back(level);
            return nullptr;
        });
    });
    if (problem)
        return problem;
    return sideIndex == 2 ? nullptr : "levels does not have two sides";
}

} // namespace

Problem decodeBook(ondemand::value data, DecodeContext &context)
{
    BookSnapshot book;
    std::string_view coin;
    bool haveCoin = false;
    bool haveLevels = false;
    // `fast` and `spread` (docs/protocols/hyperliquid.md §7.1) are tolerated and not needed.
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key == "coin") {
                  if (!readString(field, coin))
                      return "coin is not a string";
                  haveCoin = true;
              } else if (key == "time") {
                  if (!readUnixMillis(field, book.ts))
                      return "time is not integer milliseconds in range";
              } else if (key == "levels") {
                  if (const Problem sidesProblem = readBookSides(field, book))
                      return sidesProblem;
                  haveLevels = true;
              }
              return nullptr;
          });
    if (problem)
        return problem;
    if (!haveCoin || !haveLevels)
        return "book lacks coin or levels";
    book.venue = context.venue;
    book.symbol = toQString(coin);
    context.events.emplace_back(std::move(book));
    return nullptr;
}

Problem decodeBbo(ondemand::value data, DecodeContext &context)
{
    Bbo bbo;
    std::string_view coin;
    bool haveCoin = false;
    bool haveSides = false;
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key == "coin") {
                  if (!readString(field, coin))
                      return "coin is not a string";
                  haveCoin = true;
              } else if (key == "time") {
                  if (!readUnixMillis(field, bbo.ts))
                      return "time is not integer milliseconds in range";
              } else if (key == "bbo") {
                  // [bid | null, ask | null]: an empty side is null (docs/protocols/hyperliquid.md §7.2, WS#19).
                  int sideIndex = 0;
                  const Problem sidesProblem = forEachElement(
                      field, "bbo is not an array", [&](ondemand::value side) -> Problem {
                          if (sideIndex >= 2)
                              return "bbo has more than two sides";
                          std::optional<Level> &target = sideIndex++ == 0 ? bbo.bid : bbo.ask;
                          if (isNull(side))
                              return side.is_null().error() == simdjson::SUCCESS ? nullptr : "bbo side is not a level";
                          Level level;
                          if (const Problem levelProblem = readLevel(side, level))
                              return levelProblem;
                          target = level;
                          return nullptr;
                      });
                  if (sidesProblem)
                      return sidesProblem;
                  if (sideIndex != 2)
                      return "bbo does not have two sides";
                  haveSides = true;
              }
              return nullptr;
          });
    if (problem)
        return problem;
    if (!haveCoin || !haveSides)
        return "bbo lacks coin or sides";
    bbo.venue = context.venue;
    bbo.symbol = toQString(coin);
    context.events.emplace_back(std::move(bbo));
    return nullptr;
}

Problem decodeTrades(ondemand::value data, DecodeContext &context)
{
    // One frame normally carries one coin; convert its name once and share the QString.
    std::string_view lastCoin;
    QString lastSymbol;
    return forEachElement(data, "data is not an array", [&](ondemand::value tradeValue) -> Problem {
        Trade trade;
        std::string_view coin;
        bool haveCoin = false, haveSide = false, havePrice = false, haveSize = false, haveId = false;
        const Problem problem
            = forEachMember(tradeValue, "trade is not an object", [&](auto key, ondemand::value field) -> Problem {
                  if (key == "coin") {
                      if (!readString(field, coin))
                          return "trade coin is not a string";
                      haveCoin = true;
                  } else if (key == "side") {
                      // Aggressor side: "B" buy, "A" sell (docs/protocols/hyperliquid.md §7.3).
                      std::string_view side;
                      if (!readString(field, side) || (side != "A" && side != "B"))
                          return "trade side is not \"A\" or \"B\"";
                      trade.side = side == "B" ? Side::Buy : Side::Sell;
                      haveSide = true;
                  } else if (key == "px") {
                      if (!readDecimal(field, trade.price))
                          return "trade px is not a decimal string";
                      havePrice = true;
                  } else if (key == "sz") {
                      if (!readDecimal(field, trade.size))
                          return "trade sz is not a decimal string";
                      haveSize = true;
                  } else if (key == "time") {
                      if (!readUnixMillis(field, trade.ts))
                          return "trade time is not integer milliseconds in range";
                  } else if (key == "tid") {
                      // A 50-bit hash (docs/protocols/hyperliquid.md §11): read as an integer, never through a double.
                      std::int64_t tid = 0;
                      if (!readInt64(field, tid))
                          return "trade tid is not a 64-bit integer";
                      trade.id = QString::number(tid);
                      haveId = true;
                  }
                  return nullptr;
              });
        if (problem)
            return problem;
        if (!haveCoin || !haveSide || !havePrice || !haveSize || !haveId)
            return "trade lacks coin, side, px, sz or tid";
        if (coin != lastCoin || lastSymbol.isNull()) {
            lastSymbol = toQString(coin);
            // `coin` points into the parser's string buffer, which lives until the next frame.
            lastCoin = coin;
        }
        trade.venue = context.venue;
        trade.symbol = lastSymbol;
        context.events.emplace_back(std::move(trade));
        return nullptr;
    });
}

Problem decodeCandle(ondemand::value data, DecodeContext &context)
{
    // A single object per frame, not Candle[] as the docs claim (docs/protocols/hyperliquid.md §7.4).
    Candle candle;
    std::string_view coin;
    std::string_view interval;
    unsigned seen = 0; // one bit per required field
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key == "t") {
                  if (!readUnixMillis(field, candle.start))
                      return "candle t is not integer milliseconds in range";
                  seen |= 1u << 0;
              } else if (key == "T") {
                  std::int64_t end = 0;
                  if (!readUnixMillis(field, end))
                      return "candle T is not integer milliseconds in range";
                  candle.end = end;
                  seen |= 1u << 1;
              } else if (key == "s") {
                  if (!readString(field, coin))
                      return "candle s is not a string";
                  seen |= 1u << 2;
              } else if (key == "i") {
                  if (!readString(field, interval))
                      return "candle i is not a string";
                  seen |= 1u << 3;
              } else if (key == "o" || key == "c" || key == "h" || key == "l" || key == "v") {
                  Decimal value;
                  if (!readDecimal(field, value))
                      return "candle o/h/l/c/v is not a decimal string";
                  if (key == "o") {
                      candle.open = value;
                      seen |= 1u << 4;
                  } else if (key == "c") {
                      candle.close = value;
                      seen |= 1u << 5;
                  } else if (key == "h") {
                      candle.high = value;
                      seen |= 1u << 6;
                  } else if (key == "l") {
                      candle.low = value;
                      seen |= 1u << 7;
                  } else {
                      candle.volume = value;
                      seen |= 1u << 8;
                  }
              } else if (key == "n") {
                  std::int64_t trades = 0;
                  if (!readInt64(field, trades))
                      return "candle n is not an integer";
                  candle.trades = trades;
              }
              return nullptr;
          });
    if (problem)
        return problem;
    if (seen != 0x1ffu)
        return "candle lacks one of t, T, s, i, o, c, h, l, v";
    candle.venue = context.venue;
    candle.symbol = toQString(coin);
    candle.interval = toQString(interval);
    context.events.emplace_back(std::move(candle));
    return nullptr;
}

Problem decodeAllMids(ondemand::value data, DecodeContext &context)
{
    bool haveMids = false;
    // `dex` (builder-dex subscriptions, WS#27) is tolerated; the keys already carry the "dex:" prefix.
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key != "mids")
                  return nullptr;
              haveMids = true;
              ondemand::object mids;
              if (field.get_object().get(mids) != simdjson::SUCCESS)
                  return "mids is not an object";
              for (auto midResult : mids) {
                  ondemand::field mid;
                  if (const auto error = std::move(midResult).get(mid))
                      return simdjson::error_message(error);
                  // Keys are wire coins ("BTC", "@107", "#14880", "xyz:XYZ100", "PURR/USDC"); unescape them.
                  std::string_view coin;
                  if (mid.unescaped_key().get(coin) != simdjson::SUCCESS)
                      return "mids key is not a string";
                  Ticker ticker;
                  ticker.venue = context.venue;
                  ticker.symbol = toQString(coin);
                  Decimal price;
                  if (!readDecimal(mid.value(), price))
                      return "mid is not a decimal string";
                  ticker.mid = price;
                  context.events.emplace_back(std::move(ticker));
              }
              return nullptr;
          });
    if (problem)
        return problem;
    return haveMids ? nullptr : "allMids lacks mids";
}

Problem decodeAssetContext(ondemand::value data, DecodeContext &context)
{
    // Perp and spot contexts share one shape for the fields a ticker needs (docs/protocols/hyperliquid.md §7.12);
    // spot simply has no funding, open interest or oracle price. Every field may be null.
    Ticker ticker;
    std::string_view coin;
    bool haveCoin = false;
    bool haveContext = false;
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key == "coin") {
                  if (!readString(field, coin))
                      return "coin is not a string";
                  haveCoin = true;
                  return nullptr;
              }
              if (key != "ctx")
                  return nullptr;
              haveContext = true;
              return forEachMember(field, "ctx is not an object", [&](auto ctxKey, ondemand::value value) -> Problem {
                  bool ok = true;
                  if (ctxKey == "funding")
                      ok = readOptionalDecimal(value, ticker.funding);
                  else if (ctxKey == "openInterest")
                      ok = readOptionalStatistic(value, ticker.openInterest);
                  else if (ctxKey == "prevDayPx")
                      ok = readOptionalDecimal(value, ticker.prevDayPrice);
                  else if (ctxKey == "dayNtlVlm")
                      ok = readOptionalStatistic(value, ticker.volume24h);
                  else if (ctxKey == "oraclePx")
                      ok = readOptionalDecimal(value, ticker.oracle);
                  else if (ctxKey == "markPx")
                      ok = readOptionalDecimal(value, ticker.mark);
                  else if (ctxKey == "midPx")
                      ok = readOptionalDecimal(value, ticker.mid);
                  return ok ? nullptr : "ctx field is not a decimal string or null";
              });
          });
    if (problem)
        return problem;
    if (!haveCoin || !haveContext)
        return "asset context lacks coin or ctx";
    ticker.venue = context.venue;
    ticker.symbol = toQString(coin);
    context.events.emplace_back(std::move(ticker));
    return nullptr;
}

} // namespace tapescope::hyperliquid::detail
