// FIML's WebSocket codec, fed frame after frame (one per input line) as FimlService::onFrame feeds it.

#include "FuzzSupport.h"

#include "venues/fiml/FimlCodec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tapescope::fiml::Codec codec;
    tapescope::EventBatch events;
    tapescope::fuzz::forEachFrame(data, size, [&](std::string_view frame) {
        events.clear();
        const tapescope::fiml::FrameInfo info = codec.decode(frame, events);
        tapescope::fuzz::checkFrameEvents(events);
        (void)info;
    });
    return 0;
}
