// Frame dispatch: walk the envelope {type, id, sid, seq, msg}, decode `msg` by type, then — only when the
// whole frame decoded — check the sequence and apply book changes, so a bad frame changes nothing.

#include "KalshiCodec.h"
#include "KalshiBookKeeper.h"
#include "KalshiDecoders.h"

#include <iterator>
#include <vector>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

using detail::Problem;
namespace ondemand = simdjson::ondemand;

namespace {

enum class MessageType {
    Unknown,
    Ignored,
    Subscribed,
    Unsubscribed,
    Ok,
    Error,
    Snapshot,
    Delta,
    Ticker,
    TickerV2,
    Trade,
    Lifecycle
};

MessageType messageTypeFromName(std::string_view name)
{
    if (name == "orderbook_delta")
        return MessageType::Delta;
    if (name == "ticker")
        return MessageType::Ticker;
    if (name == "trade")
        return MessageType::Trade;
    if (name == "orderbook_snapshot")
        return MessageType::Snapshot;
    if (name == "market_lifecycle_v2")
        return MessageType::Lifecycle;
    if (name == "ticker_v2")
        return MessageType::TickerV2;
    if (name == "subscribed")
        return MessageType::Subscribed;
    if (name == "unsubscribed")
        return MessageType::Unsubscribed;
    if (name == "ok")
        return MessageType::Ok;
    if (name == "error")
        return MessageType::Error;
    // Documented in one revision or another (docs/protocols/kalshi.md §6, §7.6–§7.10) but not market data this client
    // shows.
    static constexpr std::string_view kDocumented[] = { "fill",
                                                        "market_position",
                                                        "user_order",
                                                        "order_group_updates",
                                                        "event_lifecycle",
                                                        "event_fee_update",
                                                        "multivariate_lookup",
                                                        "multivariate_market_lifecycle",
                                                        "rfq_created",
                                                        "rfq_deleted",
                                                        "quote_created",
                                                        "quote_accepted",
                                                        "quote_executed" };
    for (const std::string_view documented : kDocumented) {
        if (name == documented)
            return MessageType::Ignored;
    }
    return MessageType::Unknown;
}

} // namespace

struct Codec::Parser
{
    ondemand::parser json;
    std::vector<char> padded; // reused input copy with SIMDJSON_PADDING bytes after the frame
    EventBatch scratch;
    const QString venue = QString::fromLatin1(VenueName);

    // Per-frame results, filled by decodeJson and applied by Codec::decode.
    detail::Envelope envelope;
    MessageType type = MessageType::Unknown;
    detail::ParsedSnapshot snapshot;
    detail::ParsedDelta delta;
    int errorCode = -1;
    bool lifecycleIgnored = false;

    detail::BookKeeper keeper { venue };

    Problem decodeJson(std::string_view frame);
    Problem decodeMsg(ondemand::value msg);
    Problem finishWithoutMsg();
};

Problem Codec::Parser::decodeMsg(ondemand::value msg)
{
    detail::DecodeContext context { venue, envelope, scratch };
    switch (type) {
    case MessageType::Snapshot:
        return detail::decodeSnapshot(msg, snapshot);
    case MessageType::Delta:
        return detail::decodeDelta(msg, delta);
    case MessageType::Ticker:
        return detail::decodeTicker(msg, context);
    case MessageType::TickerV2:
        return detail::decodeTickerV2(msg, context);
    case MessageType::Trade:
        return detail::decodeTrade(msg, context);
    case MessageType::Lifecycle:
        return detail::decodeLifecycle(msg, context, lifecycleIgnored);
    case MessageType::Subscribed:
        return detail::decodeSubscribed(msg, context);
    case MessageType::Ok:
        return detail::decodeOk(msg, context);
    case MessageType::Error:
        return detail::decodeError(msg, context, errorCode);
    case MessageType::Unsubscribed:
    case MessageType::Ignored:
    case MessageType::Unknown:
        break; // not ours to read; the envelope walk has already checked its structure
    }
    return nullptr;
}

Problem Codec::Parser::finishWithoutMsg()
{
    detail::DecodeContext context { venue, envelope, scratch };
    switch (type) {
    case MessageType::Subscribed:
        detail::appendSubscribedWithoutMsg(context);
        return nullptr;
    case MessageType::Ok:
        detail::appendOkWithoutMsg(context);
        return nullptr;
    case MessageType::Unsubscribed:
        detail::appendUnsubscribed(context);
        return nullptr;
    case MessageType::Error:
        detail::appendErrorWithoutMsg(context);
        return nullptr;
    case MessageType::Ignored:
    case MessageType::Unknown:
        return nullptr;
    default:
        return "frame has no msg";
    }
}

