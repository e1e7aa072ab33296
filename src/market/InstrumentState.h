#pragma once

#include "core/CandleSeries.h"
#include "core/Events.h"
#include "core/OrderBook.h"
#include "core/TradeRing.h"

#include <QtCore/QString>

#include <map>
#include <optional>

namespace tapescope {

// Everything the GUI knows about one instrument. Every container is bounded:
// the book by OrderBook's maxDepth, the tape by the ring's capacity, each candle series by its
// capacity, and the number of series by the handful of intervals a venue offers.
struct InstrumentState
{
    static constexpr int BookDepth = 500; // levels kept per side (far more than a ladder shows)
    static constexpr std::size_t TradeCapacity = 1000; // recent trades kept for the tape
    static constexpr std::size_t CandleCapacity = 5000; // bars per interval (Hyperliquid's history limit)

    InstrumentId id;
    // What the venue sent last; may be crossed while the service resyncs.
    OrderBook book { BookDepth };
    // What panels show: the last book that passed the integrity check.
    OrderBook displayBook { BookDepth };
    bool bookFlagged = false; // the live book failed its check; displayBook is older than the feed
    QString bookIssue; // e.g. "crossed book: best bid 101 >= best ask 100"
    TradeRing trades { TradeCapacity };
    std::map<QString, CandleSeries> candles; // by interval ("1m", "1h", ...)
    Ticker ticker; // merged field by field: allMids brings only mid, asset contexts the rest
    std::optional<Bbo> bbo;
    std::optional<MarketStatus> status; // prediction markets: where the market is in its life, and its result

    CandleSeries &series(const QString &interval)
    {
        return candles.try_emplace(interval, CandleCapacity).first->second;
    }
};

} // namespace tapescope
