#include "net/FeedThread.h"

#include "net/VenueFeed.h"

namespace tapescope {

FeedThread::FeedThread(const QString &name)
{
    m_thread.setObjectName(name);
}

FeedThread::~FeedThread()
{
    stop();
}

void FeedThread::run(VenueFeed *feed)
{
    m_feed = feed;
    if (m_thread.objectName().isEmpty())
        m_thread.setObjectName(feed->venue()); // names the thread in a debugger and in perf
    m_feed->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_feed, &QObject::deleteLater);
    m_thread.start();
}

void FeedThread::stop()
{
    if (m_feed && m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_feed, &VenueFeed::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    m_feed = nullptr;
}

} // namespace tapescope
