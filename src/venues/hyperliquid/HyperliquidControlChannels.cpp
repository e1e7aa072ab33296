// Control channels: subscriptionResponse and error (docs/protocols/hyperliquid.md §2.2, §2.3).

#include "HyperliquidCodec.h"
#include "HyperliquidDecoders.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using namespace Qt::StringLiterals;

namespace tapescope::hyperliquid::detail {

namespace {

constexpr std::string_view kAlreadySubscribed = "Already subscribed:";
constexpr std::string_view kInvalidSubscription = "Invalid subscription";
constexpr std::string_view kParseError = "Error parsing JSON";

// The subscription echoed inside an error text: either the bare subscription object or the whole
// request around it. A rare path, so Qt's JSON is fine here.
QJsonObject echoedSubscription(std::string_view echo)
{
    const QJsonObject request
        = QJsonDocument::fromJson(QByteArray(echo.data(), static_cast<qsizetype>(echo.size()))).object();
    const QJsonValue nested = request.value(u"subscription"_s);
    return nested.isObject() ? nested.toObject() : request;
}

SubscriptionAck ackFor(const QString &venue, const QString &type, const QString &coin, const QString &interval,
                       const QString &dex)
{
    SubscriptionAck ack;
    ack.venue = venue;
    ack.channel = type;
    // allMids has no coin; its dex is what tells two allMids subscriptions apart.
    ack.symbol = type == Subscription::typeName(Subscription::Type::AllMids) ? dex : coin;
    ack.interval = interval;
    return ack;
}

SubscriptionAck ackFor(const QString &venue, const QJsonObject &subscription)
{
    return ackFor(venue, subscription.value(u"type"_s).toString(), subscription.value(u"coin"_s).toString(),
                  subscription.value(u"interval"_s).toString(), subscription.value(u"dex"_s).toString());
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == ':'))
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    return text;
}

FeedError feedError(const QString &venue, QString code, QString message)
{
    return FeedError { venue, std::move(code), std::move(message) };
}

} // namespace

Problem decodeSubscriptionResponse(ondemand::value data, DecodeContext &context)
{
    std::string_view method;
    std::string_view type, coin, interval, dex;
    bool haveType = false;
    const Problem problem
        = forEachMember(data, "data is not an object", [&](auto key, ondemand::value field) -> Problem {
              if (key == "method")
                  return readString(field, method) ? nullptr : "method is not a string";
              if (key != "subscription")
                  return nullptr;
              // The server normalises the echo (adds nSigFigs, mantissa, fast, aggregateByTime...): match on
              // type and identifying keys only (docs/protocols/hyperliquid.md §2.2).
              return forEachMember(field, "subscription is not an object",
                                   [&](auto subKey, ondemand::value value) -> Problem {
                                       if (subKey == "type") {
                                           haveType = readString(value, type);
                                           return haveType ? nullptr : "subscription type is not a string";
                                       }
                                       std::string_view *target = subKey == "coin" ? &coin
                                           : subKey == "interval"                  ? &interval
                                           : subKey == "dex"                       ? &dex
                                                                                   : nullptr;
                                       if (target && !readString(value, *target))
                                           return "subscription coin/interval/dex is not a string";
                                       return nullptr;
                                   });
          });
    if (problem)
        return problem;
    if (!haveType)
        return "subscription response lacks subscription.type";
    SubscriptionAck ack = ackFor(context.venue, toQString(type), toQString(coin), toQString(interval), toQString(dex));
    ack.subscribed = method != "unsubscribe";
    context.events.emplace_back(std::move(ack));
    return nullptr;
}

Problem decodeError(ondemand::value data, DecodeContext &context)
{
    // `data` is a plain string (docs/protocols/hyperliquid.md §2.3); anything else still reports the venue's error.
    std::string_view text;
    if (!readString(data, text))
        text = {};
    appendVenueError(text, context);
    return nullptr;
}

void appendVenueError(std::string_view text, DecodeContext &context)
{
    if (text.starts_with(kAlreadySubscribed)) {
        // A duplicate subscribe is a success (docs/protocols/hyperliquid.md §2.3).
        SubscriptionAck ack
            = ackFor(context.venue, echoedSubscription(trimmed(text.substr(kAlreadySubscribed.size()))));
        ack.alreadySubscribed = true;
        context.events.emplace_back(std::move(ack));
        return;
    }
    if (text.starts_with(kInvalidSubscription)) {
        const SubscriptionAck echoed
            = ackFor(context.venue, echoedSubscription(trimmed(text.substr(kInvalidSubscription.size()))));
        const auto subscription = Subscription::fromAck(echoed);
        QString message = u"Invalid subscription "_s;
        if (subscription)
            message += subscription->key();
        else if (!echoed.channel.isEmpty())
            message += echoed.channel + u':' + echoed.symbol;
        else
            message = boundedText(text);
        context.events.emplace_back(feedError(context.venue, u"invalid_subscription"_s, message));
        return;
    }
    if (text.starts_with(kParseError)) {
        context.events.emplace_back(feedError(context.venue, u"bad_request"_s, boundedText(text)));
        return;
    }
    context.events.emplace_back(feedError(
        context.venue, u"venue_error"_s, text.empty() ? u"venue reported an error without text"_s : boundedText(text)));
}

} // namespace tapescope::hyperliquid::detail
