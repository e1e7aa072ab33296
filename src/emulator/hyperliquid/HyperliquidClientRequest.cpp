#include "HyperliquidClientRequest.h"

#include "HyperliquidCandles.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonValue>
#include <QtCore/QRegularExpression>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

QByteArray optionalInt(const std::optional<int> &value)
{
    return value ? QByteArray::number(*value) : QByteArrayLiteral("null");
}

// An optional integer field: absent or null -> nullopt; anything but an integer -> failure.
bool readOptionalInt(const QJsonObject &object, QLatin1String key, std::optional<int> &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isDouble() || value.toDouble() != static_cast<double>(value.toInteger()))
        return false;
    out = static_cast<int>(value.toInteger());
    return true;
}

bool isAddress(const QJsonValue &value)
{
    static const QRegularExpression pattern(u"^0x[0-9a-fA-F]{40}$"_s);
    return value.isString() && pattern.match(value.toString()).hasMatch();
}

std::optional<Subscription> parseSubscription(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject object = value.toObject();
    Subscription sub;
    sub.type = object.value("type"_L1).toString();
    if (sub.isUserType()) {
        // The venue deserializes the address: anything but 0x + 40 hex digits fails to parse.
        if (!isAddress(object.value("user"_L1)))
            return std::nullopt;
        sub.user = object.value("user"_L1).toString().toLower();
        if (sub.type == "activeAssetData"_L1) {
            if (!object.value("coin"_L1).isString())
                return std::nullopt;
            sub.coin = object.value("coin"_L1).toString();
        }
        if (sub.type == "userFills"_L1) {
            const QJsonValue aggregate = object.value("aggregateByTime"_L1);
            if (!aggregate.isUndefined() && !aggregate.isNull() && !aggregate.isBool())
                return std::nullopt;
            sub.aggregateByTime = aggregate.toBool(false);
        }
        if (sub.type == "clearinghouseState"_L1 && object.contains("dex"_L1)) {
            if (!object.value("dex"_L1).isString() || !object.value("dex"_L1).toString().isEmpty())
                sub.coin = object.value("dex"_L1).toString(u"?"_s);
        }
        return sub;
    }
    const bool needsCoin = sub.type == "l2Book"_L1 || sub.type == "bbo"_L1 || sub.type == "trades"_L1
        || sub.type == "candle"_L1 || sub.type == "activeAssetCtx"_L1;
    if (!needsCoin && sub.type != "allMids"_L1)
        return std::nullopt;
    if (needsCoin) {
        if (!object.value("coin"_L1).isString())
            return std::nullopt;
        sub.coin = object.value("coin"_L1).toString();
    }
    if (sub.type == "candle"_L1) {
        sub.interval = object.value("interval"_L1).toString();
        if (candleIntervalIndex(sub.interval) < 0) // an enum on the venue: a bad value fails to parse
            return std::nullopt;
    }
    if (sub.type == "l2Book"_L1) {
        if (!readOptionalInt(object, "nSigFigs"_L1, sub.nSigFigs)
            || !readOptionalInt(object, "mantissa"_L1, sub.mantissa))
            return std::nullopt;
        const QJsonValue fast = object.value("fast"_L1);
        if (!fast.isUndefined() && !fast.isNull() && !fast.isBool())
            return std::nullopt;
        sub.fast = fast.toBool(false);
    }
    if (sub.type == "allMids"_L1 && object.contains("dex"_L1)) {
        // Builder-deployed dexes are not emulated; the main dex is spelled "".
        if (!object.value("dex"_L1).isString() || !object.value("dex"_L1).toString().isEmpty())
            sub.coin = object.value("dex"_L1).toString(u"?"_s);
    }
    return sub;
}

} // namespace

bool Subscription::isUserType() const
{
    return type == "userFills"_L1 || type == "orderUpdates"_L1 || type == "userEvents"_L1 || type == "userFundings"_L1
        || type == "userNonFundingLedgerUpdates"_L1 || type == "clearinghouseState"_L1 || type == "spotState"_L1
        || type == "activeAssetData"_L1;
}

QByteArray Subscription::normalizedJson() const
{
    QByteArray out = "{\"type\":" + jsonString(type);
    if (isUserType()) {
        out += ",\"user\":" + jsonString(user);
        if (type == "activeAssetData"_L1)
            out += ",\"coin\":" + jsonString(coin);
        else if (type == "clearinghouseState"_L1 && !coin.isEmpty())
            out += ",\"dex\":" + jsonString(coin);
        if (type == "userFills"_L1)
            out += QByteArrayLiteral(",\"aggregateByTime\":") + (aggregateByTime ? "true" : "false");
    } else if (type == "allMids"_L1) {
        if (!coin.isEmpty())
            out += ",\"dex\":" + jsonString(coin);
    } else {
        out += ",\"coin\":" + jsonString(coin);
    }
    if (type == "candle"_L1)
        out += ",\"interval\":" + jsonString(interval);
    if (type == "l2Book"_L1) {
        out += ",\"nSigFigs\":" + optionalInt(nSigFigs) + ",\"mantissa\":" + optionalInt(mantissa)
            + ",\"fast\":" + (fast ? "true" : "false");
    }
    out += '}';
    return out;
}

ClientRequest parseClientRequest(const QByteArray &frame)
{
    ClientRequest request;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return request;
    const QJsonObject object = document.object();
    const QString method = object.value("method"_L1).toString();
    if (method == "ping"_L1) {
        request.method = ClientRequest::Method::Ping;
    } else if (method == "subscribe"_L1 || method == "unsubscribe"_L1) {
        const auto subscription = parseSubscription(object.value("subscription"_L1));
        if (!subscription)
            return request;
        request.subscription = *subscription;
        request.method
            = method == "subscribe"_L1 ? ClientRequest::Method::Subscribe : ClientRequest::Method::Unsubscribe;
    } else if (method == "post"_L1) {
        const QJsonValue id = object.value("id"_L1);
        const QJsonObject inner = object.value("request"_L1).toObject();
        request.postType = inner.value("type"_L1).toString();
        if (!id.isDouble() || !inner.value("payload"_L1).isObject()
            || (request.postType != "info"_L1 && request.postType != "action"_L1))
            return request;
        request.postId = id.toInteger();
        request.postPayload = inner.value("payload"_L1).toObject();
        request.method = ClientRequest::Method::Post;
    }
    return request;
}

} // namespace tapescope::emulator::hyperliquid
