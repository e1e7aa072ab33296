#include "FimlEmulatorSession.h"

#include "FimlQuotes.h"

#include <QtCore/QTimer>
#include <QtCore/QUuid>
#include <QtWebSockets/QWebSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::fiml {

namespace {

const QByteArray &disclaimer()
{
    static const QByteArray text = QStringLiteral("\u26a0\ufe0f DISCLAIMER: Real-time market data is for informational "
                                                  "purposes only. This is not financial "
                                                  "advice. Markets are volatile and data may be delayed. See LICENSE "
                                                  "file for complete liability disclaimer.")
                                       .toUtf8();
    return text;
}

QByteArray stringList(const QStringList &symbols)
{
    QByteArray out = "[";
    for (const QString &symbol : symbols)
        out += (out.size() > 1 ? "," : "") + jsonString(symbol);
    return out + ']';
}

} // namespace

FimlEmulatorSession::FimlEmulatorSession(QWebSocket *socket, FimlQuotes &quotes, int heartbeatIntervalMs,
                                         QObject *parent)
    : VenueSession(socket, parent)
    , m_quotes(quotes)
    , m_heartbeatTimer(new QTimer(this))
{
    // FIML reads text only: a binary frame escapes its receive loop and ends the connection, no error
    // frame (docs/protocols/fiml.md §6).
    connect(socket, &QWebSocket::binaryMessageReceived, socket, &QWebSocket::abort);
    // The first heartbeat comes one interval after connect: the sleep precedes the send (docs/protocols/fiml.md §2).
    connect(m_heartbeatTimer, &QTimer::timeout, this, [this] {
        send("{\"type\":\"heartbeat\",\"timestamp\":\"" + isoTime(nowMs())
             + "\",\"active_subscriptions\":" + QByteArray::number(subscriptionCount()) + '}');
    });
    if (heartbeatIntervalMs > 0)
        m_heartbeatTimer->start(heartbeatIntervalMs);
}

FimlEmulatorSession::~FimlEmulatorSession() = default;

void FimlEmulatorSession::reply(const QByteArray &frame)
{
    if (isSilent())
        m_heldReplies.append(frame);
    else
        send(frame);
}

void FimlEmulatorSession::setSilent(bool silent)
{
    VenueSession::setSilent(silent);
    if (!silent) {
        for (const QByteArray &frame : std::exchange(m_heldReplies, {}))
            send(frame);
    }
}

void FimlEmulatorSession::failRequests(int count, const QString &errorCode, const QString &message)
{
    m_failuresLeft = count;
    m_failureCode = errorCode;
    m_failureMessage = message;
}

void FimlEmulatorSession::onClientFrame(const QByteArray &frame)
{
    if (m_ignoreInput)
        return;
    // Requests are handled strictly in order, one reply each (docs/protocols/fiml.md §5).
    if (m_failuresLeft > 0) {
        --m_failuresLeft;
        reply(errorFrame(m_failureCode, m_failureMessage, nowMs()));
        return;
    }
    const ClientRequest request = parseClientRequest(frame);
    switch (request.kind) {
    case ClientRequest::Kind::Subscribe:
        subscribe(request);
        break;
    case ClientRequest::Kind::Unsubscribe:
        unsubscribe(request);
        break;
    case ClientRequest::Kind::Refused:
        reply(errorFrame(request.errorCode, request.message, nowMs()));
        break;
    }
}

void FimlEmulatorSession::subscribe(const ClientRequest &request)
{
    // Every accepted subscribe is a new, independent subscription (docs/protocols/fiml.md §3.1).
    Subscription subscription;
    subscription.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    subscription.streamType = request.streamType;
    subscription.symbols = request.symbols;
    subscription.intervalMs = request.intervalMs;
    subscription.timer = new QTimer(this);
    const QString id = subscription.id;
    connect(subscription.timer, &QTimer::timeout, this, [this, id] { poll(id); });
    subscription.timer->start(subscription.intervalMs);
    m_subscriptions.push_back(subscription);
    reply("{\"type\":\"subscription_ack\",\"stream_type\":" + jsonString(request.streamType)
          + ",\"symbols\":" + stringList(request.symbols) + ",\"subscription_id\":" + jsonString(id)
          + ",\"interval_ms\":" + QByteArray::number(request.intervalMs) + ",\"timestamp\":\"" + isoTime(nowMs())
          + "\",\"disclaimer\":" + jsonString(disclaimer()) + '}');
    poll(id); // the first fetch starts at once; later ones wait the interval
}

void FimlEmulatorSession::subscribeImplicitly(const QStringList &symbols)
{
    ClientRequest request;
    request.kind = ClientRequest::Kind::Subscribe;
    request.streamType = u"price"_s;
    request.symbols = symbols;
    m_ignoreInput = true;
    subscribe(request);
}

void FimlEmulatorSession::unsubscribe(const ClientRequest &request)
{
    // By stream type only; with symbols, they leave every matching subscription and an emptied one is
    // cancelled (docs/protocols/fiml.md §3.2). Always acknowledged, even when nothing matched.
    for (auto it = m_subscriptions.begin(); it != m_subscriptions.end();) {
        if (it->streamType == request.streamType) {
            if (request.allSymbols)
                it->symbols.clear();
            for (const QString &symbol : request.symbols)
                it->symbols.removeAll(symbol);
        }
        if (it->symbols.isEmpty()) {
            delete it->timer;
            it = m_subscriptions.erase(it);
        } else {
            ++it;
        }
    }
    reply("{\"type\":\"unsubscribe_ack\",\"stream_type\":" + jsonString(request.streamType)
          + ",\"symbols\":" + (request.allSymbols ? QByteArray("null") : stringList(request.symbols)) + '}');
}

void FimlEmulatorSession::poll(const QString &id)
{
    const auto it = std::find_if(m_subscriptions.begin(), m_subscriptions.end(),
                                 [&id](const Subscription &s) { return s.id == id; });
    if (it == m_subscriptions.end())
        return;
    // quote, trades and multi_asset run the price loop, so their frames say "price" (docs/protocols/fiml.md §4.3).
    const bool ohlcv = it->streamType == u"ohlcv"_s;
    const qint64 at = nowMs();
    QByteArray elements;
    for (const QString &symbol : std::as_const(it->symbols))
        elements += (elements.isEmpty() ? "" : ",")
            + (ohlcv ? m_quotes.ohlcvUpdate(symbol, at) : m_quotes.priceUpdate(symbol, at));
    send("{\"type\":\"data\",\"stream_type\":\"" + QByteArray(ohlcv ? "ohlcv" : "price")
         + "\",\"subscription_id\":" + jsonString(id) + ",\"data\":[" + elements + "],\"timestamp\":\"" + isoTime(at)
         + "\",\"metadata\":{},\"disclaimer\":null}");
}

} // namespace tapescope::emulator::fiml
