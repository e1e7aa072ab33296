// `tapescope-cli account --venue kalshi`: the member's portfolio (README "Account events", Kalshi paragraph).
#include "venues/kalshi/module/KalshiCliSupport.h"

#include "venues/kalshi/KalshiAccountService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCryptographicHash>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

QString kalshiAccountName(const QString &user, const QByteArray &keyId)
{
    if (!user.isEmpty())
        return user;
    // The key identifies the member; it is never printed. A short digest of the key id tells two keys apart.
    return u"key-"_s + QString::fromLatin1(QCryptographicHash::hash(keyId, QCryptographicHash::Sha256).toHex().left(8));
}

std::optional<StreamSource> kalshiAccountSource(const AccountRequest &request, QString *error)
{
    const auto endpoints = kalshicli::endpoints(request.url, request.environment, error);
    if (!endpoints)
        return std::nullopt;
    const auto credentials = kalshicli::credentials(*request.parser, true, error);
    if (!credentials)
        return std::nullopt;
    auto service = std::make_unique<kalshi::KalshiAccountService>(*endpoints, *credentials,
                                                                  kalshiAccountName(request.user, credentials->keyId),
                                                                  kalshi::KalshiAccountService::Options {});
    StreamPrintOptions printer;
    printer.endpoint = endpoints->wsUrl.toString();
    printer.fatalErrorCodes = { u"auth_rejected"_s, u"credentials"_s };
    return StreamSource { std::move(service), printer };
}

} // namespace tapescope::cli
