#pragma once

// Per-channel decoders behind Codec::decode. Internal to the codec: each one reads the frame's `data`
// value and appends events to a scratch batch that the codec keeps only if the whole frame decodes.

#include "HyperliquidJson.h"

#include "core/Events.h"

namespace tapescope::hyperliquid::detail {

struct DecodeContext
{
    const QString &venue;
    EventBatch &events; // scratch: discarded when a decoder reports a problem
};

// Market data (HyperliquidMarketChannels.cpp), docs/protocols/hyperliquid.md §7.1–7.5, §7.12.
Problem decodeBook(ondemand::value data, DecodeContext &context);
Problem decodeBbo(ondemand::value data, DecodeContext &context);
Problem decodeTrades(ondemand::value data, DecodeContext &context);
Problem decodeCandle(ondemand::value data, DecodeContext &context);
Problem decodeAllMids(ondemand::value data, DecodeContext &context);
Problem decodeAssetContext(ondemand::value data, DecodeContext &context);

// Control channels (HyperliquidControlChannels.cpp), docs/protocols/hyperliquid.md §2.2, §2.3.
Problem decodeSubscriptionResponse(ondemand::value data, DecodeContext &context);
Problem decodeError(ondemand::value data, DecodeContext &context);
// Error texts are plain strings; classifies one (also used when `data` is missing or not a string).
void appendVenueError(std::string_view text, DecodeContext &context);

} // namespace tapescope::hyperliquid::detail
