// Kalshi's WebSocket codec, fed frame after frame (one per input line) as KalshiService::onFrame feeds it, so the
// per-sid sequence check and the books it keeps see a whole session. A line that is exactly RESET calls reset(), as
// the service does after a reconnect.

#include "FuzzSupport.h"

#include "venues/kalshi/KalshiCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tapescope::kalshi::Codec codec;
    tapescope::EventBatch events;
    tapescope::fuzz::forEachFrame(data, size, [&](std::string_view frame) {
        if (frame == "RESET") {
            codec.reset();
            return;
        }
        events.clear();
        codec.decode(frame, events);
        tapescope::fuzz::checkFrameEvents(events);
    });
    return 0;
}
