#include "net/SendBudget.h"

#include <algorithm>
#include <cmath>

namespace tapescope {

SendBudget::SendBudget(int burst, double perSecond)
    : m_burst(std::max(1, burst))
    , m_perSecond(perSecond > 0.0 ? perSecond : 1.0)
    , m_tokens(m_burst)
    , m_refilledAt(Clock::now())
{ }

int SendBudget::tryTake()
{
    std::lock_guard lock(m_mutex);
    const Clock::time_point now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - m_refilledAt).count();
    m_refilledAt = now;
    m_tokens = std::min(double(m_burst), m_tokens + seconds * m_perSecond);
    if (m_tokens >= 1.0) {
        m_tokens -= 1.0;
        return 0;
    }
    return std::max(1, int(std::ceil((1.0 - m_tokens) * 1000.0 / m_perSecond)));
}

} // namespace tapescope
