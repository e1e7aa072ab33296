#include "venues/api/EmulateOptions.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QTextStream>

namespace tapescope::cli {

bool readPositiveMs(const QCommandLineParser &parser, const QString &name, int *value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int parsed = parser.value(name).toInt(&ok);
    if (!ok || parsed <= 0) {
        QTextStream(stderr) << "tapescope-cli emulate: --" << name << " must be a positive number of milliseconds\n";
        return false;
    }
    *value = parsed;
    return true;
}

bool readNonNegative(const QCommandLineParser &parser, const QString &name, int *value)
{
    bool ok = false;
    *value = parser.value(name).toInt(&ok);
    if (!ok || *value < 0) {
        QTextStream(stderr) << "tapescope-cli emulate: --" << name << " must be a non-negative number\n";
        return false;
    }
    return true;
}

} // namespace tapescope::cli
