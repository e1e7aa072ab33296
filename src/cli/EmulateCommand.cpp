#include "cli/CliCommands.h"

#include "cli/AlpacaFimlCli.h"
#include "cli/KalshiCliSupport.h"
#include "cli/O2Cli.h"
#include "emulator/hyperliquid/HyperliquidEmulator.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

bool readNonNegative(const QCommandLineParser &parser, const QString &name, int *value, QTextStream &err)
{
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    if (!ok || *value < 0) {
        err << "tapescope-cli emulate: --" << name << " must be a non-negative number\n";
        return false;
    }
    return true;
}

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

int runEmulate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Run the loopback venue emulator in the foreground (Ctrl+C stops it)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"emulate"_s, u"The command."_s);
    parser.addOption({u"venue"_s, u"Venue protocol to speak: hyperliquid, kalshi, alpaca, fiml, o2."_s, u"venue"_s, u"hyperliquid"_s});
    parser.addOption({u"public-key"_s, u"Kalshi: PEM public key whose signatures the emulator accepts (default: the TEST-ONLY demo key)."_s,
                      u"pem"_s});
    parser.addOption({u"port"_s, u"TCP port to listen on (0 = any free port)."_s, u"port"_s, u"0"_s});
    parser.addOption({u"host"_s, u"Address to listen on."_s, u"address"_s, u"127.0.0.1"_s});
    parser.addOption({u"seed"_s, u"Random seed of the simulated market."_s, u"seed"_s, u"1"_s});
    parser.addOption({u"instruments"_s, u"List this many instruments: the 8 real ones plus made-up perps SIM01.."_s,
                      u"n"_s, u"8"_s});
    parser.addOption({u"load"_s,
                      u"Benchmark load on every client's l2Book/bbo/activeAssetCtx streams: none, burst (as fast as "
                      "the socket drains) or paced (--rate frames per second per connection)."_s,
                      u"mode"_s, u"none"_s});
    parser.addOption({u"load-coins"_s, u"Comma-separated coins whose streams carry the load (default: all)."_s, u"coins"_s});
    parser.addOption({u"rate"_s, u"Frames per second per connection for --load paced."_s, u"n"_s, u"0"_s});
    parser.addOption({u"book-interval-ms"_s, u"Regular l2Book refresh period."_s, u"ms"_s, u"250"_s});
    parser.addOption({u"trade-interval-ms"_s, u"Regular trade tick period."_s, u"ms"_s, u"150"_s});
    addAlpacaFimlEmulateOptions(parser);
    parser.process(args);

    QTextStream err(stderr);
    const QString venue = parser.value(u"venue"_s);
    if (venue != u"hyperliquid"_s && venue != u"kalshi"_s && venue != u"alpaca"_s && venue != u"fiml"_s
        && venue != u"o2"_s) {
        err << "tapescope-cli emulate: unsupported venue '" << venue << "' (supported: hyperliquid, kalshi, alpaca, fiml, o2)\n";
        return 1;
    }
    bool ok = false;
    const uint port = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "tapescope-cli emulate: --port must be a number from 0 to 65535\n";
        return 1;
    }
    const QHostAddress host(parser.value(u"host"_s));
    if (host.isNull()) {
        err << "tapescope-cli emulate: --host must be an IP address such as 127.0.0.1\n";
        return 1;
    }
    if (venue == u"kalshi"_s)
        return runKalshiEmulator(parser, host, static_cast<quint16>(port));
    if (venue == u"alpaca"_s)
        return runAlpacaEmulator(parser, host, static_cast<quint16>(port));
    if (venue == u"fiml"_s)
        return runFimlEmulator(parser, host, static_cast<quint16>(port));
    if (venue == u"o2"_s)
        return runO2Emulator(parser, host, static_cast<quint16>(port));
    emulator::HyperliquidEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    int instruments = 0;
    if (!readNonNegative(parser, u"instruments"_s, &instruments, err)
        || !readNonNegative(parser, u"book-interval-ms"_s, &options.bookIntervalMs, err)
        || !readNonNegative(parser, u"trade-interval-ms"_s, &options.tradeIntervalMs, err)
        || !readLoad(parser, &options.load, err))
        return 1;
    constexpr int kRealInstruments = 8;
    options.syntheticPerps = std::max(0, instruments - kRealInstruments);
    emulator::HyperliquidEmulator emulator(options);
    if (!emulator.listen(host, static_cast<quint16>(port))) {
        err << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    QTextStream out(stdout);
    // tapescope-cli bench reads the port from this line.
    out << "hyperliquid emulator listening: REST " << emulator.restBaseUrl().toString() << "/info, WebSocket "
        << emulator.wsUrl().toString() << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
