// Decimal micro-benchmarks: the arithmetic and comparisons the codecs and the order book run per level (parse,
// compare at one scale and across scales, add, multiply), so a change to Decimal is measured where the codec
// benchmarks exercise it only in part. Registered in tapescope-bench-codecs (bench/README.md §1).
#include "core/Decimal.h"

#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

using tapescope::Decimal;

// Prices and sizes spelled as the venues send them: mixed scales, a few negative.
constexpr std::array<std::string_view, 16> kTexts
    = { "63460.0", "0.00028",     "-0.0086", "1821.5", "0.5",  "12",        "99.99", "1e-5",
        "2.5E3",   "0.123456789", "-3.25",   "100000", "0.01", "64000.125", "7",     "0.000001" };

std::vector<Decimal> values()
{
    std::vector<Decimal> out;
    for (std::string_view text : kTexts)
        out.push_back(*Decimal::parse(text));
    return out;
}

void BM_Decimal_Parse(benchmark::State &state)
{
    for (auto _ : state) {
        for (std::string_view text : kTexts)
            benchmark::DoNotOptimize(Decimal::parse(text));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kTexts.size()));
}
BENCHMARK(BM_Decimal_Parse);

// Every pair: same-scale and cross-scale comparisons, as an order book's ordered keys meet them.
void BM_Decimal_Compare(benchmark::State &state)
{
    const std::vector<Decimal> v = values();
    for (auto _ : state) {
        int less = 0;
        for (const Decimal &a : v) {
            for (const Decimal &b : v)
                less += a < b ? 1 : 0;
        }
        benchmark::DoNotOptimize(less);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * v.size()));
}
BENCHMARK(BM_Decimal_Compare);

// Comparisons whose aligned mantissas do not fit 64 bits (a large integer against an 18-digit fraction).
void BM_Decimal_CompareWide(benchmark::State &state)
{
    const std::vector<Decimal> a = { Decimal::fromRaw(9'000'000'000'000'000'000, 0), Decimal::fromRaw(-123456789, 2),
                                     Decimal::fromRaw(5'000'000'000, 0), Decimal::fromRaw(-9'000'000'000'000, 1) };
    const std::vector<Decimal> b = { Decimal::fromRaw(1, 18), Decimal::fromRaw(-7, 18),
                                     Decimal::fromRaw(123'456'789'012'345'678, 18), Decimal::fromRaw(3, 17) };
    for (auto _ : state) {
        int less = 0;
        for (const Decimal &x : a) {
            for (const Decimal &y : b)
                less += (x < y ? 1 : 0) + (y < x ? 2 : 0);
        }
        benchmark::DoNotOptimize(less);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(a.size() * b.size() * 2));
}
BENCHMARK(BM_Decimal_CompareWide);

void BM_Decimal_Add(benchmark::State &state)
{
    const std::vector<Decimal> v = values();
    for (auto _ : state) {
        for (const Decimal &a : v) {
            for (const Decimal &b : v)
                benchmark::DoNotOptimize(a.checkedAdd(b));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * v.size()));
}
BENCHMARK(BM_Decimal_Add);

// Size times price (position values, P&L), with the products that overflow or exceed MaxScale among them.
void BM_Decimal_Mul(benchmark::State &state)
{
    const std::vector<Decimal> v = values();
    for (auto _ : state) {
        for (const Decimal &a : v) {
            for (const Decimal &b : v)
                benchmark::DoNotOptimize(a.checkedMul(b));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(v.size() * v.size()));
}
BENCHMARK(BM_Decimal_Mul);

} // namespace
