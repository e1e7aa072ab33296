// `tapescope-cli emulate --venue hyperliquid`: the emulator in the foreground, optionally as a benchmark load.
#include "venues/hyperliquid/module/HyperliquidCli.h"

#include "emulator/hyperliquid/HyperliquidEmulator.h"

#include "venues/api/EmulateOptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>
#include <QtCore/QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

// --load burst|paced with its companions; the default (none) leaves the emulator a plain demo venue.
bool readLoad(const QCommandLineParser &parser, emulator::LoadProfile *load, QTextStream &err)
{
    const QString mode = parser.value(u"load"_s);
    if (mode == u"none"_s)
        load->mode = emulator::LoadProfile::Mode::Off;
    else if (mode == u"burst"_s)
        load->mode = emulator::LoadProfile::Mode::Burst;
    else if (mode == u"paced"_s)
        load->mode = emulator::LoadProfile::Mode::Paced;
    else {
        err << "tapescope-cli emulate: --load must be none, burst or paced\n";
        return false;
    }
    if (parser.isSet(u"load-coins"_s))
        load->coins = parser.value(u"load-coins"_s).split(u',', Qt::SkipEmptyParts);
    bool ok = false;
    load->messagesPerSecond = parser.value(u"rate"_s).toDouble(&ok);
    if (load->mode == emulator::LoadProfile::Mode::Paced && (!ok || load->messagesPerSecond <= 0)) {
        err << "tapescope-cli emulate: --load paced needs --rate N (frames per second per connection)\n";
        return false;
    }
    return true;
}

} // namespace

void addHyperliquidEmulateOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"instruments"_s,
                       u"Hyperliquid: list this many instruments, the 8 real ones plus made-up perps SIM01.."_s, u"n"_s,
                       u"8"_s });
    parser.addOption({ u"load"_s,
                       u"Hyperliquid: benchmark load on every client's l2Book/bbo/activeAssetCtx streams: none, burst "
                       "(as fast as the socket drains) or paced (--rate frames per second per connection)."_s,
                       u"mode"_s, u"none"_s });
    parser.addOption({ u"load-coins"_s,
                       u"Hyperliquid: comma-separated coins whose streams carry the load (default: all)."_s,
                       u"coins"_s });
    parser.addOption(
        { u"rate"_s, u"Hyperliquid: frames per second per connection for --load paced."_s, u"n"_s, u"0"_s });
    // The demo trader at HyperliquidEmulator::demoTraderAddress(): one order action per interval, funding paid
    // on an accelerated clock.
    parser.addOption({ u"trader-interval-ms"_s,
                       u"Hyperliquid: the demo trader places, cancels or re-quotes an order every this many ms."_s,
                       u"ms"_s, u"1500"_s });
    parser.addOption({ u"funding-interval-ms"_s,
                       u"Hyperliquid: the demo trader pays funding on its positions every this many ms."_s, u"ms"_s,
                       u"60000"_s });
    // Fault injection for reconnect tests and recordings (docs/recording.md): what dropAllConnections() does.
    parser.addOption({ u"drop-every-ms"_s,
                       u"Hyperliquid: drop every WebSocket and HTTP connection every this many ms (0 = never)."_s,
                       u"ms"_s, u"0"_s });
}

int runHyperliquidEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port)
{
    QTextStream err(stderr);
    emulator::HyperliquidEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    int instruments = 0;
    int dropEveryMs = 0;
    if (!readNonNegative(parser, u"instruments"_s, &instruments)
        || !readNonNegative(parser, u"book-interval-ms"_s, &options.bookIntervalMs)
        || !readNonNegative(parser, u"trade-interval-ms"_s, &options.tradeIntervalMs)
        || !readNonNegative(parser, u"trader-interval-ms"_s, &options.traderIntervalMs)
        || !readNonNegative(parser, u"funding-interval-ms"_s, &options.fundingIntervalMs)
        || !readNonNegative(parser, u"drop-every-ms"_s, &dropEveryMs) || !readLoad(parser, &options.load, err))
        return 1;
    constexpr int kRealInstruments = 8;
    options.syntheticPerps = std::max(0, instruments - kRealInstruments);
    emulator::HyperliquidEmulator emulator(options);
    if (!emulator.listen(host, port)) {
        err << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    QTextStream out(stdout);
    // tapescope-cli bench reads the port from this line.
    out << "hyperliquid emulator listening: REST " << emulator.restBaseUrl().toString() << "/info, WebSocket "
        << emulator.wsUrl().toString() << Qt::endl;
    out << "demo trader: " << emulator::HyperliquidEmulator::demoTraderAddress() << Qt::endl;
    QTimer dropTimer;
    if (dropEveryMs > 0) {
        QObject::connect(&dropTimer, &QTimer::timeout, &emulator, [&emulator] { emulator.dropAllConnections(); });
        dropTimer.start(dropEveryMs);
    }
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
