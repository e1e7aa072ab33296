#pragma once

#include "FimlCodec.h"

#include <QtCore/QStringList>

#include <deque>
#include <optional>

namespace tapescope::fiml {

// Matches FIML's replies to the requests that caused them. FIML has no request ids, but one connection's
// requests are handled strictly in order and each gets exactly one reply — subscription_ack,
// unsubscribe_ack or error — while data and heartbeat frames may interleave (docs/protocols/fiml.md §4.5, §5, §7.6).
// So: push() every request as it is sent, offer every decoded frame to answer(); the oldest pending
// request is the one answered. clear() on reconnect: the server forgets everything (docs/protocols/fiml.md §7.7).
class PendingRequests
{
public:
    struct Request
    {
        enum class Kind { Subscribe, Unsubscribe };
        Kind kind = Kind::Subscribe;
        StreamType streamType = StreamType::Price;
        QStringList symbols;
        quint64 tag = 0; // the caller's own id, e.g. which panel asked
    };

    struct Answer
    {
        Request request;
        // False when the reply cannot belong to that request (e.g. an unsubscribe_ack for a subscribe,
        // or another stream type): the service lost track and should resubscribe from scratch.
        bool consistent = true;
    };

    void push(Request request) { m_pending.push_back(std::move(request)); }
    // For acks and errors: the oldest pending request, now answered. nullopt for data, heartbeats and
    // ignored frames (nothing is consumed), and for a reply when nothing is pending (unsolicited).
    std::optional<Answer> answer(const FrameInfo &reply);

    std::size_t size() const { return m_pending.size(); }
    bool isEmpty() const { return m_pending.empty(); }
    void clear() { m_pending.clear(); }

private:
    static bool fits(const Request &request, const FrameInfo &reply);
    std::deque<Request> m_pending;
};

} // namespace tapescope::fiml
