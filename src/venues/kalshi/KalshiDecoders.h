#pragma once

// Per-message decoders behind Codec::decode. Internal to the codec. Each reads the frame's `msg` value
// and either appends events to a scratch batch (kept only if the whole frame decodes) or fills a parsed
// book message that the codec applies to its books after the sequence check.

#include "KalshiJson.h"
#include "KalshiYesBook.h"

#include "core/Events.h"

namespace tapescope::kalshi::detail {

// The envelope every server frame shares (docs/protocols/kalshi.md §5): type, id, sid, seq; -1 when absent.
struct Envelope
{
    std::string_view type;
    std::int64_t id = -1;
    std::int64_t sid = -1;
    std::int64_t seq = -1;
};

struct DecodeContext
{
    const QString &venue;
    const Envelope &envelope;
    EventBatch &events; // scratch: discarded when a decoder reports a problem
};

struct ParsedSnapshot
{
    QString market;
    std::vector<YesViewBook::NativeLevel> yes;
    std::vector<YesViewBook::NativeLevel> no;
};

struct ParsedDelta
{
    QString market;
    ContractSide side = ContractSide::Yes;
    Decimal price;
    Decimal delta;
    std::int64_t ts = 0;
};

// Order book (KalshiBookMessages.cpp), docs/protocols/kalshi.md §7.1, §7.2.
Problem decodeSnapshot(ondemand::value msg, ParsedSnapshot &out);
Problem decodeDelta(ondemand::value msg, ParsedDelta &out);

// Market data (KalshiMarketMessages.cpp), docs/protocols/kalshi.md §7.3–§7.5, §7.8. decodeLifecycle sets `ignored` for
// event types that do not change the market's state (metadata, price levels, close date).
Problem decodeTicker(ondemand::value msg, DecodeContext &context);
Problem decodeTickerV2(ondemand::value msg, DecodeContext &context);
Problem decodeTrade(ondemand::value msg, DecodeContext &context);
Problem decodeLifecycle(ondemand::value msg, DecodeContext &context, bool &ignored);

// Command responses (KalshiControlMessages.cpp), docs/protocols/kalshi.md §5, §12.
Problem decodeSubscribed(ondemand::value msg, DecodeContext &context);
void appendSubscribedWithoutMsg(DecodeContext &context);
Problem decodeOk(ondemand::value msg, DecodeContext &context);
// The flattened `ok` some clients document, with market_tickers at the top level (docs/protocols/kalshi.md §5).
Problem decodeOkTickers(ondemand::value tickers, DecodeContext &context);
void appendOkWithoutMsg(DecodeContext &context);
void appendUnsubscribed(DecodeContext &context);
Problem decodeError(ondemand::value msg, DecodeContext &context, int &code);
void appendErrorWithoutMsg(DecodeContext &context);

// Parses a RFC 3339 time ("2022-11-22T20:44:01Z", "2026-06-24T15:49:55.033836Z") to Unix ms; 0 if it is not one.
std::optional<std::int64_t> rfc3339ToMs(std::string_view text); // nullopt: not a time, or out of range

} // namespace tapescope::kalshi::detail
