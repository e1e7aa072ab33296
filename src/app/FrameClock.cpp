#include "FrameClock.h"

#include "market/MarketHub.h"

#include <QtQuick/QQuickWindow>

namespace tapescope {

FrameClock::FrameClock(QQuickWindow *window, MarketHub *hub)
    : QQuickItem(window->contentItem())
    , m_hub(hub)
{
    setObjectName(QStringLiteral("frameClock"));
    m_hub->setFramePacer([this] { polish(); });
}

FrameClock::~FrameClock()
{
    if (m_hub)
        m_hub->setFramePacer({});
}

void FrameClock::updatePolish()
{
    if (m_hub)
        m_hub->flush();
}

} // namespace tapescope
