#include "SettingsController.h"

#include "SettingsLog.h"
#include "SettingsValidator.h"
#include "app/AppSettings.h"
#include "models/UiLanguage.h"
#include "venues/api/VenueDescription.h"
#include "venues/api/VenueDriver.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QDir>
#include <QtCore/QRegularExpression>
#include <QtCore/QUrl>
#include <QtQml/QJSEngine>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

SettingsController *s_instance = nullptr;

QList<VenueAccount> accountsFrom(const QVariantList &list)
{
    QList<VenueAccount> accounts;
    for (const QVariant &entry : list) {
        const QVariantMap map = entry.toMap();
        accounts.append({ map.value(u"account"_s).toString().trimmed(), map.value(u"label"_s).toString().trimmed() });
    }
    return accounts;
}

QString authName(VenueDescription::Auth auth)
{
    switch (auth) {
    case VenueDescription::Auth::KeyFile:
        return u"keyFile"_s;
    case VenueDescription::Auth::Secret:
        return u"secret"_s;
    case VenueDescription::Auth::None:
        break;
    }
    return u"none"_s;
}

QString sourceName(CredentialSource source)
{
    switch (source) {
    case CredentialSource::Keychain:
        return u"keychain"_s;
    case CredentialSource::Environment:
        return u"environment"_s;
    case CredentialSource::None:
        break;
    }
    return u"none"_s;
}

} // namespace

SettingsController::SettingsController(AppSettings *settings, CredentialStore *credentials, Hooks hooks,
                                       QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_hooks(std::move(hooks))
    , m_theme(settings->theme() == u"light" ? u"light"_s : u"dark"_s)
{
    connect(&m_tester, &ConnectionTester::finished, this, &SettingsController::connectionTested);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, &SettingsController::languagesChanged);
    connect(m_credentials, &CredentialStore::loaded, this,
            [this](const QString &venue, const VenueCredentials &loaded, CredentialSource source) {
                m_known.insert(venue, loaded);
                if (source == CredentialSource::Keychain || source == CredentialSource::None)
                    setKeychainProblem({});
                Q_EMIT credentialsLoaded(venue, loaded.keyId, !loaded.secret.isEmpty(), loaded.privateKeyPath,
                                         sourceName(source));
            });
    connect(m_credentials, &CredentialStore::saved, this, [this](const QString &venue) {
        setKeychainProblem({});
        Q_EMIT credentialsSaved(venue);
    });
    connect(m_credentials, &CredentialStore::failed, this,
            [this](const QString &venue, const QString &message, bool unavailable) {
                if (unavailable)
                    setKeychainProblem(message);
                Q_EMIT credentialsFailed(venue, message);
            });
}

SettingsController::~SettingsController()
{
    if (s_instance == this)
        s_instance = nullptr;
}

