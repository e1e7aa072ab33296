#include "DisplayFormat.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>

#include <algorithm>
#include <cmath>

namespace tapescope::display {

std::optional<double> changePercent(const Ticker &ticker)
{
    // Aggregators (FIML) say the day's change themselves, against a close we do not have.
    if (ticker.changePercent)
        return ticker.changePercent->toDouble();
    const std::optional<Decimal> &now = ticker.mid ? ticker.mid : ticker.mark;
    if (!now || !ticker.prevDayPrice || ticker.prevDayPrice->isZero())
        return std::nullopt;
    const double previous = ticker.prevDayPrice->toDouble();
    return (now->toDouble() - previous) / previous * 100.0;
}

namespace {

bool allDigits(QStringView text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// '0'..'9' as the locale writes them (the same digits in every language the UI has; other scripts map here).
QString localDigits(QStringView digits, const QLocale &locale)
{
    const QString zero = locale.zeroDigit();
    if (zero == u"0" || zero.size() != 1)
        return digits.toString();
    QString out;
    out.reserve(digits.size());
    for (const QChar c : digits)
        out += QChar(zero.at(0).unicode() + (c.unicode() - u'0'));
    return out;
}

} // namespace

QString localized(const QString &plain, Grouping grouping)
{
    const bool negative = plain.startsWith(u'-');
    const bool positive = plain.startsWith(u'+');
    const QStringView body = QStringView(plain).mid(negative || positive ? 1 : 0);
    const qsizetype dot = body.indexOf(u'.');
    const QStringView integer = dot < 0 ? body : body.left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : body.mid(dot + 1);
    if (integer.isEmpty() || !allDigits(integer) || !allDigits(fraction) || (dot >= 0 && fraction.isEmpty()))
        return plain;
    QLocale locale;
    const QString point = locale.decimalPoint();
    // The common case (C, English, Japanese; every ladder cell): nothing to change.
    if (grouping == Grouping::None && point == u"." && locale.zeroDigit() == u"0"
        && (!negative || locale.negativeSign() == u"-") && (!positive || locale.positiveSign() == u"+"))
        return plain;
    QString text;
    // The C locale groups nothing (the tests' and scripts' locale); 18 digits always fit a qlonglong.
    if (grouping == Grouping::Grouped && locale.language() != QLocale::C && integer.size() <= 18) {
        locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
        text = locale.toString(integer.toLongLong());
    } else {
        text = localDigits(integer, locale);
    }
    if (dot >= 0)
        text += point + localDigits(fraction, locale);
    if (negative)
        return locale.negativeSign() + text;
    return positive ? locale.positiveSign() + text : text;
}

QString typedNumber(const QString &text)
{
    const QLocale locale;
    QString out = text.trimmed();
    const QString point = locale.decimalPoint();
    const QString group = locale.groupSeparator();
    // A space-like group separator (fr: U+202F, also typed as U+00A0 or a plain space) cannot be the decimal point.
    if (group.size() == 1 && (group.at(0).isSpace() || group.at(0) == QChar(0x202F))) {
        out.remove(group);
        out.remove(QChar(0x202F));
        out.remove(QChar(0x00A0));
        out.remove(u' ');
    }
    if (point != u"." && !point.isEmpty())
        out.replace(point, QStringLiteral("."));
    return out;
}

QString signedPercent(double percent, int decimals)
{
    const QString digits = QString::number(std::abs(percent), 'f', decimals);
    // A change that rounds to zero is shown unsigned so it does not flash a colour.
    if (digits.toDouble() == 0.0)
        return localized(digits) + QLatin1Char('%');
    return localized((percent > 0 ? QLatin1Char('+') : QLatin1Char('-')) + digits) + QLatin1Char('%');
}

QString fundingRate(const Decimal &rate)
{
    return localized(QString::number(rate.toDouble() * 100.0, 'f', 4)) + QLatin1Char('%');
}

namespace {

// 1234567 -> "1.23M" with `prefix` in front ("$" for notional, nothing for quantities).
QString compact(double value, QLatin1String prefix)
{
    const double magnitude = std::abs(value);
    const auto scaled = [value, prefix](double divisor, QChar suffix) -> QString {
        const double v = value / divisor;
        return prefix + localized(QString::number(v, 'f', std::abs(v) >= 100 ? 1 : 2)) + suffix;
    };
    if (magnitude >= 1e9)
        return scaled(1e9, QLatin1Char('B'));
    if (magnitude >= 1e6)
        return scaled(1e6, QLatin1Char('M'));
    if (magnitude >= 1e3)
        return scaled(1e3, QLatin1Char('K'));
    return prefix + localized(QString::number(value, 'f', 0));
}

} // namespace

QString compactNotional(const Decimal &notional)
{
    return compact(notional.toDouble(), QLatin1String("$"));
}

QString compactQuantity(const Decimal &quantity)
{
    return compact(quantity.toDouble(), QLatin1String());
}

QString quoteSource(const Ticker &ticker)
{
    if (ticker.provider.isEmpty())
        return {};
    if (!ticker.confidence)
        return ticker.provider;
    // Confidence first: it is the number to read; a long provider name may be cut off at the end.
    return localized(QString::number(ticker.confidence->toDouble() * 100.0, 'f', 0)) + QLatin1String("% ")
        + ticker.provider;
}

QString clockTime(qint64 unixMs)
{
    return QDateTime::fromMSecsSinceEpoch(unixMs).toString(QStringLiteral("HH:mm:ss.zzz"));
}

Decimal normalized(const Decimal &value)
{
    std::int64_t mantissa = value.mantissa();
    int scale = value.scale();
    while (scale > 0 && mantissa % 10 == 0) {
        mantissa /= 10;
        --scale;
    }
    return Decimal::fromRaw(mantissa, scale);
}

QString rounded(const Decimal &value, int decimals)
{
    const QString text = value.toString();
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    if (dot < 0 || text.size() - dot - 1 <= decimals)
        return fixedText(value, decimals);
    const bool negative = text.startsWith(QLatin1Char('-'));
    QString digits = text.mid(negative ? 1 : 0, dot - (negative ? 1 : 0)) + text.mid(dot + 1, decimals);
    const bool up = text.at(dot + 1 + decimals) >= QLatin1Char('5');
    for (qsizetype i = digits.size() - 1; up && i >= 0; --i) {
        if (digits[i] == QLatin1Char('9')) {
            digits[i] = QLatin1Char('0');
            if (i == 0)
                digits.prepend(QLatin1Char('1'));
            continue;
        }
        digits[i] = QChar(digits[i].unicode() + 1);
        break;
    }
    const QString integer = digits.left(digits.size() - decimals);
    const QString out = integer + (decimals > 0 ? QLatin1Char('.') + digits.right(decimals) : QString());
    const bool zero = std::all_of(out.cbegin(), out.cend(), [](QChar c) { return c == u'0' || c == u'.'; });
    return negative && !zero ? QLatin1Char('-') + out : out;
}

QString fixedText(const Decimal &value, int decimals)
{
    const Decimal plain = normalized(value);
    if (decimals < 0 || plain.scale() > decimals)
        return plain.toString();
    const std::optional<Decimal> padded = plain.rescaled(decimals);
    return (padded ? *padded : plain).toString();
}

int significantDecimals(const Decimal &value)
{
    return normalized(value).scale();
}

std::optional<Decimal> ceilToStep(const Decimal &value, const Decimal &step)
{
    // ceil(x) = -floor(-x), which reuses Decimal's exact floor.
    const std::optional<Decimal> floored = (-value).floorToStep(step);
    if (!floored)
        return std::nullopt;
    return -*floored;
}

} // namespace tapescope::display
