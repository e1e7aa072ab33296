#include "cli/CliCredentials.h"

#include "app/credentials/CredentialStore.h"
#include "app/credentials/KeychainBackend.h"
#include "app/credentials/LoadBlocking.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

// Where the credentials were found, for error messages that name the place to fix.
QString origin(const QString &venue, CredentialSource source)
{
    if (source == CredentialSource::Environment)
        return CredentialStore::environmentVariables(venue).join(u" and "_s);
    return u"the keychain entry saved by the settings dialog"_s;
}

// Environment first, then the keychain. nullopt when neither has a complete entry; *error then says what
// was wrong with what was found (a half-set environment, a failed or incomplete keychain entry) or is empty.
std::optional<BlockingLoadResult> find(CredentialStore &store, const QString &venue, int timeoutMs, QString *error)
{
    QString partial;
    if (const std::optional<VenueCredentials> fromEnvironment = store.fromEnvironment(venue, &partial))
        return BlockingLoadResult { *fromEnvironment, CredentialSource::Environment, {}, false };
    if (!partial.isEmpty()) {
        *error = partial;
        return std::nullopt;
    }
    BlockingLoadResult loaded = loadBlocking(store, venue, timeoutMs);
    if (!loaded.failure.isEmpty()) {
        *error = u"the keychain could not be read: "_s + loaded.failure;
        return std::nullopt;
    }
    if (loaded.source != CredentialSource::Keychain || loaded.credentials.isEmpty()) {
        error->clear();
        return std::nullopt;
    }
    return loaded;
}

} // namespace

std::unique_ptr<CredentialStore> systemCredentialStore()
{
    return std::make_unique<CredentialStore>(std::make_unique<KeychainBackend>());
}

std::optional<kalshi::Credentials> kalshiCredentials(CredentialStore &store, int timeoutMs, QString *error)
{
    const QString venue = u"kalshi"_s;
    QString problem;
    const std::optional<BlockingLoadResult> found = find(store, venue, timeoutMs, &problem);
    if (found) {
        const VenueCredentials &saved = found->credentials;
        if (saved.keyId.isEmpty() || saved.privateKeyPath.isEmpty()) {
            *error = u"%1 lacks the key id or the private key file; enter both in the settings dialog again"_s.arg(
                origin(venue, found->source));
            return std::nullopt;
        }
        QFile file(saved.privateKeyPath);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the Kalshi private key %1 named by %2: %3"_s.arg(
                saved.privateKeyPath, origin(venue, found->source), file.errorString());
            return std::nullopt;
        }
        return kalshi::Credentials { saved.keyId.toUtf8(), file.readAll() };
    }
    *error = u"Kalshi needs an API key: set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH, save the key id and "
             "private key file in Tapescope's settings dialog (kept in the keychain), or pass --demo-credentials "
             "against the emulator"_s;
    if (!problem.isEmpty())
        *error += u" (%1)"_s.arg(problem);
    return std::nullopt;
}

std::optional<alpaca::Credentials> alpacaCredentials(CredentialStore &store, int timeoutMs, QString *error)
{
    const QString venue = u"alpaca"_s;
    QString problem;
    const std::optional<BlockingLoadResult> found = find(store, venue, timeoutMs, &problem);
    if (found) {
        const VenueCredentials &saved = found->credentials;
        if (saved.keyId.isEmpty() || saved.secret.isEmpty()) {
            *error = u"%1 lacks the key id or the secret key; enter both in the settings dialog again"_s.arg(
                origin(venue, found->source));
            return std::nullopt;
        }
        return alpaca::Credentials { saved.keyId, saved.secret };
    }
    *error = u"Alpaca needs API keys: set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY, or save them in Tapescope's "
             "settings dialog (kept in the keychain); keys are never taken on the command line"_s;
    if (!problem.isEmpty())
        *error += u" (%1)"_s.arg(problem);
    return std::nullopt;
}

} // namespace tapescope::cli