SettingsController *SettingsController::create(QQmlEngine *, QJSEngine *)
{
    Q_ASSERT_X(s_instance, "SettingsController::create", "main() must build the SettingsController before loading QML");
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

void SettingsController::setInstance(SettingsController *controller)
{
    s_instance = controller;
}

QVariantList SettingsController::venues() const
{
    QVariantList list;
    for (const VenueDescription &description : venueCatalog::all()) {
        list.append(QVariantMap {
            { u"venue"_s, description.venue },
            { u"title"_s, description.title },
            { u"environments"_s, description.environments },
            { u"auth"_s, authName(description.auth) },
            { u"hasPollInterval"_s, description.hasPollInterval },
            { u"symbolExample"_s, description.symbolExample },
            { u"environmentVariables"_s, m_credentials->environmentVariables(description.venue) },
            { u"available"_s, findVenueDriver(description.venue) != nullptr },
            { u"hasAccounts"_s,
              findVenueModule(description.venue) && findVenueModule(description.venue)->hasAccounts() },
        });
    }
    return list;
}

QVariantList SettingsController::languages() const
{
    return {
        QVariantMap { { u"code"_s, QString() }, { u"name"_s, tr("System language") } },
        QVariantMap { { u"code"_s, u"en"_s }, { u"name"_s, u"English"_s } },
        QVariantMap { { u"code"_s, u"de"_s }, { u"name"_s, u"Deutsch"_s } },
        QVariantMap { { u"code"_s, u"fr"_s }, { u"name"_s, u"Français"_s } },
        QVariantMap { { u"code"_s, u"es"_s }, { u"name"_s, u"Español"_s } },
        QVariantMap { { u"code"_s, u"ja"_s }, { u"name"_s, u"日本語"_s } },
    };
}

QVariantMap SettingsController::venueSettings(const QString &venue) const
{
    const VenueSettings saved = m_settings->venue(venue);
    QVariantList accounts;
    for (const VenueAccount &account : saved.accounts)
        accounts.append(QVariantMap { { u"account"_s, account.account }, { u"label"_s, account.label } });
    return {
        { u"enabled"_s, saved.enabled },
        { u"environment"_s, saved.environment },
        { u"customUrl"_s, saved.customUrl.toString() },
        { u"watchlist"_s, saved.watchlist.join(u", "_s) },
        { u"pollIntervalMs"_s, saved.pollIntervalMs },
        { u"accounts"_s, accounts },
    };
}

QString SettingsController::accountProblem(const QString &venue, const QString &text, const QVariantList &listed) const
{
    return settingsValidation::checkAccount(venue, text, accountsFrom(listed), nullptr).value_or(QString());
}

QString SettingsController::normalizedAccount(const QString &venue, const QString &text) const
{
    const VenueDriver *driver = findVenueDriver(venue);
    return driver ? driver->normalizedAccount(text, nullptr).value_or(QString()) : QString();
}

QVariantMap SettingsController::displaySettings() const
{
    const DisplaySettings display = m_settings->display();
    return { { u"theme"_s, display.theme },
             { u"updateRate"_s, display.updateRate },
             { u"language"_s, display.language },
             { u"recordingFolder"_s, display.recordingFolder },
             { u"defaultRecordingFolder"_s, QDir::toNativeSeparators(AppSettings::defaultRecordingFolder()) },
             { u"recordingLimitMb"_s, display.recordingLimitMb },
             { u"recordingLimitMinutes"_s, display.recordingLimitMinutes } };
}

void SettingsController::loadCredentials(const QString &venue)
{
    m_credentials->load(venue);
}

SettingsController::Draft SettingsController::draftFrom(const QString &venue, const QVariantMap &values) const
{
    Draft draft;
    draft.settings.venue = venue;
    draft.settings.enabled = values.value(u"enabled"_s).toBool();
    draft.settings.environment = values.value(u"environment"_s).toString();
    draft.settings.customUrl = QUrl(values.value(u"customUrl"_s).toString().trimmed());
    static const QRegularExpression separators(u"[,\\s]+"_s);
    draft.settings.watchlist = values.value(u"watchlist"_s).toString().split(separators, Qt::SkipEmptyParts);
    bool numeric = false;
    draft.settings.pollIntervalMs = values.value(u"pollIntervalMs"_s, 1000).toString().toInt(&numeric);
    if (!numeric)
        draft.settings.pollIntervalMs = -1; // refused below with the allowed range
    // Each account as the venue spells it; one that is no account stays as typed and is refused by checkVenue.
    for (VenueAccount account : accountsFrom(values.value(u"accounts"_s).toList())) {
        if (const VenueDriver *driver = findVenueDriver(venue)) {
            if (const std::optional<QString> normalized = driver->normalizedAccount(account.account, nullptr))
                account.account = *normalized;
        }
        draft.settings.accounts.append(account);
    }
    draft.credentials.keyId = values.value(u"keyId"_s).toString().trimmed();
    draft.credentials.secret = values.value(u"secret"_s).toString();
    draft.credentials.privateKeyPath = values.value(u"privateKeyPath"_s).toString().trimmed();
    if (draft.credentials.secret.isEmpty())
        draft.credentials.secret = m_known.value(venue).secret;
    return draft;
}

void SettingsController::setStartProblem(const QString &problem)
{
    if (problem == m_startProblem)
        return;
    m_startProblem = problem;
    Q_EMIT startProblemChanged();
}

QVariantList SettingsController::applyVenue(const QString &venue, const QVariantMap &values)
{
    const Draft draft = draftFrom(venue, values);
    const bool fromEnvironment = m_credentials->environmentOverrides(venue);
    const QList<SettingsIssue> issues
        = settingsValidation::checkVenue(draft.settings, draft.credentials, fromEnvironment);
    if (!issues.isEmpty())
        return toList(issues);

    m_settings->setVenue(draft.settings);
    m_settings->sync();
    const VenueDescription *description = venueCatalog::find(venue);
    const bool hasCredentials = description && description->auth != VenueDescription::Auth::None;
    VenueCredentials effective = draft.credentials;
    if (hasCredentials && fromEnvironment)
        effective = *m_credentials->fromEnvironment(venue);
    else if (hasCredentials && !draft.credentials.isEmpty() && draft.credentials != m_known.value(venue)) {
        m_known.insert(venue, draft.credentials);
        m_credentials->save(venue, draft.credentials);
    }
    qCInfo(lcSettings) << "applying" << venue << (draft.settings.enabled ? "enabled" : "disabled")
                       << draft.settings.environment;
    QString error;
    if (m_hooks.applyVenue && !m_hooks.applyVenue(draft.settings, effective, &error))
        return toList({ { venue, tr("Saved, but %1 could not start: %2").arg(venue, error) } });
    if (draft.settings.enabled)
        setStartProblem({});
    return {};
}

QVariantList SettingsController::applyDisplay(const QVariantMap &values)
{
    DisplaySettings display;
    display.theme = values.value(u"theme"_s).toString();
    bool numeric = false;
    display.updateRate = values.value(u"updateRate"_s).toString().toInt(&numeric);
    if (!numeric)
        display.updateRate = -1;
    display.language = values.value(u"language"_s).toString();
    display.recordingFolder = QDir::fromNativeSeparators(values.value(u"recordingFolder"_s).toString().trimmed());
    QStringList codes;
    for (const QVariant &language : languages())
        codes << language.toMap().value(u"code"_s).toString();
    codes.removeAll(QString());
    // The limits' fields as typed: "not a number" is said as such, before the numbers are checked.
    QList<SettingsIssue> issues;
    using settingsValidation::RecordingLimit;
    if (const auto problem = settingsValidation::checkRecordingLimit(
            RecordingLimit::Megabytes, values.value(u"recordingLimitMb"_s).toString(), &display.recordingLimitMb))
        issues.append({ u"display.recordingLimitMb"_s, *problem });
    if (const auto problem = settingsValidation::checkRecordingLimit(
            RecordingLimit::Minutes, values.value(u"recordingLimitMinutes"_s).toString(),
            &display.recordingLimitMinutes))
        issues.append({ u"display.recordingLimitMinutes"_s, *problem });
    for (const SettingsIssue &issue : settingsValidation::checkDisplay(display, codes)) {
        if (!std::any_of(issues.cbegin(), issues.cend(),
                         [&issue](const SettingsIssue &known) { return known.field == issue.field; }))
            issues.append(issue);
    }
    if (!issues.isEmpty())
        return toList(issues);
    m_settings->setDisplay(display);
    m_settings->sync();
    if (display.theme != m_theme) {
        m_theme = display.theme;
        Q_EMIT themeChanged();
    }
    if (m_hooks.applyDisplay)
        m_hooks.applyDisplay(display);
    return {};
}

QVariantList SettingsController::testConnection(const QString &venue, const QVariantMap &values)
{
    Draft draft = draftFrom(venue, values);
    draft.settings.enabled = true; // a test needs everything a connection needs
    const bool fromEnvironment = m_credentials->environmentOverrides(venue);
    const QList<SettingsIssue> issues
        = settingsValidation::checkVenue(draft.settings, draft.credentials, fromEnvironment);
    if (!issues.isEmpty())
        return toList(issues);
    const VenueDriver *driver = findVenueDriver(venue);
    if (!driver)
        return toList({ { venue, tr("%1 is not built into this version of Tapescope yet.").arg(venue) } });
    if (fromEnvironment)
        draft.credentials = *m_credentials->fromEnvironment(venue);
    m_tester.test(*driver, draft.settings, draft.credentials);
    return {};
}

QString SettingsController::localPath(const QUrl &url) const
{
    return url.isLocalFile() ? url.toLocalFile() : url.toString();
}

QVariantList SettingsController::toList(const QList<SettingsIssue> &issues)
{
    QVariantList list;
    for (const SettingsIssue &issue : issues)
        list.append(QVariantMap { { u"field"_s, issue.field }, { u"message"_s, issue.message } });
    return list;
}

void SettingsController::setKeychainProblem(const QString &problem)
{
    if (problem == m_keychainProblem)
        return;
    m_keychainProblem = problem;
    Q_EMIT keychainProblemChanged();
}

} // namespace tapescope
