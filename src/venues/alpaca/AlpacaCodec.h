#pragma once

#include "AlpacaProtocol.h"

#include "core/Events.h"

#include <QtCore/QHash>
#include <QtCore/QString>

#include <memory>
#include <string_view>
#include <vector>

namespace tapescope::alpaca {

// A control message: what drives the session (docs/protocols/alpaca.md §3.1 state machine). Control messages
// arrive alone in their frame (docs/protocols/alpaca.md §5.1), so a frame yields at most a few of these.
struct SessionMessage
{
    enum class Kind { Connected, Authenticated, Subscription, Error };
    Kind kind = Kind::Connected;
    SubscriptionSet subscriptions; // Subscription: the server's full current set, authoritative
    int errorCode = 0; // Error: the venue's code; see classifyError()
    QString errorMessage; // Error: the venue's own words ("auth failed")
};

struct DecodeResult
{
    std::vector<SessionMessage> session;
};

struct CodecStats
{
    quint64 frames = 0;
    quint64 malformed = 0; // not JSON, not an array of messages, or a known message of the wrong shape
    quint64 unknownTypes = 0; // messages with a `T` we do not know (skipped, docs/protocols/alpaca.md §5.1)
    // Messages understood but not turned into events (no normalized type fits them yet).
    quint64 statusNotices = 0; // `s` codes other than halt / pause / resume (indications, imbalances, SSR...)
    quint64 lulds = 0;
    quint64 corrections = 0;
    quint64 cancelErrors = 0;
    quint64 imbalances = 0;
    quint64 news = 0;
};

// Pure: frame bytes in, normalized events out (docs/architecture.md "Data flow"). Decodes with simdjson On-Demand;
// prices are JSON numbers and are read from their text into Decimal, never through a double.
// Not thread-safe: one codec per connection.
//
//  - t trade -> Trade (id exact above 2^53). Crypto trades say the taker (`tks`); stock trades do not, so
//    their side is a tick-rule estimate per symbol (aggressorKnown = false).
//  - q quote -> Bbo (a zero price is an empty side); stocks have no depth, see oneLevelBook().
//  - b / u bars -> Candle "1m", d -> Candle "1d"; an updated bar has the start of the bar it replaces.
//  - o crypto order book: r:true -> BookSnapshot (sorted best first), else BookDelta (size 0 removes).
//  - s trading status: halt / volatility pause / quotation resumption -> MarketStatus Paused,
//    trading resumption -> Open; other status codes are counted.
//  - subscription -> one SubscriptionAck per (channel, symbol) plus a SessionMessage with the full set.
//  - error -> FeedError{errorToken(code), errorText(code) + the venue's words} plus a SessionMessage.
//  - success connected / authenticated -> SessionMessage only.
//  - l, c, x, i, n -> counted; unknown T -> counted and skipped.
// A malformed frame appends exactly one FeedError{code "malformed"} and nothing else, and returns no
// session messages; it never throws.
class Codec
{
public:
    Codec();
    ~Codec();
    Codec(const Codec &) = delete;
    Codec &operator=(const Codec &) = delete;

    DecodeResult decode(std::string_view frame, EventBatch &out);

    const CodecStats &stats() const { return m_stats; }
    // Forget tick-rule state, e.g. after a reconnect when trades were missed.
    void reset();

    static QString venue();

private:
    void inferStockTradeSides(EventBatch &events);

    struct Parser;
    std::unique_ptr<Parser> m_parser;
    CodecStats m_stats;
    struct LastTick
    {
        Decimal price;
        Side side = Side::Buy;
    };
    QHash<QString, LastTick> m_lastTicks; // per stock symbol, for the tick rule
};

// A quote as a one-level book: stocks have no depth feed, so the ladder shows the inside only.
BookSnapshot oneLevelBook(const Bbo &quote);

} // namespace tapescope::alpaca
