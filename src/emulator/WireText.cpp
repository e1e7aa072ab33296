#include "WireText.h"

#include "core/Decimal.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

namespace tapescope::emulator {

QByteArray decimalText(std::int64_t mantissa, int scale, IntegralDecimal integral)
{
    const int fewestDigits = integral == IntegralDecimal::PointZero ? 1 : 0;
    while (scale > fewestDigits && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
    while (scale < fewestDigits) {
        mantissa *= 10;
        ++scale;
    }
    return QByteArray::fromStdString(Decimal::fromRaw(mantissa, scale).toStdString());
}

QByteArray jsonString(QByteArrayView utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += kHex[(c >> 4) & 0xf];
                out += kHex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray jsonString(QStringView text)
{
    return jsonString(QByteArrayView(text.toUtf8()));
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace tapescope::emulator
