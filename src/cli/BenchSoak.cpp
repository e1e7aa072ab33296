// bench soak: millions of l2Book frames across many instruments through the app's data path, RSS sampled
// every second, growth after warm-up reported (issue "Performance", benchmark 5).
#include "cli/BenchRuns.h"
#include "cli/BenchSupport.h"
#include "platform/ProcessStats.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapescope::cli::bench {

int runSoak(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Soak: l2Book bursts on every instrument of an emulator in a child process, through the app's data path, "
        "until --frames books were consumed (applied, or superseded by a newer one in a batch); RSS sampled every "
        "second."_s);
    addCommonOptions(parser);
    parser.addOption({ u"frames"_s, u"Books to consume before stopping."_s, u"n"_s, u"10000000"_s });
    parser.addOption({ u"instruments"_s, u"Instruments streamed (8 real + made-up perps)."_s, u"n"_s, u"50"_s });
    parser.addOption({ u"warmup-seconds"_s, u"RSS growth is measured from the end of this."_s, u"n"_s, u"10"_s });
    parser.addOption({ u"emulator-port"_s, u"Use a running `emulate --load burst --instruments N`."_s, u"port"_s });
    parser.process(args);
    const qint64 frames = positiveOption(parser, u"frames"_s);
    const qint64 instruments = positiveOption(parser, u"instruments"_s);
    const qint64 warmupSeconds = positiveOption(parser, u"warmup-seconds"_s);
    if (frames < 0 || instruments < 0 || warmupSeconds < 0)
        return 1;

    EmulatorProcess process;
    QUrl restBase;
    if (!useEmulator(parser.value(u"emulator-port"_s),
                     { u"--load"_s, u"burst"_s, u"--instruments"_s, QString::number(instruments) }, process, &restBase))
        return 2;
    std::printf("bench soak: %lld frames over %lld instruments from %s, %s\n", frames, instruments,
                qPrintable(restBase.toString()), qPrintable(machineSummary()));

    MarketPipeline::Config config;
    config.restBase = restBase;
    config.allBooks = true;
    MarketPipeline path(config);
    path.start();

    struct Sample
    {
        double seconds;
        qint64 rssKiB;
        quint64 books;
    };
    std::vector<Sample> samples;
    QElapsedTimer clock;
    clock.start();
    QTimer sampler;
    quint64 maxBacklog = 0; // over the current progress line
    QObject::connect(&sampler, &QTimer::timeout, &sampler, [&] {
        maxBacklog = std::max(maxBacklog, path.takeMaxBacklog());
        samples.push_back({ static_cast<double>(clock.elapsed()) / 1000.0,
                            platform::sampleProcess().residentKiB.value_or(0), path.booksConsumed() });
        const Sample &s = samples.back();
        if (samples.size() % 5 == 0) {
            std::printf("  %5.0f s  %10llu books consumed (%10llu applied), %10llu frames received, hub backlog up to "
                        "%6llu  RSS %6.1f MiB\n",
                        s.seconds, static_cast<unsigned long long>(s.books),
                        static_cast<unsigned long long>(path.booksApplied()),
                        static_cast<unsigned long long>(path.framesReceived()),
                        static_cast<unsigned long long>(maxBacklog), static_cast<double>(s.rssKiB) / 1024.0);
            maxBacklog = 0;
            std::fflush(stdout);
        }
    });
    sampler.start(1000);
    // Generous: even 20,000 frames/s finishes; a stalled feed ends the run instead of hanging it.
    const int limitMs = static_cast<int>(std::min<qint64>(frames / 20 + 60000, 24LL * 3600 * 1000));
    runFor(limitMs, [&path, frames] { return path.booksConsumed() >= static_cast<quint64>(frames); });
    sampler.stop();
    const double elapsed = static_cast<double>(clock.elapsed()) / 1000.0;
    const quint64 consumed = path.booksConsumed();
    const quint64 applied = path.booksApplied();

    const auto warm = std::find_if(samples.begin(), samples.end(),
                                   [warmupSeconds](const Sample &s) { return s.seconds >= double(warmupSeconds); });
    if (warm == samples.end() || samples.size() < 2) {
        std::fprintf(stderr, "tapescope-cli bench soak: the run ended before the warm-up did\n");
        return 3;
    }
    const qint64 warmRss = warm->rssKiB;
    const qint64 finalRss = samples.back().rssKiB;
    const qint64 maxAfterWarm = std::max_element(warm, samples.end(), [](const Sample &a, const Sample &b) {
                                    return a.rssKiB < b.rssKiB;
                                })->rssKiB;
    // RSS breathes with socket and allocator buffers from one second to the next, so a leak is judged by the
    // highest RSS of the last quarter of the run against the highest of the first quarter after the warm-up.
    const auto steady = static_cast<std::size_t>(samples.end() - warm);
    const auto quarter = std::max<std::size_t>(1, steady / 4);
    const auto highest = [](auto from, auto to) {
        return std::max_element(from, to, [](const Sample &a, const Sample &b) { return a.rssKiB < b.rssKiB; })->rssKiB;
    };
    const qint64 firstQuarterMax = highest(warm, warm + static_cast<std::ptrdiff_t>(quarter));
    const qint64 lastQuarterMax = highest(samples.end() - static_cast<std::ptrdiff_t>(quarter), samples.end());
    const double growth = 100.0 * double(lastQuarterMax - firstQuarterMax) / double(firstQuarterMax);
    const double pointGrowth = 100.0 * double(finalRss - warmRss) / double(warmRss);
    std::printf("consumed %llu books in %.0f s (%.0f msgs/s) over %d instruments: %llu applied, %llu superseded\n",
                static_cast<unsigned long long>(consumed), elapsed, double(consumed) / elapsed, path.subscribedBooks(),
                static_cast<unsigned long long>(applied), static_cast<unsigned long long>(consumed - applied));
    std::printf(
        "RSS after %lld s warm-up %.1f MiB, final %.1f MiB (point to point %+.2f%%), max after warm-up %.1f MiB\n"
        "highest RSS, first quarter after warm-up %.1f MiB, last quarter %.1f MiB: growth %+.2f%% (target < 5%%)\n",
        warmupSeconds, double(warmRss) / 1024.0, double(finalRss) / 1024.0, pointGrowth, double(maxAfterWarm) / 1024.0,
        double(firstQuarterMax) / 1024.0, double(lastQuarterMax) / 1024.0, growth);
    QJsonArray rss;
    for (const Sample &s : samples)
        rss.append(s.rssKiB);
    const QJsonObject result { { u"bench"_s, u"soak"_s },
                               { u"books"_s, static_cast<qint64>(consumed) },
                               { u"booksApplied"_s, static_cast<qint64>(applied) },
                               { u"seconds"_s, elapsed },
                               { u"instruments"_s, path.subscribedBooks() },
                               { u"warmRssKiB"_s, warmRss },
                               { u"finalRssKiB"_s, finalRss },
                               { u"growthPercent"_s, growth },
                               { u"pointGrowthPercent"_s, pointGrowth },
                               { u"maxRssKiB"_s, maxAfterWarm },
                               { u"firstQuarterMaxRssKiB"_s, firstQuarterMax },
                               { u"lastQuarterMaxRssKiB"_s, lastQuarterMax },
                               { u"rssKiBPerSecond"_s, rss },
                               { u"machine"_s, machineSummary() } };
    std::printf("result %s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return consumed >= static_cast<quint64>(frames) ? 0 : 3;
}

} // namespace tapescope::cli::bench
