#include "HyperliquidWireFormat.h"

#include "core/Decimal.h"

namespace tapescope::emulator::hyperliquid::wire {

QByteArray decimal(std::int64_t mantissa, int scale)
{
    while (scale > 1 && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
    while (scale < 1) {
        mantissa *= 10;
        ++scale;
    }
    return QByteArray::fromStdString(Decimal::fromRaw(mantissa, scale).toStdString());
}

QByteArray quoted(const QByteArray &utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray quoted(const QString &text)
{
    return quoted(text.toUtf8());
}

QByteArray number(std::int64_t value)
{
    return QByteArray::number(static_cast<qlonglong>(value));
}

} // namespace tapescope::emulator::hyperliquid::wire
