#pragma once

#include "FimlProtocol.h"

#include "core/Events.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>
#include <optional>
#include <string_view>

namespace tapescope::fiml {

// What one server frame was, beside its events: FIML has no request ids and labels the data of
// quote / trades / multi_asset subscriptions "price" (docs/protocols/fiml.md §4.3), so a service routes data by
// `subscriptionId` and matches acks and errors to its requests in order (see PendingRequests).
struct FrameInfo
{
    enum class Kind { Malformed, Ignored, SubscriptionAck, UnsubscribeAck, Data, Heartbeat, Error };
    Kind kind = Kind::Malformed;
    QString subscriptionId; // SubscriptionAck, Data
    std::optional<StreamType> streamType; // as labelled on the wire; the abbreviated doc ack has none
    QStringList symbols; // acks: as echoed
    bool allSymbols = false; // UnsubscribeAck with "symbols":null: every symbol of the type
    std::optional<int> intervalMs; // SubscriptionAck
    QString errorCode; // Error: FIML's error_code verbatim, e.g. "SUBSCRIPTION_ERROR"
    int activeSubscriptions = -1; // Heartbeat
    std::int64_t ts = 0; // the frame's own timestamp (Unix ms); 0 when it has none
};

struct CodecStats
{
    quint64 frames = 0;
    quint64 malformed = 0; // not JSON, not an object, or a known frame of the wrong shape
    quint64 unknownTypes
        = 0; // frames with a `type` we do not know (watchdog_event is not wired yet, docs/protocols/fiml.md §4.6)
    quint64 unknownStreams = 0; // data frames labelled with a stream type we cannot decode
};

// Pure: frame bytes in, normalized events out (docs/architecture.md "Data flow"). simdjson On-Demand; FIML's
// numbers are Python floats ("100.0") read from their text into Decimal, never through a double.
// Not thread-safe: one codec per connection.
//
//  - data "price" (and "multi_asset") -> one Ticker per element: last, change, change_percent, volume
//    (may be null), provider, confidence, ts.
//  - data "ohlcv" -> Candle per element: start = the candle's timestamp (naive means UTC), end 0 and
//    interval "" because FIML does not say the candle's length; is_closed is not kept.
//  - data "quote" -> Bbo, "trades" -> Trade: FIML defines these models but does not send them yet.
//  - subscription_ack -> SubscriptionAck per symbol (channel = stream type); unsubscribe_ack ->
//    SubscriptionAck{subscribed false} per symbol, or one with no symbol for "all".
//  - heartbeat -> Heartbeat; error -> FeedError{errorToken(code), errorText(code): errorDetail(message)}.
// A malformed frame appends exactly one FeedError{code "malformed"} and nothing else (kind Malformed);
// it never throws.
class Codec
{
public:
    Codec();
    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    FrameInfo decode(std::string_view frame, EventBatch &out);

    const CodecStats &stats() const { return m_stats; }
    static QString venue();

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    CodecStats m_stats;
};

} // namespace tapescope::fiml
