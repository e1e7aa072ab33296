#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QtGlobal>

#include <optional>

// What the operating system says about a process: CPU time, resident memory, age, CPU time per thread.
// One implementation per OS, chosen by src/platform/CMakeLists.txt:
//   ProcessStats_linux.cpp  procfs and the boot-time clock; built and tested here (tests/platform).
//   ProcessStats_mac.cpp    getrusage, task_info, proc_pidinfo, task_threads + thread_info, sysctl.
//   ProcessStats_win.cpp    GetProcessTimes, GetProcessMemoryInfo, Toolhelp + GetThreadTimes + GetThreadDescription.
//   ProcessStats_none.cpp   any other OS: everything absent.
// The macOS and Windows files are compiled only by the hosted CI (the Linux build cannot compile them).
// Whatever a platform does not provide, or a call could not read, is absent (std::nullopt), never 0.
namespace tapescope::platform {

// CPU time and memory of one process.
struct ProcessSample
{
    std::optional<double> userCpuSeconds;
    std::optional<double> systemCpuSeconds;
    std::optional<qint64> residentKiB; // Linux VmRSS, macOS resident size, Windows working set
    // Linux VmHWM, macOS the task's resident maximum, Windows the peak working set. Absent on macOS for another
    // process (proc_pidinfo has no peak).
    std::optional<qint64> peakResidentKiB;

    // User + system; absent unless both are present.
    std::optional<double> cpuSeconds() const
    {
        if (!userCpuSeconds || !systemCpuSeconds)
            return std::nullopt;
        return *userCpuSeconds + *systemCpuSeconds;
    }
};

// `pid` 0 is this process. Another process is read as far as the OS lets a process of the same user read it
// (Linux procfs, macOS proc_pidinfo, Windows OpenProcess with limited query rights); fields it refuses are absent.
ProcessSample sampleProcess(qint64 pid = 0);

// Milliseconds since this process started (exec, not main()). Resolution: Linux one clock tick (10 ms, the
// procfs start time), macOS 1 µs (kinfo_proc start time, wall clock), Windows 100 ns (creation time, wall clock).
std::optional<qint64> processUptimeMs();

// CPU time of one of this process's threads.
struct ThreadCpu
{
    // The OS's thread name: QThread's objectName when Qt set it. The main thread is "main" everywhere. An unnamed
    // thread has the executable's (truncated) name on Linux and an empty name on macOS and Windows.
    QString name;
    double userSeconds = 0.0;
    double systemSeconds = 0.0;
};

// Every thread of this process, live ones only (a finished thread's time is not listed). Absent when the OS offers
// no per-thread times or could not be read.
std::optional<QList<ThreadCpu>> threadCpuTimes();

// The processor's model string ("AMD EPYC 7B13"), for benchmark reports: Linux cpuinfo's "model name",
// macOS machdep.cpu.brand_string, Windows the registry's ProcessorNameString. Absent where it has none.
std::optional<QString> cpuModel();

} // namespace tapescope::platform
