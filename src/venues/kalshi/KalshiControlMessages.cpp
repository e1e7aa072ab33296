// Command responses: subscribed, unsubscribed, ok, error (docs/protocols/kalshi.md §5) and the error-code table (§12).

#include "KalshiCodec.h"
#include "KalshiDecoders.h"

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

QString Codec::errorCodeToken(int code)
{
    switch (code) {
    case 6:
        return u"already_subscribed"_s;
    case 7:
        return u"unknown_subscription"_s;
    case 8:
        return u"unknown_channel"_s;
    case 9:
        return u"auth_required"_s;
    case 10: // terminal: the subscription is gone and must be re-subscribed (§10)
    case 25:
        return u"subscription_lost"_s;
    case 16:
        return u"unknown_market"_s;
    case 26:
        return u"market_limit"_s;
    case 27:
        return u"rate_limited"_s;
    default:
        return u"venue_error"_s;
    }
}

QString Codec::errorCodeMeaning(int code)
{
    switch (code) {
    case 1:
        return u"the server could not process the message"_s;
    case 2:
        return u"the command lacks its params"_s;
    case 3:
        return u"the command names no channels"_s;
    case 4:
        return u"the command names no subscription ids"_s;
    case 5:
        return u"the command is unknown"_s;
    case 6:
        return u"this channel is already subscribed"_s;
    case 7:
        return u"the subscription id is unknown"_s;
    case 8:
        return u"the channel name is unknown"_s;
    case 9:
        return u"authentication is required: the connection was not signed or the signature was refused"_s;
    case 10:
        return u"the channel failed; the subscription has ended and must be made again"_s;
    case 11:
        return u"a parameter is invalid"_s;
    case 12:
        return u"update_subscription needs exactly one subscription id"_s;
    case 13:
        return u"the action is not supported"_s;
    case 14:
        return u"a market ticker is required"_s;
    case 15:
        return u"an action is required"_s;
    case 16:
        return u"the market does not exist (invalid market ticker or id)"_s;
    case 17:
        return u"the server had an internal error"_s;
    case 18:
        return u"the command timed out"_s;
    case 19:
        return u"shard_factor must be greater than 0"_s;
    case 20:
        return u"shard_factor is required when shard_key is set"_s;
    case 21:
        return u"shard_key must be at least 0 and less than shard_factor"_s;
    case 22:
        return u"shard_factor must be at most 100"_s;
    case 23:
        return u"match ids are required"_s;
    case 24:
        return u"index ids are required"_s;
    case 25:
        return u"the subscription's buffer overflowed; the subscription has ended and must be made again"_s;
    case 26:
        return u"adding these markets would exceed the per-subscription market limit"_s;
    case 27:
        return u"too many commands: the subscription exceeded its command rate limit"_s;
    case 28:
        return u"underlying tickers are required"_s;
    default:
        return {};
    }
}

} // namespace tapescope::kalshi

namespace tapescope::kalshi::detail {

namespace {

SubscriptionAck ackFor(const DecodeContext &context)
{
    SubscriptionAck ack;
    ack.venue = context.venue;
    ack.requestId = context.envelope.id;
    ack.subscriptionId = context.envelope.sid;
    return ack;
}

Problem readTickerList(ondemand::value value, QStringList &out)
{
    return forEachElement(value, "market_tickers is not an array", [&](ondemand::value item) -> Problem {
        std::string_view ticker;
        if (!readString(item, ticker))
            return "market_tickers holds a non-string";
        out << toQString(ticker);
        return nullptr;
    });
}

void appendTickerAcks(const QStringList &tickers, DecodeContext &context)
{
    if (tickers.isEmpty()) {
        context.events.emplace_back(ackFor(context));
        return;
    }
    for (const QString &ticker : tickers) {
        SubscriptionAck ack = ackFor(context);
        ack.symbol = ticker;
        context.events.emplace_back(std::move(ack));
    }
}

// The list_subscriptions reply: msg is [{channel, sid}, ...] (WS#4).
Problem decodeSubscriptionList(ondemand::value msg, DecodeContext &context)
{
    return forEachElement(msg, "msg is not an array", [&](ondemand::value entry) -> Problem {
        SubscriptionAck ack = ackFor(context);
        ack.subscriptionId = -1;
        const Problem problem = forEachUnescapedMember(
            entry, "subscription entry is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
                std::string_view channelName;
                if (key == "channel") {
                    if (!readString(field, channelName))
                        return "channel is not a string";
                    ack.channel = toQString(channelName);
                } else if (key == "sid" && !readInt64(field, ack.subscriptionId)) {
                    return "sid is not an integer";
                }
                return nullptr;
            });
        if (problem)
            return problem;
        if (ack.channel.isEmpty() || ack.subscriptionId < 0)
            return "subscription entry lacks channel or sid";
        context.events.emplace_back(std::move(ack));
        return nullptr;
    });
}

} // namespace

