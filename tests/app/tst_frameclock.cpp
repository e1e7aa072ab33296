// The window paces the MarketHub: news asks for a frame, and the hub's notifications go out while the window
// prepares that frame (in the polish pass), so the frame that follows shows them.
#include "app/FrameClock.h"
#include "market/MarketHub.h"

#include <QtCore/QElapsedTimer>
#include <QtGui/QGuiApplication>
#include <QtQuick/QQuickWindow>
#include <QtTest/QTest>

using namespace tapescope;

class TestFrameClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notificationsGoOutWhileTheWindowPreparesTheFrame()
    {
        MarketHub hub;
        QQuickWindow window;
        window.resize(120, 80);
        auto *clock = new FrameClock(&window, &hub);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(50); // the window's first frames are drawn

        QStringList order;
        connect(&hub, &MarketHub::bookChanged, &window, [&order] { order << QStringLiteral("hub flush"); });
        connect(
            &window, &QQuickWindow::afterAnimating, &window, [&order] { order << QStringLiteral("frame synced"); },
            Qt::DirectConnection);
        connect(
            &window, &QQuickWindow::frameSwapped, &window, [&order] { order << QStringLiteral("frame swapped"); },
            Qt::DirectConnection);

        QElapsedTimer waited;
        waited.start();
        BookSnapshot book { QStringLiteral("hyperliquid"), QStringLiteral("BTC"), 1000, {}, {}, -1 };
        book.bids.push_back({ *Decimal::parse("100"), *Decimal::parse("1"), 1 });
        hub.ingest({ book });
        QCOMPARE(order, QStringList {}); // nothing goes out before the frame
        QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("frame swapped")), 1000);
        QVERIFY2(waited.elapsed() < MarketHub::FrameWaitLimitMs, "the hub flushed on its own: no frame came");
        const QStringList firstFrame = order.mid(0, 3);
        QCOMPARE(firstFrame,
                 (QStringList { QStringLiteral("hub flush"), QStringLiteral("frame synced"),
                                QStringLiteral("frame swapped") }));

        delete clock; // the hub goes back to its own timer
        order.clear();
        book.ts = 1001;
        hub.ingest({ book });
        QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("hub flush")), 1000);
    }
};

QTEST_MAIN(TestFrameClock)
#include "tst_frameclock.moc"
