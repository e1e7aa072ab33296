// bench ingest: how many l2Book frames a second the app's data path sustains, next to a bare QWebSocket
// client on the same feed (issue "Performance", benchmark 2).
#include "cli/BenchRuns.h"
#include "cli/BenchSupport.h"
#include "platform/ProcessStats.h"

#include "net/FeedTape.h"
#include "record/TapeReader.h"
#include "record/TapeWriter.h"
#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>

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
    double writerThreadPercent = 0.0; // a recording's writer thread (bench ingest --record)
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
    const QString writerThread = u"tape-writer"_s;
    result.writerThreadPercent = 100.0 * (threads1.value(writerThread) - threads0.value(writerThread)) / seconds;
    if (emulatorPid)
        result.emulatorCpuPercent = 100.0 * (processCpuSeconds(emulatorPid) - emulator0) / seconds;
    return result;
}

// What recording cost and gave in one round (bench ingest --record).
struct Recording
{
    Measurement live; // the pipeline while it recorded
    quint64 frames = 0; // l2Book frames recorded
    quint64 dropped = 0; // records the writer's queue had no room for
    qint64 fileBytes = 0;
    qint64 rssBeforeKiB = 0; // this process when the measured interval began and ended
    qint64 rssAfterKiB = 0;
    double replayRate = 0.0; // frames/s replayed at full speed through connection -> codec -> service
    double replaySeconds = 0.0;
};

// The pipeline again, recording every frame to `file` (docs/recording.md) while it is measured.
Recording measureRecording(const MarketPipeline::Config &config, const QString &file, int warmupMs, int ms,
                           qint64 emulatorPid)
{
    Recording result;
    tape::TapeWriter writer;
    TapeRecorder recorder(&writer);
    QString error;
    if (!writer.open(file, QJsonObject { { u"bench"_s, u"ingest"_s } }, tape::TapeWriter::nowNs(), {}, &error)) {
        std::fprintf(stderr, "bench ingest: %s\n", qPrintable(error));
        return result;
    }
    {
        MarketPipeline path(config);
        FeedTape::setCurrent(&recorder); // the service, made by start(), attaches its connection and REST manager
        path.start();
        FeedTape::setCurrent(nullptr);
        runFor(10000, [&path] { return path.booksConsumed() > 0; });
        result.rssBeforeKiB = platform::sampleProcess().residentKiB.value_or(0);
        result.live = measure([&path] { return path.booksConsumed(); }, [&path] { return path.framesReceived(); },
                              [&path] { return path.booksApplied(); }, warmupMs, ms, emulatorPid);
        result.rssAfterKiB = platform::sampleProcess().residentKiB.value_or(0);
    }
    writer.close();
    const tape::TapeWriter::Stats stats = writer.stats();
    result.dropped = stats.recordsDropped;
    result.fileBytes = stats.fileBytes;
    return result;
}

