#pragma once

#include "app/credentials/LoadBlocking.h"

#include <QtCore/QString>

#include <memory>
#include <optional>

namespace tapescope {
class CredentialStore;
struct VenueDescription;
} // namespace tapescope

namespace tapescope::cli {

// How long a command waits for the keychain before saying it did not answer (it may be locked, or absent on a
// headless machine).
inline constexpr int KeychainTimeoutMs = 3000;

// The app's store for `venue`: the platform keychain (service "Tapescope"), with this process's environment
// (the description's credential variables) overriding it.
std::unique_ptr<CredentialStore> systemCredentialStore(const VenueDescription &venue);

// The credentials a command signs with, from the same places as the app, in this order: the venue's environment
// variables, then the entry saved by the settings dialog in the keychain. nullopt when neither has a complete
// entry; *error then says what was wrong with what was found (a half-set environment, a failed keychain) or is
// empty. Key material is never put in *error.
std::optional<BlockingLoadResult> findCredentials(CredentialStore &store, const QString &venue, int timeoutMs,
                                                  QString *error);

// Where found credentials came from, for error messages that name the place to fix.
QString credentialOrigin(const CredentialStore &store, const QString &venue, CredentialSource source);

} // namespace tapescope::cli
