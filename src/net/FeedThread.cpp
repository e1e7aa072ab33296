#include "net/FeedThread.h"

#include "net/VenueFeed.h"

namespace tapescope {

FeedThread::FeedThread(const QString &name)
    : m_name(name)
{ }

FeedThread::~FeedThread()
{
    stop();
}

void FeedThread::run(VenueFeed *feed)
{
    stop();
    m_feed = feed;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(m_name.isEmpty() ? feed->venue() : m_name); // names the thread in a debugger and in perf
    m_feed->moveToThread(m_thread.get());
    QObject::connect(m_thread.get(), &QThread::finished, m_feed, &QObject::deleteLater);
    m_thread->start();
}

void FeedThread::stop()
{
    if (m_feed && m_thread && m_thread->isRunning()) {
        QMetaObject::invokeMethod(m_feed, &VenueFeed::stop, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
    m_feed = nullptr;
}

} // namespace tapescope
