#pragma once

#include "core/Events.h"

#include <benchmark/benchmark.h>

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QList>

#include <string_view>

namespace tapescope::bench {

// The non-empty lines of a JSON Lines file under tests/data.
inline QList<QByteArray> fixtureLines(const char *relative)
{
    QFile file(QString::fromUtf8(TAPESCOPE_BENCH_DATA_DIR) + QLatin1Char('/') + QString::fromUtf8(relative));
    QList<QByteArray> lines;
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(line);
    }
    return lines;
}

// Every codec decodes frame bytes into events the same way; `Codec` is the venue's.
template<typename Codec> void decodeAll(benchmark::State &state, const QList<QByteArray> &frames)
{
    Codec codec;
    EventBatch events;
    events.reserve(256);
    std::int64_t bytes = 0;
    std::int64_t messages = 0;
    for (auto _ : state) {
        for (const QByteArray &frame : frames) {
            events.clear();
            codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
            benchmark::DoNotOptimize(events.data());
            bytes += frame.size();
            ++messages;
        }
    }
    state.SetBytesProcessed(bytes);
    state.SetItemsProcessed(messages);
    state.counters["msgs/s"] = benchmark::Counter(static_cast<double>(messages), benchmark::Counter::kIsRate);
}

// The venue's recorded server frames (tests/data/<venue>/ws-server.jsonl, the module's benchFixture()), decoded
// over and over. Codecs that track sequences see the same sequence numbers again and report gaps: that is
// decoding work too.
template<typename Codec> void fixtureBenchmark(benchmark::State &state, const char *relative)
{
    const QList<QByteArray> frames = fixtureLines(relative);
    if (frames.isEmpty()) {
        state.SkipWithError("fixture file not found");
        return;
    }
    decodeAll<Codec>(state, frames);
}

} // namespace tapescope::bench
