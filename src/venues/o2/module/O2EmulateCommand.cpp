// `tapescope-cli emulate --venue o2`: the loopback O2 exchange in the foreground.
#include "venues/o2/module/O2Cli.h"

#include "emulator/o2/O2Emulator.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

int runO2Emulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port)
{
    QTextStream err(stderr);
    emulator::o2::O2Emulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    for (const auto &[name, value] : { std::pair { u"book-interval-ms"_s, &options.bookIntervalMs },
                                       std::pair { u"trade-interval-ms"_s, &options.tradeIntervalMs } }) {
        if (!parser.isSet(name))
            continue; // the O2 emulator's own defaults, not Hyperliquid's
        bool ok = false;
        *value = parser.value(name).toInt(&ok);
        if (!ok || *value < 0) {
            err << "tapescope-cli emulate: --" << name << " must be a non-negative number\n";
            return 1;
        }
    }
    emulator::o2::O2Emulator emulator(options);
    if (!emulator.listen(host, port)) {
        err << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    QTextStream out(stdout);
    out << "o2 emulator listening: REST " << emulator.restBaseUrl().toString() << "/v1/markets, WebSocket "
        << emulator.wsUrl().toString() << Qt::endl;
    for (const auto &market : emulator.markets())
        out << "  " << market.pair() << ' ' << market.marketId << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
