#pragma once

#include "O2Markets.h"
#include "O2Subscription.h"

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <memory>
#include <string_view>

namespace tapescope::o2 {

struct CodecStats
{
    quint64 frames = 0;
    quint64 malformed = 0; // not JSON, not an object, or a known action of the wrong shape
    quint64 outOfRange = 0; // a chain integer no Decimal represents exactly (see O2ChainNumber.h)
    quint64 heartbeats = 0; // PONG
    quint64 unknownActions = 0; // JSON with an action we do not know: ignored (docs/protocols/o2.md §2.2)
    quint64 accountFrames = 0; // subscribe_orders / subscribe_balances / subscribe_nonce / nonce: not decoded yet
    quint64 deltasBeforeSnapshot = 0; // subscribe_depth_update for a book with no snapshot applied: dropped
    quint64 booklessSnapshots
        = 0; // subscribe_depth without view/orders/buys/sells: ignored (docs/protocols/o2.md §4.1, WS#7)
    quint64 unknownMarkets = 0; // depth snapshot or trades of a market missing from the table
    quint64 resyncRequests = 0; // error frames with resync_required
};

// Pure: frame bytes in, normalized events out; requests in, frame bytes out (docs/architecture.md "Data flow").
// Decodes with simdjson On-Demand. Not thread-safe: one codec per connection.
//
// Events use the normalised market id as symbol (Market::instrumentId() gives the pair for display) and
// exact decimals scaled by the market's decimals, so the codec needs the market table (setMarkets()).
//  - text PONG -> Heartbeat.
//  - subscribe_depth -> BookSnapshot (bids best first, asks best first) from `orders`, else `view`, else top-level
//    buys/sells (docs/protocols/o2.md §4.1 DISAGREE: every shape an SDK reads). Marks the market's book as live. A
//    snapshot with no book at all (WS#7) is ignored and counted. Levels may be {price, quantity} objects or [price,
//    quantity].
//  - subscribe_depth_update -> BookDelta (absolute new quantity, "0" removes). There are no sequence numbers,
//    so a delta for a market without an applied snapshot is dropped and counted (docs/protocols/o2.md §4.2).
//  - subscribe_trades / trades -> Trade per trade. The wire side is the MAKER's; Trade::side is the aggressor,
//    the opposite. A trade without a side gets a tick-rule estimate per market and aggressorKnown = false.
//  - error with resync_required -> FeedError{"resync_required", symbol = market id}; the market's book is no
//    longer live (deltas drop until the next snapshot). Without a market id every book is. Other error frames,
//    and frames with `code`/`message` but no action -> FeedError{VenueError::token()}.
//  - subscribe_orders / _balances / _nonce / nonce -> counted, no events (account streams come later).
//  - unknown action -> counted and ignored. Unknown fields are ignored everywhere.
//  - a depth snapshot or trades of a market not in the table -> FeedError{"unknown_market", symbol}.
// A frame that fails appends exactly one FeedError and nothing else, and never throws: code "malformed"
// (truncated, wrong types, missing fields), or "number_out_of_range" (a valid u64/u128 no Decimal holds
// exactly). Either one names the market in `symbol` when known and, for depth, takes that book out of
// live (the service should resubscribe to get a new snapshot).
class Codec
{
public:
    Codec();
    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    // Replaces the table. Books of markets whose decimals did not change stay live.
    void setMarkets(MarketTable markets);
    const MarketTable &markets() const;

    void decode(std::string_view frame, EventBatch &out);

    // REST bodies with the WebSocket's shapes. GET /v1/depth (`orders`, `view` or top-level book; `market_id`
    // from the body, else `marketId`) -> BookSnapshot; it does not make the book live, because without
    // sequence numbers WebSocket deltas can only follow a WebSocket snapshot. GET /v1/trades (a list, or
    // {"trades": [...]}) -> Trades as sent (no tick-rule state is kept for history).
    void decodeDepthBody(std::string_view body, const QString &marketId, EventBatch &out);
    void decodeTradesBody(std::string_view body, const QString &marketId, EventBatch &out);

    // Whether a snapshot has been applied for the market since it was last forgotten.
    bool hasBook(const QString &marketId) const;
    // After unsubscribing or a resync request: drop deltas until the next snapshot.
    void forgetBook(const QString &marketId);
    // After a reconnect: every book waits for its new snapshot; tick-rule state is dropped too.
    void reset();

    const CodecStats &stats() const { return m_stats; }

    // Empty QByteArray when !subscription.isValid().
    static QByteArray subscribeFrame(const Subscription &subscription);
    static QByteArray unsubscribeFrame(const Subscription &subscription);
    static QByteArray pingFrame(); // the plain text PING (docs/protocols/o2.md §2.1), not JSON

    struct Parser;

private:
    void finish(const char *problem, EventBatch &out, std::string_view frame);

    std::unique_ptr<Parser> m_parser;
    CodecStats m_stats;
};

} // namespace tapescope::o2
