// `tapescope-cli emulate --venue fiml` and the `stream` option --interval-ms.
#include "venues/fiml/module/FimlCli.h"

#include "emulator/fiml/FimlEmulator.h"

#include "venues/api/EmulateOptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

void addFimlStreamOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"interval-ms"_s, u"FIML update interval, 100 to 60000 ms (default 1000)."_s, u"ms"_s });
}

void addFimlEmulateOptions(QCommandLineParser &parser)
{
    parser.addOption({ u"heartbeat-ms"_s, u"FIML: heartbeat period (FIML's own is 30000)."_s, u"ms"_s });
}

int runFimlEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port)
{
    emulator::fiml::FimlEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    if (!readPositiveMs(parser, u"heartbeat-ms"_s, &options.heartbeatIntervalMs))
        return 1;
    emulator::fiml::FimlEmulator emulator(options);
    if (!emulator.listen(host, port)) {
        QTextStream(stderr) << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    QTextStream(stdout) << "fiml emulator listening: " << emulator.streamUrl().toString() << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
