#pragma once

#include "ConnectionTester.h"
#include "SettingsValidator.h"
#include "app/credentials/CredentialStore.h"
#include "venues/api/VenueSettings.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QVariantList>
#include <QtCore/QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <memory>

class QQmlEngine;
class QJSEngine;

namespace tapescope {

class AppSettings;

// The settings dialog's backend (QML singleton, built in main()). The dialog sends what the user typed;
// everything is validated here, refused values come back as {field, message} pairs that say what to fix,
// and accepted ones are saved (settings to QSettings, secrets to the keychain only) and applied to the
// running session at once through the hooks.
class SettingsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QVariantList venues READ venues CONSTANT)
    // Native names, and "System language" in the UI's language (hence the NOTIFY).
    Q_PROPERTY(QVariantList languages READ languages NOTIFY languagesChanged)
    Q_PROPERTY(QString theme READ theme NOTIFY themeChanged)
    Q_PROPERTY(QString keychainProblem READ keychainProblem NOTIFY keychainProblemChanged)
    // Why no venue could start when the app opened (it then opens on the settings); cleared by a good Apply.
    Q_PROPERTY(QString startProblem READ startProblem NOTIFY startProblemChanged)

public:
    // How accepted settings reach the running app. Each returns false with *error when it cannot apply.
    struct Hooks
    {
        std::function<bool(const VenueSettings &, const VenueCredentials &, QString *error)> applyVenue;
        std::function<void(const DisplaySettings &)> applyDisplay;
    };

    SettingsController(AppSettings *settings, CredentialStore *credentials, Hooks hooks, QObject *parent = nullptr);
    ~SettingsController() override;

    static SettingsController *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(SettingsController *controller);

    QVariantList venues() const;
    QVariantList languages() const;
    QString theme() const { return m_theme; }
    QString keychainProblem() const { return m_keychainProblem; }
    QString startProblem() const { return m_startProblem; }
    void setStartProblem(const QString &problem);

    // The saved values, as the dialog's fields show them.
    Q_INVOKABLE QVariantMap venueSettings(const QString &venue) const;
    Q_INVOKABLE QVariantMap displaySettings() const;
    // Asks the keychain (or the environment); answers with credentialsLoaded or credentialsFailed.
    Q_INVOKABLE void loadCredentials(const QString &venue);

    // `values`: enabled, environment, customUrl, watchlist (text, comma or space separated), pollIntervalMs,
    // accounts ([{account, label}]), keyId, secret, privateKeyPath. An empty secret keeps the stored one. Returns the
    // refusals; empty = saved and applied (credentials reach the keychain asynchronously: credentialsSaved /
    // credentialsFailed).
    Q_INVOKABLE QVariantList applyVenue(const QString &venue, const QVariantMap &values);
    // `values`: theme, updateRate, language.
    Q_INVOKABLE QVariantList applyDisplay(const QVariantMap &values);
    // Validates like applyVenue (as if enabled), then performs the real handshake; answers with connectionTested.
    Q_INVOKABLE QVariantList testConnection(const QString &venue, const QVariantMap &values);
    // What is wrong with an account the dialog is about to add ("" when nothing): not an account of the venue, or
    // already in `listed` ({account, label} maps; accounts compare case-insensitively).
    Q_INVOKABLE QString accountProblem(const QString &venue, const QString &text, const QVariantList &listed) const;
    // The account as the venue spells it (a Hyperliquid address in lower case); "" when it is none.
    Q_INVOKABLE QString normalizedAccount(const QString &venue, const QString &text) const;
    // A FileDialog's file:// URL as a local path.
    Q_INVOKABLE QString localPath(const QUrl &url) const;

Q_SIGNALS:
    void themeChanged();
    void languagesChanged();
    void keychainProblemChanged();
    void startProblemChanged();
    // Never carries a secret: only whether one is stored.
    void credentialsLoaded(const QString &venue, const QString &keyId, bool hasSecret, const QString &privateKeyPath,
                           const QString &source);
    void credentialsSaved(const QString &venue);
    void credentialsFailed(const QString &venue, const QString &message);
    void connectionTested(const QString &venue, bool accepted, const QString &message);

private:
    struct Draft
    {
        VenueSettings settings;
        VenueCredentials credentials;
    };
    Draft draftFrom(const QString &venue, const QVariantMap &values) const;
    static QVariantList toList(const QList<SettingsIssue> &issues);
    void setKeychainProblem(const QString &problem);

    AppSettings *m_settings;
    CredentialStore *m_credentials;
    Hooks m_hooks;
    ConnectionTester m_tester;
    QString m_theme;
    QString m_keychainProblem;
    QString m_startProblem;
    QHash<QString, VenueCredentials> m_known; // last loaded or saved, so an empty secret field keeps the stored one
};

} // namespace tapescope
