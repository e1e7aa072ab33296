#include "UiChecks.h"

#include "AppLog.h"
#include "models/Workspace.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QMetaEnum>
#include <QtCore/QTimer>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlError>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>

#include <cstdio>

namespace tapescope {

void scheduleScreenshot(QQuickWindow *window, const QString &path, int delayMs)
{
    QTimer::singleShot(delayMs, window, [window, path] {
        const QImage image = window->grabWindow();
        const bool saved = !image.isNull() && image.save(path, "PNG");
        if (saved)
            std::fprintf(stdout, "screenshot saved to %s (%dx%d)\n", qPrintable(path), image.width(), image.height());
        else
            std::fprintf(stderr, "could not save the screenshot to %s\n", qPrintable(path));
        QCoreApplication::exit(saved ? 0 : 1);
    });
}

SelfTest::SelfTest(QQmlApplicationEngine *engine, Workspace *workspace, int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_workspace(workspace)
    , m_timeoutMs(timeoutMs)
{
    connect(engine, &QQmlEngine::warnings, this, [this](const QList<QQmlError> &warnings) {
        for (const QQmlError &warning : warnings)
            m_warnings.append(warning.toString());
        finish(false, QStringLiteral("QML warnings:\n") + m_warnings.join(QLatin1Char('\n')));
    });
}

void SelfTest::start()
{
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, &SelfTest::check);
    poll->start(100);
    QTimer::singleShot(m_timeoutMs, this, [this] {
        const char *state = QMetaEnum::fromType<FeedState::Value>().valueToKey(m_workspace->feedState());
        const AccountBook *accounts = m_workspace->accounts();
        finish(false,
               QStringLiteral("no order book%4 within %1 ms (feed: %2 %3)")
                   .arg(m_timeoutMs)
                   .arg(QString::fromLatin1(state), m_workspace->feedDetail(),
                        accounts->accountCount() > 0
                            ? QStringLiteral(" and account panel (accounts: %1)").arg(accounts->feedStateLabel())
                            : QString()));
    });
}

void SelfTest::check()
{
    if (!m_workspace->orderBook()->hasData() || !m_workspace->feedLive())
        return;
    const QString ladder = QStringLiteral("ladder live: bid %1 / ask %2")
                               .arg(m_workspace->orderBook()->bestBid(), m_workspace->orderBook()->bestAsk());
    // With accounts configured (the demo's trader), the Account panel must be on screen and show them, synced.
    const AccountBook *accounts = m_workspace->accounts();
    if (accounts->accountCount() == 0) {
        finish(true, ladder);
        return;
    }
    const QQuickItem *panel = accountPanel();
    if (!panel || !panel->isVisible() || panel->width() <= 0 || panel->height() <= 0 || !accounts->feedLive()
        || !accounts->synced())
        return;
    const int positions = accounts->positions()->count();
    const int orders = accounts->openOrders()->count();
    const int fills = accounts->fills()->count();
    if (positions + orders + fills == 0)
        return;
    finish(true,
           ladder
               + QStringLiteral("; account panel live: %1 positions, %2 open orders, %3 fills, equity %4")
                     .arg(positions)
                     .arg(orders)
                     .arg(fills)
                     .arg(accounts->equity()));
}

const QQuickItem *SelfTest::accountPanel() const
{
    for (const QObject *root : m_engine->rootObjects()) {
        if (const auto *item = root->findChild<QQuickItem *>(QStringLiteral("accountPanel")))
            return item;
    }
    return nullptr;
}

void SelfTest::finish(bool passed, const QString &why)
{
    if (m_finished)
        return;
    m_finished = true;
    std::fprintf(passed ? stdout : stderr, "self-test %s: %s\n", passed ? "passed" : "FAILED", qPrintable(why));
    QCoreApplication::exit(passed ? 0 : 1);
}

} // namespace tapescope
