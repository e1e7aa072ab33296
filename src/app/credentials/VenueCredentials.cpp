#include "VenueCredentials.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using namespace Qt::StringLiterals;

namespace tapescope {

QByteArray VenueCredentials::toKeychainData() const
{
    QJsonObject object;
    object.insert(u"keyId"_s, keyId);
    if (!secret.isEmpty())
        object.insert(u"secret"_s, secret);
    if (!privateKeyPath.isEmpty())
        object.insert(u"privateKeyPath"_s, privateKeyPath);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<VenueCredentials> VenueCredentials::fromKeychainData(const QByteArray &data)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    VenueCredentials credentials;
    credentials.keyId = object.value(u"keyId"_s).toString();
    credentials.secret = object.value(u"secret"_s).toString();
    credentials.privateKeyPath = object.value(u"privateKeyPath"_s).toString();
    return credentials;
}

} // namespace tapescope
