// bench latency: frame received (steady clock, in the socket's thread) -> applied in the MarketHub, at fixed
// rates, as exact percentiles over every applied book (issue "Performance", benchmark 3). Frames the service
// superseded with a newer book of the same instrument are counted, and measured separately as staleness: until
// the newer book that replaced them was applied.
#include "cli/BenchRuns.h"
#include "cli/BenchSupport.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
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

// The exchange time of an l2Book frame, read at the probe without decoding it:
// {"channel":"l2Book","data":{"coin":"BTC","time":1785251521889,"levels":...}} (the first "time" key).
qint64 bookTimeOf(const QByteArray &frame)
{
    constexpr QByteArrayView key = R"("time":)";
    const qsizetype at = frame.indexOf(key);
    if (at < 0)
        return -1;
    qint64 time = -1;
    for (qsizetype i = at + key.size(); i < frame.size() && frame[i] >= '0' && frame[i] <= '9'; ++i)
        time = (time < 0 ? 0 : time * 10) + (frame[i] - '0');
    return time;
}

// l2Book frames in the order the probe saw them (service thread, before decoding): the book's exchange time and
// the receive stamp. The service replaces a pending snapshot by a newer one of the same instrument, so the books
// the hub applies are a subsequence of these frames. Each applied book is matched to the first unmatched frame
// with its `time`; the frames passed on the way were superseded. `time` is strictly increasing within the
// emulator's ring of frames (1,024 for one stream), so the match is exact while fewer frames than that are
// coalesced into one book (the service flushes every 512 frames); the largest gap seen is reported to show it.
constexpr quint64 kEmulatorRingFrames = 1024; // emulator::LoadProfile::ringFrames with one load stream

struct ReceivedFrames
{
    static constexpr std::size_t Size = 1 << 20; // far more frames than the hub can ever lag behind
    struct Frame
    {
        qint64 bookTime = -1;
        qint64 receivedNs = 0;
    };
    std::vector<Frame> frames = std::vector<Frame>(Size);
    std::atomic<quint64> received { 0 }; // service thread writes the frame, then publishes it here (release)
    quint64 consumed = 0; // hub thread: frames before this were applied or superseded
};

struct RateResult
{
    double rate = 0.0;
    double achieved = 0.0;
    std::size_t samples = 0; // books applied: one latency sample each
    quint64 superseded = 0; // frames replaced in a batch by a newer book of the instrument (no sample)
    quint64 unmatched = 0; // applied books without a probed frame (must stay 0)
    quint64 largestGap = 0; // most frames superseded by one applied book
    double p50 = 0.0, p99 = 0.0, p999 = 0.0, max = 0.0;
    // Every frame, superseded ones included: received -> a book at least as new applied (comparable with
    // figures taken before the service coalesced snapshots, when every frame was applied).
    double everyP50 = 0.0, everyP99 = 0.0, everyP999 = 0.0;
};

