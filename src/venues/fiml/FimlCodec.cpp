// Frame dispatch: every FIML frame is one JSON object switched on its `type` (docs/protocols/fiml.md §2, §4); the
// frame's events are kept only when all of it decoded.

#include "FimlCodec.h"
#include "FimlDecoders.h"

#include <iterator>
#include <vector>

using namespace Qt::StringLiterals;

namespace tapescope::fiml {

using detail::Problem;
namespace ondemand = simdjson::ondemand;

struct Codec::Parser
{
    ondemand::parser json;
    // Reused input copy with SIMDJSON_PADDING readable bytes after the frame: no per-frame allocation.
    std::vector<char> padded;
    EventBatch scratch;
    const QString venue = Codec::venue();

    Problem decodeFrame(std::string_view frame, FrameInfo &info, bool &unknownType);
};

Problem Codec::Parser::decodeFrame(std::string_view frame, FrameInfo &info, bool &unknownType)
{
    ondemand::document document;
    if (const auto error = json.iterate(venuejson::paddedCopy(padded, frame)).get(document))
        return simdjson::error_message(error);
    ondemand::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS)
        return "frame is not a JSON object";
    ondemand::value typeValue;
    std::string_view type;
    if (object.find_field_unordered("type").get(typeValue) != simdjson::SUCCESS)
        return "frame has no type";
    if (!detail::readString(typeValue, type))
        return "frame type is not a string";
    if (object.reset().error() != simdjson::SUCCESS)
        return "frame cannot be re-read";

    detail::DecodeContext context { venue, scratch, info };
    Problem problem = nullptr;
    if (type == "data") {
        info.kind = FrameInfo::Kind::Data;
        problem = detail::decodeData(object, context);
    } else if (type == "heartbeat") {
        info.kind = FrameInfo::Kind::Heartbeat;
        problem = detail::decodeHeartbeat(object, context);
    } else if (type == "subscription_ack") {
        info.kind = FrameInfo::Kind::SubscriptionAck;
        problem = detail::decodeSubscriptionAck(object, context);
    } else if (type == "unsubscribe_ack") {
        info.kind = FrameInfo::Kind::UnsubscribeAck;
        problem = detail::decodeUnsubscribeAck(object, context);
    } else if (type == "error") {
        info.kind = FrameInfo::Kind::Error;
        problem = detail::decodeError(object, context);
    } else {
        // Ignore unknown types (docs/protocols/fiml.md §4.6), but still walk the object so a broken frame is caught.
        info.kind = FrameInfo::Kind::Ignored;
        unknownType = true;
        problem = detail::forEachMember(object, [](auto, ondemand::value) -> Problem { return nullptr; });
    }
    if (problem)
        return problem;
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON object";
    return nullptr;
}

Codec::Codec()
    : m_parser(std::make_unique<Parser>())
{
    m_parser->scratch.reserve(64);
}

Codec::~Codec() = default;

QString Codec::venue()
{
    return u"fiml"_s;
}

FrameInfo Codec::decode(std::string_view frame, EventBatch &out)
{
    ++m_stats.frames;
    Parser &parser = *m_parser;
    parser.scratch.clear();
    FrameInfo info;
    bool unknownType = false;
    const Problem problem = frame.empty() ? "empty frame" : parser.decodeFrame(frame, info, unknownType);
    if (problem) {
        ++m_stats.malformed;
        parser.scratch.clear();
        // The codec does not log: the service owns the logging category and reports FeedErrors.
        out.emplace_back(FeedError { parser.venue, u"malformed"_s,
                                     QLatin1String(problem) + u" (frame: "_s + detail::boundedText(frame, 60) + u')' });
        return FrameInfo {};
    }
    if (unknownType)
        ++m_stats.unknownTypes;
    if (info.kind == FrameInfo::Kind::Data && !info.streamType)
        ++m_stats.unknownStreams;
    out.insert(out.end(), std::make_move_iterator(parser.scratch.begin()),
               std::make_move_iterator(parser.scratch.end()));
    parser.scratch.clear();
    return info;
}

} // namespace tapescope::fiml
