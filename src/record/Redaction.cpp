#include "record/Redaction.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QUrlQuery>

using namespace Qt::StringLiterals;

namespace tapescope::tape {

namespace {

const QString kRedacted = u"<redacted>"_s;

// Words that name a secret (compared case-insensitively, as a part of the name).
constexpr QStringView kSecretWords[]
    = { u"key", u"secret",     u"signature", u"token",   u"password", u"passphrase", u"auth",
        u"jwt", u"credential", u"private",   u"session", u"cookie",   u"bearer",     u"sig" };

QJsonValue redactValue(const QJsonValue &value);

QJsonObject redactObject(const QJsonObject &object)
{
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isSecretName(it.key()) && !it.value().isNull())
            out.insert(it.key(), kRedacted);
        else
            out.insert(it.key(), redactValue(it.value()));
    }
    return out;
}

QJsonValue redactValue(const QJsonValue &value)
{
    if (value.isObject())
        return redactObject(value.toObject());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(redactValue(item));
        return out;
    }
    if (value.isString() && value.toString().startsWith(u"eyJ"_s))
        return kRedacted; // a JWT wherever it stands
    return value;
}

} // namespace

bool isSecretName(QStringView name)
{
    for (QStringView word : kSecretWords) {
        if (name.contains(word, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QByteArray redactFrame(const QByteArray &frame)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray())) {
        const QJsonDocument redacted = document.isObject() ? QJsonDocument(redactObject(document.object()))
                                                           : QJsonDocument(redactValue(document.array()).toArray());
        const QByteArray out = redacted.toJson(QJsonDocument::Compact);
        // Unchanged frames are kept byte for byte (key order, spacing), so a replay can compare them.
        return out == QJsonDocument(document).toJson(QJsonDocument::Compact) ? frame : out;
    }
    const QString text = QString::fromUtf8(frame);
    if (isSecretName(text))
        return "<frame redacted: " + QByteArray::number(frame.size()) + " bytes>";
    return frame;
}

QString redactUrl(const QUrl &url)
{
    QUrl out = url.adjusted(QUrl::RemoveUserInfo);
    if (out.hasQuery()) {
        QUrlQuery query(out);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &item : items) {
            if (isSecretName(item.first))
                item.second = kRedacted;
        }
        query.setQueryItems(items);
        out.setQuery(query);
    }
    return out.toString(QUrl::FullyEncoded);
}

} // namespace tapescope::tape
