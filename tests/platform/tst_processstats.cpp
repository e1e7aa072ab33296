#include "platform/ProcessStats.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>
#include <QtTest/QTest>

#include <atomic>
#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
namespace platform = tapescope::platform;

namespace {

// Spins until this process has used `cpuSeconds` more CPU time (or `maxWallMs` passed: a loaded machine may give it
// little CPU, so the test waits for CPU time, not wall time). The result keeps the work from being optimized away.
double burn(double cpuSeconds, int maxWallMs = 20000)
{
    const double start = platform::sampleProcess().cpuSeconds().value_or(0.0);
    QElapsedTimer clock;
    clock.start();
    double x = 1.0;
    while (clock.elapsed() < maxWallMs
           && platform::sampleProcess().cpuSeconds().value_or(start + cpuSeconds) - start < cpuSeconds) {
        for (int i = 0; i < 200000; ++i)
            x = std::sqrt(x + static_cast<double>(i));
    }
    return x;
}

double threadSeconds(const QList<platform::ThreadCpu> &threads, const QString &name)
{
    double seconds = -1.0;
    for (const platform::ThreadCpu &thread : threads) {
        if (thread.name == name)
            seconds = std::max(seconds, 0.0) + thread.userSeconds + thread.systemSeconds;
    }
    return seconds;
}

// Whether this platform must provide a figure (ProcessStats.h); elsewhere an absent one is skipped, not failed.
// A function rather than a constant, so no compiler calls the conditions below constant.
bool requiredHere()
{
#ifdef Q_OS_LINUX
    return true;
#else
    return false;
#endif
}

} // namespace

class TestProcessStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sampleOfThisProcess();
    void cpuTimeGrowsWithWork();
    void namedThreadIsSeenBurning();
    void uptimeIsPlausible();
    void otherProcessIsReadByPid();
    void cpuModel();
};

void TestProcessStats::sampleOfThisProcess()
{
    const platform::ProcessSample sample = platform::sampleProcess();
    if (!requiredHere() && !sample.residentKiB)
        QSKIP("this platform reports no resident size");
    QVERIFY(sample.userCpuSeconds);
    QVERIFY(sample.systemCpuSeconds);
    QVERIFY(sample.cpuSeconds());
    QVERIFY(*sample.userCpuSeconds >= 0.0);
    QVERIFY(*sample.systemCpuSeconds >= 0.0);
    QVERIFY(sample.residentKiB);
    QVERIFY(sample.peakResidentKiB);
    QVERIFY2(*sample.residentKiB > 1024, qPrintable(QString::number(*sample.residentKiB))); // a Qt process: > 1 MiB
    QVERIFY(*sample.peakResidentKiB >= *sample.residentKiB);
}

void TestProcessStats::cpuTimeGrowsWithWork()
{
    const auto before = platform::sampleProcess().cpuSeconds();
    if (!requiredHere() && !before)
        QSKIP("this platform reports no CPU time");
    QVERIFY(before);
    QVERIFY(burn(0.2) > 0.0);
    const auto after = platform::sampleProcess().cpuSeconds();
    QVERIFY(after);
    QVERIFY2(*after - *before >= 0.2, qPrintable(u"%1 -> %2"_s.arg(*before).arg(*after)));
}

void TestProcessStats::namedThreadIsSeenBurning()
{
    const auto initial = platform::threadCpuTimes();
    if (!requiredHere() && !initial)
        QSKIP("this platform lists no per-thread CPU time");
    QVERIFY(initial);
    QVERIFY2(threadSeconds(*initial, u"main"_s) >= 0.0, "the main thread is listed as \"main\"");

    // QThread gives the OS thread its objectName when it starts.
    std::atomic<bool> burned { false }, release { false };
    std::atomic<double> sink { 0.0 };
    std::unique_ptr<QThread> burner(QThread::create([&] {
        sink = burn(0.3); // this thread is the only busy one meanwhile
        burned = true;
        while (!release)
            QThread::msleep(5);
    }));
    burner->setObjectName(u"ts-burner"_s);
    burner->start();
    QTRY_VERIFY_WITH_TIMEOUT(burned, 30000);
    const auto during = platform::threadCpuTimes();
    release = true;
    burner->wait();
    QVERIFY(during);
    const double burnerSeconds = threadSeconds(*during, u"ts-burner"_s);
    if (!requiredHere() && burnerSeconds < 0)
        QSKIP("QThread did not give the OS thread its name on this platform");
    QVERIFY2(burnerSeconds >= 0.2, qPrintable(QString::number(burnerSeconds)));
    // The main thread slept meanwhile: the burner's time is not counted as its.
    QVERIFY(threadSeconds(*during, u"main"_s) < threadSeconds(*initial, u"main"_s) + burnerSeconds);
    // Once the thread is gone it is no longer listed. QThread::wait() returns when the thread's function is done,
    // which can be a moment before the OS removes the thread (/proc/self/task): wait for that, do not assume it.
    QTRY_COMPARE_WITH_TIMEOUT(threadSeconds(platform::threadCpuTimes().value(), u"ts-burner"_s), -1.0, 5000);
}

void TestProcessStats::uptimeIsPlausible()
{
    const auto uptime = platform::processUptimeMs();
    if (!requiredHere() && !uptime)
        QSKIP("this platform reports no process start");
    QVERIFY(uptime);
    QVERIFY2(*uptime >= 0 && *uptime < 600'000, qPrintable(QString::number(*uptime)));
    QTest::qWait(120);
    const auto later = platform::processUptimeMs();
    QVERIFY(later);
    QVERIFY2(*later - *uptime >= 100, qPrintable(u"%1 -> %2"_s.arg(*uptime).arg(*later)));
}

void TestProcessStats::otherProcessIsReadByPid()
{
    // This process by its pid (on Linux the same files as another process's; macOS and Windows take their own path).
    const platform::ProcessSample sample = platform::sampleProcess(QCoreApplication::applicationPid());
    if (!requiredHere() && !sample.residentKiB)
        QSKIP("this platform reports no resident size for a pid");
    QVERIFY(sample.cpuSeconds());
    QVERIFY(sample.residentKiB);
    QVERIFY(*sample.residentKiB > 1024);
    // A pid that cannot exist reads as absent, not as zeros.
    const platform::ProcessSample none = platform::sampleProcess(0x7fffffff);
    QVERIFY(!none.cpuSeconds());
    QVERIFY(!none.residentKiB);
    QVERIFY(!none.peakResidentKiB);
}

void TestProcessStats::cpuModel()
{
    const auto model = platform::cpuModel();
    if (!model)
        QSKIP("no CPU model string here (some ARM kernels list none)");
    QVERIFY(!model->trimmed().isEmpty());
}

QTEST_GUILESS_MAIN(TestProcessStats)
#include "tst_processstats.moc"
