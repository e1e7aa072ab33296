#pragma once

#include "Decimal.h"

#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace tapescope {

// Normalized market events shared by every venue (docs/architecture.md "Data flow").
// Venue quirks end in the codec; everything downstream sees only these types.
// Times are Unix milliseconds; 0 means "the venue sent no time".

enum class Side : std::uint8_t { Buy, Sell };

struct InstrumentId
{
    QString venue; // "hyperliquid"
    QString symbol; // the venue's wire name: "BTC", "@107", "PURR/USDC"
    QString display; // what a person reads: "BTC-PERP", "HYPE/USDC"

    friend bool operator==(const InstrumentId &a, const InstrumentId &b)
    {
        return a.venue == b.venue && a.symbol == b.symbol;
    }
    QString key() const { return venue + QLatin1Char(':') + symbol; }
};

struct Level
{
    Decimal price;
    Decimal size;
    std::int32_t orders = -1; // number of orders at the level; -1 when the venue does not say
};

// A full book: replaces whatever was there. Bids best (highest) first, asks best (lowest) first.
struct BookSnapshot
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    std::vector<Level> bids;
    std::vector<Level> asks;
    std::int64_t sequence = -1; // venue sequence number where one exists
};

// Incremental change to one level: size is the new total at that price; zero removes the level.
struct BookDelta
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    struct Change
    {
        Side side;
        Decimal price;
        Decimal size;
    };
    std::vector<Change> changes;
    std::int64_t sequence = -1;
};

struct Bbo
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    std::optional<Level> bid; // empty side: nullopt
    std::optional<Level> ask;
};

struct Trade
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    Decimal price;
    Decimal size;
    Side side = Side::Buy; // aggressor side
    QString id; // kept as text so ids above 2^53 stay exact
    // False where the venue does not say who crossed the spread (Alpaca stock trades): `side` is then
    // the codec's tick-rule estimate, good for colouring a tape but not a fact.
    bool aggressorKnown = true;
};

struct Candle
{
    QString venue;
    QString symbol;
    QString interval; // "1m", "5m", "1h", "1d", ...; empty where the venue does not say (FIML)
    std::int64_t start = 0;
    std::optional<std::int64_t> end; // the bar's last millisecond, where the venue says or its interval implies it
    Decimal open;
    Decimal high;
    Decimal low;
    Decimal close;
    Decimal volume;
    std::optional<std::int64_t> trades;
    std::optional<Decimal> vwap {}; // volume-weighted average price, where the venue sends it (Alpaca `vw`)
};

struct Ticker
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    std::optional<Decimal> mid;
    std::optional<Decimal> mark;
    std::optional<Decimal> oracle;
    std::optional<Decimal> funding;
    std::optional<Decimal> openInterest;
    std::optional<Decimal> volume24h; // notional volume, quote currency
    std::optional<Decimal> prevDayPrice;
    std::optional<Decimal> last {}; // last traded price, where the venue's ticker carries it (Kalshi)
    // Aggregators (FIML) quote a price with its day change, attributed to an upstream data provider.
    std::optional<Decimal> change {}; // last minus the previous close
    std::optional<Decimal> changePercent {}; // in percent: -1.48 means -1.48 %
    std::optional<Decimal> volume {}; // traded quantity (shares, coins), not notional
    QString provider {}; // upstream data source, e.g. "yahoo_finance"; empty when direct
    std::optional<Decimal> confidence {}; // the aggregator's confidence in the value, 0..1
};

// The venue confirmed (or echoed) a subscription or unsubscription.
struct SubscriptionAck
{
    QString venue;
    QString channel; // venue subscription type, e.g. "l2Book"
    QString symbol;
    QString interval;
    bool subscribed = true; // false: unsubscribe ack
    bool alreadySubscribed = false;
    std::int64_t requestId = -1; // the command id the venue echoed, where it has one (Kalshi `id`)
    std::int64_t subscriptionId = -1; // the venue's id for the subscription, where it has one (Kalshi `sid`)
};

// Anything the venue or the decoder reports as wrong. `code` is a short stable token
// ("malformed", "venue_error", "invalid_subscription", "unknown_channel", ...).
// Errors scoped to a subscription or instrument say which; "sequence_gap" also says what number was
// expected and what came, so the service can resync the right subscription.
struct FeedError
{
    QString venue;
    QString code;
    QString message;
    QString symbol {}; // instrument the error concerns; empty when not scoped to one
    std::int64_t requestId = -1; // command id the venue echoed (Kalshi `id`)
    std::int64_t subscriptionId = -1; // venue subscription id (Kalshi `sid`)
    std::int64_t expectedSequence = -1; // sequence_gap only
    std::int64_t receivedSequence = -1; // sequence_gap only
};

// Where a listed market is in its life (prediction markets open, close, determine and settle).
enum class MarketState : std::uint8_t { Unknown, Created, Open, Paused, Closed, Determined, Settled };

struct MarketStatus
{
    QString venue;
    QString symbol;
    std::int64_t ts = 0;
    MarketState state = MarketState::Unknown;
    QString result {}; // outcome once determined, as the venue says it ("yes", "no"); else empty
    std::optional<Decimal> settlementValue {}; // payout per contract once determined, where the venue says
};

struct Heartbeat
{
    QString venue;
};

// An instrument a venue lists (from its metadata), venue-neutral.
struct Instrument
{
    enum class Kind : std::uint8_t { Perp, Spot, Stock, Prediction };
    InstrumentId id;
    Kind kind = Kind::Perp;
    int sizeDecimals = -1; // lot precision where the venue says; -1 unknown
};

// REST candle history for one instrument and interval, oldest first.
struct CandleHistory
{
    QString venue;
    QString symbol;
    QString interval;
    std::vector<Candle> candles;
    QString error; // non-empty when the request failed
};

using MarketEvent = std::variant<BookSnapshot, BookDelta, Bbo, Trade, Candle, Ticker, SubscriptionAck, FeedError,
                                 Heartbeat, MarketStatus>;
using EventBatch = std::vector<MarketEvent>;

// The instrument an event is about, in the venue's spelling; empty for events about the feed as a whole.
inline QString eventSymbol(const MarketEvent &event)
{
    return std::visit(
        [](const auto &e) -> QString {
            if constexpr (requires { e.symbol; })
                return e.symbol;
            else
                return QString();
        },
        event);
}

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::EventBatch)
Q_DECLARE_METATYPE(tapescope::CandleHistory)
