// Hyperliquid's WebSocket codec, fed frame after frame (one per input line) as HyperliquidService::onFrame feeds it.

#include "FuzzSupport.h"

#include "venues/hyperliquid/HyperliquidCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tapescope::hyperliquid::Codec codec;
    tapescope::EventBatch events;
    tapescope::fuzz::forEachFrame(data, size, [&](std::string_view frame) {
        events.clear();
        codec.decode(frame, events);
        tapescope::fuzz::checkFrameEvents(events);
    });
    return 0;
}
