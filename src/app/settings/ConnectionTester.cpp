#include "ConnectionTester.h"

#include "SettingsLog.h"
#include "core/Events.h"
#include "models/FeedReasonText.h"
#include "net/FeedStatus.h"
#include "net/VenueFeed.h"
#include "venues/api/VenueDriver.h"

namespace tapescope {

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_thread(QStringLiteral("connection-test"))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(false,
               tr("No answer from %1 within %2 s; check the URL and your network.")
                   .arg(m_venue)
                   .arg(m_timeout.interval() / 1000));
    });
}

ConnectionTester::~ConnectionTester()
{
    tearDown();
}

void ConnectionTester::test(const VenueDriver &driver, const VenueSettings &settings,
                            const VenueCredentials &credentials, int timeoutMs)
{
    tearDown();
    m_venue = settings.venue;
    QString error;
    std::unique_ptr<VenueFeed> feed = driver.createFeed(settings, credentials, &error);
    if (!feed) {
        const QString venue = m_venue;
        QMetaObject::invokeMethod(
            this, [this, venue, error] { Q_EMIT finished(venue, false, error); }, Qt::QueuedConnection);
        return;
    }
    m_feed = feed.release();
    connect(m_feed, &VenueFeed::feedStatusChanged, this, &ConnectionTester::onStatus);
    // A venue that accepts the socket but refuses the session (Kalshi error 9, Alpaca auth failure) says so in a frame.
    connect(m_feed, &VenueFeed::eventsReady, this, [this](const EventBatch &batch) {
        for (const MarketEvent &event : batch) {
            if (const auto *problem = std::get_if<FeedError>(&event);
                problem && problem->code != QLatin1String("malformed"))
                finish(false, tr("%1 answered: %2").arg(m_venue, problem->message));
        }
    });
    qCInfo(lcSettings) << "testing the connection to" << m_venue << settings.environment;
    m_elapsed.start();
    m_timeout.start(timeoutMs);
    m_thread.run(m_feed);
    QMetaObject::invokeMethod(m_feed, &VenueFeed::start, Qt::QueuedConnection);
}

void ConnectionTester::onStatus(const FeedStatus &status)
{
    using State = ConnectionState;
    if (!m_feed)
        return;
    if (status.state == State::Live) {
        finish(true, tr("Connected: %1 accepted the connection in %2 ms.").arg(m_venue).arg(m_elapsed.elapsed()));
    } else if (status.state == State::Down || status.state == State::BackingOff) {
        // The first refusal is the venue's answer; retrying would only repeat it.
        finish(false, tr("%1 refused: %2").arg(m_venue, FeedReasonText::of(status.reason)));
    }
}

void ConnectionTester::finish(bool accepted, const QString &message)
{
    if (!m_feed)
        return;
    const QString venue = m_venue;
    qCInfo(lcSettings) << "connection test of" << venue << (accepted ? "passed" : "failed");
    tearDown();
    Q_EMIT finished(venue, accepted, message);
}

void ConnectionTester::tearDown()
{
    m_timeout.stop();
    if (!m_feed)
        return;
    disconnect(m_feed, nullptr, this, nullptr);
    m_thread.stop();
    m_feed = nullptr;
}

} // namespace tapescope
