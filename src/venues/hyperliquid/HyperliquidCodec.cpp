// Frame dispatch: classify the text, walk the envelope {"channel":..., "data":...}, hand `data` to the
// channel's decoder, and keep the frame's events only when all of it decoded.

#include "HyperliquidCodec.h"

#include "HyperliquidCompactBook.h"
#include "HyperliquidDecoders.h"

#include <algorithm>
#include <iterator>
#include <vector>

using namespace Qt::StringLiterals;

namespace tapescope::hyperliquid {

using detail::Problem;
namespace ondemand = simdjson::ondemand;

namespace {

enum class Channel {
    Unknown,
    SubscriptionResponse,
    Error,
    Pong,
    L2Book,
    Bbo,
    Trades,
    Candle,
    AllMids,
    AssetContext,
    SpotAssetContext
};

Channel channelFromName(std::string_view name)
{
    if (name == "l2Book")
        return Channel::L2Book;
    if (name == "trades")
        return Channel::Trades;
    if (name == "bbo")
        return Channel::Bbo;
    if (name == "allMids")
        return Channel::AllMids;
    if (name == "candle")
        return Channel::Candle;
    // A spot coin's activeAssetCtx answers on activeSpotAssetCtx (docs/protocols/hyperliquid.md §7.12).
    if (name == "activeAssetCtx")
        return Channel::AssetContext;
    if (name == "activeSpotAssetCtx")
        return Channel::SpotAssetContext;
    if (name == "subscriptionResponse")
        return Channel::SubscriptionResponse;
    if (name == "error")
        return Channel::Error;
    if (name == "pong")
        return Channel::Pong;
    return Channel::Unknown;
}

// What a text frame is before any JSON parsing.
enum class FrameKind { Json, Text, Garbage };

FrameKind classify(std::string_view frame)
{
    const auto first = std::find_if(frame.begin(), frame.end(),
                                    [](char c) { return c != ' ' && c != '\t' && c != '\r' && c != '\n'; });
    if (first == frame.end())
        return FrameKind::Garbage;
    if (*first == '{' || *first == '[' || *first == '"')
        return FrameKind::Json;
    std::string_view rest(&*first, static_cast<std::size_t>(frame.end() - first));
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r' || rest.back() == '\n'))
        rest.remove_suffix(1);
    if (rest == "null" || rest == "true" || rest == "false")
        return FrameKind::Json; // JSON, just not an object: malformed rather than ignorable text
    // Plain human text such as the legacy greeting "Websocket connection established." (docs/protocols/hyperliquid.md
    // §2): starts with a letter, no control bytes, valid UTF-8. Anything else is garbage, reported as malformed.
    const bool startsWithLetter = (*first >= 'A' && *first <= 'Z') || (*first >= 'a' && *first <= 'z');
    const bool printable = std::none_of(frame.begin(), frame.end(), [](char c) {
        const auto unit = static_cast<unsigned char>(c);
        return (unit < 0x20 && c != '\t' && c != '\r' && c != '\n') || unit == 0x7f;
    });
    if (startsWithLetter && printable && simdjson::validate_utf8(frame.data(), frame.size()))
        return FrameKind::Text;
    return FrameKind::Garbage;
}

const char *channelLabel(Channel channel)
{
    switch (channel) {
    case Channel::L2Book:
        return "l2Book";
    case Channel::Bbo:
        return "bbo";
    case Channel::Trades:
        return "trades";
    case Channel::Candle:
        return "candle";
    case Channel::AllMids:
        return "allMids";
    case Channel::AssetContext:
        return "activeAssetCtx";
    case Channel::SpotAssetContext:
        return "activeSpotAssetCtx";
    case Channel::SubscriptionResponse:
        return "subscriptionResponse";
    case Channel::Error:
        return "error";
    case Channel::Pong:
        return "pong";
    case Channel::Unknown:
        break;
    }
    return "frame";
}

} // namespace

struct Codec::Parser
{
    ondemand::parser json;
    // Reused input copy with SIMDJSON_PADDING readable bytes after the frame, so no per-frame allocation.
    std::vector<char> padded;
    EventBatch scratch;
    const QString venue = u"hyperliquid"_s;

