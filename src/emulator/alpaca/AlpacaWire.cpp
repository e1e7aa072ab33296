#include "AlpacaWire.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

namespace tapescope::emulator::alpaca {

QByteArray rfc3339(std::int64_t ms, int subMsNanos)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    const std::int64_t nanos = (ms % 1000) * 1'000'000 + subMsNanos;
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1() + '.'
        + QByteArray::number(nanos).rightJustified(9, '0') + 'Z';
}

} // namespace tapescope::emulator::alpaca
