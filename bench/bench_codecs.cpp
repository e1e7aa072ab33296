// Codec micro-benchmarks: decode throughput per venue codec on its real fixture frames (issue: Performance, item 1).
// Run: build/bench/tapescope-bench-codecs [--benchmark_repetitions=5 --benchmark_report_aggregates_only=true]
#include "core/Events.h"
#include "venues/hyperliquid/HyperliquidCodec.h"

#include <benchmark/benchmark.h>

#include <QtCore/QByteArray>
#include <QtCore/QFile>
#include <QtCore/QList>

#include <string_view>

namespace {

QList<QByteArray> fixtureLines(const char *relative)
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

// A 20-levels-a-side l2Book frame shaped like the venue's (hyperliquid.md §7.1).
QByteArray twentyLevelBook()
{
    QByteArray frame = R"({"channel":"l2Book","data":{"coin":"BTC","time":1785251521889,"levels":[[)";
    for (int side = 0; side < 2; ++side) {
        for (int i = 0; i < 20; ++i) {
            const int price = side == 0 ? 63460 - i * 3 : 63488 + i * 3;
            frame += R"({"px":")" + QByteArray::number(price) + R"(.0","sz":"0.)" + QByteArray::number(10000 + i * 371)
                     + R"(","n":)" + QByteArray::number(1 + i % 7) + '}';
            if (i != 19)
                frame += ',';
        }
        frame += side == 0 ? "],[" : "]]}}";
    }
    return frame;
}

void decodeAll(benchmark::State &state, const QList<QByteArray> &frames)
{
    tapescope::hyperliquid::Codec codec;
    tapescope::EventBatch events;
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

void BM_Hyperliquid_Fixtures(benchmark::State &state)
{
    static const QList<QByteArray> frames = fixtureLines("hyperliquid/ws-server.jsonl");
    if (frames.isEmpty()) {
        state.SkipWithError("fixture file not found");
        return;
    }
    decodeAll(state, frames);
}
BENCHMARK(BM_Hyperliquid_Fixtures);

void BM_Hyperliquid_L2Book20(benchmark::State &state)
{
    static const QList<QByteArray> frames = {twentyLevelBook()};
    decodeAll(state, frames);
}
BENCHMARK(BM_Hyperliquid_L2Book20);

} // namespace

BENCHMARK_MAIN();
