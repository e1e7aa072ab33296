#pragma once

// Shared by the fuzz targets (fuzz/README.md): the frame split every codec target uses, and the checks that turn a
// broken invariant into a crash libFuzzer reports.

#include "core/EventJson.h"
#include "core/Events.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <variant>

namespace tapescope::fuzz {

// The input as a venue would send it: frames separated by '\n', like the JSONL fixtures in tests/data, so a fixture
// file is a seed as it stands. Calls `frame` with each frame in order (an empty line is an empty frame).
template<typename Function> void forEachFrame(const std::uint8_t *data, std::size_t size, Function &&frame)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::size_t start = 0;
    while (start <= input.size()) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos)
            end = input.size();
        frame(input.substr(start, end - start));
        start = end + 1;
    }
}

[[noreturn]] inline void fail(const char *what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

inline void check(bool condition, const char *what)
{
    if (!condition)
        fail(what);
}

// What every codec promises about one frame's events (the Codec::decode comments): a frame that fails appends exactly
// one FeedError{"malformed"} and nothing else. Every event also goes through the CLI's JSON writer.
inline void checkFrameEvents(const EventBatch &events)
{
    for (const MarketEvent &event : events) {
        if (const auto *error = std::get_if<FeedError>(&event); error && error->code == QLatin1String("malformed"))
            check(events.size() == 1, "a malformed frame appended more than its one FeedError");
        const QByteArray json = toNormalizedJson(event);
        check(!json.isEmpty() && json.front() == '{' && json.back() == '}', "toNormalizedJson did not write an object");
    }
}

} // namespace tapescope::fuzz
