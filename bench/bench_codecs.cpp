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

// 256 such frames whose prices and sizes change from frame to frame in value and in length, as a live stream's do
// (the single frame above is decoded the same way every time, so the branch predictor learns it by heart).
QList<QByteArray> variedBooks()
{
    QList<QByteArray> frames;
    std::uint64_t x = 0x9E3779B97F4A7C15ULL;
    const auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (int f = 0; f < 256; ++f) {
        QByteArray frame = R"({"channel":"l2Book","data":{"coin":"BTC","time":)" + QByteArray::number(1785251521889 + f)
            + R"(,"levels":[[)";
        const std::uint64_t mid = 60000 + next() % 8000;
        for (int side = 0; side < 2; ++side) {
            for (int i = 0; i < 20; ++i) {
                const std::uint64_t ticks
                    = side == 0 ? mid * 10 - 10 - i * (1 + next() % 20) : mid * 10 + 10 + i * (1 + next() % 20);
                QByteArray px = QByteArray::number(ticks / 10);
                if (ticks % 10 != 0)
                    px += '.' + QByteArray::number(ticks % 10);
                QByteArray sz
                    = QByteArray::number(static_cast<double>(1 + next() % 2000000) / 100000.0, 'f', int(next() % 6));
                frame
                    += R"({"px":")" + px + R"(","sz":")" + sz + R"(","n":)" + QByteArray::number(1 + next() % 40) + '}';
                if (i != 19)
                    frame += ',';
            }
            frame += side == 0 ? "],[" : "]]}}";
        }
        frames.append(frame);
    }
    return frames;
}

void BM_Hyperliquid_L2Book20Varied(benchmark::State &state)
{
    static const QList<QByteArray> frames = variedBooks();
    tapescope::bench::decodeAll<tapescope::hyperliquid::Codec>(state, frames);
}
BENCHMARK(BM_Hyperliquid_L2Book20Varied);

void BM_Hyperliquid_L2Book20(benchmark::State &state)
{
    static const QList<QByteArray> frames = { twentyLevelBook() };
    tapescope::bench::decodeAll<tapescope::hyperliquid::Codec>(state, frames);
}
BENCHMARK(BM_Hyperliquid_L2Book20);

} // namespace

BENCHMARK_MAIN();
