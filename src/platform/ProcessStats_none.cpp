// An OS without an implementation: every figure is absent, so callers say "not measured" rather than 0.
#include "ProcessStats.h"

namespace tapescope::platform {

ProcessSample sampleProcess(qint64)
{
    return {};
}

std::optional<qint64> processUptimeMs()
{
    return std::nullopt;
}

std::optional<QList<ThreadCpu>> threadCpuTimes()
{
    return std::nullopt;
}

std::optional<QString> cpuModel()
{
    return std::nullopt;
}

} // namespace tapescope::platform
