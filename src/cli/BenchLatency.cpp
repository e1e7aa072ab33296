// bench latency: frame received (steady clock, in the socket's thread) -> applied in the MarketHub, at fixed
// rates, as exact percentiles of every sample (issue "Performance", benchmark 3).
#include "cli/BenchRuns.h"
#include "cli/BenchSupport.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <cstdio>
#include <vector>

using namespace Qt::StringLiterals;

namespace tapescope::cli::bench {

namespace {

qint64 steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The sample at quantile q of sorted values (nearest rank).
double percentile(const std::vector<double> &sorted, double q)
{
    if (sorted.empty())
        return 0.0;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

// Receive times of l2Book frames, written by the service thread before decoding and read by this thread
// when the matching book is applied. Every l2Book frame becomes exactly one BookSnapshot, in order, so the
// n-th applied book belongs to the n-th received frame. The batch's queued delivery orders the accesses.
struct ReceiveTimes
{
    static constexpr std::size_t Size = 1 << 20; // far more frames than the hub can ever lag behind
    std::vector<qint64> at = std::vector<qint64>(Size);
    quint64 received = 0; // service thread only
    quint64 applied = 0;  // this thread only
};

struct RateResult
{
    double rate = 0.0;
    double achieved = 0.0;
    std::size_t samples = 0;
    double p50 = 0.0, p99 = 0.0, p999 = 0.0, max = 0.0;
};

RateResult measureRate(double rate, const QString &coin, int batchIntervalMs, int warmupMs, int ms, bool *ok)
{
    RateResult result;
    result.rate = rate;
    EmulatorProcess process;
    QUrl restBase;
    *ok = useEmulator({}, {u"--load"_s, u"paced"_s, u"--rate"_s, QString::number(rate), u"--load-coins"_s, coin},
                      process, &restBase);
    if (!*ok)
        return result;

    auto times = std::make_shared<ReceiveTimes>();
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(rate * ms / 1000.0 * 1.2));
    bool recording = false;
    MarketPipeline::Config config;
    config.restBase = restBase;
    config.bookCoins = {coin};
    config.batchIntervalMs = batchIntervalMs;
    config.frameProbe = [times](const QByteArray &frame) {
        if (frame.startsWith(R"({"channel":"l2Book")"))
            times->at[times->received++ % ReceiveTimes::Size] = steadyNs();
    };
    config.afterApply = [times, &samples, &recording](const EventBatch &batch) {
        const qint64 now = steadyNs();
        for (const MarketEvent &event : batch) {
            if (!std::holds_alternative<BookSnapshot>(event))
                continue;
            const qint64 received = times->at[times->applied++ % ReceiveTimes::Size];
            if (recording)
                samples.push_back(static_cast<double>(now - received) / 1000.0);
        }
    };
    MarketPipeline path(config);
    path.start();
    runFor(10000, [&path] { return path.booksApplied() > 0; });
    runFor(warmupMs);
    recording = true;
    runFor(ms);
    recording = false;

    std::sort(samples.begin(), samples.end());
    result.samples = samples.size();
    result.achieved = static_cast<double>(samples.size()) * 1000.0 / ms;
    result.p50 = percentile(samples, 0.50);
    result.p99 = percentile(samples, 0.99);
    result.p999 = percentile(samples, 0.999);
    result.max = samples.empty() ? 0.0 : samples.back();
    return result;
}

} // namespace

int runLatency(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Latency from frame received (socket thread) to book applied in MarketHub (main thread), at fixed rates "
        "from a paced emulator in a child process; exact percentiles of all samples."_s);
    addCommonOptions(parser);
    parser.addOption({u"rates"_s, u"Comma-separated l2Book frames per second."_s, u"list"_s, u"1000,10000,50000"_s});
    parser.addOption({u"seconds"_s, u"Measured seconds per rate."_s, u"n"_s, u"10"_s});
    parser.addOption({u"coin"_s, u"The l2Book stream."_s, u"coin"_s, u"BTC"_s});
    parser.addOption({u"batch-interval-ms"_s, u"Service batching (default: the service's)."_s, u"ms"_s, u"-1"_s});
    parser.process(args);
    const qint64 seconds = positiveOption(parser, u"seconds"_s);
    if (seconds < 0)
        return 1;
    std::vector<double> rates;
    for (const QString &text : parser.value(u"rates"_s).split(u',', Qt::SkipEmptyParts)) {
        bool valid = false;
        rates.push_back(text.toDouble(&valid));
        if (!valid || rates.back() <= 0) {
            std::fprintf(stderr, "tapescope-cli bench latency: --rates takes positive numbers, e.g. 1000,10000\n");
            return 1;
        }
    }
    const int batchIntervalMs = parser.value(u"batch-interval-ms"_s).toInt();
    std::printf("bench latency: received -> applied in MarketHub, %lld s per rate, batching %s, %s\n", seconds,
                batchIntervalMs < 0 ? "service default" : qPrintable(QString::number(batchIntervalMs) + u" ms"_s),
                qPrintable(machineSummary()));
    QJsonArray resultsJson;
    for (double rate : rates) {
        bool ok = false;
        const RateResult r = measureRate(rate, parser.value(u"coin"_s), batchIntervalMs, 2000,
                                         static_cast<int>(seconds * 1000), &ok);
        if (!ok)
            return 2;
        std::printf("%8.0f msgs/s (achieved %.0f, %zu samples): p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
                    r.rate, r.achieved, r.samples, r.p50, r.p99, r.p999, r.max);
        std::fflush(stdout);
        resultsJson.append(QJsonObject{{u"rate"_s, r.rate}, {u"achieved"_s, r.achieved},
                                       {u"samples"_s, static_cast<qint64>(r.samples)}, {u"p50us"_s, r.p50},
                                       {u"p99us"_s, r.p99}, {u"p999us"_s, r.p999}, {u"maxus"_s, r.max}});
    }
    const QJsonObject result{{u"bench"_s, u"latency"_s}, {u"rates"_s, resultsJson}, {u"machine"_s, machineSummary()}};
    std::printf("result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace tapescope::cli::bench
