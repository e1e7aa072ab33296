#include "FimlPendingRequests.h"

namespace tapescope::fiml {

std::optional<PendingRequests::Answer> PendingRequests::answer(const FrameInfo &reply)
{
    switch (reply.kind) {
    case FrameInfo::Kind::SubscriptionAck:
    case FrameInfo::Kind::UnsubscribeAck:
    case FrameInfo::Kind::Error:
        break;
    case FrameInfo::Kind::Malformed:
    case FrameInfo::Kind::Ignored:
    case FrameInfo::Kind::Data:
    case FrameInfo::Kind::Heartbeat:
        return std::nullopt;
    }
    if (m_pending.empty())
        return std::nullopt;
    Answer answer { std::move(m_pending.front()), true };
    m_pending.pop_front();
    answer.consistent = fits(answer.request, reply);
    return answer;
}

bool PendingRequests::fits(const Request &request, const FrameInfo &reply)
{
    const bool subscribe = request.kind == Request::Kind::Subscribe;
    switch (reply.kind) {
    case FrameInfo::Kind::SubscriptionAck:
        // The ack echoes stream type and symbols; the abbreviated doc form has no stream type.
        return subscribe && (!reply.streamType || *reply.streamType == request.streamType)
            && (reply.symbols.isEmpty() || reply.symbols == request.symbols);
    case FrameInfo::Kind::UnsubscribeAck:
        return !subscribe && reply.streamType == request.streamType;
    case FrameInfo::Kind::Error:
        if (reply.errorCode == QLatin1String("SUBSCRIPTION_ERROR"))
            return subscribe;
        if (reply.errorCode == QLatin1String("UNSUBSCRIBE_ERROR"))
            return !subscribe;
        return true; // INVALID_JSON, PROCESSING_ERROR, ...: any request can cause them
    default:
        return false;
    }
}

} // namespace tapescope::fiml
