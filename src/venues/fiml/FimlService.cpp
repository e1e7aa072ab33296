#include "FimlService.h"

#include <QtCore/QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcFiml, "tapescope.venue.fiml")

namespace tapescope::fiml {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

using Reason = FeedReason::Code;

ConnectionConfig connectionTo(const ServiceConfig &service, ConnectionConfig config)
{
    config.url = service.url();
    return config;
}

} // namespace

std::optional<ServiceConfig> ServiceConfig::fromUrl(const QUrl &url, QString *error)
{
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"ws"_s && scheme != u"wss"_s)) {
        if (error)
            *error = u"'%1' is not a FIML stream URL; give ws://host:port/ws/stream"_s.arg(url.toString());
        return std::nullopt;
    }
    if (!url.path().isEmpty() && url.path() != u"/"_s && url.path() != u"/ws/stream"_s) {
        if (error)
            *error = u"FIML's stream is at /ws/stream, not %1"_s.arg(url.path());
        return std::nullopt;
    }
    ServiceConfig config;
    config.host = url.host();
    config.tls = scheme == u"wss"_s;
    config.port = url.port(config.tls ? 443 : DefaultPort);
    return config;
}

ConnectionConfig FimlService::defaultConnection()
{
    ConnectionConfig config;
    config.heartbeatInterval = 0ms; // nothing to send: FIML expects no reply to its heartbeat
    config.webSocketPing = false; // a Pong would hide a stalled server behind a live socket
    config.staleAfter = 45s; // one and a half heartbeats (docs/protocols/fiml.md §2: every 30 s)
    config.silenceTimeout = 75s; // two and a half: the server is gone
    return config;
}

FimlService::FimlService(ServiceConfig config, QObject *parent)
    : FimlService(std::move(config), Options {}, parent)
{ }

FimlService::FimlService(ServiceConfig config, Options options, QObject *parent)
    : VenueService(venueName(), connectionTo(config, options.connection),
                   { options.batchIntervalMs, options.maxBatchEvents }, lcFiml, parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
{
    qRegisterMetaType<tapescope::fiml::SubscribeRequest>();
    qRegisterMetaType<tapescope::fiml::UnsubscribeRequest>();

    connect(connection(), &VenueConnection::opened, this, &FimlService::onOpened);
    connect(connection(), &VenueConnection::textFrameReceived, this, &FimlService::onFrame);
}

FimlService::~FimlService() = default;

void FimlService::startFeed()
{
    connection()->open();
}

FimlService::Wanted *FimlService::findWanted(quint64 tag)
{
    const auto it = std::find_if(m_wanted.begin(), m_wanted.end(), [tag](const Wanted &w) { return w.tag == tag; });
    return it == m_wanted.end() ? nullptr : &*it;
}

void FimlService::subscribe(const SubscribeRequest &request)
{
    Wanted wanted;
    wanted.tag = m_nextTag++;
    wanted.request = request;
    if (wanted.request.intervalMs == 0)
        wanted.request.intervalMs = m_config.intervalMs;
    const BuiltRequest built = subscribeFrame(wanted.request);
    if (!built.ok()) {
        reportError(u"invalid_subscription"_s, built.error);
        m_lastVenueError = built.error;
        publishStatus();
        return;
    }
    m_wanted.push_back(wanted);
    sendSubscribe(wanted);
}

void FimlService::sendSubscribe(const Wanted &wanted)
{
    if (!connection()->sendText(subscribeFrame(wanted.request).frame))
        return; // sent with the others once the socket opens
    pushRequest(
        { PendingRequests::Request::Kind::Subscribe, wanted.request.streamType, wanted.request.symbols, wanted.tag });
}

void FimlService::pushRequest(PendingRequests::Request request)
{
    if (m_requests.isEmpty())
        m_oldestRequestAge.start();
    m_requests.push(std::move(request));
}

void FimlService::checkDeadlines()
{
    if (m_requests.isEmpty() || !m_oldestRequestAge.isValid()
        || m_oldestRequestAge.elapsed() < m_options.replyTimeout.count())
        return;
    const qint64 waitedMs = m_oldestRequestAge.elapsed();
    m_oldestRequestAge.invalidate();
    connection()->reconnect({ Reason::RequestUnanswered, { u"FIML"_s }, 0, waitedMs });
}

void FimlService::unsubscribe(const UnsubscribeRequest &request)
{
    // Mirror the server (docs/protocols/fiml.md §3.2) so a reconnect re-creates exactly what is left.
    for (auto it = m_wanted.begin(); it != m_wanted.end();) {
        if (it->request.streamType == request.streamType) {
            if (request.symbols) {
                for (const QString &symbol : *request.symbols)
                    it->request.symbols.removeAll(symbol);
            } else {
                it->request.symbols.clear();
            }
        }
        if (it->request.symbols.isEmpty()) {
            m_routes.remove(it->subscriptionId); // its data is dropped from now on
            it = m_wanted.erase(it);
        } else {
            ++it;
        }
    }
    if (connection()->sendText(unsubscribeFrame(request)))
        pushRequest({ PendingRequests::Request::Kind::Unsubscribe, request.streamType,
                      request.symbols.value_or(QStringList()), 0 });
}

void FimlService::onOpened()
{
    // Subscriptions belong to the connection and their ids change: create them all again (docs/protocols/fiml.md §7.7).
    m_requests.clear();
    m_oldestRequestAge.invalidate();
    m_routes.clear();
    m_lastVenueError.clear();
    for (Wanted &wanted : m_wanted) {
        wanted.subscriptionId.clear();
        sendSubscribe(wanted);
    }
    publishStatus();
}

void FimlService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    Q_UNUSED(receivedAtMs);
    m_decoded.clear();
    const FrameInfo info
        = m_codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), m_decoded);
    switch (info.kind) {
    case FrameInfo::Kind::Data:
        keepData(info);
        break;
    case FrameInfo::Kind::SubscriptionAck:
    case FrameInfo::Kind::UnsubscribeAck:
    case FrameInfo::Kind::Error:
        onReply(info);
        [[fallthrough]];
    case FrameInfo::Kind::Malformed:
    case FrameInfo::Kind::Heartbeat:
    case FrameInfo::Kind::Ignored:
        for (MarketEvent &event : m_decoded) {
            if (const auto *error = std::get_if<FeedError>(&event)) {
                if (error->code == u"malformed"_s)
                    connection()->noteDecodeError();
                qCWarning(lcFiml).noquote() << error->code << error->message;
            }
            pendingEvents().push_back(std::move(event));
        }
        break;
    }
    eventsAdded();
}

