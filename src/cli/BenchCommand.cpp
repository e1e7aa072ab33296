// tapescope-cli bench: end-to-end measurements against an emulator in a separate process (bench/README.md).
#include "cli/BenchRuns.h"
#include "cli/CliCommands.h"
#include "platform/ProcessStats.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QTextStream>
#include <QtCore/QThread>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace bench {

void addCommonOptions(QCommandLineParser &parser)
{
    parser.addHelpOption();
    parser.addPositionalArgument(u"bench"_s, u"The command."_s);
    parser.addPositionalArgument(u"kind"_s, u"ingest, latency or soak."_s);
}

qint64 positiveOption(const QCommandLineParser &parser, const QString &name)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (ok && value > 0)
        return value;
    std::fprintf(stderr, "tapescope-cli bench: --%s must be a positive number\n", qPrintable(name));
    return -1;
}

QString machineSummary()
{
    const QString model = platform::cpuModel().value_or(u"unknown CPU"_s);
    return u"%1 x %2"_s.arg(QThread::idealThreadCount()).arg(model);
}

} // namespace bench

int runBench(const QStringList &args)
{
    const QString kind = args.value(1);
    if (kind == u"ingest"_s)
        return bench::runIngest(args);
    if (kind == u"latency"_s)
        return bench::runLatency(args);
    if (kind == u"soak"_s)
        return bench::runSoak(args);
    QTextStream err(stderr);
    err << "Usage: tapescope-cli bench ingest|latency|soak [options]   (--help after the kind lists them)\n"
           "  ingest   sustained l2Book msgs/s through connection -> codec -> service -> MarketHub, vs a bare "
           "QWebSocket\n"
           "  latency  frame received -> applied in MarketHub at fixed rates, p50/p99/p99.9 in microseconds\n"
           "  soak     millions of frames across many instruments, RSS sampled every second\n";
    return kind == u"--help"_s || kind == u"-h"_s ? 0 : 1;
}

} // namespace tapescope::cli
