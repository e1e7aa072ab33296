#pragma once

#include <chrono>
#include <mutex>

namespace tapescope {

// A token bucket for the messages a client sends a venue that limits them per client (per IP), shared by every
// connection to that venue in the process, from any thread: up to `burst` messages at once, then `perSecond` a
// second. VenueConnection asks it before each frame it sends (ConnectionConfig::sendBudget).
class SendBudget
{
public:
    SendBudget(int burst, double perSecond);
    SendBudget(const SendBudget &) = delete;
    SendBudget &operator=(const SendBudget &) = delete;

    // Takes a token when there is one and returns 0; otherwise takes nothing and returns the milliseconds until
    // there will be one (at least 1).
    int tryTake();

    int burst() const { return m_burst; }
    double perSecond() const { return m_perSecond; }

private:
    using Clock = std::chrono::steady_clock;
    const int m_burst;
    const double m_perSecond;
    std::mutex m_mutex;
    double m_tokens;
    Clock::time_point m_refilledAt;
};

} // namespace tapescope
