#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>

class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;

namespace tapescope {

class Workspace;

// --screenshot: after `delayMs`, grabs the window into `path` and quits (exit code 0, or 1 if the
// PNG could not be written). Works on the offscreen platform.
void scheduleScreenshot(QQuickWindow *window, const QString &path, int delayMs);

// --self-test: passes (exit 0) once the ladder shows a book and, where accounts are configured (the demo's
// trader), the Account panel is on screen with their positions, orders or fills from a synced feed; fails (exit 1) on a
// timeout or on the first QML warning, so a broken binding fails CI instead of printing a line.
class SelfTest : public QObject
{
    Q_OBJECT

public:
    SelfTest(QQmlApplicationEngine *engine, Workspace *workspace, int timeoutMs = 10000, QObject *parent = nullptr);
    void start();

private:
    void check();
    void finish(bool passed, const QString &why);
    const QQuickItem *accountPanel() const;

    QQmlApplicationEngine *m_engine;
    Workspace *m_workspace;
    int m_timeoutMs;
    QStringList m_warnings;
    bool m_finished = false;
};

} // namespace tapescope
