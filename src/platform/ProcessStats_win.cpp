// Windows: GetProcessTimes and GetProcessMemoryInfo, Toolhelp thread enumeration with GetThreadTimes and
// GetThreadDescription, the registry for the CPU model. Compiled only by the hosted CI (ProcessStats.h).
#include "ProcessStats.h"

#ifndef NOMINMAX
#define NOMINMAX
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <psapi.h>
#include <tlhelp32.h>

#include <cstdint>

namespace tapescope::platform {

namespace {

// Recorded during static initialization, which runs on the main thread before main().
const DWORD kMainThreadId = GetCurrentThreadId();

// FILETIME durations and times are in 100 ns units.
std::uint64_t ticks(const FILETIME &time)
{
    return (static_cast<std::uint64_t>(time.dwHighDateTime) << 32) | time.dwLowDateTime;
}

double seconds(const FILETIME &time)
{
    return static_cast<double>(ticks(time)) / 1e7;
}

// GetThreadDescription exists from Windows 10 1607 on; looked up at run time so older systems list threads unnamed.
using GetThreadDescriptionFn = HRESULT(WINAPI *)(HANDLE, PWSTR *);

GetThreadDescriptionFn threadDescriptionFunction()
{
    static const auto function = reinterpret_cast<GetThreadDescriptionFn>(
        reinterpret_cast<void *>(GetProcAddress(GetModuleHandleW(L"kernel32.dll"), "GetThreadDescription")));
    return function;
}

QString threadName(HANDLE thread)
{
    const GetThreadDescriptionFn getDescription = threadDescriptionFunction();
    PWSTR description = nullptr;
    if (!getDescription || FAILED(getDescription(thread, &description)) || !description)
        return {};
    const QString name = QString::fromWCharArray(description);
    LocalFree(description);
    return name;
}

} // namespace

ProcessSample sampleProcess(qint64 pid)
{
    ProcessSample sample;
    const bool self = pid == 0 || pid == static_cast<qint64>(GetCurrentProcessId());
    HANDLE process = self
        ? GetCurrentProcess()
        : OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, FALSE, static_cast<DWORD>(pid));
    if (!process)
        return sample;
    FILETIME creation {}, exited {}, kernel {}, user {};
    if (GetProcessTimes(process, &creation, &exited, &kernel, &user)) {
        sample.userCpuSeconds = seconds(user);
        sample.systemCpuSeconds = seconds(kernel);
    }
    PROCESS_MEMORY_COUNTERS memory {};
    memory.cb = sizeof memory;
    if (GetProcessMemoryInfo(process, &memory, sizeof memory)) {
        sample.residentKiB = static_cast<qint64>(memory.WorkingSetSize / 1024);
        sample.peakResidentKiB = static_cast<qint64>(memory.PeakWorkingSetSize / 1024);
    }
    if (!self)
        CloseHandle(process);
    return sample;
}

std::optional<qint64> processUptimeMs()
{
    FILETIME creation {}, exited {}, kernel {}, user {};
    if (!GetProcessTimes(GetCurrentProcess(), &creation, &exited, &kernel, &user))
        return std::nullopt;
    FILETIME now {};
    GetSystemTimeAsFileTime(&now);
    return static_cast<qint64>((ticks(now) - ticks(creation)) / 10000);
}

std::optional<QList<ThreadCpu>> threadCpuTimes()
{
    // The snapshot lists every thread of the system; only this process's are read.
    HANDLE snapshot = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snapshot == INVALID_HANDLE_VALUE)
        return std::nullopt;
    const DWORD self = GetCurrentProcessId();
    QList<ThreadCpu> result;
    THREADENTRY32 entry {};
    entry.dwSize = sizeof entry;
    for (BOOL more = Thread32First(snapshot, &entry); more; more = Thread32Next(snapshot, &entry)) {
        if (entry.th32OwnerProcessID != self)
            continue;
        HANDLE thread = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE, entry.th32ThreadID);
        if (!thread)
            continue; // ended since the snapshot
        FILETIME creation {}, exited {}, kernel {}, user {};
        if (GetThreadTimes(thread, &creation, &exited, &kernel, &user)) {
            ThreadCpu cpu;
            cpu.name = entry.th32ThreadID == kMainThreadId ? QStringLiteral("main") : threadName(thread);
            cpu.userSeconds = seconds(user);
            cpu.systemSeconds = seconds(kernel);
            result.append(cpu);
        }
        CloseHandle(thread);
    }
    CloseHandle(snapshot);
    return result;
}

std::optional<QString> cpuModel()
{
    wchar_t model[256] = {};
    DWORD size = sizeof model;
    if (RegGetValueW(HKEY_LOCAL_MACHINE, L"HARDWARE\\DESCRIPTION\\System\\CentralProcessor\\0", L"ProcessorNameString",
                     RRF_RT_REG_SZ, nullptr, model, &size)
        != ERROR_SUCCESS)
        return std::nullopt;
    return QString::fromWCharArray(model).trimmed();
}

} // namespace tapescope::platform
