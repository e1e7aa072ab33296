#include "KeychainBackend.h"

#include <qt6keychain/keychain.h>

#if defined(Q_OS_LINUX)
#include <QtDBus/QDBusConnection>
#include <QtDBus/QDBusConnectionInterface>
#endif

namespace tapescope {

namespace {

SecretBackend::Failure failureOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return SecretBackend::Failure::None;
    case QKeychain::EntryNotFound:
        return SecretBackend::Failure::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return SecretBackend::Failure::Unavailable;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return SecretBackend::Failure::Denied;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return SecretBackend::Failure::Other;
}

// On Linux QtKeychain reports a missing Secret Service as a generic error ("Unknown error"); whether any
// keychain service is registered on the session bus tells the two apart.
bool keychainServiceRunning()
{
#if defined(Q_OS_LINUX)
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    for (const char *service : { "org.freedesktop.secrets", "org.kde.kwalletd5", "org.kde.kwalletd6" }) {
        if (bus.interface()->isServiceRegistered(QString::fromLatin1(service)))
            return true;
    }
    return false;
#else
    return true;
#endif
}

// Configures and starts `job`; its result reaches `done` once, and the job deletes itself afterwards.
template<typename Job> void run(Job *job, const QString &key, SecretBackend::Callback done)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, job, [done = std::move(done)](QKeychain::Job *finished) {
        SecretBackend::Result result;
        result.failure = failureOf(finished->error());
        if (result.failure == SecretBackend::Failure::Other && !keychainServiceRunning())
            result.failure = SecretBackend::Failure::Unavailable;
        if (!result.ok())
            result.message = finished->errorString();
        else if (auto *reader = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
            result.data = reader->binaryData();
        done(result);
    });
    job->start();
}

} // namespace

KeychainBackend::KeychainBackend(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{ }

void KeychainBackend::read(const QString &key, Callback done)
{
    run(new QKeychain::ReadPasswordJob(m_service, this), key, std::move(done));
}

void KeychainBackend::write(const QString &key, const QByteArray &data, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setBinaryData(data);
    run(job, key, std::move(done));
}

void KeychainBackend::remove(const QString &key, Callback done)
{
    run(new QKeychain::DeletePasswordJob(m_service, this), key, std::move(done));
}

} // namespace tapescope
