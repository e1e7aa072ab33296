// O2's WebSocket codec with a market table (O2FuzzMarkets.h), fed frame after frame (one per input line) as
// O2Service feeds it, so live books, deltas and the tick rule see a whole session. A line that is exactly RESET calls
// reset() (a reconnect).

#include "FuzzSupport.h"
#include "O2FuzzMarkets.h"

#include "venues/o2/O2Codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const tapescope::o2::MarketTable markets = tapescope::fuzz::o2Markets();
    tapescope::o2::Codec codec;
    codec.setMarkets(markets);
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
