#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <memory>
#include <string_view>

namespace tapescope::hyperliquid {

// What a user can follow on Hyperliquid's public socket (docs/protocols/hyperliquid.md §6).
struct Subscription
{
    enum class Type { L2Book, Bbo, Trades, Candle, AllMids, ActiveAssetCtx };
    Type type = Type::L2Book;
    QString coin; // wire coin: "BTC", "@107", "PURR/USDC"; empty for allMids
    QString interval; // candle only: "1m" ...
    QString dex; // allMids only, optional

    // Stable identity used as the VenueConnection subscription key, e.g. "l2Book:BTC", "candle:BTC,1m",
    // "allMids" or "allMids:xyz" (with a builder dex).
    QString key() const;
    static QString typeName(Type type);
    static std::optional<Type> typeFromName(const QString &name);
    // The subscription an ack (or "Already subscribed") refers to; nullopt for types we do not follow
    // (user streams). Its key() matches the key of the subscription that was sent.
    static std::optional<Subscription> fromAck(const SubscriptionAck &ack);
};

struct CodecStats
{
    quint64 frames = 0;
    quint64 malformed = 0; // not JSON, or JSON of the wrong shape
    quint64 ignoredText = 0; // non-JSON text such as the legacy greeting
    quint64 unknownChannels = 0; // JSON with a channel we do not handle (user streams come later)
};

// Pure: frame bytes in, normalized events out; requests in, frame bytes out (docs/architecture.md "Data flow").
// Decodes with simdjson On-Demand. Not thread-safe: one codec per connection.
class Codec
{
public:
    Codec();
    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    // Appends the frame's events to `out`. A malformed frame appends one FeedError{code "malformed"}
    // and nothing else; it never throws. Events carry no receive time: Ticker::ts stays 0.
    //  - subscriptionResponse and "Already subscribed: {...}" -> SubscriptionAck (channel = subscription
    //    type, symbol = coin, or the dex for allMids).
    //  - "Invalid subscription {...}" -> FeedError "invalid_subscription" whose message ends with the
    //    Subscription::key() of the echoed subscription, e.g. "... candle:NOPE,1m".
    //  - "Error parsing JSON ..." -> FeedError "bad_request"; any other error text -> "venue_error".
    void decode(std::string_view frame, EventBatch &out);

    const CodecStats &stats() const { return m_stats; }

    static QByteArray subscribeFrame(const Subscription &subscription);
    static QByteArray unsubscribeFrame(const Subscription &subscription);
    static QByteArray pingFrame(); // {"method":"ping"}

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    CodecStats m_stats;
};

} // namespace tapescope::hyperliquid
