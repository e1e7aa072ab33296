// Alpaca's market-data codec, fed frame after frame (one per input line) as AlpacaService::onFrame feeds it, so the
// per-symbol tick-rule state sees a whole session. A line that is exactly RESET calls reset() (a reconnect).

#include "FuzzSupport.h"

#include "venues/alpaca/AlpacaCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tapescope::alpaca::Codec codec;
    tapescope::EventBatch events;
    tapescope::fuzz::forEachFrame(data, size, [&](std::string_view frame) {
        if (frame == "RESET") {
            codec.reset();
            return;
        }
        events.clear();
        const tapescope::alpaca::DecodeResult result = codec.decode(frame, events);
        tapescope::fuzz::checkFrameEvents(events);
        for (const tapescope::MarketEvent &event : events)
            if (const auto *quote = std::get_if<tapescope::Bbo>(&event))
                (void)tapescope::alpaca::oneLevelBook(*quote);
        (void)result;
    });
    return 0;
}
