#include "cli/KalshiCliSupport.h"

#include "app/credentials/CredentialStore.h"
#include "cli/CliCredentials.h"
#include "emulator/kalshi/KalshiDemoKey.h"

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
    const std::unique_ptr<CredentialStore> store = systemCredentialStore();
    // Public data needs no key: skip the keychain (which may ask to be unlocked) unless the environment has one.
    if (!required) {
        QString partial;
        if (!store->fromEnvironment(u"kalshi"_s, &partial) && partial.isEmpty())
            return kalshi::Credentials {};
    }
    return kalshiCredentials(*store, KeychainTimeoutMs, error);
}

} // namespace tapescope::cli::kalshicli
