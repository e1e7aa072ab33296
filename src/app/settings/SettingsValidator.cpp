#include "SettingsValidator.h"

#include "venues/api/VenueDescription.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>

using namespace Qt::StringLiterals;

namespace tapescope::settingsValidation {

namespace {

// The context lupdate files these strings under (the namespace of the tr() calls), so the German file applies.
QString tr(const char *text)
{
    return QCoreApplication::translate("tapescope::settingsValidation", text);
}

void checkWatchlist(const VenueDescription &description, const VenueSettings &venue, QList<SettingsIssue> *issues)
{
    const QString field = venue.venue + u".watchlist"_s;
    const auto count = venue.watchlist.size();
    if (count < description.minSymbols || count > description.maxSymbols) {
        issues->append({ field,
                         tr("%1 needs between %2 and %3 symbols; %4 given.")
                             .arg(description.title)
                             .arg(description.minSymbols)
                             .arg(description.maxSymbols)
                             .arg(count) });
        return;
    }
    const QRegularExpression pattern(description.symbolPattern);
    for (const QString &symbol : venue.watchlist) {
        if (!pattern.match(symbol).hasMatch()) {
            issues->append({ field,
                             tr("'%1' is not a %2 symbol; symbols look like %3.")
                                 .arg(symbol, description.title, description.symbolExample) });
            return;
        }
    }
    QStringList unique = venue.watchlist;
    if (unique.removeDuplicates() > 0)
        issues->append({ field, tr("The %1 watchlist names a symbol twice.").arg(description.title) });
}

void checkCredentials(const VenueDescription &description, const VenueSettings &venue,
                      const VenueCredentials &credentials, QList<SettingsIssue> *issues)
{
    const QString prefix = venue.venue + u'.';
    if (credentials.keyId.trimmed().isEmpty()) {
        issues->append({ prefix + u"keyId"_s, tr("%1 needs an API key id to connect.").arg(description.title) });
    } else if (credentials.keyId.contains(QRegularExpression(u"\\s"_s))) {
        issues->append({ prefix + u"keyId"_s, tr("The API key id contains spaces; paste it again without them.") });
    }
    if (description.auth == VenueDescription::Auth::KeyFile) {
        if (const auto problem = checkPrivateKeyFile(credentials.privateKeyPath, description))
            issues->append({ prefix + u"privateKeyPath"_s, *problem });
    } else if (description.auth == VenueDescription::Auth::Secret && credentials.secret.isEmpty()) {
        issues->append(
            { prefix + u"secret"_s, tr("%1 needs the secret key that belongs to the key id.").arg(description.title) });
    }
}

} // namespace

std::optional<QString> checkUrl(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the URL of the server, e.g. wss://example.com/ws.");
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return tr("'%1' is not a valid URL: %2").arg(trimmed, url.errorString());
    static const QStringList schemes = { u"ws"_s, u"wss"_s, u"http"_s, u"https"_s };
    if (!schemes.contains(url.scheme()))
        return tr("The URL must start with ws://, wss://, http:// or https://, not '%1'.").arg(url.scheme() + u"://"_s);
    if (url.host().isEmpty())
        return tr("The URL '%1' has no host name.").arg(trimmed);
    return std::nullopt;
}

std::optional<QString> checkPrivateKeyFile(const QString &path, const VenueDescription &description)
{
    if (path.trimmed().isEmpty())
        return tr("Choose the private key file (.pem / .key) you downloaded when you created the API key.");
    const QFileInfo info(path);
    if (!info.exists())
        return tr("The key file %1 does not exist.").arg(path);
    if (!info.isFile() || !info.isReadable())
        return tr("The key file %1 cannot be read; check its permissions.").arg(path);
    if (info.size() > 64 * 1024)
        return tr("%1 is too large to be a private key file.").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("The key file %1 cannot be opened: %2").arg(path, file.errorString());
    const QByteArray pem = file.read(64 * 1024); // bounded: checked above, but a file can grow meanwhile
    if (!pem.contains("-----BEGIN RSA PRIVATE KEY-----") && !pem.contains("-----BEGIN PRIVATE KEY-----"))
        return tr("%1 is not a PEM private key: it should start with -----BEGIN PRIVATE KEY----- or "
                  "-----BEGIN RSA PRIVATE KEY-----.")
            .arg(path);
    if (description.privateKeyProblem) {
        if (const QString problem = description.privateKeyProblem(pem); !problem.isEmpty())
            return tr("%1 could not be loaded as an RSA private key: %2").arg(path, problem);
    }
    return std::nullopt;
}

QList<SettingsIssue> checkVenue(const VenueSettings &venue, const VenueCredentials &credentials,
                                bool credentialsFromEnvironment)
{
    QList<SettingsIssue> issues;
    const VenueDescription *description = venueCatalog::find(venue.venue);
    if (!description) {
        issues.append({ venue.venue, tr("'%1' is not a venue Tapescope knows.").arg(venue.venue) });
        return issues;
    }
    const QString prefix = venue.venue + u'.';
    if (!description->environments.contains(venue.environment)) {
        issues.append({ prefix + u"environment"_s,
                        tr("%1 environment '%2' is unknown; choose %3.")
                            .arg(description->title, venue.environment, description->environments.join(u", "_s)) });
    } else if (venue.environment == u"custom") {
        if (const auto problem = checkUrl(venue.customUrl.toString()))
            issues.append({ prefix + u"customUrl"_s, *problem });
    }
    if (description->hasPollInterval
        && (venue.pollIntervalMs < MinPollIntervalMs || venue.pollIntervalMs > MaxPollIntervalMs)) {
        issues.append({ prefix + u"pollIntervalMs"_s,
                        tr("The update interval must be between %1 and %2 ms; %3 was given.")
                            .arg(MinPollIntervalMs)
                            .arg(MaxPollIntervalMs)
                            .arg(venue.pollIntervalMs) });
    }
    checkWatchlist(*description, venue, &issues);
    for (qsizetype i = 0; i < venue.accounts.size(); ++i) {
        if (const auto problem = checkAccount(venue.venue, venue.accounts[i].account, venue.accounts.first(i), nullptr))
            issues.append({ prefix + u"accounts"_s, *problem });
    }
    // Credentials are only needed to connect; a disabled venue may keep half-entered fields.
    if (venue.enabled && description->auth != VenueDescription::Auth::None && !credentialsFromEnvironment)
        checkCredentials(*description, venue, credentials, &issues);
    return issues;
}

std::optional<QString> checkAccount(const QString &venue, const QString &text, const QList<VenueAccount> &others,
                                    QString *normalized)
{
    const VenueDriver *driver = findVenueDriver(venue);
    const VenueModule *module = findVenueModule(venue);
    if (!driver || !module || !module->hasAccounts())
        return tr("%1 has no account data in Tapescope.").arg(venue);
    QString why;
    const std::optional<QString> account = driver->normalizedAccount(text, &why);
    if (!account)
        return why;
    for (const VenueAccount &other : others) {
        if (other.account.compare(*account, Qt::CaseInsensitive) == 0)
            return tr("%1 is already in the list.").arg(*account);
    }
    if (const int most = driver->maxAccounts(); most > 0 && others.size() >= most) {
        return tr("At most %1 %2 accounts can be followed: the venue accepts %3 connections from one computer, one "
                  "for the market data and one for each account. Remove one first.")
            .arg(most)
            .arg(module->description().title)
            .arg(most + 1);
    }
    if (normalized)
        *normalized = *account;
    return std::nullopt;
}

std::optional<QString> checkRecordingLimit(RecordingLimit limit, const QString &text, int *value)
{
    const QString trimmed = text.trimmed();
    bool ok = true;
    const qlonglong number = trimmed.isEmpty() ? 0 : trimmed.toLongLong(&ok);
    const bool megabytes = limit == RecordingLimit::Megabytes;
    if (!ok) {
        return megabytes ? tr("Size limit: '%1' is not a number; enter whole megabytes, 0 for no limit.").arg(trimmed)
                         : tr("Time limit: '%1' is not a number; enter whole minutes, 0 for no limit.").arg(trimmed);
    }
    if (number < 0) {
        return megabytes ? tr("Size limit: the size cannot be negative (%1 MB); enter 0 for no limit.").arg(number)
                         : tr("Time limit: the time cannot be negative (%1 minutes); enter 0 for no "
                              "limit.")
                               .arg(number);
    }
    const int max = megabytes ? MaxRecordingLimitMb : MaxRecordingLimitMinutes;
    if (number > max) {
        return megabytes ? tr("Size limit: at most %1 MB (1 TB) per file; %2 was given. Enter 0 for no "
                              "limit.")
                               .arg(max)
                               .arg(number)
                         : tr("Time limit: at most %1 minutes (30 days); %2 was given. Enter 0 for no "
                              "limit.")
                               .arg(max)
                               .arg(number);
    }
    if (value)
        *value = int(number);
    return std::nullopt;
}

QList<SettingsIssue> checkDisplay(const DisplaySettings &display, const QStringList &languages)
{
    QList<SettingsIssue> issues;
    if (display.theme != u"dark" && display.theme != u"light")
        issues.append({ u"display.theme"_s, tr("The theme must be dark or light, not '%1'.").arg(display.theme) });
    if (display.updateRate < MinUpdateRate || display.updateRate > MaxUpdateRate) {
        issues.append({ u"display.updateRate"_s,
                        tr("The update rate must be between %1 and %2 per second; %3 was given.")
                            .arg(MinUpdateRate)
                            .arg(MaxUpdateRate)
                            .arg(display.updateRate) });
    }
    if (!display.language.isEmpty() && !languages.contains(display.language)) {
        issues.append(
            { u"display.language"_s,
              tr("No translation for '%1'; choose one of %2.").arg(display.language, languages.join(u", "_s)) });
    }
    if (!display.recordingFolder.isEmpty()) {
        const QFileInfo folder(display.recordingFolder);
        if (!folder.isAbsolute()) {
            issues.append(
                { u"display.recordingFolder"_s,
                  tr("The sessions folder must be a full path, e.g. %1; '%2' is not.")
                      .arg(QDir::toNativeSeparators(QDir::homePath() + u"/recordings"_s), display.recordingFolder) });
        } else if (folder.exists() && !folder.isDir()) {
            issues.append({ u"display.recordingFolder"_s,
                            tr("'%1' is a file, not a folder: choose a folder for the recordings.")
                                .arg(QDir::toNativeSeparators(display.recordingFolder)) });
        }
    }
    if (const auto problem
        = checkRecordingLimit(RecordingLimit::Megabytes, QString::number(display.recordingLimitMb), nullptr))
        issues.append({ u"display.recordingLimitMb"_s, *problem });
    if (const auto problem
        = checkRecordingLimit(RecordingLimit::Minutes, QString::number(display.recordingLimitMinutes), nullptr))
        issues.append({ u"display.recordingLimitMinutes"_s, *problem });
    return issues;
}

} // namespace tapescope::settingsValidation
