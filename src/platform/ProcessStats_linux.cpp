// Linux: everything from /proc (proc(5)). Times there are in clock ticks (sysconf(_SC_CLK_TCK)).
#include "ProcessStats.h"

#include <QtCore/QByteArray>
#include <QtCore/QDir>
#include <QtCore/QFile>

#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace tapescope::platform {

namespace {

double ticksPerSecond()
{
    return static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::optional<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

// A stat line's fields after the ")" that closes the command name (which may hold spaces): index 0 is field 3
// (state), 11 utime, 12 stime, 19 starttime.
QList<QByteArray> statFields(const QByteArray &line)
{
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    return line.mid(close + 2).split(' ');
}

std::optional<qint64> statusKiB(const QByteArray &status, const char *key)
{
    for (const QByteArray &line : status.split('\n')) {
        if (line.startsWith(key)) {
            bool ok = false;
            const qint64 kib = line.mid(qstrlen(key)).trimmed().split(' ').value(0).toLongLong(&ok);
            if (ok)
                return kib;
        }
    }
    return std::nullopt;
}

} // namespace

ProcessSample sampleProcess(qint64 pid)
{
    const QString base = pid == 0 ? u"/proc/self"_s : u"/proc/"_s + QString::number(pid);
    ProcessSample sample;
    if (const auto stat = readFile(base + u"/stat"_s)) {
        const QList<QByteArray> fields = statFields(*stat);
        if (fields.size() > 12) {
            sample.userCpuSeconds = fields[11].toDouble() / ticksPerSecond();
            sample.systemCpuSeconds = fields[12].toDouble() / ticksPerSecond();
        }
    }
    if (const auto status = readFile(base + u"/status"_s)) {
        sample.residentKiB = statusKiB(*status, "VmRSS:");
        sample.peakResidentKiB = statusKiB(*status, "VmHWM:");
    }
    return sample;
}

std::optional<qint64> processUptimeMs()
{
    const auto stat = readFile(u"/proc/self/stat"_s);
    if (!stat)
        return std::nullopt;
    const QList<QByteArray> fields = statFields(*stat);
    if (fields.size() < 20)
        return std::nullopt;
    // The start time counts from boot, like CLOCK_BOOTTIME (suspended time included in both).
    const auto startMs = static_cast<qint64>(fields[19].toDouble() * 1000.0 / ticksPerSecond());
    timespec now {};
    if (clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return std::nullopt;
    return static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000 - startMs;
}

std::optional<QList<ThreadCpu>> threadCpuTimes()
{
    const QDir tasks(u"/proc/self/task"_s);
    if (!tasks.exists())
        return std::nullopt;
    const QByteArray self = QByteArray::number(static_cast<qint64>(getpid()));
    QList<ThreadCpu> threads;
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const auto line = readFile(tasks.filePath(tid) + u"/stat"_s);
        if (!line)
            continue; // the thread ended since the listing
        const qsizetype open = line->indexOf('('), close = line->lastIndexOf(')');
        const QList<QByteArray> fields = statFields(*line);
        if (open < 0 || fields.size() < 13)
            continue;
        ThreadCpu thread;
        // The main thread's task id is the process id; its own name is the (truncated) executable name.
        thread.name = tid.toLatin1() == self ? u"main"_s : QString::fromUtf8(line->mid(open + 1, close - open - 1));
        thread.userSeconds = fields[11].toDouble() / ticksPerSecond();
        thread.systemSeconds = fields[12].toDouble() / ticksPerSecond();
        threads.append(thread);
    }
    return threads;
}

std::optional<QString> cpuModel()
{
    const auto cpuinfo = readFile(u"/proc/cpuinfo"_s);
    if (!cpuinfo)
        return std::nullopt;
    for (const QByteArray &line : cpuinfo->split('\n')) {
        if (line.startsWith("model name"))
            return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    }
    return std::nullopt; // e.g. many ARM kernels list no model name
}

} // namespace tapescope::platform
