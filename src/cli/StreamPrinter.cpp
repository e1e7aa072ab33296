#include "cli/StreamPrinter.h"

#include "core/AccountJson.h"
#include "core/EventJson.h"
#include "net/VenueFeed.h"

#include <QtCore/QCoreApplication>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

StreamPrinter::StreamPrinter(VenueFeed *feed, Options options, QObject *parent)
    : QObject(parent)
    , m_feed(feed)
    , m_options(std::move(options))
{
    connect(m_feed, &VenueFeed::eventsReady, this, &StreamPrinter::onEvents);
    connect(m_feed, &VenueFeed::accountEventsReady, this, &StreamPrinter::onAccountEvents);
    connect(m_feed, &VenueFeed::feedStatusChanged, this, &StreamPrinter::onStatus);
    m_downTimer.setSingleShot(true);
    connect(&m_downTimer, &QTimer::timeout, this, [this] {
        const int seconds = m_options.reconnectLimitMs / 1000;
        if (m_wasLive) {
            fail(2, u"connection lost for more than %1 s: %2"_s.arg(seconds).arg(m_lastDetail));
            return;
        }
        const QString why = m_lastState == FeedStatus::stateName(ConnectionState::Connecting)
            ? u"the WebSocket handshake has not completed"_s
            : m_lastDetail;
        fail(2,
             u"cannot connect to %1 within %2 s (--reconnect-limit): %3"_s.arg(m_options.endpoint)
                 .arg(seconds)
                 .arg(why));
    });
    // The limit holds from the start: a first handshake that hangs is a connection that does not come.
    if (m_options.reconnectLimitMs > 0)
        m_downTimer.start(m_options.reconnectLimitMs);
}

void StreamPrinter::onEvents(const EventBatch &batch)
{
    for (const MarketEvent &event : batch) {
        if (m_finished)
            return;
        if (const auto *error = std::get_if<FeedError>(&event)) {
            writeLine(stderr, toNormalizedJson(event));
            if (m_options.fatalErrorCodes.contains(error->code))
                fail(3, u"the venue rejected the subscription: %1"_s.arg(error->message));
            continue;
        }
        if (std::holds_alternative<SubscriptionAck>(event) || std::holds_alternative<Heartbeat>(event)) {
            if (m_options.printStatus)
                writeLine(stdout, toNormalizedJson(event));
            continue;
        }
        if (!m_options.symbolFilter.isEmpty()) {
            const QString symbol = eventSymbol(event);
            if (symbol != m_options.symbolFilter)
                continue;
        }
        if (!m_muted)
            writeLine(stdout, toNormalizedJson(event));
        m_dataSinceLive = true;
        if (m_options.count > 0 && ++m_printed >= m_options.count) {
            finish(0);
            return;
        }
    }
}

// Account feeds: every event is data (`synced` included), printed in the order the service published it.
void StreamPrinter::onAccountEvents(const AccountEventBatch &batch)
{
    for (const AccountEvent &event : batch) {
        if (m_finished)
            return;
        if (!m_muted)
            writeLine(stdout, toNormalizedJson(event));
        m_dataSinceLive = true;
        if (m_options.count > 0 && ++m_printed >= m_options.count) {
            finish(0);
            return;
        }
    }
}

void StreamPrinter::onStatus(const FeedStatus &status)
{
    using S = ConnectionState;
    if (m_finished)
        return; // the fatal line, if any, stays the last line
    const QString state = FeedStatus::stateName(status.state);
    const QString detail = englishText(status.reason);
    if (state != m_lastState) {
        const QByteArray line = statusJson(status.venue, state, detail);
        if (m_options.printStatus)
            writeLine(stdout, line);
        writeLine(stderr, line);
    }
    m_lastState = state;
    m_lastDetail = detail;
    // The words for a stop: no "next attempt in ..." when there will be none.
    FeedReason finalReason = status.reason;
    finalReason.retryInMs = -1;
    const QString finalDetail = englishText(finalReason);
    if (status.state == S::Live && !m_live) {
        m_live = true;
        m_wasLive = true;
        m_dataSinceLive = false;
        m_downTimer.stop();
    } else if (status.state == S::BackingOff || status.state == S::Down) {
        switch (status.reason.code) {
        case FeedReason::Code::ApiKeyRefused:
        case FeedReason::Code::ApiKeyRequired:
            fail(3, u"the venue refused the connection: %1"_s.arg(finalDetail));
            return;
        case FeedReason::Code::ApiKeyMissing:
        case FeedReason::Code::ApiKeyIdMissing:
        case FeedReason::Code::PrivateKeyUnusable:
            fail(1, finalDetail);
            return;
        default:
            break;
        }
        // Down: the service gave up for good, on the venue's word (keys refused after the socket opened, as
        // Alpaca's 402; a plan that does not cover the feed). A venue refusal, even before the feed was ever Live.
        if (status.state == S::Down) {
            fail(3, u"the feed stopped: %1"_s.arg(finalDetail));
            return;
        }
        if (!m_wasLive) {
            // The venue answered and its service tries again (Alpaca's trading stream signs in the other documented
            // way after a refusal): its verdict decides, Down above, exit 3; --reconnect-limit bounds the wait.
            if (status.reason.code == FeedReason::Code::VenueError)
                return;
            fail(2, u"cannot connect to %1: %2"_s.arg(m_options.endpoint, finalDetail));
            return;
        }
        if (m_live) {
            m_live = false;
            // Some venues close the socket instead of answering a bad subscription (docs/protocols/hyperliquid.md
            // §2.3). Only the venue's closing counts: a socket this side dropped (a frame over the limit, a silent
            // server, a TLS or socket error) says nothing about the subscription.
            const bool venueClosed = status.reason.code == FeedReason::Code::ClosedByVenue
                || status.reason.code == FeedReason::Code::ConnectionLost;
            m_barrenDrops = m_dataSinceLive || !venueClosed ? 0 : m_barrenDrops + 1;
            if (m_barrenDrops >= 3) {
                fail(3,
                     u"the venue closed the connection %1 times after the subscription without sending data; "
                     "check that the symbol exists"_s.arg(m_barrenDrops));
                return;
            }
        }
        if (!m_downTimer.isActive() && m_options.reconnectLimitMs > 0)
            m_downTimer.start(m_options.reconnectLimitMs);
    }
}

void StreamPrinter::writeLine(FILE *stream, const QByteArray &line)
{
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

void StreamPrinter::fail(int code, const QString &message)
{
    if (m_finished)
        return;
    writeLine(stderr, fatalJson(m_options.command, code, message));
    finish(code);
}

void StreamPrinter::finish(int code)
{
    if (m_finished)
        return; // the first reason to stop stands
    m_finished = true;
    m_exitCode = code;
    m_feed->stop();
    QCoreApplication::exit(code);
}

} // namespace tapescope::cli
