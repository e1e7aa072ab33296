#pragma once

#include "emulator/WireText.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>

#include <cstdint>
#include <optional>

namespace tapescope::emulator::fiml {

// FIML's wire spelling of times (docs/protocols/fiml.md §4, §7): ISO-8601 UTC with six fraction digits, or none when
// the microseconds are zero. Strings are jsonString() (ensure_ascii=False: UTF-8 kept raw).
QByteArray isoTime(std::int64_t ms);

// What FIML's arbitration engine would return for a symbol: a seeded random walk per symbol, with the
// day's change, volume, the provider that answered and its confidence (docs/protocols/fiml.md §4.3.1), and the latest
// one-minute candle (docs/protocols/fiml.md §4.3.2). Prices are integer cents, so every wire number is exact.
class FimlQuotes
{
public:
    explicit FimlQuotes(quint32 seed);

    QByteArray priceUpdate(const QString &symbol, std::int64_t nowMs); // a PriceUpdate object
    QByteArray ohlcvUpdate(const QString &symbol, std::int64_t nowMs); // an OHLCVUpdate object
    // The symbol's price in cents as the last update gave it (each update moves it first); nullopt before any.
    std::optional<std::int64_t> priceCents(const QString &symbol) const;

private:
    struct Instrument
    {
        std::int64_t price = 0; // cents
        std::int64_t previousClose = 0; // cents
        std::int64_t volume = 0; // shares / units today
        QByteArray provider;
        int confidencePercent = 100;
        std::int64_t candleStart = -1;
        std::int64_t open = 0, high = 0, low = 0, close = 0, candleVolume = 0;
    };
    Instrument &instrument(const QString &symbol);
    void step(Instrument &instrument, std::int64_t nowMs);

    QRandomGenerator m_random;
    QHash<QString, Instrument> m_instruments;
};

} // namespace tapescope::emulator::fiml
