// bench ingest: how many l2Book frames a second the app's data path sustains, next to a bare QWebSocket
// client on the same feed (issue "Performance", benchmark 2).
#include "cli/BenchRuns.h"
#include "cli/BenchSupport.h"

#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapescope::cli::bench {

namespace {

struct Measurement
{
    double rate = 0.0; // frames (bare) or consumed books (pipeline: applied + superseded) per second
    double appliedRate = 0.0; // pipeline only: books applied in the hub (the rest were superseded in a batch)
    double cpuPercent = 0.0; // of one core, this process
    double emulatorCpuPercent = 0.0;
    double receivedRate = 0.0; // pipeline only: frames the service thread took off the socket
    double mainThreadPercent = 0.0;
    double serviceThreadPercent = 0.0;
};

// Counts over `ms` after `count` first moved, so connect and subscribe time never dilute the rate.
template<typename Counter, typename Received, typename Applied>
Measurement measure(Counter count, Received received, Applied applied, int warmupMs, int ms, qint64 emulatorPid)
{
    runFor(10000, [&count] { return count() > 0; });
    runFor(warmupMs);
    const quint64 before = count();
    const quint64 receivedBefore = received();
    const quint64 appliedBefore = applied();
    const double self0 = processCpuSeconds(0);
    const QHash<QString, double> threads0 = threadCpuSeconds();
    const double emulator0 = emulatorPid ? processCpuSeconds(emulatorPid) : 0.0;
    QElapsedTimer clock;
    clock.start();
    runFor(ms);
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    Measurement result;
    result.rate = static_cast<double>(count() - before) / seconds;
    result.receivedRate = static_cast<double>(received() - receivedBefore) / seconds;
    result.appliedRate = static_cast<double>(applied() - appliedBefore) / seconds;
    result.cpuPercent = 100.0 * (processCpuSeconds(0) - self0) / seconds;
    const QHash<QString, double> threads1 = threadCpuSeconds();
    const QString mainThread = u"main"_s, serviceThread = u"hyperliquid"_s;
    result.mainThreadPercent = 100.0 * (threads1.value(mainThread) - threads0.value(mainThread)) / seconds;
    result.serviceThreadPercent = 100.0 * (threads1.value(serviceThread) - threads0.value(serviceThread)) / seconds;
    if (emulatorPid)
        result.emulatorCpuPercent = 100.0 * (processCpuSeconds(emulatorPid) - emulator0) / seconds;
    return result;
}

} // namespace

int runIngest(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sustained l2Book messages/s through VenueConnection -> codec -> HyperliquidService (worker thread) -> "
        "MarketHub (this thread), and a bare QWebSocket client counting frames on the same feed."_s);
    addCommonOptions(parser);
    parser.addOption({ u"seconds"_s, u"Measured seconds per client and round."_s, u"n"_s, u"10"_s });
    parser.addOption({ u"rounds"_s, u"Alternating bare/pipeline rounds; medians are reported."_s, u"n"_s, u"3"_s });
    parser.addOption({ u"coin"_s, u"The l2Book stream."_s, u"coin"_s, u"BTC"_s });
    parser.addOption({ u"batch-interval-ms"_s, u"Service batching (default: the service's)."_s, u"ms"_s, u"-1"_s });
    parser.addOption(
        { u"emulator-port"_s, u"Use a running `emulate --load burst` instead of spawning one."_s, u"port"_s });
    parser.process(args);
    const qint64 seconds = positiveOption(parser, u"seconds"_s);
    const qint64 rounds = positiveOption(parser, u"rounds"_s);
    if (seconds < 0 || rounds < 0)
        return 1;
    const QString coin = parser.value(u"coin"_s);

    EmulatorProcess process;
    QUrl restBase;
    if (!useEmulator(parser.value(u"emulator-port"_s), { u"--load"_s, u"burst"_s, u"--load-coins"_s, coin }, process,
                     &restBase))
        return 2;
    const QUrl wsUrl = hyperliquid::Endpoints::custom(restBase)->wsUrl;
    std::printf("bench ingest: %s l2Book bursts from %s, %lld s x %lld rounds, %s\n", qPrintable(coin),
                qPrintable(restBase.toString()), seconds, rounds, qPrintable(machineSummary()));

    constexpr int kWarmupMs = 1000;
    const int ms = static_cast<int>(seconds * 1000);
    std::vector<double> bareRates, pipelineRates, ratios;
    QJsonArray roundsJson;
    for (qint64 round = 1; round <= rounds; ++round) {
        Measurement bare;
        {
            BareClient client(wsUrl, { coin });
            const auto frames = [&client] { return client.frames(); };
            bare = measure(frames, frames, frames, kWarmupMs, ms, process.pid());
        }
        runFor(300); // let the emulator drop the old session before the next client
        Measurement pipeline;
        {
            MarketPipeline::Config config;
            config.restBase = restBase;
            config.bookCoins = { coin };
            config.batchIntervalMs = parser.value(u"batch-interval-ms"_s).toInt();
            MarketPipeline path(config);
            path.start();
            pipeline = measure([&path] { return path.booksConsumed(); }, [&path] { return path.framesReceived(); },
                               [&path] { return path.booksApplied(); }, kWarmupMs, ms, process.pid());
        }
        runFor(300);
        const double ratio = bare.rate > 0 ? pipeline.rate / bare.rate : 0.0;
        bareRates.push_back(bare.rate);
        pipelineRates.push_back(pipeline.rate);
        ratios.push_back(ratio);
        std::printf("round %lld: bare %.0f msgs/s (cpu %.0f%%, emulator %.0f%%) | pipeline %.0f msgs/s consumed (%.0f "
                    "applied, %.0f superseded), %.0f received (cpu %.0f%%: service thread %.0f%%, hub thread %.0f%%; "
                    "emulator %.0f%%) | ratio %.3f\n",
                    round, bare.rate, bare.cpuPercent, bare.emulatorCpuPercent, pipeline.rate, pipeline.appliedRate,
                    pipeline.rate - pipeline.appliedRate, pipeline.receivedRate, pipeline.cpuPercent,
                    pipeline.serviceThreadPercent, pipeline.mainThreadPercent, pipeline.emulatorCpuPercent, ratio);
        std::fflush(stdout);
        roundsJson.append(QJsonObject { { u"bare"_s, bare.rate },
                                        { u"pipeline"_s, pipeline.rate },
                                        { u"pipelineApplied"_s, pipeline.appliedRate },
                                        { u"ratio"_s, ratio },
                                        { u"pipelineCpuPercent"_s, pipeline.cpuPercent },
                                        { u"serviceThreadCpuPercent"_s, pipeline.serviceThreadPercent },
                                        { u"hubThreadCpuPercent"_s, pipeline.mainThreadPercent },
                                        { u"bareCpuPercent"_s, bare.cpuPercent },
                                        { u"bareEmulatorCpuPercent"_s, bare.emulatorCpuPercent },
                                        { u"emulatorCpuPercent"_s, pipeline.emulatorCpuPercent } });
    }
    const double ratio = median(ratios);
    std::printf("median: bare %.0f msgs/s, pipeline %.0f msgs/s, ratio %.3f (target >= 0.333)\n", median(bareRates),
                median(pipelineRates), ratio);
    const QJsonObject result { { u"bench"_s, u"ingest"_s },
                               { u"bareMsgsPerSec"_s, median(bareRates) },
                               { u"pipelineMsgsPerSec"_s, median(pipelineRates) },
                               { u"ratio"_s, ratio },
                               { u"rounds"_s, roundsJson },
                               { u"machine"_s, machineSummary() } };
    std::printf("result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace tapescope::cli::bench