    // Decodes a JSON frame into `scratch`; returns what was wrong, or nullptr.
    Problem decodeJson(std::string_view frame, Channel &channel, bool &unknown);
    Problem decodeData(Channel channel, ondemand::value data);
};

Problem Codec::Parser::decodeData(Channel channel, ondemand::value data)
{
    detail::DecodeContext context { venue, scratch };
    switch (channel) {
    case Channel::L2Book:
        return detail::decodeBook(data, context);
    case Channel::Bbo:
        return detail::decodeBbo(data, context);
    case Channel::Trades:
        return detail::decodeTrades(data, context);
    case Channel::Candle:
        return detail::decodeCandle(data, context);
    case Channel::AllMids:
        return detail::decodeAllMids(data, context);
    case Channel::AssetContext:
    case Channel::SpotAssetContext:
        return detail::decodeAssetContext(data, context);
    case Channel::SubscriptionResponse:
        return detail::decodeSubscriptionResponse(data, context);
    case Channel::Error:
        return detail::decodeError(data, context);
    case Channel::Pong:
    case Channel::Unknown:
        break; // data (if any) is not ours to read; the envelope walk skips it
    }
    return nullptr;
}

Problem Codec::Parser::decodeJson(std::string_view frame, Channel &channel, bool &unknown)
{
    ondemand::document document;
    if (const auto error = json.iterate(venuejson::paddedCopy(padded, frame)).get(document))
        return simdjson::error_message(error);
    ondemand::object envelope;
    if (document.get_object().get(envelope) != simdjson::SUCCESS)
        return "frame is not a JSON object";

    // Walk every member in order so that a truncated or broken frame fails even where we skip values.
    bool haveChannel = false;
    bool haveData = false;
    bool dataDecoded = false;
    std::string_view channelName;
    for (auto memberResult : envelope) {
        ondemand::field member;
        if (const auto error = std::move(memberResult).get(member))
            return simdjson::error_message(error);
        const auto key = member.key();
        if (key == "channel") {
            if (!detail::readString(member.value(), channelName))
                return "channel is not a string";
            channel = channelFromName(channelName);
            haveChannel = true;
        } else if (key == "data") {
            haveData = true;
            if (haveChannel && !dataDecoded) { // a repeated "data" is skipped, not decoded twice
                if (const Problem problem = decodeData(channel, member.value()))
                    return problem;
                dataDecoded = true;
            }
        }
    }
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON object";
    if (!haveChannel)
        return "frame has no channel";
    unknown = channel == Channel::Unknown;
    if (unknown)
        return nullptr;
    if (haveData && !dataDecoded) {
        // "data" came before "channel": the structure is already checked, so read it again by name.
        document.rewind();
        ondemand::value data;
        if (document.get_object().get(envelope) != simdjson::SUCCESS
            || envelope.find_field_unordered("data").get(data) != simdjson::SUCCESS)
            return "data cannot be read";
        return decodeData(channel, data);
    }
    if (!haveData) {
        if (channel == Channel::Error) {
            detail::DecodeContext context { venue, scratch };
            detail::appendVenueError({}, context);
        } else if (channel != Channel::Pong) {
            return "frame has no data";
        }
    }
    return nullptr;
}

Codec::Codec()
    : m_parser(std::make_unique<Parser>())
{
    m_parser->scratch.reserve(64);
}

Codec::~Codec() = default;

void Codec::decode(std::string_view frame, EventBatch &out)
{
    ++m_stats.frames;
    Channel channel = Channel::Unknown;
    Problem problem = nullptr;
    switch (classify(frame)) {
    case FrameKind::Text:
        ++m_stats.ignoredText;
        return;
    case FrameKind::Garbage:
        problem = frame.empty() ? "empty frame" : "not JSON";
        break;
    case FrameKind::Json: {
        // Most frames under load are l2Book in the venue's own compact spelling: read in one pass.
        if (detail::decodeCompactBook(frame, m_parser->venue, out))
            return;
        bool unknown = false;
        m_parser->scratch.clear();
        problem = m_parser->decodeJson(frame, channel, unknown);
        if (!problem && unknown) {
            ++m_stats.unknownChannels;
            return;
        }
        break;
    }
    }
    if (!problem) {
        if (channel == Channel::Pong)
            out.emplace_back(Heartbeat { m_parser->venue });
        EventBatch &scratch = m_parser->scratch;
        out.insert(out.end(), std::make_move_iterator(scratch.begin()), std::make_move_iterator(scratch.end()));
        scratch.clear();
        return;
    }
    ++m_stats.malformed;
    m_parser->scratch.clear();
    // The codec does not log: the service owns the logging category and reports FeedErrors.
    out.emplace_back(FeedError { m_parser->venue, u"malformed"_s,
                                 QLatin1String(channelLabel(channel)) + u": "_s + QLatin1String(problem)
                                     + u" (frame: "_s + detail::boundedText(frame, 60) + u')' });
}

} // namespace tapescope::hyperliquid
