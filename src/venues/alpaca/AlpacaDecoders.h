#pragma once

// Per-message decoders behind Codec::decode. Internal to the codec: each reads one message object of a
// frame (its `T` already known) and appends to scratch state that the codec keeps only if the whole
// frame decodes.

#include "AlpacaCodec.h"
#include "AlpacaJson.h"

namespace tapescope::alpaca::detail {

struct DecodeContext
{
    const QString &venue;
    EventBatch &events; // scratch: discarded when a decoder reports a problem
    std::vector<SessionMessage> &session; // scratch, likewise
    CodecStats &counts; // per-frame counts of messages we only count
};

// Market data (AlpacaMarketMessages.cpp), docs/protocols/alpaca.md §5.3, §5.4.
Problem decodeTrade(ondemand::object &message, DecodeContext &context);
Problem decodeQuote(ondemand::object &message, DecodeContext &context);
// `interval` "1m" for minute and updated bars, "1d" for daily bars.
Problem decodeBar(ondemand::object &message, const QString &interval, std::int64_t intervalMs, DecodeContext &context);
Problem decodeOrderbook(ondemand::object &message, DecodeContext &context);
Problem decodeStatus(ondemand::object &message, DecodeContext &context);

// Control messages (AlpacaControlMessages.cpp), docs/protocols/alpaca.md §5.2, §6.
Problem decodeSuccess(ondemand::object &message, DecodeContext &context);
Problem decodeError(ondemand::object &message, DecodeContext &context);
Problem decodeSubscription(ondemand::object &message, DecodeContext &context);

} // namespace tapescope::alpaca::detail
