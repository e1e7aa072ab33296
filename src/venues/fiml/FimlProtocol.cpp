#include "FimlProtocol.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <array>

using namespace Qt::StringLiterals;

namespace tapescope::fiml {

namespace {

constexpr std::array<const char *, 5> kStreamTypes = { "price", "ohlcv", "quote", "trades", "multi_asset" };
// Enum values FIML validates (docs/protocols/fiml.md §3.1, fiml/core/models.py).
constexpr std::array<const char *, 8> kAssetTypes
    = { "equity", "crypto", "forex", "commodity", "index", "etf", "option", "future" };
constexpr std::array<const char *, 8> kMarkets = { "US", "UK", "EU", "JP", "CN", "HK", "CRYPTO", "GLOBAL" };
constexpr std::array<const char *, 10> kDataTypes
    = { "price", "ohlcv", "fundamentals", "technical", "sentiment", "news", "macro", "correlation", "risk", "options" };

template<std::size_t N> bool isOneOf(const QString &value, const std::array<const char *, N> &allowed)
{
    for (const char *candidate : allowed) {
        if (value == QLatin1String(candidate))
            return true;
    }
    return false;
}

template<std::size_t N> QString listOf(const std::array<const char *, N> &allowed)
{
    QStringList names;
    for (const char *name : allowed)
        names.append(QLatin1String(name));
    return names.join(u", "_s);
}

QString validationError(const SubscribeRequest &request)
{
    const auto count = request.symbols.size();
    if (count < MinSymbols || count > MaxSymbols)
        return u"A FIML subscription takes %1 to %2 symbols, not %3."_s.arg(MinSymbols).arg(MaxSymbols).arg(count);
    for (const QString &symbol : request.symbols) {
        if (symbol.trimmed().isEmpty())
            return u"A FIML subscription symbol must not be empty."_s;
    }
    if (request.intervalMs < MinIntervalMs || request.intervalMs > MaxIntervalMs)
        return u"A FIML update interval must be %1 to %2 ms, not %3 ms."_s.arg(MinIntervalMs)
            .arg(MaxIntervalMs)
            .arg(request.intervalMs);
    if (!request.assetType.isEmpty() && !isOneOf(request.assetType, kAssetTypes))
        return u"FIML does not know the asset type \"%1\" (use one of %2)."_s.arg(request.assetType,
                                                                                  listOf(kAssetTypes));
    if (!request.market.isEmpty() && !isOneOf(request.market, kMarkets))
        return u"FIML does not know the market \"%1\" (use one of %2)."_s.arg(request.market, listOf(kMarkets));
    if (!request.dataType.isEmpty() && !isOneOf(request.dataType, kDataTypes))
        return u"FIML does not know the data type \"%1\" (use one of %2)."_s.arg(request.dataType, listOf(kDataTypes));
    return {};
}

} // namespace

QString streamTypeName(StreamType type)
{
    return QLatin1String(kStreamTypes[static_cast<std::size_t>(type)]);
}

std::optional<StreamType> streamTypeFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kStreamTypes.size(); ++i) {
        if (name == kStreamTypes[i])
            return static_cast<StreamType>(i);
    }
    return std::nullopt;
}

QUrl streamUrl(const QString &host, int port, bool tls)
{
    QUrl url;
    url.setScheme(tls ? u"wss"_s : u"ws"_s);
    url.setHost(host);
    url.setPort(port);
    url.setPath(u"/ws/stream"_s);
    return url;
}

