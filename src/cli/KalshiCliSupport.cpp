#include "cli/KalshiCliSupport.h"

#include "emulator/kalshi/KalshiDemoKey.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace tapescope::cli::kalshicli {

void addCredentialOptions(QCommandLineParser &parser)
{
    parser.addOption(
        { u"demo-credentials"_s,
          u"Kalshi: sign with the emulator's built-in TEST-ONLY key (only `tapescope-cli emulate --venue kalshi` "
          "accepts it). Otherwise the key comes from KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH."_s });
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

    const QByteArray keyId = qgetenv("KALSHI_API_KEY_ID");
    const QString keyPath = qEnvironmentVariable("KALSHI_PRIVATE_KEY_PATH");
    if (!keyId.isEmpty() && !keyPath.isEmpty()) {
        QFile file(keyPath);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the Kalshi private key named by KALSHI_PRIVATE_KEY_PATH (%1): %2"_s.arg(
                keyPath, file.errorString());
            return std::nullopt;
        }
        return kalshi::Credentials { keyId, file.readAll() };
    }
    if (!keyId.isEmpty() || !keyPath.isEmpty()) {
        *error = u"set both KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (only one is set)"_s;
        return std::nullopt;
    }
    // Hook: once the app's credential store (keychain) lands, read the saved Kalshi key here, before giving up.
    if (required) {
        *error = u"Kalshi needs an API key: set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH "
                 "(or --demo-credentials against the emulator)"_s;
        return std::nullopt;
    }
    return kalshi::Credentials {};
}

} // namespace tapescope::cli::kalshicli
