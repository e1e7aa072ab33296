// `tapescope-cli emulate --venue alpaca` and the `stream` option --feed.
#include "venues/alpaca/module/AlpacaCli.h"

#include "emulator/alpaca/AlpacaEmulator.h"

#include "venues/api/EmulateOptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

void addAlpacaStreamOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"feed"_s, u"Alpaca feed: iex (default), sip, delayed_sip, test or crypto."_s, u"feed"_s });
}

void addAlpacaEmulateOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"tick-interval-ms"_s, u"Alpaca: trade and quote period (default 200)."_s, u"ms"_s });
    parser.addOption({ u"bar-interval-ms"_s, u"Alpaca: bar period (default 60000, one a minute)."_s, u"ms"_s });
}

int runAlpacaEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port)
{
    emulator::alpaca::AlpacaEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    if (!readPositiveMs(parser, u"tick-interval-ms"_s, &options.timing.tickIntervalMs)
        || !readPositiveMs(parser, u"bar-interval-ms"_s, &options.timing.barIntervalMs))
        return 1;
    emulator::alpaca::AlpacaEmulator emulator(options);
    if (!emulator.listen(host, port)) {
        QTextStream(stderr) << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    // The emulator's own loopback key pair, not an Alpaca credential.
    QTextStream(stdout) << "alpaca emulator listening: " << emulator.baseUrl().toString()
                        << "/v2/{iex,sip,delayed_sip,test} and /v1beta3/crypto/us; key " << options.keyId << ", secret "
                        << options.secret << "; trading (the test keys' paper account): REST "
                        << emulator.tradingBaseUrl().toString() << "/v2/..., stream ws://" << emulator.host() << ':'
                        << emulator.port() << "/stream" << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