void FimlService::keepData(const FrameInfo &info)
{
    // Route by subscription_id, never by the label (docs/protocols/fiml.md §4.3); unknown ids belong to a subscription
    // we no longer want, or to none of ours.
    const auto route = m_routes.constFind(info.subscriptionId);
    const Wanted *wanted = route == m_routes.cend() ? nullptr : findWanted(*route);
    if (!wanted)
        return;
    for (MarketEvent &event : m_decoded) {
        const QString symbol = eventSymbol(event);
        // Symbols unsubscribed from this subscription leave at the server's next tick.
        if (symbol.isEmpty() || wanted->request.symbols.contains(symbol))
            pendingEvents().push_back(std::move(event));
    }
}

void FimlService::onReply(const FrameInfo &info)
{
    const std::optional<PendingRequests::Answer> answer = m_requests.answer(info);
    if (info.kind == FrameInfo::Kind::Error) {
        QString words = errorText(info.errorCode.toStdString());
        for (const MarketEvent &event : m_decoded) {
            if (const auto *error = std::get_if<FeedError>(&event))
                words = error->message;
        }
        m_lastVenueError = words;
    }
    if (!answer)
        return; // unsolicited: shown, nothing to match
    if (m_requests.isEmpty())
        m_oldestRequestAge.invalidate();
    else
        m_oldestRequestAge.start();
    if (!answer->consistent) {
        // A reply that cannot belong to the oldest request: the order is lost, start the session over.
        qCWarning(lcFiml) << "FIML reply does not match the pending request; resubscribing";
        connection()->reconnect({ Reason::RepliesOutOfOrder, { u"FIML"_s } });
        return;
    }
    const bool subscribe = answer->request.kind == PendingRequests::Request::Kind::Subscribe;
    if (info.kind == FrameInfo::Kind::SubscriptionAck && subscribe) {
        if (Wanted *wanted = findWanted(answer->request.tag)) {
            wanted->subscriptionId = info.subscriptionId;
            m_routes.insert(info.subscriptionId, wanted->tag);
        }
        m_lastVenueError.clear();
    } else if (info.kind == FrameInfo::Kind::Error && subscribe && info.errorCode == u"SUBSCRIPTION_ERROR"_s) {
        // Refused on its merits: asking again after a reconnect would only be refused again. Other
        // errors (a failure while handling) leave it wanted, so the next session retries it.
        m_wanted.erase(std::remove_if(m_wanted.begin(), m_wanted.end(),
                                      [&](const Wanted &w) { return w.tag == answer->request.tag; }),
                       m_wanted.end());
    } else if (info.kind == FrameInfo::Kind::UnsubscribeAck) {
        m_lastVenueError.clear();
    }
    publishStatus();
}

void FimlService::adjustStatus(FeedStatus &status) const
{
    status.malformedFrames = m_codec.stats().malformed;
    if (status.state == ConnectionState::Live && !m_lastVenueError.isEmpty())
        status.reason = { Reason::LastVenueError, { m_lastVenueError } };
}

} // namespace tapescope::fiml