Problem decodeSubscribed(ondemand::value msg, DecodeContext &context)
{
    SubscriptionAck ack = ackFor(context);
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object", [&](std::string_view key, ondemand::value field) -> Problem {
            std::string_view channelName;
            if (key == "channel") {
                if (!readString(field, channelName))
                    return "channel is not a string";
                ack.channel = toQString(channelName);
            } else if (key == "sid" && !readInt64(field, ack.subscriptionId)) {
                return "sid is not an integer";
            }
            return nullptr;
        });
    if (problem)
        return problem;
    context.events.emplace_back(std::move(ack));
    return nullptr;
}

void appendSubscribedWithoutMsg(DecodeContext &context)
{
    // Older servers may omit msg entirely (docs/protocols/kalshi.md §5, unverified): the ack still names the request.
    context.events.emplace_back(ackFor(context));
}

Problem decodeOk(ondemand::value msg, DecodeContext &context)
{
    ondemand::json_type type;
    if (msg.type().get(type) != simdjson::SUCCESS)
        return "msg is not JSON";
    if (type == ondemand::json_type::array)
        return decodeSubscriptionList(msg, context);
    QStringList tickers;
    const Problem problem = forEachUnescapedMember(
        msg, "msg is not an object or array", [&](std::string_view key, ondemand::value field) -> Problem {
            return key == "market_tickers" ? readTickerList(field, tickers) : nullptr;
        });
    if (problem)
        return problem;
    appendTickerAcks(tickers, context);
    return nullptr;
}

Problem decodeOkTickers(ondemand::value tickers, DecodeContext &context)
{
    QStringList list;
    if (const Problem problem = readTickerList(tickers, list))
        return problem;
    appendTickerAcks(list, context);
    return nullptr;
}

void appendOkWithoutMsg(DecodeContext &context)
{
    context.events.emplace_back(ackFor(context));
}

void appendUnsubscribed(DecodeContext &context)
{
    SubscriptionAck ack = ackFor(context);
    ack.subscribed = false;
    context.events.emplace_back(std::move(ack));
}

Problem decodeError(ondemand::value msg, DecodeContext &context, int &code)
{
    std::int64_t wireCode = -1;
    std::string_view venueText;
    QStringList markets;
    const Problem problem = forEachUnescapedMember(msg, "msg is not an object",
                                                   [&](std::string_view key, ondemand::value field) -> Problem {
                                                       if (key == "code") {
                                                           if (!readInt64(field, wireCode))
                                                               return "code is not an integer";
                                                       } else if (key == "msg") {
                                                           if (!readString(field, venueText))
                                                               return "msg.msg is not a string";
                                                       } else if (key == "market_ticker") {
                                                           std::string_view ticker;
                                                           if (!readString(field, ticker))
                                                               return "market_ticker is not a string";
                                                           markets.prepend(toQString(ticker));
                                                       } else if (key == "market_tickers") {
                                                           return readTickerList(field, markets);
                                                       }
                                                       return nullptr;
                                                   });
    if (problem)
        return problem;
    if (wireCode < 0 || wireCode > INT32_MAX)
        return "error lacks an integer code";
    code = static_cast<int>(wireCode);

    FeedError error;
    error.venue = context.venue;
    error.code = Codec::errorCodeToken(code);
    // A live server answered unknown tickers with code 28 "Markets not found" plus the tickers, although
    // the spec gives 28 another meaning (docs/protocols/kalshi.md §12): an error naming markets is about those markets.
    if (code == 28 && !markets.isEmpty())
        error.code = u"unknown_market"_s;
    QString meaning = error.code == u"unknown_market"_s ? Codec::errorCodeMeaning(16) : Codec::errorCodeMeaning(code);
    if (meaning.isEmpty())
        meaning = u"an error this client does not know"_s;
    error.message = u"Kalshi error %1: %2"_s.arg(code).arg(meaning);
    if (!venueText.empty())
        error.message += u" (server said \"%1\")"_s.arg(boundedText(venueText));
    if (!markets.isEmpty()) {
        error.symbol = markets.constFirst();
        error.message += u"; markets: "_s + markets.join(u", "_s);
    }
    error.requestId = context.envelope.id;
    error.subscriptionId = context.envelope.sid;
    context.events.emplace_back(std::move(error));
    return nullptr;
}

void appendErrorWithoutMsg(DecodeContext &context)
{
    FeedError error;
    error.venue = context.venue;
    error.code = u"venue_error"_s;
    error.message = u"Kalshi reported an error without details"_s;
    error.requestId = context.envelope.id;
    error.subscriptionId = context.envelope.sid;
    context.events.emplace_back(std::move(error));
}

} // namespace tapescope::kalshi::detail
