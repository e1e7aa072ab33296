#include "LoadBlocking.h"

#include "CredentialStore.h"

#include <QtCore/QEventLoop>
#include <QtCore/QTimer>

namespace tapescope {

BlockingLoadResult loadBlocking(CredentialStore &store, const QString &venue, int timeoutMs)
{
    BlockingLoadResult result;
    bool answered = false;
    QEventLoop loop;
    QObject::connect(&store, &CredentialStore::loaded, &loop,
                     [&](const QString &which, const VenueCredentials &credentials, CredentialSource source) {
                         if (which != venue)
                             return;
                         result.credentials = credentials;
                         result.source = source;
                         answered = true;
                         loop.quit();
                     });
    QObject::connect(&store, &CredentialStore::failed, &loop,
                     [&](const QString &which, const QString &message, bool keychainUnavailable) {
                         if (which != venue)
                             return;
                         result.failure = message;
                         result.keychainUnavailable = keychainUnavailable;
                         answered = true;
                         loop.quit();
                     });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    store.load(venue);
    loop.exec(); // the store never answers from inside load(), so nothing is missed before this
    if (!answered)
        result.failure = CredentialStore::tr("The keychain did not answer within %1 s (is it locked, or not running?)")
                             .arg(timeoutMs / 1000.0);
    return result;
}

} // namespace tapescope
