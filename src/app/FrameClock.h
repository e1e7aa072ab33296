#pragma once

#include <QtCore/QPointer>
#include <QtQuick/QQuickItem>

class QQuickWindow;

namespace tapescope {

class MarketHub;

// Paces the MarketHub to the window's frames (docs/architecture.md "Threads": models change at most once per display
// frame). When the hub has news it calls polish() on this invisible item; the window then prepares a
// frame and, on the GUI thread before it syncs the scene graph, calls updatePolish(), where the hub
// flushes. Items the flush changes (ListView rows, text) are polished in the same pass, so the frame
// being prepared shows the newest book: with vsync (the threaded render loop) that is one flush per
// displayed frame, and the shown book is never older than the frame that shows it.
class FrameClock : public QQuickItem
{
    Q_OBJECT

public:
    FrameClock(QQuickWindow *window, MarketHub *hub);
    ~FrameClock() override;

protected:
    void updatePolish() override;

private:
    QPointer<MarketHub> m_hub;
};

} // namespace tapescope
