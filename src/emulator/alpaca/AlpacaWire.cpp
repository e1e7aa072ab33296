#include "AlpacaWire.h"

#include <QtCore/QDateTime>

#include <cstdlib>

namespace tapescope::emulator::alpaca {

QByteArray number(std::int64_t mantissa, int scale)
{
    const bool negative = mantissa < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(mantissa) : std::uint64_t(mantissa);
    QByteArray digits = QByteArray::number(magnitude);
    if (scale > 0) {
        if (digits.size() <= scale)
            digits.prepend(QByteArray(scale - digits.size() + 1, '0'));
        digits.insert(digits.size() - scale, '.');
        while (digits.endsWith('0'))
            digits.chop(1);
        if (digits.endsWith('.'))
            digits.chop(1);
    }
    return negative ? '-' + digits : digits;
}

QByteArray rfc3339(std::int64_t ms, int subMsNanos)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    const std::int64_t nanos = (ms % 1000) * 1'000'000 + subMsNanos;
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1() + '.'
        + QByteArray::number(nanos).rightJustified(9, '0') + 'Z';
}

QByteArray quoted(const QString &text)
{
    QByteArray out = "\"";
    for (const char c : text.toUtf8()) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

} // namespace tapescope::emulator::alpaca
