#pragma once

#include <QtCore/QString>

class QCommandLineParser;

namespace tapescope::cli {

// `tapescope-cli emulate` option readers shared by the venue modules. Each says on stderr what is wrong with a
// value it refuses ("tapescope-cli emulate: --NAME must be …") and returns false.

// A period in milliseconds, when given: *value keeps its default when the option is absent.
bool readPositiveMs(const QCommandLineParser &parser, const QString &name, int *value);
// A count or period that may be 0 (the option has a default in the parser).
bool readNonNegative(const QCommandLineParser &parser, const QString &name, int *value);

} // namespace tapescope::cli
