#pragma once

#include <QtCore/QMetaObject>
#include <QtCore/QPointer>

namespace tapescope {

// A FeedController lives in the GUI thread and its venue service in a worker thread: every request is a
// queued call of `work(service)` in the service's thread. A service already gone takes no more requests.
template<typename Service, typename Work> void callQueued(const QPointer<Service> &service, Work work)
{
    if (!service)
        return;
    Service *target = service.data();
    QMetaObject::invokeMethod(
        target, [target, work] { work(target); }, Qt::QueuedConnection);
}

} // namespace tapescope
