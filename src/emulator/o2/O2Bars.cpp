#include "O2Bars.h"

#include <QtCore/QHashFunctions>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

std::optional<qint64> barMillis(const QString &resolution)
{
    static const QStringList kResolutions
        = { u"1s"_s, u"1m"_s, u"2m"_s, u"3m"_s,  u"5m"_s, u"15m"_s, u"30m"_s, u"1h"_s, u"2h"_s,
            u"4h"_s, u"6h"_s, u"8h"_s, u"12h"_s, u"1d"_s, u"3d"_s,  u"1w"_s,  u"1M"_s, u"3M"_s };
    if (!kResolutions.contains(resolution))
        return std::nullopt;
    const qint64 count = resolution.first(resolution.size() - 1).toLongLong();
    switch (resolution.back().unicode()) {
    case 's':
        return count * 1000;
    case 'm':
        return count * 60'000;
    case 'h':
        return count * 3'600'000;
    case 'd':
        return count * 86'400'000;
    case 'w':
        return count * 7 * 86'400'000LL;
    case 'M':
        return count * 30 * 86'400'000LL;
    default:
        return std::nullopt;
    }
}

std::optional<QByteArray> barsBody(const MarketSpec &market, quint32 seed, const QString &resolution, qint64 fromMs,
                                   qint64 toMs, QString *error, int maxBars)
{
    const auto step = barMillis(resolution);
    if (!step) {
        *error = u"unknown resolution '%1'"_s.arg(resolution);
        return std::nullopt;
    }
    if (fromMs < 0 || toMs < fromMs) {
        *error = u"from must be a Unix time in ms not after to"_s;
        return std::nullopt;
    }
    const std::uint64_t tick = market.priceTick();
    const std::uint64_t startTicks = market.startPrice / tick;
    qint64 first = (fromMs + *step - 1) / *step * *step;
    const qint64 last = toMs / *step * *step;
    if (last >= first && (last - first) / *step >= maxBars)
        first = last - qint64(maxBars - 1) * *step;

    QJsonArray bars;
    for (qint64 start = first; start <= last; start += *step) {
        // Seeded by the bar's own start: the same bar whichever range it is asked in.
        QRandomGenerator random(quint32(seed ^ qHash(market.marketId) ^ qHash(start)));
        const auto swing = std::uint64_t(std::max<std::uint64_t>(startTicks / 200, 4));
        const std::uint64_t open = startTicks - swing + random.bounded(quint64(2 * swing));
        const std::uint64_t close = startTicks - swing + random.bounded(quint64(2 * swing));
        const std::uint64_t high = std::max(open, close) + random.bounded(quint64(swing / 2 + 1));
        const std::uint64_t low = std::min(open, close) - random.bounded(quint64(swing / 2 + 1));
        const std::uint64_t volume = (market.minLots + random.bounded(quint64(market.maxLots))) * market.lot();
        bars.append(QJsonObject { { u"time"_s, start },
                                  { u"open"_s, QString::number(open * tick) },
                                  { u"high"_s, QString::number(high * tick) },
                                  { u"low"_s, QString::number(low * tick) },
                                  { u"close"_s, QString::number(close * tick) },
                                  { u"volume"_s, QString::number(volume) } });
    }
    return QJsonDocument(QJsonObject { { u"bars"_s, bars } }).toJson(QJsonDocument::Compact);
}

} // namespace tapescope::emulator::o2
