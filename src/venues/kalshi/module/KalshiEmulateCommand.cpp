// `tapescope-cli emulate --venue kalshi`: the signed Kalshi WebSocket and REST discovery over simulated NFL games.
#include "venues/kalshi/module/KalshiCliSupport.h"

#include "emulator/kalshi/KalshiEmulator.h"

#include "core/BoundedFile.h"
#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

void addKalshiEmulateOptions(QCommandLineParser &parser)
{
    parser.addOption(
        { u"public-key"_s,
          u"Kalshi: PEM public key whose signatures the emulator accepts (default: the TEST-ONLY demo key)."_s,
          u"pem"_s });
}

int runKalshiEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port)
{
    QTextStream err(stderr);
    emulator::kalshi::KalshiEmulator::Options options;
    options.seed = parser.value(u"seed"_s).toUInt();
    if (parser.isSet(u"public-key"_s)) {
        QString why;
        std::optional<QByteArray> pem = readBoundedFile(parser.value(u"public-key"_s), kMaxKeyFileBytes, &why);
        if (!pem) {
            err << "tapescope-cli emulate: --public-key: " << why << '\n';
            return 1;
        }
        options.auth.publicKeyPem = *std::move(pem);
        if (!options.auth.publicKeyPem.contains("PUBLIC KEY")) {
            err << "tapescope-cli emulate: --public-key must be a PEM public key (BEGIN PUBLIC KEY)\n";
            return 1;
        }
    }
    emulator::kalshi::KalshiEmulator emulator(options);
    if (!emulator.listen(host, port)) {
        err << "tapescope-cli emulate: " << emulator.listenError() << '\n';
        return 2;
    }
    QTextStream out(stdout);
    out << "kalshi emulator listening: REST " << emulator.restBase().toString() << ", WebSocket "
        << emulator.wsUrl().toString()
        << (parser.isSet(u"public-key"_s) ? " (accepts the given public key)"
                                          : " (accepts the TEST-ONLY demo key: --demo-credentials)")
        << Qt::endl;
    return QCoreApplication::exec();
}

} // namespace tapescope::cli
