// macOS: getrusage and task_info for this process, proc_pidinfo for another, task_threads + thread_info per thread,
// sysctl for the start time and the CPU model. Compiled only by the hosted CI (ProcessStats.h).
#include "ProcessStats.h"

#include <libproc.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <pthread.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>

namespace tapescope::platform {

namespace {

// Recorded during static initialization, which runs on the main thread before main(). A port name stays the same
// for the life of the thread, and task_threads() hands out the same names.
const mach_port_t kMainThread = pthread_mach_thread_np(pthread_self());

double seconds(const timeval &tv)
{
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

// proc_pidinfo's task times are in Mach absolute time units (nanoseconds on Intel, not on Apple silicon).
double machTimeSeconds(std::uint64_t ticks)
{
    mach_timebase_info_data_t timebase {};
    if (mach_timebase_info(&timebase) != KERN_SUCCESS || timebase.denom == 0)
        return static_cast<double>(ticks) / 1e9;
    return static_cast<double>(ticks) * timebase.numer / timebase.denom / 1e9;
}

} // namespace

ProcessSample sampleProcess(qint64 pid)
{
    ProcessSample sample;
    if (pid == 0 || pid == getpid()) {
        rusage usage {};
        if (getrusage(RUSAGE_SELF, &usage) == 0) {
            sample.userCpuSeconds = seconds(usage.ru_utime);
            sample.systemCpuSeconds = seconds(usage.ru_stime);
        }
        mach_task_basic_info_data_t info {};
        mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
        if (task_info(mach_task_self(), MACH_TASK_BASIC_INFO, reinterpret_cast<task_info_t>(&info), &count)
            == KERN_SUCCESS) {
            sample.residentKiB = static_cast<qint64>(info.resident_size / 1024);
            sample.peakResidentKiB = static_cast<qint64>(info.resident_size_max / 1024);
        }
        return sample;
    }
    proc_taskinfo info {};
    if (proc_pidinfo(static_cast<int>(pid), PROC_PIDTASKINFO, 0, &info, sizeof info) == sizeof info) {
        sample.userCpuSeconds = machTimeSeconds(info.pti_total_user);
        sample.systemCpuSeconds = machTimeSeconds(info.pti_total_system);
        sample.residentKiB = static_cast<qint64>(info.pti_resident_size / 1024);
    }
    return sample; // no peak for another process
}

std::optional<qint64> processUptimeMs()
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, getpid() };
    kinfo_proc process {};
    size_t size = sizeof process;
    if (sysctl(mib, 4, &process, &size, nullptr, 0) != 0 || size == 0)
        return std::nullopt;
    timeval now {};
    gettimeofday(&now, nullptr);
    const timeval &start = process.kp_proc.p_starttime;
    return (static_cast<qint64>(now.tv_sec) - start.tv_sec) * 1000 + (now.tv_usec - start.tv_usec) / 1000;
}

std::optional<QList<ThreadCpu>> threadCpuTimes()
{
    thread_act_array_t threads = nullptr;
    mach_msg_type_number_t count = 0;
    if (task_threads(mach_task_self(), &threads, &count) != KERN_SUCCESS)
        return std::nullopt;
    QList<ThreadCpu> result;
    for (mach_msg_type_number_t i = 0; i < count; ++i) {
        // THREAD_EXTENDED_INFO gives the times (ns) and the pthread name in one kernel call, without touching
        // another thread's pthread_t (which pthread_getname_np would read while that thread may be exiting).
        thread_extended_info_data_t info {};
        mach_msg_type_number_t infoCount = THREAD_EXTENDED_INFO_COUNT;
        if (thread_info(threads[i], THREAD_EXTENDED_INFO, reinterpret_cast<thread_info_t>(&info), &infoCount)
            == KERN_SUCCESS) {
            ThreadCpu thread;
            thread.name = threads[i] == kMainThread ? QStringLiteral("main") : QString::fromUtf8(info.pth_name);
            thread.userSeconds = static_cast<double>(info.pth_user_time) / 1e9;
            thread.systemSeconds = static_cast<double>(info.pth_system_time) / 1e9;
            result.append(thread);
        }
        mach_port_deallocate(mach_task_self(), threads[i]);
    }
    vm_deallocate(mach_task_self(), reinterpret_cast<vm_address_t>(threads), count * sizeof(thread_act_t));
    return result;
}

std::optional<QString> cpuModel()
{
    char model[256] = {};
    size_t size = sizeof model;
    if (sysctlbyname("machdep.cpu.brand_string", model, &size, nullptr, 0) != 0 || model[0] == '\0')
        return std::nullopt;
    return QString::fromUtf8(model);
}

} // namespace tapescope::platform
