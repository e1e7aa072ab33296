#include "MemorySecretBackend.h"

#include <QtCore/QTimer>

namespace tapescope {

MemorySecretBackend::MemorySecretBackend(QObject *parent)
    : QObject(parent)
{ }

void MemorySecretBackend::read(const QString &key, Callback done)
{
    Result result;
    if (m_unavailable)
        result = { Failure::Unavailable, {}, QStringLiteral("no keychain service (simulated)") };
    else if (!m_secrets.contains(key))
        result = { Failure::NotFound, {}, QStringLiteral("entry not found") };
    else
        result.data = m_secrets.value(key);
    answer(std::move(done), result);
}

void MemorySecretBackend::write(const QString &key, const QByteArray &data, Callback done)
{
    Result result;
    if (m_unavailable)
        result = { Failure::Unavailable, {}, QStringLiteral("no keychain service (simulated)") };
    else
        m_secrets.insert(key, data);
    answer(std::move(done), result);
}

void MemorySecretBackend::remove(const QString &key, Callback done)
{
    Result result;
    if (m_unavailable)
        result = { Failure::Unavailable, {}, QStringLiteral("no keychain service (simulated)") };
    else
        m_secrets.remove(key);
    answer(std::move(done), result);
}

// Asynchronous like a real keychain, so callers cannot come to rely on an immediate answer.
void MemorySecretBackend::answer(Callback done, Result result)
{
    QTimer::singleShot(0, this, [done = std::move(done), result = std::move(result)] { done(result); });
}

} // namespace tapescope
