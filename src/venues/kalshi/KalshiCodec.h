#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>
#include <string_view>

namespace tapescope::kalshi {

inline constexpr char VenueName[] = "kalshi";

// Channel names a client subscribes to (docs/protocols/kalshi.md §6).
namespace channel {
inline constexpr char OrderbookDelta[] = "orderbook_delta";
inline constexpr char Ticker[] = "ticker";
inline constexpr char Trade[] = "trade";
inline constexpr char MarketLifecycle[] = "market_lifecycle_v2";
} // namespace channel

enum class UpdateAction { AddMarkets, DeleteMarkets, GetSnapshot };

struct CodecStats
{
    quint64 frames = 0;
    quint64 malformed = 0;
    quint64 ignoredMessages = 0; // documented types we do not turn into events (fill, user_order, event_lifecycle, ...)
    quint64 unknownMessages
        = 0; // types no revision of the protocol documents (docs/protocols/kalshi.md §0: tolerate drift)
    quint64 sequenceGaps = 0;
    quint64 droppedDeltas = 0; // deltas for a book that awaits a fresh snapshot
};

// Pure Kalshi WebSocket codec (docs/architecture.md "Data flow"): frame bytes in, normalized events out; commands in,
// frame bytes out. Decodes with simdjson On-Demand. Not thread-safe: one codec per connection.
//
// It is stateful in the two ways the protocol requires: it checks `seq` per `sid` (docs/protocols/kalshi.md §10) and it
// holds each order book, because Kalshi sends deltas as increments while BookDelta carries new totals.
// Books are published in the YES view (docs/protocols/kalshi.md §9): bids = YES bids, asks = 1 − NO bids.
class Codec
{
public:
    Codec();
    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    // Appends the frame's events to `out`; never throws. A malformed frame (not JSON, truncated, wrong
    // types, missing required fields) appends exactly one FeedError{code "malformed"} and changes no state.
    //  - subscribed → SubscriptionAck{channel, requestId = id, subscriptionId = sid}
    //  - unsubscribed → SubscriptionAck{subscribed = false}; its books and sequence are forgotten
    //  - ok → one SubscriptionAck per market ticker listed (symbol set), or one without symbol; the
    //    list_subscriptions reply → one SubscriptionAck per {channel, sid}
    //  - error → FeedError with a stable code (see errorCodeToken) and the §12 meaning in plain words
    //  - orderbook_snapshot → BookSnapshot; orderbook_delta → BookDelta (new level total, YES view)
    //  - ticker → Bbo (YES bid/ask; Kalshi's empty-side encodings become nullopt) + Ticker (mid, last, OI)
    //  - ticker_v2 → Ticker{last} when it carries a price
    //  - trade → Trade (YES price; side Buy when the taker bought YES or sold NO)
    //  - market_lifecycle_v2 created/activated/deactivated/determined/settled → MarketStatus
    // A sequence gap on a sid appends FeedError{"sequence_gap", subscriptionId, symbol, expected, received}
    // before the frame's own events; every book on that sid then waits for a fresh snapshot (deltas for it
    // are dropped and counted). A delta for a book that never had a snapshot, or one that would make a
    // level negative, appends FeedError{"book_resync_needed", symbol, subscriptionId}.
    void decode(std::string_view frame, EventBatch &out);

    // After a reconnect sids and seqs start over (docs/protocols/kalshi.md §10): forget all of them and every book.
    void reset();

    const CodecStats &stats() const { return m_stats; }
    // Last seq seen on `sid`, -1 when none.
    qint64 lastSequence(qint64 sid) const;

    // Commands (docs/protocols/kalshi.md §4). `id` is the caller's, unique and increasing per connection. Market
    // tickers must be upper-case letters, digits, '-' and '.' (no wildcards, §12.4); an invalid ticker yields an empty
    // QByteArray. orderbook_delta subscriptions send use_yes_price:false explicitly (§9.3); ticker ones ask
    // for send_initial_snapshot (§7.3).
    static QByteArray subscribeFrame(qint64 id, const QStringList &channels, const QStringList &marketTickers = {});
    static QByteArray unsubscribeFrame(qint64 id, const QList<qint64> &sids);
    static QByteArray updateSubscriptionFrame(qint64 id, qint64 sid, UpdateAction action,
                                              const QStringList &marketTickers);
    static QByteArray listSubscriptionsFrame(qint64 id);
    static bool isValidMarketTicker(const QString &ticker);

    // FeedError code for a Kalshi error code (§12): 9 → "auth_required", 10/25 → "subscription_lost",
    // 16 → "unknown_market", 6 → "already_subscribed", 8 → "unknown_channel", 26 → "market_limit",
    // 27 → "rate_limited", 7 → "unknown_subscription", others → "venue_error".
    static QString errorCodeToken(int code);
    // The §12 meaning of a Kalshi error code in plain words; empty for codes no revision documents.
    static QString errorCodeMeaning(int code);

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    CodecStats m_stats;
};

} // namespace tapescope::kalshi
