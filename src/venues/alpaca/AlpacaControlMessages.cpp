// Control messages: success, error and subscription (docs/protocols/alpaca.md §5.2, §6).

#include "AlpacaDecoders.h"

using namespace Qt::StringLiterals;

namespace tapescope::alpaca::detail {

Problem decodeSuccess(ondemand::object &message, DecodeContext &context)
{
    std::string_view text;
    bool haveMessage = false;
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key != "msg")
            return nullptr;
        haveMessage = readString(field, text);
        return haveMessage ? nullptr : "success msg is not a string";
    });
    if (problem)
        return problem;
    if (!haveMessage)
        return "success lacks msg";
    SessionMessage session;
    if (text == "connected")
        session.kind = SessionMessage::Kind::Connected;
    else if (text == "authenticated")
        session.kind = SessionMessage::Kind::Authenticated;
    else
        return nullptr; // an undocumented success: nothing for the session to act on
    context.session.push_back(std::move(session));
    return nullptr;
}

Problem decodeError(ondemand::object &message, DecodeContext &context)
{
    std::int64_t code = 0;
    std::string_view text;
    bool haveCode = false;
    const Problem problem = forEachMember(message, [&](auto key, ondemand::value field) -> Problem {
        if (key == "code") {
            haveCode = readInt64(field, code) && code >= 0 && code <= 999999;
            return haveCode ? nullptr : "error code is not an integer";
        }
        if (key == "msg")
            return readString(field, text) ? nullptr : "error msg is not a string";
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveCode)
        return "error lacks code";
    const int errorCode = static_cast<int>(code);
    SessionMessage session;
    session.kind = SessionMessage::Kind::Error;
    session.errorCode = errorCode;
    session.errorMessage = boundedText(text);
    QString words = errorText(errorCode) + u" (Alpaca "_s + QString::number(errorCode);
    if (!session.errorMessage.isEmpty())
        words += u": "_s + session.errorMessage;
    words += u')';
    context.events.emplace_back(FeedError { context.venue, errorToken(errorCode), words });
    context.session.push_back(std::move(session));
    return nullptr;
}

Problem decodeSubscription(ondemand::object &message, DecodeContext &context)
{
    // Every reply lists the full current set; a missing key means an empty list (docs/protocols/alpaca.md §5.2).
    SessionMessage session;
    session.kind = SessionMessage::Kind::Subscription;
    for (auto memberResult : message) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        std::string_view key;
        if (member.unescaped_key().get(key) != simdjson::SUCCESS)
            return "subscription key is not a string";
        const std::optional<Channel> channel = channelFromKey(key);
        if (!channel)
            continue; // "T", or a channel we do not follow (e.g. a future one)
        QStringList symbols;
        const Problem problem = forEachElement(member.value(), "subscription list is not an array",
                                               [&](ondemand::value element) -> Problem {
                                                   std::string_view symbol;
                                                   if (!readString(element, symbol))
                                                       return "subscription symbol is not a string";
                                                   symbols.append(toQString(symbol));
                                                   return nullptr;
                                               });
        if (problem)
            return problem;
        session.subscriptions.setSymbols(*channel, std::move(symbols));
    }
    // One ack per subscribed (channel, symbol) for the event stream; corrections and cancelErrors only
    // mirror trades (docs/protocols/alpaca.md §5.2) and would repeat them.
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        const auto channel = static_cast<Channel>(i);
        if (!isRequestable(channel))
            continue;
        for (const QString &symbol : session.subscriptions.symbols(channel)) {
            SubscriptionAck ack;
            ack.venue = context.venue;
            ack.channel = QLatin1String(channelKey(channel));
            ack.symbol = symbol;
            context.events.emplace_back(std::move(ack));
        }
    }
    context.session.push_back(std::move(session));
    return nullptr;
}

} // namespace tapescope::alpaca::detail
