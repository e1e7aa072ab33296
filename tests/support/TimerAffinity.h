#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QThread>
#include <QtCore/QTimer>

namespace tapescope::test {

// The app runs every venue service in a feed thread (QObject::moveToThread). A QTimer member that is not the service's
// child stays in the thread that made the service, and each start() from the feed thread then fails ("QObject::
// startTimer: Timers cannot be started from another thread"): the timer never fires. Moves `service` to a thread and
// back and says what is wrong, if anything: fewer timers moved with it than `expectedTimers` (its own and
// VenueService's), or one left behind.
inline QString timersMoveWith(QObject *service, int expectedTimers)
{
    QThread feed;
    feed.start();
    QThread *home = service->thread();
    service->moveToThread(&feed);
    const QList<QTimer *> timers = service->findChildren<QTimer *>();
    QString problem;
    if (timers.size() < expectedTimers)
        problem
            = QStringLiteral("%1 timers moved with the service, %2 expected").arg(timers.size()).arg(expectedTimers);
    for (const QTimer *timer : timers) {
        if (timer->thread() != &feed)
            problem = QStringLiteral("a timer stayed behind");
    }
    QMetaObject::invokeMethod(
        service, [service, home] { service->moveToThread(home); }, Qt::BlockingQueuedConnection);
    feed.quit();
    feed.wait();
    return problem;
}

} // namespace tapescope::test
