#include "venues/kalshi/module/KalshiCliSupport.h"

#include "app/credentials/CredentialStore.h"
#include "core/BoundedFile.h"
#include "emulator/kalshi/KalshiDemoKey.h"
#include "venues/api/CliCredentials.h"
#include "venues/api/VenueModule.h"
#include "venues/kalshi/KalshiSigner.h"

#include <QtCore/QCommandLineParser>

using namespace Qt::StringLiterals;

namespace tapescope::cli::kalshicli {

void addCredentialOptions(QCommandLineParser &parser)
{
    parser.addOption(
        { u"demo-credentials"_s,
          u"Kalshi: sign with the emulator's built-in TEST-ONLY key (only `tapescope-cli emulate --venue kalshi` "
          "accepts it). Otherwise the key comes from KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH, else from the key "
          "saved in the settings dialog (keychain)."_s });
}

std::optional<kalshi::Endpoints> endpoints(const QString &url, const QString &environment, QString *error)
{
    QString why;
    std::optional<kalshi::Endpoints> result = url.isEmpty() ? kalshi::Endpoints::forEnvironment(environment, &why)
                                                            : kalshi::Endpoints::custom(QUrl(url), &why);
    if (!result)
        *error = (url.isEmpty() ? u"--environment: "_s : u"--url: "_s) + why;
    return result;
}

std::optional<kalshi::Credentials> credentials(const QCommandLineParser &parser, bool required, QString *error)
{
    if (parser.isSet(u"demo-credentials"_s))
        return emulator::kalshi::demoCredentials();
    const std::unique_ptr<CredentialStore> store = systemCredentialStore(kalshiModule().description());
    // Public data needs no key: skip the keychain (which may ask to be unlocked) unless the environment has one.
    if (!required) {
        QString partial;
        if (!store->fromEnvironment(kalshiModule().name(), &partial) && partial.isEmpty())
            return kalshi::Credentials {};
    }
    return kalshiCredentials(*store, KeychainTimeoutMs, error);
}

} // namespace tapescope::cli::kalshicli

namespace tapescope::cli {

std::optional<kalshi::Credentials> kalshiCredentials(CredentialStore &store, int timeoutMs, QString *error)
{
    const QString venue = kalshiModule().name();
    QString problem;
    const std::optional<BlockingLoadResult> found = findCredentials(store, venue, timeoutMs, &problem);
    if (found) {
        const VenueCredentials &saved = found->credentials;
        if (saved.keyId.isEmpty() || saved.privateKeyPath.isEmpty()) {
            *error = u"%1 lacks the key id or the private key file; enter both in the settings dialog again"_s.arg(
                credentialOrigin(store, venue, found->source));
            return std::nullopt;
        }
        // Checked here, before any connection: a key that cannot sign is a usage error (exit 1), not a refusal.
        const QString origin = credentialOrigin(store, venue, found->source);
        QString why;
        std::optional<QByteArray> pem = readBoundedFile(saved.privateKeyPath, kMaxKeyFileBytes, &why);
        if (pem) {
            kalshi::Signer signer;
            if (signer.loadPrivateKeyPem(*pem))
                return kalshi::Credentials { saved.keyId.toUtf8(), *std::move(pem) };
            why = u"%1: %2"_s.arg(saved.privateKeyPath, signer.errorString());
        }
        *error = u"the Kalshi private key file named by %1 cannot be used: %2"_s.arg(origin, why);
        return std::nullopt;
    }
    *error = u"Kalshi needs an API key: set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH, save the key id and "
             "private key file in Tapescope's settings dialog (kept in the keychain), or pass --demo-credentials "
             "against the emulator"_s;
    if (!problem.isEmpty())
        *error += u" (%1)"_s.arg(problem);
    return std::nullopt;
}

} // namespace tapescope::cli
