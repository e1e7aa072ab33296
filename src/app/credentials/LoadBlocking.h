#pragma once

#include "VenueCredentials.h"

#include <QtCore/QString>

namespace tapescope {

class CredentialStore;

// What a synchronous load found: the credentials and where they came from, or why there are none.
struct BlockingLoadResult
{
    VenueCredentials credentials;
    CredentialSource source = CredentialSource::None; // None: no entry, a failure or the timeout
    QString failure; // the store's message (with the fix), or the timeout; never a secret
    bool keychainUnavailable = false; // no keychain service runs on this machine
};

// CredentialStore::load() for start-up and the CLI, which cannot go on without the answer: waits for it in a
// local event loop for at most `timeoutMs` (a keychain may wait for the user to unlock it, or never answer
// on a machine without one). Needs a Q(Core)Application. Logs nothing itself: the caller reports `failure`.
BlockingLoadResult loadBlocking(CredentialStore &store, const QString &venue, int timeoutMs);

} // namespace tapescope
