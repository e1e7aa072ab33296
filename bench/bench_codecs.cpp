// Codec micro-benchmarks: decode throughput per venue codec on its real fixture frames (issue: Performance, item 1).
// Run: build/bench/tapescope-bench-codecs [--benchmark_repetitions=5 --benchmark_report_aggregates_only=true]
// Every venue's fixture benchmark is registered by the generated CodecBenchmarks.cpp (bench/CMakeLists.txt walks
// the venue list); this file adds the Hyperliquid book shape the ingest benchmark streams.
#include "CodecBenchmark.h"
#include "venues/hyperliquid/HyperliquidCodec.h"

#include <benchmark/benchmark.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>

namespace {

// A 20-levels-a-side l2Book frame shaped like the venue's (docs/protocols/hyperliquid.md §7.1).
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

void BM_Hyperliquid_L2Book20(benchmark::State &state)
{
    static const QList<QByteArray> frames = { twentyLevelBook() };
    tapescope::bench::decodeAll<tapescope::hyperliquid::Codec>(state, frames);
}
BENCHMARK(BM_Hyperliquid_L2Book20);

} // namespace

BENCHMARK_MAIN();
