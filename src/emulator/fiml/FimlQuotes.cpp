#include "FimlQuotes.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

#include <algorithm>

namespace tapescope::emulator::fiml {

namespace {

constexpr std::int64_t kMinuteMs = 60'000;

// Numbers are Python floats: "100.0", "-1.48" (docs/protocols/fiml.md §4).
QByteArray pythonFloat(std::int64_t mantissa, int scale)
{
    return decimalText(mantissa, scale, IntegralDecimal::PointZero);
}

} // namespace

QByteArray isoTime(std::int64_t ms)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    QByteArray text = time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")).toLatin1();
    if (ms % 1000 != 0)
        text += '.' + QByteArray::number((ms % 1000) * 1000).rightJustified(6, '0');
    return text + 'Z';
}

FimlQuotes::FimlQuotes(quint32 seed)
    : m_random(seed)
{ }

FimlQuotes::Instrument &FimlQuotes::instrument(const QString &symbol)
{
    auto it = m_instruments.find(symbol);
    if (it != m_instruments.end())
        return *it;
    Instrument fresh;
    // Each symbol gets its own level, stable across runs with the same seed.
    const bool crypto = symbol.contains(QLatin1Char('/'));
    fresh.price = crypto ? 2'000'000 + std::int64_t(m_random.bounded(6'000'000))
                         : 2'000 + std::int64_t(m_random.bounded(50'000));
    fresh.previousClose = fresh.price + std::int64_t(m_random.bounded(201)) - 100;
    fresh.volume = 100'000 + std::int64_t(m_random.bounded(900'000));
    fresh.provider = crypto ? "ccxt_binance" : (m_random.bounded(2) == 0 ? "yahoo_finance" : "alpha_vantage");
    fresh.confidencePercent = 85 + int(m_random.bounded(16));
    return *m_instruments.insert(symbol, fresh);
}

void FimlQuotes::step(Instrument &instrument, std::int64_t nowMs)
{
    const std::int64_t move = std::int64_t(m_random.bounded(11)) - 5;
    instrument.price
        = std::max<std::int64_t>(1, instrument.price + move * std::max<std::int64_t>(1, instrument.price / 20'000));
    const std::int64_t traded = std::int64_t(m_random.bounded(500));
    instrument.volume += traded;
    const std::int64_t minute = nowMs / kMinuteMs * kMinuteMs;
    if (instrument.candleStart != minute) {
        instrument.candleStart = minute;
        instrument.open = instrument.high = instrument.low = instrument.price;
        instrument.candleVolume = 0;
    }
    instrument.high = std::max(instrument.high, instrument.price);
    instrument.low = std::min(instrument.low, instrument.price);
    instrument.close = instrument.price;
    instrument.candleVolume += traded;
}

std::optional<std::int64_t> FimlQuotes::priceCents(const QString &symbol) const
{
    const auto it = m_instruments.constFind(symbol);
    return it == m_instruments.constEnd() ? std::nullopt : std::optional<std::int64_t>(it->price);
}

QByteArray FimlQuotes::priceUpdate(const QString &symbol, std::int64_t nowMs)
{
    Instrument &quote = instrument(symbol);
    step(quote, nowMs);
    const std::int64_t change = quote.price - quote.previousClose;
    const std::int64_t changeBasisPoints = quote.previousClose > 0 ? change * 10'000 / quote.previousClose : 0;
    return "{\"symbol\":" + jsonString(symbol) + ",\"price\":" + pythonFloat(quote.price, 2)
        + ",\"change\":" + pythonFloat(change, 2) + ",\"change_percent\":" + pythonFloat(changeBasisPoints, 2)
        + ",\"volume\":" + pythonFloat(quote.volume, 0) + ",\"timestamp\":\"" + isoTime(nowMs) + "\",\"provider\":\""
        + quote.provider + "\",\"confidence\":" + pythonFloat(quote.confidencePercent, 2) + '}';
}

QByteArray FimlQuotes::ohlcvUpdate(const QString &symbol, std::int64_t nowMs)
{
    Instrument &quote = instrument(symbol);
    step(quote, nowMs);
    return "{\"symbol\":" + jsonString(symbol) + ",\"timestamp\":\"" + isoTime(quote.candleStart)
        + "\",\"open\":" + pythonFloat(quote.open, 2) + ",\"high\":" + pythonFloat(quote.high, 2)
        + ",\"low\":" + pythonFloat(quote.low, 2) + ",\"close\":" + pythonFloat(quote.close, 2)
        + ",\"volume\":" + pythonFloat(quote.candleVolume, 0) + ",\"is_closed\":false}";
}

} // namespace tapescope::emulator::fiml
