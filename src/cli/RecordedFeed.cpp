#include "cli/RecordedFeed.h"

#include "venues/api/VenueModule.h"

#include <QtCore/QJsonArray>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

std::optional<RecordedFeed> prepareRecordedFeed(const QJsonObject &header, const QString &path, QString *error)
{
    RecordedFeed recorded;
    recorded.command = header.value(u"command"_s).toString();
    for (const QJsonValue &arg : header.value(u"arguments"_s).toArray())
        recorded.arguments.append(arg.toString());
    if (recorded.command == u"app"_s || recorded.command == u"app-account"_s) {
        *error = u"%1 was recorded by the app (REC): play it with tapescope --replay FILE"_s.arg(path);
        return std::nullopt;
    }
    if ((recorded.command != u"stream"_s && recorded.command != u"account"_s) || recorded.arguments.isEmpty()
        || recorded.arguments.constFirst() != recorded.command) {
        *error = u"%1 records no command this build can replay"_s.arg(path);
        return std::nullopt;
    }
    const QString venue = header.value(u"venue"_s).toString();
    for (const CredentialVariables &variables : venueCredentialVariables()) {
        if (variables.venue != venue || variables.secretIsKeyFile)
            continue;
        if (qEnvironmentVariableIsEmpty(qPrintable(variables.keyId))
            && qEnvironmentVariableIsEmpty(qPrintable(variables.secret))) {
            qputenv(qPrintable(variables.keyId), "replay-without-keys");
            qputenv(qPrintable(variables.secret), "replay-without-keys");
        }
    }
    std::optional<PreparedFeed> feed = recorded.command == u"stream"_s ? prepareStream(recorded.arguments, error)
                                                                       : prepareAccount(recorded.arguments, error);
    if (!feed)
        return std::nullopt;
    recorded.feed = std::move(*feed);
    return recorded;
}

} // namespace tapescope::cli
