#include "DisplayFormat.h"

#include <QtCore/QDateTime>

#include <cmath>

namespace tapescope::display {

std::optional<double> changePercent(const Ticker &ticker)
{
    const std::optional<Decimal> &now = ticker.mid ? ticker.mid : ticker.mark;
    if (!now || !ticker.prevDayPrice || ticker.prevDayPrice->isZero())
        return std::nullopt;
    const double previous = ticker.prevDayPrice->toDouble();
    return (now->toDouble() - previous) / previous * 100.0;
}

QString signedPercent(double percent, int decimals)
{
    const QString digits = QString::number(std::abs(percent), 'f', decimals);
    // A change that rounds to zero is shown unsigned so it does not flash a colour.
    if (digits.toDouble() == 0.0)
        return digits + QLatin1Char('%');
    return (percent > 0 ? QLatin1Char('+') : QLatin1Char('-')) + digits + QLatin1Char('%');
}

QString fundingRate(const Decimal &rate)
{
    return QString::number(rate.toDouble() * 100.0, 'f', 4) + QLatin1Char('%');
}

QString compactNotional(const Decimal &notional)
{
    const double value = notional.toDouble();
    const double magnitude = std::abs(value);
    const auto scaled = [value](double divisor, QChar suffix) -> QString {
        const double v = value / divisor;
        return QLatin1Char('$') + QString::number(v, 'f', std::abs(v) >= 100 ? 1 : 2) + suffix;
    };
    if (magnitude >= 1e9)
        return scaled(1e9, QLatin1Char('B'));
    if (magnitude >= 1e6)
        return scaled(1e6, QLatin1Char('M'));
    if (magnitude >= 1e3)
        return scaled(1e3, QLatin1Char('K'));
    return QLatin1Char('$') + QString::number(value, 'f', 0);
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

std::optional<Decimal> ceilToStep(const Decimal &value, const Decimal &step)
{
    // ceil(x) = -floor(-x), which reuses Decimal's exact floor.
    const std::optional<Decimal> floored = (-value).floorToStep(step);
    if (!floored)
        return std::nullopt;
    return -*floored;
}

} // namespace tapescope::display
