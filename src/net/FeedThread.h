#pragma once

#include <QtCore/QString>
#include <QtCore/QThread>

#include <memory>

namespace tapescope {

class VenueFeed;

// The worker thread a venue feed lives in (docs/architecture.md "Threads"). run() moves the feed there and
// starts the thread; from then on the thread owns the feed and deletes it when it finishes. stop() stops the
// feed in its own thread, then ends the thread. Nothing of the feed runs in the caller's thread.
class FeedThread
{
public:
    explicit FeedThread(const QString &name = {}); // default: the venue's name
    ~FeedThread(); // stop()
    FeedThread(const FeedThread &) = delete;
    FeedThread &operator=(const FeedThread &) = delete;

    // `feed` has no parent and lives in the calling thread. Connect to its signals before or after; ask it to
    // start (a queued VenueFeed::start) once its subscriptions are queued.
    void run(VenueFeed *feed);
    // Blocks until the feed has stopped and the thread has ended; the feed is deleted. Safe to call twice.
    void stop();

    VenueFeed *feed() const { return m_feed; }
    bool isRunning() const { return m_thread && m_thread->isRunning(); }

private:
    QString m_name;
    // A new QThread for every feed: a finished QThread is never started again, so nothing the last feed left in its
    // thread's data (posted events, timer registrations) can reach the next one.
    std::unique_ptr<QThread> m_thread;
    VenueFeed *m_feed = nullptr;
};

} // namespace tapescope
