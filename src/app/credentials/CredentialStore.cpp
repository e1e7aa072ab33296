#include "CredentialStore.h"

#include "CredentialsLog.h"

#include <QtCore/QPointer>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

QString entryKey(const QString &venue)
{
    return venue + u"/credentials"_s;
}

} // namespace

CredentialStore::CredentialStore(std::unique_ptr<SecretBackend> backend, QList<CredentialVariables> variables,
                                 QProcessEnvironment environment, QObject *parent)
    : QObject(parent)
    , m_backend(std::move(backend))
    , m_variables(std::move(variables))
    , m_environment(std::move(environment))
{
    qRegisterMetaType<VenueCredentials>();
}

CredentialStore::~CredentialStore() = default;

const CredentialVariables *CredentialStore::variables(const QString &venue) const
{
    for (const CredentialVariables &entry : m_variables) {
        if (entry.venue == venue)
            return &entry;
    }
    return nullptr;
}

QStringList CredentialStore::environmentVariables(const QString &venue) const
{
    const CredentialVariables *entry = variables(venue);
    return entry ? QStringList { entry->keyId, entry->secret } : QStringList();
}

std::optional<VenueCredentials> CredentialStore::fromEnvironment(const QString &venue, QString *error) const
{
    const QStringList names = environmentVariables(venue);
    if (names.isEmpty())
        return std::nullopt;
    QStringList missing;
    for (const QString &name : names) {
        if (m_environment.value(name).isEmpty())
            missing << name;
    }
    if (!missing.isEmpty()) {
        if (error && missing.size() < names.size()) {
            QStringList set = names;
            for (const QString &name : std::as_const(missing))
                set.removeOne(name);
            *error = tr("%1 is set but %2 is not; set both or neither").arg(set.join(u", "_s), missing.join(u", "_s));
        }
        return std::nullopt;
    }
    VenueCredentials credentials;
    credentials.keyId = m_environment.value(names.at(0));
    if (variables(venue)->secretIsKeyFile)
        credentials.privateKeyPath = m_environment.value(names.at(1));
    else
        credentials.secret = m_environment.value(names.at(1));
    return credentials;
}

QString CredentialStore::unavailableHint(const QString &venue) const
{
    const QStringList names = environmentVariables(venue);
    const QString variables
        = names.isEmpty() ? QString() : tr(", or use the environment variables %1").arg(names.join(tr(" and ")));
#if defined(Q_OS_WIN)
    return tr("The Windows Credential Manager is not available%1.").arg(variables);
#elif defined(Q_OS_MACOS)
    return tr("The macOS Keychain is not available: unlock the login keychain%1.").arg(variables);
#else
    return tr("No Secret Service is running: install and unlock gnome-keyring or KWallet%1.").arg(variables);
#endif
}

void CredentialStore::load(const QString &venue)
{
    QString partial;
    if (const std::optional<VenueCredentials> fromEnv = fromEnvironment(venue, &partial)) {
        qCInfo(lcCredentials) << venue << "credentials from the environment";
        QMetaObject::invokeMethod(
            this,
            [this, venue, credentials = *fromEnv] { Q_EMIT loaded(venue, credentials, CredentialSource::Environment); },
            Qt::QueuedConnection);
        return;
    }
    if (!partial.isEmpty())
        qCWarning(lcCredentials).noquote() << venue << partial;
    QPointer<CredentialStore> self(this);
    m_backend->read(entryKey(venue), [self, venue](const SecretBackend::Result &result) {
        if (!self)
            return;
        if (result.failure == SecretBackend::Failure::NotFound) {
            Q_EMIT self->loaded(venue, {}, CredentialSource::None);
            return;
        }
        if (!result.ok()) {
            // No keychain service is a state of the machine, not a fault: the dialog says how to fix it.
            if (result.failure == SecretBackend::Failure::Unavailable)
                qCInfo(lcCredentials) << venue << "no keychain service:" << result.message;
            else
                qCWarning(lcCredentials) << venue << "keychain read failed:" << result.message;
            Q_EMIT self->failed(venue, self->failureMessage(venue, result),
                                result.failure == SecretBackend::Failure::Unavailable);
            return;
        }
        const std::optional<VenueCredentials> credentials = VenueCredentials::fromKeychainData(result.data);
        if (!credentials) {
            Q_EMIT self->failed(
                venue, tr("The keychain entry for %1 is damaged; enter the credentials again.").arg(venue), false);
            return;
        }
        qCInfo(lcCredentials) << venue << "credentials from the keychain";
        Q_EMIT self->loaded(venue, *credentials, CredentialSource::Keychain);
    });
}

void CredentialStore::save(const QString &venue, const VenueCredentials &credentials)
{
    QPointer<CredentialStore> self(this);
    m_backend->write(entryKey(venue), credentials.toKeychainData(), [self, venue](const SecretBackend::Result &result) {
        if (!self)
            return;
        if (!result.ok()) {
            qCWarning(lcCredentials) << venue << "keychain write failed:" << result.message;
            Q_EMIT self->failed(venue, self->failureMessage(venue, result),
                                result.failure == SecretBackend::Failure::Unavailable);
            return;
        }
        qCInfo(lcCredentials) << venue << "credentials saved to the keychain";
        Q_EMIT self->saved(venue);
    });
}

void CredentialStore::remove(const QString &venue)
{
    QPointer<CredentialStore> self(this);
    m_backend->remove(entryKey(venue), [self, venue](const SecretBackend::Result &result) {
        if (!self)
            return;
        if (!result.ok() && result.failure != SecretBackend::Failure::NotFound) {
            Q_EMIT self->failed(venue, self->failureMessage(venue, result),
                                result.failure == SecretBackend::Failure::Unavailable);
            return;
        }
        Q_EMIT self->removed(venue);
    });
}

QString CredentialStore::failureMessage(const QString &venue, const SecretBackend::Result &result) const
{
    switch (result.failure) {
    case SecretBackend::Failure::Unavailable:
        return unavailableHint(venue);
    case SecretBackend::Failure::Denied:
        return tr("The keychain refused access: %1").arg(result.message);
    default:
        return tr("The keychain failed: %1").arg(result.message);
    }
}

} // namespace tapescope
