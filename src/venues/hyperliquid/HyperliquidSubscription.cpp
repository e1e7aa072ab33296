// Subscription identity and the request frames (docs/protocols/hyperliquid.md §2.1, §2.4, §6).

#include "HyperliquidCodec.h"

#include "core/EventJson.h"

using namespace Qt::StringLiterals;

namespace tapescope::hyperliquid {

namespace {

QByteArray subscriptionFrame(const char *method, const Subscription &subscription)
{
    QByteArray frame;
    frame.reserve(96);
    frame += R"({"method":")";
    frame += method;
    frame += R"(","subscription":{"type":)";
    appendJsonString(frame, Subscription::typeName(subscription.type));
    if (subscription.type == Subscription::Type::AllMids) {
        if (!subscription.dex.isEmpty()) {
            frame += R"(,"dex":)";
            appendJsonString(frame, subscription.dex);
        }
    } else {
        frame += R"(,"coin":)";
        appendJsonString(frame, subscription.coin);
    }
    if (subscription.type == Subscription::Type::Candle) {
        frame += R"(,"interval":)";
        appendJsonString(frame, subscription.interval);
    }
    frame += "}}";
    return frame;
}

} // namespace

QString Subscription::typeName(Type type)
{
    switch (type) {
    case Type::L2Book:
        return u"l2Book"_s;
    case Type::Bbo:
        return u"bbo"_s;
    case Type::Trades:
        return u"trades"_s;
    case Type::Candle:
        return u"candle"_s;
    case Type::AllMids:
        return u"allMids"_s;
    case Type::ActiveAssetCtx:
        return u"activeAssetCtx"_s;
    }
    return QString();
}

std::optional<Subscription::Type> Subscription::typeFromName(const QString &name)
{
    for (const Type type :
         { Type::L2Book, Type::Bbo, Type::Trades, Type::Candle, Type::AllMids, Type::ActiveAssetCtx }) {
        if (typeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QString Subscription::key() const
{
    const QString name = typeName(type);
    switch (type) {
    case Type::AllMids:
        return dex.isEmpty() ? name : name + u':' + dex;
    case Type::Candle:
        return name + u':' + coin + u',' + interval;
    default:
        return name + u':' + coin;
    }
}

std::optional<Subscription> Subscription::fromAck(const SubscriptionAck &ack)
{
    const auto parsedType = typeFromName(ack.channel);
    if (!parsedType)
        return std::nullopt;
    Subscription subscription;
    subscription.type = *parsedType;
    if (subscription.type == Type::AllMids)
        subscription.dex = ack.symbol;
    else
        subscription.coin = ack.symbol;
    if (subscription.type == Type::Candle)
        subscription.interval = ack.interval;
    return subscription;
}

QByteArray Codec::subscribeFrame(const Subscription &subscription)
{
    return subscriptionFrame("subscribe", subscription);
}

QByteArray Codec::unsubscribeFrame(const Subscription &subscription)
{
    return subscriptionFrame("unsubscribe", subscription);
}

QByteArray Codec::pingFrame()
{
    return QByteArrayLiteral(R"({"method":"ping"})");
}

} // namespace tapescope::hyperliquid