BuiltRequest subscribeFrame(const SubscribeRequest &request)
{
    BuiltRequest built;
    built.error = validationError(request);
    if (!built.ok())
        return built;
    QJsonObject frame { { u"type"_s, u"subscribe"_s },
                        { u"stream_type"_s, streamTypeName(request.streamType) },
                        { u"symbols"_s, QJsonArray::fromStringList(request.symbols) },
                        { u"interval_ms"_s, request.intervalMs } };
    if (!request.assetType.isEmpty())
        frame.insert(u"asset_type"_s, request.assetType);
    if (!request.market.isEmpty())
        frame.insert(u"market"_s, request.market);
    if (!request.dataType.isEmpty())
        frame.insert(u"data_type"_s, request.dataType);
    built.frame = QJsonDocument(frame).toJson(QJsonDocument::Compact);
    return built;
}

QByteArray unsubscribeFrame(const UnsubscribeRequest &request)
{
    QJsonObject frame { { u"type"_s, u"unsubscribe"_s }, { u"stream_type"_s, streamTypeName(request.streamType) } };
    // null, as FIML's own example sends it, removes every subscription of the type (docs/protocols/fiml.md §3.2).
    frame.insert(u"symbols"_s,
                 request.symbols ? QJsonValue(QJsonArray::fromStringList(*request.symbols))
                                 : QJsonValue(QJsonValue::Null));
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

QString errorToken(std::string_view errorCode)
{
    if (errorCode == "INVALID_JSON")
        return u"bad_request"_s;
    if (errorCode == "INVALID_MESSAGE_TYPE")
        return u"unknown_request"_s;
    if (errorCode == "SUBSCRIPTION_ERROR")
        return u"invalid_subscription"_s;
    if (errorCode == "UNSUBSCRIBE_ERROR")
        return u"invalid_unsubscribe"_s;
    if (errorCode == "PROCESSING_ERROR")
        return u"processing_error"_s;
    return u"venue_error"_s;
}

QString errorText(std::string_view errorCode)
{
    if (errorCode == "INVALID_JSON")
        return u"FIML could not read a request as JSON"_s;
    if (errorCode == "INVALID_MESSAGE_TYPE")
        return u"FIML does not know the request's type"_s;
    if (errorCode == "SUBSCRIPTION_ERROR")
        return u"FIML refused the subscription"_s;
    if (errorCode == "UNSUBSCRIBE_ERROR")
        return u"FIML refused the unsubscribe request"_s;
    if (errorCode == "PROCESSING_ERROR")
        return u"FIML failed while handling a request"_s;
    return u"FIML reported an error"_s;
}

QString errorDetail(std::string_view message)
{
    const QString text = QString::fromUtf8(message.data(), static_cast<qsizetype>(message.size()));
    const QStringList lines = text.split(u'\n');
    // pydantic: "<prefix>: N validation error(s) for Model\n<field>\n  <reason> [type=..., input_value=...]\n    For
    // further..."
    if (lines.size() >= 3 && lines[0].contains(u"validation error"_s)) {
        QString reason = lines[2].trimmed();
        const auto details = reason.indexOf(u" [type="_s);
        if (details >= 0)
            reason.truncate(details);
        return lines[1].trimmed() + u": "_s + reason;
    }
    QString oneLine = text.simplified();
    if (oneLine.size() > 160)
        oneLine = oneLine.left(160) + QChar(0x2026);
    return oneLine;
}

std::optional<ConnectionStats> parseConnectionStats(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonValue connections = object.value(u"active_connections"_s);
    const QJsonValue subscriptions = object.value(u"total_subscriptions"_s);
    const QJsonValue symbols = object.value(u"subscribed_symbols"_s);
    if (!connections.isDouble() || !subscriptions.isDouble() || !symbols.isArray())
        return std::nullopt;
    ConnectionStats stats;
    stats.activeConnections = connections.toInt(-1);
    stats.totalSubscriptions = subscriptions.toInt(-1);
    if (stats.activeConnections < 0 || stats.totalSubscriptions < 0)
        return std::nullopt;
    for (const QJsonValue &symbol : symbols.toArray()) {
        if (!symbol.isString())
            return std::nullopt;
        stats.subscribedSymbols.append(symbol.toString());
    }
    return stats;
}

} // namespace tapescope::fiml
