// Codec micro-benchmarks: decode throughput per venue codec on its real fixture frames (issue: Performance, item 1).
// Run: build/bench/tapescope-bench-codecs [--benchmark_repetitions=5 --benchmark_report_aggregates_only=true]
#include "core/Events.h"
#include "venues/alpaca/AlpacaCodec.h"
#include "venues/fiml/FimlCodec.h"
#include "venues/hyperliquid/HyperliquidCodec.h"
#include "venues/kalshi/KalshiCodec.h"
#include "venues/o2/O2Codec.h"

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

// Every codec decodes frame bytes into events the same way; `Codec` is the venue's.
template<typename Codec>
void decodeAll(benchmark::State &state, const QList<QByteArray> &frames)
{
    Codec codec;
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

// The venue's recorded server frames (tests/data/<venue>/ws-server.jsonl), decoded over and over. Codecs that
// track sequences (Kalshi, O2) see the same sequence numbers again and report gaps: that is decoding work too.
template<typename Codec>
void fixtureBenchmark(benchmark::State &state, const char *relative)
{
    const QList<QByteArray> frames = fixtureLines(relative);
    if (frames.isEmpty()) {
        state.SkipWithError("fixture file not found");
        return;
    }
    decodeAll<Codec>(state, frames);
}

void BM_Hyperliquid_Fixtures(benchmark::State &state)
{
    fixtureBenchmark<tapescope::hyperliquid::Codec>(state, "hyperliquid/ws-server.jsonl");
}
BENCHMARK(BM_Hyperliquid_Fixtures);

void BM_Hyperliquid_L2Book20(benchmark::State &state)
{
    static const QList<QByteArray> frames = {twentyLevelBook()};
    decodeAll<tapescope::hyperliquid::Codec>(state, frames);
}
BENCHMARK(BM_Hyperliquid_L2Book20);

void BM_Kalshi_Fixtures(benchmark::State &state)
{
    fixtureBenchmark<tapescope::kalshi::Codec>(state, "kalshi/ws-server.jsonl");
}
BENCHMARK(BM_Kalshi_Fixtures);

void BM_O2_Fixtures(benchmark::State &state)
{
    fixtureBenchmark<tapescope::o2::Codec>(state, "o2/ws-server.jsonl");
}
BENCHMARK(BM_O2_Fixtures);

void BM_Alpaca_Fixtures(benchmark::State &state)
{
    fixtureBenchmark<tapescope::alpaca::Codec>(state, "alpaca/ws-server.jsonl");
}
BENCHMARK(BM_Alpaca_Fixtures);

void BM_Fiml_Fixtures(benchmark::State &state)
{
    fixtureBenchmark<tapescope::fiml::Codec>(state, "fiml/ws-server.jsonl");
}
BENCHMARK(BM_Fiml_Fixtures);

} // namespace

BENCHMARK_MAIN();