// Replays `file` at full speed through a HyperliquidService (connection in replay mode -> codec -> batches), in
// this thread, and counts the frames.
void measureReplay(const QString &file, const QUrl &restBase, const QString &coin, Recording *result)
{
    tape::TapeReader reader;
    QString error;
    if (!reader.open(file, &error)) {
        std::fprintf(stderr, "bench ingest: %s\n", qPrintable(error));
        return;
    }
    TapePlayer player(&reader);
    FeedTape::setCurrent(&player);
    {
        hyperliquid::HyperliquidService service(*hyperliquid::Endpoints::custom(restBase));
        hyperliquid::Subscription subscription;
        subscription.type = hyperliquid::Subscription::Type::L2Book;
        subscription.coin = coin;
        service.subscribe(subscription);
        QElapsedTimer clock;
        clock.start();
        service.start();
        player.start();
        runFor(600000, [&player] { return player.isFinished(); });
        result->replaySeconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
        service.stop();
    }
    FeedTape::setCurrent(nullptr);
    result->frames = player.framesPlayed();
    result->replayRate
        = result->replaySeconds > 0 ? static_cast<double>(player.framesPlayed()) / result->replaySeconds : 0.0;
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
    parser.addOption({ u"record"_s,
                       u"Also measure the pipeline while it records every frame (docs/recording.md), replay that "
                       "recording at full speed, and report its size per million l2Book frames."_s });
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

    const bool record = parser.isSet(u"record"_s);
    QTemporaryDir recordings;
    std::vector<double> recordingRates, recordingRatios, replayRates, replayRatios, bytesPerMillion;
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
        QJsonObject recordingJson;
        if (record) {
            MarketPipeline::Config config;
            config.restBase = restBase;
            config.bookCoins = { coin };
            config.batchIntervalMs = parser.value(u"batch-interval-ms"_s).toInt();
            const QString file = recordings.filePath(u"round-%1.tape"_s.arg(round));
            Recording recording = measureRecording(config, file, kWarmupMs, ms, process.pid());
            runFor(300);
            measureReplay(file, restBase, coin, &recording);
            QFile::remove(file);
            const double costRatio = pipeline.rate > 0 ? recording.live.rate / pipeline.rate : 0.0;
            const double replayRatio = pipeline.receivedRate > 0 ? recording.replayRate / pipeline.receivedRate : 0.0;
            const double perMillion = recording.frames > 0
                ? static_cast<double>(recording.fileBytes) * 1e6 / static_cast<double>(recording.frames)
                : 0.0;
            recordingRates.push_back(recording.live.rate);
            recordingRatios.push_back(costRatio);
            replayRates.push_back(recording.replayRate);
            replayRatios.push_back(replayRatio);
            bytesPerMillion.push_back(perMillion);
            std::printf(
                "round %lld: recording: pipeline %.0f msgs/s consumed while recording (%.3f of without), "
                "cpu %.0f%%: service thread %.0f%%, writer thread %.0f%%, emulator %.0f%%; %llu frames in %.1f MB "
                "(%.1f MB per million l2Book frames), %llu dropped, RSS %lld -> %lld KiB | replay at full speed %.0f "
                "frames/s (%.3f of the live received rate)\n",
                round, recording.live.rate, costRatio, recording.live.cpuPercent, recording.live.serviceThreadPercent,
                recording.live.writerThreadPercent, recording.live.emulatorCpuPercent,
                static_cast<unsigned long long>(recording.frames), static_cast<double>(recording.fileBytes) / 1e6,
                perMillion / 1e6, static_cast<unsigned long long>(recording.dropped), recording.rssBeforeKiB,
                recording.rssAfterKiB, recording.replayRate, replayRatio);
            std::fflush(stdout);
            recordingJson = QJsonObject { { u"pipelineRecording"_s, recording.live.rate },
                                          { u"recordingRatio"_s, costRatio },
                                          { u"recordedFrames"_s, static_cast<qint64>(recording.frames) },
                                          { u"recordingBytes"_s, recording.fileBytes },
                                          { u"bytesPerMillionFrames"_s, perMillion },
                                          { u"droppedRecords"_s, static_cast<qint64>(recording.dropped) },
                                          { u"recordingCpuPercent"_s, recording.live.cpuPercent },
                                          { u"writerThreadCpuPercent"_s, recording.live.writerThreadPercent },
                                          { u"rssBeforeKiB"_s, recording.rssBeforeKiB },
                                          { u"rssAfterKiB"_s, recording.rssAfterKiB },
                                          { u"replayFramesPerSec"_s, recording.replayRate },
                                          { u"replayRatio"_s, replayRatio } };
        }
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
        QJsonObject roundJson { { u"bare"_s, bare.rate },
                                { u"pipeline"_s, pipeline.rate },
                                { u"pipelineApplied"_s, pipeline.appliedRate },
                                { u"ratio"_s, ratio },
                                { u"pipelineCpuPercent"_s, pipeline.cpuPercent },
                                { u"serviceThreadCpuPercent"_s, pipeline.serviceThreadPercent },
                                { u"hubThreadCpuPercent"_s, pipeline.mainThreadPercent },
                                { u"bareCpuPercent"_s, bare.cpuPercent },
                                { u"bareEmulatorCpuPercent"_s, bare.emulatorCpuPercent },
                                { u"emulatorCpuPercent"_s, pipeline.emulatorCpuPercent } };
        if (record)
            roundJson.insert(u"recording"_s, recordingJson);
        roundsJson.append(roundJson);
    }
    const double ratio = median(ratios);
    std::printf("median: bare %.0f msgs/s, pipeline %.0f msgs/s, ratio %.3f (target >= 0.5, issue 14)\n",
                median(bareRates), median(pipelineRates), ratio);
    if (record)
        std::printf("median with recording: pipeline %.0f msgs/s while recording, %.3f of the rate without "
                    "(target >= 0.85); replay at full speed %.0f frames/s, %.3f of the live received rate (target >= "
                    "0.80); %.1f MB per million l2Book frames\n",
                    median(recordingRates), median(recordingRatios), median(replayRates), median(replayRatios),
                    median(bytesPerMillion) / 1e6);
    QJsonObject result { { u"bench"_s, u"ingest"_s },
                         { u"bareMsgsPerSec"_s, median(bareRates) },
                         { u"pipelineMsgsPerSec"_s, median(pipelineRates) },
                         { u"ratio"_s, ratio },
                         { u"rounds"_s, roundsJson },
                         { u"machine"_s, machineSummary() } };
    if (record) {
        result.insert(u"recordingMsgsPerSec"_s, median(recordingRates));
        result.insert(u"recordingRatio"_s, median(recordingRatios));
        result.insert(u"replayFramesPerSec"_s, median(replayRates));
        result.insert(u"replayRatio"_s, median(replayRatios));
        result.insert(u"recordingBytesPerMillionFrames"_s, median(bytesPerMillion));
    }
    std::printf("result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}

} // namespace tapescope::cli::bench