Problem Codec::Parser::decodeJson(std::string_view frame)
{
    ondemand::document document;
    if (const auto error = json.iterate(venuejson::paddedCopy(padded, frame)).get(document))
        return simdjson::error_message(error);
    ondemand::object root;
    if (document.get_object().get(root) != simdjson::SUCCESS)
        return "frame is not a JSON object";

    // Walk every member in order so that a truncated frame fails even where values are skipped.
    bool haveType = false;
    bool haveMsg = false;
    bool msgDecoded = false;
    bool haveTopLevelTickers = false;
    for (auto memberResult : root) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        std::string_view key;
        if (member.unescaped_key().get(key) != simdjson::SUCCESS)
            return "member name is not a string";
        if (key == "type") {
            if (!detail::readString(member.value(), envelope.type))
                return "type is not a string";
            type = messageTypeFromName(envelope.type);
            haveType = true;
        } else if (key == "id" || key == "sid" || key == "seq") {
            std::int64_t &target = key == "id" ? envelope.id : key == "sid" ? envelope.sid : envelope.seq;
            if (!detail::readInt64(member.value(), target) || target < 0)
                return "id, sid or seq is not a non-negative integer";
        } else if (key == "msg") {
            haveMsg = true;
            if (haveType && !msgDecoded) {
                if (const Problem problem = decodeMsg(member.value()))
                    return problem;
                msgDecoded = true;
            }
        } else if (key == "market_tickers") {
            haveTopLevelTickers = true;
        }
    }
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON object";
    if (!haveType)
        return "frame has no type";
    if (type == MessageType::Unknown || type == MessageType::Ignored)
        return nullptr;
    if (haveMsg && !msgDecoded) {
        // "msg" came before "type": the structure is already checked, so read it again by name.
        document.rewind();
        ondemand::value msg;
        if (document.get_object().get(root) != simdjson::SUCCESS
            || root.find_field_unordered("msg").get(msg) != simdjson::SUCCESS)
            return "msg cannot be read";
        return decodeMsg(msg);
    }
    if (!haveMsg && type == MessageType::Ok && haveTopLevelTickers) {
        document.rewind();
        ondemand::value tickers;
        if (document.get_object().get(root) != simdjson::SUCCESS
            || root.find_field_unordered("market_tickers").get(tickers) != simdjson::SUCCESS)
            return "market_tickers cannot be read";
        detail::DecodeContext context { venue, envelope, scratch };
        return detail::decodeOkTickers(tickers, context);
    }
    return haveMsg ? nullptr : finishWithoutMsg();
}

Codec::Codec()
    : m_parser(std::make_unique<Parser>())
{
    m_parser->scratch.reserve(16);
}

Codec::~Codec() = default;

void Codec::reset()
{
    m_parser->keeper.reset();
}

qint64 Codec::lastSequence(qint64 sid) const
{
    return m_parser->keeper.lastSequence(sid);
}

void Codec::decode(std::string_view frame, EventBatch &out)
{
    ++m_stats.frames;
    Parser &p = *m_parser;
    p.scratch.clear();
    p.envelope = {};
    p.type = MessageType::Unknown;
    p.snapshot = {};
    p.delta = {};
    p.errorCode = -1;
    p.lifecycleIgnored = false;

    if (const Problem problem = p.decodeJson(frame)) {
        ++m_stats.malformed;
        p.scratch.clear();
        const QString type = p.envelope.type.empty() ? u"frame"_s : detail::boundedText(p.envelope.type, 40);
        // The codec does not log: the service owns the logging category and reports FeedErrors.
        out.emplace_back(FeedError { p.venue, u"malformed"_s,
                                     type + u": "_s + QLatin1String(problem) + u" (frame: "_s
                                         + detail::boundedText(frame, 60) + u')' });
        return;
    }

    const QString symbol = p.type == MessageType::Snapshot ? p.snapshot.market
        : p.type == MessageType::Delta                     ? p.delta.market
                                                           : QString();
    p.keeper.checkSequence(p.envelope, symbol, out, m_stats);
    switch (p.type) {
    case MessageType::Unknown:
        ++m_stats.unknownMessages;
        break;
    case MessageType::Ignored:
        ++m_stats.ignoredMessages;
        break;
    case MessageType::Lifecycle:
        m_stats.ignoredMessages += p.lifecycleIgnored ? 1 : 0;
        break;
    case MessageType::Subscribed:
        // A new subscription starts its own sequence.
        if (p.envelope.seq < 0) {
            for (const MarketEvent &event : p.scratch) {
                if (const auto *ack = std::get_if<SubscriptionAck>(&event); ack && ack->subscriptionId >= 0)
                    p.keeper.restartSequence(ack->subscriptionId);
            }
        }
        break;
    case MessageType::Unsubscribed:
        if (p.envelope.sid >= 0)
            p.keeper.forgetSubscription(p.envelope.sid);
        break;
    case MessageType::Error:
        if ((p.errorCode == 10 || p.errorCode == 25) && p.envelope.sid >= 0)
            p.keeper.forgetSubscription(p.envelope.sid);
        break;
    case MessageType::Snapshot:
        p.keeper.applySnapshot(p.envelope, p.snapshot, p.scratch);
        break;
    case MessageType::Delta:
        p.keeper.applyDelta(p.envelope, p.delta, p.scratch, m_stats);
        break;
    case MessageType::Ok:
    case MessageType::Ticker:
    case MessageType::TickerV2:
    case MessageType::Trade:
        break;
    }
    out.insert(out.end(), std::make_move_iterator(p.scratch.begin()), std::make_move_iterator(p.scratch.end()));
    p.scratch.clear();
}

} // namespace tapescope::kalshi
