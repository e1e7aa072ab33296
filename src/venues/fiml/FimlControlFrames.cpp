// Control frames: subscription_ack, unsubscribe_ack, heartbeat and error (docs/protocols/fiml.md §4.1, §4.2, §4.4,
// §4.5).

#include "FimlDecoders.h"

using namespace Qt::StringLiterals;

namespace tapescope::fiml::detail {

namespace {

// "symbols": an array of strings, or null (unsubscribe of every symbol).
Problem readSymbols(ondemand::value value, QStringList &symbols, bool &isNullList)
{
    if (isNull(value)) {
        isNullList = true;
        return value.is_null().error() == simdjson::SUCCESS ? nullptr : "symbols is not an array or null";
    }
    return forEachElement(value, "symbols is not an array or null", [&](ondemand::value element) -> Problem {
        std::string_view symbol;
        if (!readString(element, symbol))
            return "symbol is not a string";
        symbols.append(toQString(symbol));
        return nullptr;
    });
}

Problem readStreamType(ondemand::value value, std::optional<StreamType> &type)
{
    std::string_view name;
    if (!readString(value, name))
        return "stream_type is not a string";
    type = streamTypeFromName(name);
    return type ? nullptr : "stream_type is not one FIML defines";
}

void appendAcks(DecodeContext &context, bool subscribed)
{
    const QString channel = context.info.streamType ? streamTypeName(*context.info.streamType) : QString();
    const auto ack = [&](const QString &symbol) {
        SubscriptionAck event;
        event.venue = context.venue;
        event.channel = channel;
        event.symbol = symbol;
        event.subscribed = subscribed;
        context.events.emplace_back(std::move(event));
    };
    if (context.info.symbols.isEmpty()) {
        ack({});
        return;
    }
    for (const QString &symbol : std::as_const(context.info.symbols))
        ack(symbol);
}

} // namespace

Problem decodeSubscriptionAck(ondemand::object &frame, DecodeContext &context)
{
    // The docs' abbreviated ack (WS#1) has only subscription_id, symbols and disclaimer: accept it.
    bool haveId = false;
    bool nullSymbols = false;
    const Problem problem = forEachMember(frame, [&](auto key, ondemand::value field) -> Problem {
        if (key == "subscription_id") {
            std::string_view id;
            if (!readString(field, id))
                return "subscription_id is not a string";
            context.info.subscriptionId = toQString(id);
            haveId = true;
        } else if (key == "stream_type") {
            return readStreamType(field, context.info.streamType);
        } else if (key == "symbols") {
            return readSymbols(field, context.info.symbols, nullSymbols);
        } else if (key == "interval_ms") {
            std::int64_t interval = 0;
            if (!readInt64(field, interval) || interval < 0 || interval > INT32_MAX)
                return "interval_ms is not an integer";
            context.info.intervalMs = static_cast<int>(interval);
        } else if (key == "timestamp") {
            if (!readTimestamp(field, context.info.ts))
                return "timestamp is not an ISO-8601 time";
        }
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveId || context.info.subscriptionId.isEmpty())
        return "subscription_ack lacks subscription_id";
    if (nullSymbols)
        return "subscription_ack symbols is null";
    appendAcks(context, true);
    return nullptr;
}

Problem decodeUnsubscribeAck(ondemand::object &frame, DecodeContext &context)
{
    bool haveType = false;
    const Problem problem = forEachMember(frame, [&](auto key, ondemand::value field) -> Problem {
        if (key == "stream_type") {
            haveType = true;
            return readStreamType(field, context.info.streamType);
        }
        if (key == "symbols")
            return readSymbols(field, context.info.symbols, context.info.allSymbols);
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveType)
        return "unsubscribe_ack lacks stream_type";
    // A missing list means the same as null: the request named no symbols (docs/protocols/fiml.md §4.2).
    if (context.info.symbols.isEmpty())
        context.info.allSymbols = true;
    appendAcks(context, false);
    return nullptr;
}

Problem decodeHeartbeat(ondemand::object &frame, DecodeContext &context)
{
    const Problem problem = forEachMember(frame, [&](auto key, ondemand::value field) -> Problem {
        if (key == "timestamp")
            return readTimestamp(field, context.info.ts) ? nullptr : "heartbeat timestamp is not an ISO-8601 time";
        if (key == "active_subscriptions") {
            std::int64_t count = 0;
            if (!readInt64(field, count) || count < 0 || count > INT32_MAX)
                return "heartbeat active_subscriptions is not a count";
            context.info.activeSubscriptions = static_cast<int>(count);
        }
        return nullptr;
    });
    if (problem)
        return problem;
    context.events.emplace_back(Heartbeat { context.venue });
    return nullptr;
}

Problem decodeError(ondemand::object &frame, DecodeContext &context)
{
    std::string_view code, message;
    bool haveCode = false;
    const Problem problem = forEachMember(frame, [&](auto key, ondemand::value field) -> Problem {
        if (key == "error_code") {
            haveCode = readString(field, code);
            return haveCode ? nullptr : "error_code is not a string";
        }
        if (key == "message")
            return readString(field, message) ? nullptr : "error message is not a string";
        if (key == "timestamp")
            return readTimestamp(field, context.info.ts) ? nullptr : "error timestamp is not an ISO-8601 time";
        return nullptr;
    });
    if (problem)
        return problem;
    if (!haveCode)
        return "error lacks error_code";
    context.info.errorCode = toQString(code);
    QString words = errorText(code);
    const QString detail = errorDetail(message);
    if (!detail.isEmpty())
        words += u": "_s + detail;
    context.events.emplace_back(FeedError { context.venue, errorToken(code), words });
    return nullptr;
}

} // namespace tapescope::fiml::detail
