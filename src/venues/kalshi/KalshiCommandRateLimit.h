#pragma once

#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <algorithm>
#include <functional>

namespace tapescope::kalshi {

// Code 27 (docs/protocols/kalshi.md §11) refuses a command for the rate of commands, not for what it asked, and the
// limit is not published: what was refused is asked for again after a wait that doubles with each refusal in a row,
// up to 32 times the first. One wait per key (a channel) at a time: a second refusal that arrives while the key
// already waits does not double the wait again. Used by the market and the account service alike.
class CommandRateLimit
{
public:
    explicit CommandRateLimit(int firstWaitMs)
        : m_firstWaitMs(firstWaitMs)
    { }

    // Runs `retry` on `context`'s thread after the wait, unless clear() came first. Returns the wait in ms, or -1
    // when `key` is already waiting (nothing scheduled).
    int retryLater(const QString &key, QObject *context, std::function<void()> retry)
    {
        if (m_waiting.contains(key))
            return -1;
        const int waitMs = m_firstWaitMs << std::min(m_inARow++, 5);
        m_waiting.insert(key);
        QTimer::singleShot(waitMs, context, [this, key, epoch = m_epoch, retry = std::move(retry)] {
            if (epoch != m_epoch)
                return;
            m_waiting.remove(key);
            retry();
        });
        return waitMs;
    }

    // A command went through: the next refusal waits the first wait again.
    void wentThrough() { m_inARow = 0; }
    // Forgets the waits (their retries do not run): the connection they were for is gone.
    void clear()
    {
        m_waiting.clear();
        ++m_epoch;
    }

private:
    int m_firstWaitMs;
    int m_inARow = 0; // refusals since the last command that went through
    int m_epoch = 0;
    QSet<QString> m_waiting;
};

} // namespace tapescope::kalshi