RateResult measureRate(double rate, const QString &coin, int batchIntervalMs, int warmupMs, int ms, bool *ok)
{
    RateResult result;
    result.rate = rate;
    EmulatorProcess process;
    QUrl restBase;
    *ok = useEmulator({}, { u"--load"_s, u"paced"_s, u"--rate"_s, QString::number(rate), u"--load-coins"_s, coin },
                      process, &restBase);
    if (!*ok)
        return result;

    auto probed = std::make_shared<ReceivedFrames>();
    std::vector<double> samples, everyFrame;
    samples.reserve(static_cast<std::size_t>(rate * ms / 1000.0 * 1.2));
    everyFrame.reserve(samples.capacity());
    bool recording = false;
    MarketPipeline::Config config;
    config.restBase = restBase;
    config.bookCoins = { coin };
    config.batchIntervalMs = batchIntervalMs;
    config.frameProbe = [probed](const QByteArray &frame) {
        if (!frame.startsWith(R"({"channel":"l2Book")"))
            return;
        const quint64 n = probed->received.load(std::memory_order_relaxed);
        probed->frames[n % ReceivedFrames::Size] = { bookTimeOf(frame), steadyNs() };
        probed->received.store(n + 1, std::memory_order_release);
    };
    config.afterApply = [probed, &samples, &everyFrame, &recording, &result](const EventBatch &batch) {
        const qint64 now = steadyNs();
        const auto sinceReceived = [&now, &probed](quint64 frame) {
            return static_cast<double>(now - probed->frames[frame % ReceivedFrames::Size].receivedNs) / 1000.0;
        };
        const quint64 received = probed->received.load(std::memory_order_acquire);
        for (const MarketEvent &event : batch) {
            const auto *book = std::get_if<BookSnapshot>(&event);
            if (!book)
                continue;
            quint64 at = probed->consumed;
            while (at < received && probed->frames[at % ReceivedFrames::Size].bookTime != book->ts)
                ++at;
            if (at == received) {
                result.unmatched += recording ? 1 : 0;
                continue;
            }
            if (recording) {
                samples.push_back(sinceReceived(at));
                result.superseded += at - probed->consumed;
                result.largestGap = std::max<quint64>(result.largestGap, at - probed->consumed);
                for (quint64 frame = probed->consumed; frame <= at; ++frame)
                    everyFrame.push_back(sinceReceived(frame));
            }
            probed->consumed = at + 1;
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
    result.achieved = static_cast<double>(static_cast<quint64>(samples.size()) + result.superseded) * 1000.0 / ms;
    result.p50 = percentile(samples, 0.50);
    result.p99 = percentile(samples, 0.99);
    result.p999 = percentile(samples, 0.999);
    result.max = samples.empty() ? 0.0 : samples.back();
    std::sort(everyFrame.begin(), everyFrame.end());
    result.everyP50 = percentile(everyFrame, 0.50);
    result.everyP99 = percentile(everyFrame, 0.99);
    result.everyP999 = percentile(everyFrame, 0.999);
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
    parser.addOption({ u"rates"_s, u"Comma-separated l2Book frames per second."_s, u"list"_s, u"1000,10000,50000"_s });
    parser.addOption({ u"seconds"_s, u"Measured seconds per rate."_s, u"n"_s, u"10"_s });
    parser.addOption({ u"coin"_s, u"The l2Book stream."_s, u"coin"_s, u"BTC"_s });
    parser.addOption({ u"batch-interval-ms"_s, u"Service batching (default: the service's)."_s, u"ms"_s, u"-1"_s });
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
        const RateResult r
            = measureRate(rate, parser.value(u"coin"_s), batchIntervalMs, 2000, static_cast<int>(seconds * 1000), &ok);
        if (!ok)
            return 2;
        std::printf("%8.0f msgs/s (achieved %.0f, %zu books applied, %llu superseded, largest gap %llu, %llu "
                    "unmatched): p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us\n",
                    r.rate, r.achieved, r.samples, static_cast<unsigned long long>(r.superseded),
                    static_cast<unsigned long long>(r.largestGap), static_cast<unsigned long long>(r.unmatched), r.p50,
                    r.p99, r.p999, r.max);
        std::printf("          every frame, superseded ones until their newer book was applied: p50 %.0f us, "
                    "p99 %.0f us, p99.9 %.0f us\n",
                    r.everyP50, r.everyP99, r.everyP999);
        if (r.largestGap >= kEmulatorRingFrames)
            std::printf("  warning: a book superseded %llu frames, more than the emulator's ring of %llu distinct "
                        "times: some samples may be matched to an earlier frame\n",
                        static_cast<unsigned long long>(r.largestGap),
                        static_cast<unsigned long long>(kEmulatorRingFrames));
        std::fflush(stdout);
        resultsJson.append(QJsonObject { { u"rate"_s, r.rate },
                                         { u"achieved"_s, r.achieved },
                                         { u"samples"_s, static_cast<qint64>(r.samples) },
                                         { u"superseded"_s, static_cast<qint64>(r.superseded) },
                                         { u"largestGap"_s, static_cast<qint64>(r.largestGap) },
                                         { u"unmatched"_s, static_cast<qint64>(r.unmatched) },
                                         { u"p50us"_s, r.p50 },
                                         { u"p99us"_s, r.p99 },
                                         { u"p999us"_s, r.p999 },
                                         { u"maxus"_s, r.max },
                                         { u"everyFrameP50us"_s, r.everyP50 },
                                         { u"everyFrameP99us"_s, r.everyP99 },
                                         { u"everyFrameP999us"_s, r.everyP999 } });
    }
    const QJsonObject result { { u"bench"_s, u"latency"_s },
                               { u"rates"_s, resultsJson },
                               { u"machine"_s, machineSummary() } };
    std::printf("result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace tapescope::cli::bench
