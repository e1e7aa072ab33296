#include "venues/api/CliCredentials.h"

#include "app/credentials/CredentialStore.h"
#include "app/credentials/KeychainBackend.h"
#include "venues/api/VenueDescription.h"

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::unique_ptr<CredentialStore> systemCredentialStore(const VenueDescription &venue)
{
    QList<CredentialVariables> variables;
    if (venue.credentialVariables.size() == 2)
        variables.append({ venue.venue, venue.credentialVariables.at(0), venue.credentialVariables.at(1),
                           venue.auth == VenueDescription::Auth::KeyFile });
    return std::make_unique<CredentialStore>(std::make_unique<KeychainBackend>(), variables);
}

QString credentialOrigin(const CredentialStore &store, const QString &venue, CredentialSource source)
{
    if (source == CredentialSource::Environment)
        return store.environmentVariables(venue).join(u" and "_s);
    return u"the keychain entry saved by the settings dialog"_s;
}

std::optional<BlockingLoadResult> findCredentials(CredentialStore &store, const QString &venue, int timeoutMs,
                                                  QString *error)
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

} // namespace tapescope::cli
