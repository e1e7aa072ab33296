#pragma once

#include "SecretBackend.h"
#include "VenueCredentials.h"

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QString>

#include <memory>
#include <optional>

namespace tapescope {

// Venue credentials in the platform keychain, one entry per venue, with environment variables taking
// precedence for headless use (`variables`, from the venue modules' descriptions). Secrets go to the
// keychain only: never to QSettings, a log line or stdout.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    CredentialStore(std::unique_ptr<SecretBackend> backend, QList<CredentialVariables> variables,
                    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment(),
                    QObject *parent = nullptr);
    ~CredentialStore() override;

    // The variables that override the keychain for `venue`: the key id's, then the secret's or key file's;
    // empty for venues without credentials.
    QStringList environmentVariables(const QString &venue) const;
    // Credentials from the environment when every variable of the venue is set. When only some are,
    // nullopt with *error naming the missing ones.
    std::optional<VenueCredentials> fromEnvironment(const QString &venue, QString *error = nullptr) const;
    bool environmentOverrides(const QString &venue) const { return fromEnvironment(venue).has_value(); }

    // What to do when no keychain service runs on this platform, naming the venue's variables.
    QString unavailableHint(const QString &venue) const;

    // Asynchronous: each answers with exactly one of loaded/saved/removed or failed for the venue.
    // An entry that does not exist loads as empty credentials from CredentialSource::None.
    void load(const QString &venue);
    void save(const QString &venue, const VenueCredentials &credentials);
    void remove(const QString &venue);

Q_SIGNALS:
    void loaded(const QString &venue, const tapescope::VenueCredentials &credentials,
                tapescope::CredentialSource source);
    void saved(const QString &venue);
    void removed(const QString &venue);
    // `message` says what went wrong and, when no keychain runs, how to fix it (never the secret).
    void failed(const QString &venue, const QString &message, bool keychainUnavailable);

private:
    QString failureMessage(const QString &venue, const SecretBackend::Result &result) const;

    const CredentialVariables *variables(const QString &venue) const;

    std::unique_ptr<SecretBackend> m_backend;
    QList<CredentialVariables> m_variables;
    QProcessEnvironment m_environment;
};

} // namespace tapescope
