#pragma once

#include "app/credentials/VenueCredentials.h"
#include "venues/api/VenueSettings.h"

#include "net/FeedThread.h"
#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace tapescope {

class VenueDriver;
class VenueFeed;
struct FeedStatus;

// The settings dialog's "Test connection": opens a short-lived feed with the settings as typed, in its own
// thread, and reports the venue's answer — accepted once the feed goes live, or the venue's own error
// (a refused handshake, an error frame) — then closes it again.
class ConnectionTester : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    // One test at a time: a new one cancels the previous. finished() comes exactly once per test.
    void test(const VenueDriver &driver, const VenueSettings &settings, const VenueCredentials &credentials,
              int timeoutMs = 10000);
    bool isRunning() const { return m_feed != nullptr; }

Q_SIGNALS:
    void finished(const QString &venue, bool accepted, const QString &message);

private:
    void onStatus(const FeedStatus &status);
    void finish(bool accepted, const QString &message);
    void tearDown();

    QString m_venue;
    VenueFeed *m_feed = nullptr;
    FeedThread m_thread;
    QTimer m_timeout;
    QElapsedTimer m_elapsed;
};

} // namespace tapescope
