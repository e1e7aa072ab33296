#pragma once

// FIML streaming vocabulary: the endpoint, subscribe / unsubscribe requests with the server's limits,
// what each error code means, and the GET /ws/connections body (docs/protocols/fiml.md §1, §3, §4.5, §4.7). Pure.

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <optional>
#include <string_view>

namespace tapescope::fiml {

// docs/protocols/fiml.md §3.1. Only price and ohlcv label their data frames as themselves: quote, trades and
// multi_asset subscriptions stream price updates labelled "price" (docs/protocols/fiml.md §4.3).
enum class StreamType { Price, Ohlcv, Quote, Trades, MultiAsset };

QString streamTypeName(StreamType type); // "price", "ohlcv", "quote", "trades", "multi_asset"
std::optional<StreamType> streamTypeFromName(std::string_view name);

inline constexpr int DefaultPort = 8000;
// ws://host:8000/ws/stream; wss only behind a TLS reverse proxy (docs/protocols/fiml.md §1).
QUrl streamUrl(const QString &host, int port = DefaultPort, bool tls = false);

// Server-side limits of one subscription (docs/protocols/fiml.md §3.1).
inline constexpr int MinSymbols = 1;
inline constexpr int MaxSymbols = 50;
inline constexpr int MinIntervalMs = 100;
inline constexpr int MaxIntervalMs = 60000;
inline constexpr int DefaultIntervalMs = 1000;

struct SubscribeRequest
{
    StreamType streamType = StreamType::Price;
    QStringList symbols;
    int intervalMs = DefaultIntervalMs;
    QString assetType; // empty: the server's default "equity"; else equity, crypto, forex, commodity, index, etf,
                       // option, future
    QString market; // empty: the server's default "US"; else US, UK, EU, JP, CN, HK, CRYPTO, GLOBAL
    QString dataType; // empty: the server's default "price"; stored by FIML but unused
};

struct UnsubscribeRequest
{
    StreamType streamType = StreamType::Price;
    // nullopt: every subscription of this stream type on the connection; else these symbols from each.
    std::optional<QStringList> symbols;
};

// A request frame, or why the server would refuse it (then `frame` is empty).
struct BuiltRequest
{
    QByteArray frame;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Checks the limits the server enforces (1–50 non-empty symbols, 100–60000 ms, known asset type,
// market and data type) so a refusal is explained before anything is sent.
BuiltRequest subscribeFrame(const SubscribeRequest &request);
QByteArray unsubscribeFrame(const UnsubscribeRequest &request);

// A short stable FeedError code for FIML's error_code, e.g. "invalid_subscription"; "venue_error" otherwise.
QString errorToken(std::string_view errorCode);
// What the code means, in plain words.
QString errorText(std::string_view errorCode);
// FIML's message made readable: pydantic's multi-line dump becomes "symbols: List should have at most
// 50 items after validation, not 51"; anything else is bounded and kept on one line.
QString errorDetail(std::string_view message);

// GET /ws/connections (docs/protocols/fiml.md §4.7): numbers of the worker process that answered.
struct ConnectionStats
{
    int activeConnections = 0;
    int totalSubscriptions = 0;
    QStringList subscribedSymbols; // every symbol ever subscribed in that process
};
std::optional<ConnectionStats> parseConnectionStats(const QByteArray &body);

} // namespace tapescope::fiml
