#pragma once

#include "core/Events.h"
#include "market/MarketHub.h"

#include <QtCore/QString>

#include <initializer_list>
#include <utility>

// Synthetic venue events for the model tests: small, readable, exact.
namespace fixtures {

using namespace tapescope;

inline const QString Venue = QStringLiteral("hyperliquid");

inline Decimal dec(const char *text)
{
    return *Decimal::parse(std::string_view(text));
}

inline QString keyOf(const QString &symbol)
{
    return Venue + QLatin1Char(':') + symbol;
}

using Levels = std::initializer_list<std::pair<const char *, const char *>>;

inline BookSnapshot snapshot(const QString &symbol, Levels bids, Levels asks, std::int64_t ts = 1000)
{
    BookSnapshot book { Venue, symbol, ts, {}, {}, -1 };
    for (const auto &[px, sz] : bids)
        book.bids.push_back({ dec(px), dec(sz), 1 });
    for (const auto &[px, sz] : asks)
        book.asks.push_back({ dec(px), dec(sz), 1 });
    return book;
}

inline BookDelta delta(const QString &symbol, Side side, const char *px, const char *sz, std::int64_t ts = 2000)
{
    return BookDelta { Venue, symbol, ts, { { side, dec(px), dec(sz) } }, -1 };
}

inline Trade trade(const QString &symbol, std::int64_t ts, const char *px, const char *sz, Side side, const QString &id)
{
    return Trade { Venue, symbol, ts, dec(px), dec(sz), side, id };
}

inline Candle candle(const QString &symbol, const QString &interval, std::int64_t start, const char *open,
                     const char *high, const char *low, const char *close, const char *volume)
{
    Candle c;
    c.venue = Venue;
    c.symbol = symbol;
    c.interval = interval;
    c.start = start;
    c.end = start + 59999;
    c.open = dec(open);
    c.high = dec(high);
    c.low = dec(low);
    c.close = dec(close);
    c.volume = dec(volume);
    return c;
}

// Applies a batch and flushes at once, as the next display frame would.
inline void feed(MarketHub &hub, EventBatch batch)
{
    hub.ingest(batch);
    hub.flush();
}

} // namespace fixtures
