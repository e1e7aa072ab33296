// Settings: invalid values are refused with a message that says what to fix, and the save path never
// writes a secret to the settings file or a log line (it goes to the keychain only).
#include "app/AppSettings.h"
#include "app/credentials/CredentialStore.h"
#include "app/credentials/MemorySecretBackend.h"
#include "app/settings/SettingsController.h"
#include "app/settings/SettingsValidator.h"
#include "venues/api/VenueModule.h"

#include <QtCore/QFile>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTemporaryFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace Qt::StringLiterals;
namespace check = tapescope::settingsValidation;

namespace {

QString s_log; // everything logged while a test runs

void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    s_log += QString::fromLatin1(context.category ? context.category : "") + u' ' + message + u'\n';
}

const QString KeyFile = QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/test-private-key.pkcs1.pem");

VenueSettings venue(const QString &name, const QString &environment, QStringList watchlist = {})
{
    VenueSettings settings;
    settings.venue = name;
    settings.enabled = true;
    settings.environment = environment;
    settings.watchlist = std::move(watchlist);
    return settings;
}

QString messageFor(const QList<SettingsIssue> &issues, const QString &field)
{
    for (const SettingsIssue &issue : issues) {
        if (issue.field == field)
            return issue.message;
    }
    return {};
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesBadUrlsSayingWhy()
    {
        QVERIFY(!check::checkUrl(u"wss://api.example.com/ws"_s));
        QVERIFY(!check::checkUrl(u"http://127.0.0.1:3001"_s));
        QVERIFY(check::checkUrl(u""_s)->contains(u"Enter the URL"_s));
        QVERIFY(check::checkUrl(u"ftp://example.com"_s)->contains(u"ws://, wss://, http:// or https://"_s));
        QVERIFY(check::checkUrl(u"wss://"_s)->contains(u"no host"_s));

        VenueSettings custom = venue(u"hyperliquid"_s, u"custom"_s, { u"BTC"_s });
        custom.customUrl = QUrl(u"gopher://x"_s);
        const auto issues = check::checkVenue(custom, {}, false);
        QVERIFY2(messageFor(issues, u"hyperliquid.customUrl"_s).contains(u"must start with"_s),
                 qPrintable(issues.value(0).message));
        custom.environment = u"moon"_s;
        QVERIFY(messageFor(check::checkVenue(custom, {}, false), u"hyperliquid.environment"_s)
                    .contains(u"mainnet, testnet, custom"_s));
    }

    void refusesFimlIntervalAndSymbolCountOutOfRange()
    {
        VenueSettings fiml = venue(u"fiml"_s, u"custom"_s, { u"AAPL"_s });
        fiml.customUrl = QUrl(u"ws://localhost:8000/ws/stream"_s);
        fiml.pollIntervalMs = 1000;
        QVERIFY(check::checkVenue(fiml, {}, false).isEmpty());
        fiml.pollIntervalMs = 99;
        QVERIFY(messageFor(check::checkVenue(fiml, {}, false), u"fiml.pollIntervalMs"_s)
                    .contains(u"between 100 and 60000"_s));
        fiml.pollIntervalMs = 60001;
        QVERIFY(!messageFor(check::checkVenue(fiml, {}, false), u"fiml.pollIntervalMs"_s).isEmpty());
        fiml.pollIntervalMs = 60000;
        fiml.watchlist.clear();
        QVERIFY(messageFor(check::checkVenue(fiml, {}, false), u"fiml.watchlist"_s)
                    .contains(u"between 1 and 50 symbols"_s));
        for (int i = 0; i < 51; ++i)
            fiml.watchlist << u"S%1"_s.arg(i);
        QVERIFY(messageFor(check::checkVenue(fiml, {}, false), u"fiml.watchlist"_s).contains(u"51 given"_s));
    }

    void refusesSymbolsThatAreNotTheVenues()
    {
        const auto issues = check::checkVenue(venue(u"kalshi"_s, u"production"_s, { u"kxnflgame-25sep04dalphi-phi"_s }),
                                              { u"id"_s, {}, KeyFile, {} }, false);
        QVERIFY(messageFor(issues, u"kalshi.watchlist"_s).contains(u"KXNFLGAME-25SEP04DALPHI-PHI"_s));
        QVERIFY(messageFor(check::checkVenue(venue(u"hyperliquid"_s, u"mainnet"_s, { u"BTC"_s, u"BTC"_s }), {}, false),
                           u"hyperliquid.watchlist"_s)
                    .contains(u"twice"_s));
    }

    void refusesMissingOrUnreadableCredentials()
    {
        const VenueSettings kalshi = venue(u"kalshi"_s, u"demo"_s);
        QVERIFY(check::checkVenue(kalshi, { u"key-id"_s, {}, KeyFile, {} }, false).isEmpty());
        auto issues = check::checkVenue(kalshi, {}, false);
        QVERIFY(messageFor(issues, u"kalshi.keyId"_s).contains(u"API key id"_s));
        QVERIFY(messageFor(issues, u"kalshi.privateKeyPath"_s).contains(u"Choose the private key file"_s));
        issues = check::checkVenue(kalshi, { u"key-id"_s, {}, u"/no/such/key.pem"_s, {} }, false);
        QVERIFY(messageFor(issues, u"kalshi.privateKeyPath"_s).contains(u"does not exist"_s));
        QTemporaryDir dir;
        const QString notPem = dir.filePath(u"key.pem"_s);
        QFile file(notPem);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not a key\n");
        file.close();
        issues = check::checkVenue(kalshi, { u"key-id"_s, {}, notPem, {} }, false);
        QVERIFY(messageFor(issues, u"kalshi.privateKeyPath"_s).contains(u"BEGIN PRIVATE KEY"_s));
        // The environment supplies them: the dialog's empty fields are fine.
        QVERIFY(check::checkVenue(kalshi, {}, true).isEmpty());
        // A disabled venue may keep half-entered credentials.
        VenueSettings off = kalshi;
        off.enabled = false;
        QVERIFY(check::checkVenue(off, {}, false).isEmpty());
        QVERIFY(
            messageFor(check::checkVenue(venue(u"alpaca"_s, u"iex"_s, { u"AAPL"_s }), { u"AK"_s, {}, {}, {} }, false),
                       u"alpaca.secret"_s)
                .contains(u"secret key"_s));
    }

    void refusesDisplayValuesOutOfRange()
    {
        const QStringList languages { u"en"_s, u"de"_s };
        QVERIFY(check::checkDisplay({ u"light"_s, 60, u"de"_s, {} }, languages).isEmpty());
        QVERIFY(messageFor(check::checkDisplay({ u"dark"_s, 0, {}, {} }, languages), u"display.updateRate"_s)
                    .contains(u"between 1 and 240"_s));
        QVERIFY(
            !messageFor(check::checkDisplay({ u"dark"_s, 241, {}, {} }, languages), u"display.updateRate"_s).isEmpty());
        QVERIFY(messageFor(check::checkDisplay({ u"pink"_s, 60, {}, {} }, languages), u"display.theme"_s)
                    .contains(u"dark or light"_s));
        QVERIFY(messageFor(check::checkDisplay({ u"dark"_s, 60, u"fr"_s, {} }, languages), u"display.language"_s)
                    .contains(u"en, de"_s));
        // The sessions folder: a full path to a folder (or one that does not exist yet).
        QVERIFY(check::checkDisplay({ u"dark"_s, 60, {}, QDir::tempPath() + u"/tapescope-sessions"_s }, languages)
                    .isEmpty());
        QVERIFY(messageFor(check::checkDisplay({ u"dark"_s, 60, {}, u"recordings"_s }, languages),
                           u"display.recordingFolder"_s)
                    .contains(u"full path"_s));
        QTemporaryFile file;
        QVERIFY(file.open());
        QVERIFY(messageFor(check::checkDisplay({ u"dark"_s, 60, {}, file.fileName() }, languages),
                           u"display.recordingFolder"_s)
                    .contains(u"not a folder"_s));
        // The recording limits, as numbers (the dialog's text is checked by checkRecordingLimit).
        QVERIFY(check::checkDisplay({ u"dark"_s, 60, {}, {}, 500, 30 }, languages).isEmpty());
        QVERIFY(
            messageFor(check::checkDisplay({ u"dark"_s, 60, {}, {}, -1, 0 }, languages), u"display.recordingLimitMb"_s)
                .contains(u"negative"_s));
        QVERIFY(messageFor(check::checkDisplay({ u"dark"_s, 60, {}, {}, 0, 50000 }, languages),
                           u"display.recordingLimitMinutes"_s)
                    .contains(u"at most 43200 minutes"_s));
    }

    // The recording limits as typed in the dialog: whole numbers from 0 (no limit; also an empty field) up to 1 TB
    // and 30 days; every refusal says what to enter.
    void recordingLimits_data()
    {
        QTest::addColumn<bool>("megabytes");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("value"); // when accepted
        QTest::addColumn<QString>("message"); // a part of the refusal; empty: accepted
        QTest::newRow("mb zero") << true << u"0"_s << 0 << QString();
        QTest::newRow("mb empty") << true << u""_s << 0 << QString();
        QTest::newRow("mb 500") << true << u" 500 "_s << 500 << QString();
        QTest::newRow("mb 1 TB") << true << u"1000000"_s << 1000000 << QString();
        QTest::newRow("mb negative") << true << u"-5"_s << 0 << u"cannot be negative (-5 MB); enter 0 for no limit"_s;
        QTest::newRow("mb words") << true << u"lots"_s << 0 << u"'lots' is not a number; enter whole megabytes"_s;
        QTest::newRow("mb fraction") << true << u"1.5"_s << 0 << u"'1.5' is not a number"_s;
        QTest::newRow("mb absurd") << true << u"1000001"_s << 0 << u"at most 1000000 MB (1 TB) per file; 1000001"_s;
        QTest::newRow("mb overflow") << true << u"99999999999999"_s << 0 << u"at most 1000000 MB"_s;
        QTest::newRow("min zero") << false << u"0"_s << 0 << QString();
        QTest::newRow("min 30") << false << u"30"_s << 30 << QString();
        QTest::newRow("min 30 days") << false << u"43200"_s << 43200 << QString();
        QTest::newRow("min negative") << false << u"-1"_s << 0 << u"cannot be negative (-1 minutes)"_s;
        QTest::newRow("min words") << false << u"1h"_s << 0 << u"'1h' is not a number; enter whole minutes"_s;
        QTest::newRow("min absurd") << false << u"43201"_s << 0 << u"at most 43200 minutes (30 days); 43201"_s;
    }

    void recordingLimits()
    {
        QFETCH(bool, megabytes);
        QFETCH(QString, text);
        QFETCH(int, value);
        QFETCH(QString, message);
        int parsed = -1;
        const auto problem = check::checkRecordingLimit(
            megabytes ? check::RecordingLimit::Megabytes : check::RecordingLimit::Minutes, text, &parsed);
        if (message.isEmpty()) {
            QVERIFY2(!problem, qPrintable(problem.value_or(QString())));
            QCOMPARE(parsed, value);
        } else {
            QVERIFY(problem);
            QVERIFY2(problem->contains(message), qPrintable(*problem));
            QCOMPARE(parsed, -1);
        }
    }

    // The limits go through the dialog's controller into QSettings and come back after a restart (a new
    // AppSettings on the same file); a refused one saves nothing.
    void recordingLimitsAreSavedAndComeBack()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"tapescope.ini"_s);
        {
            AppSettings settings(file);
            QCOMPARE(settings.display().recordingLimitMb, 0); // the defaults: no limit
            QCOMPARE(settings.display().recordingLimitMinutes, 0);
            CredentialStore store(std::make_unique<MemorySecretBackend>(), venueCredentialVariables(),
                                  QProcessEnvironment());
            DisplaySettings applied;
            SettingsController::Hooks hooks;
            hooks.applyDisplay = [&](const DisplaySettings &display) { applied = display; };
            SettingsController controller(&settings, &store, hooks);
            QVariantMap values { { u"theme"_s, u"dark"_s },
                                 { u"updateRate"_s, u"60"_s },
                                 { u"language"_s, u""_s },
                                 { u"recordingLimitMb"_s, u"-3"_s },
                                 { u"recordingLimitMinutes"_s, u"soon"_s } };
            QVariantList issues = controller.applyDisplay(values);
            QCOMPARE(issues.size(), 2);
            QCOMPARE(issues.at(0).toMap().value(u"field"_s).toString(), u"display.recordingLimitMb"_s);
            QCOMPARE(issues.at(1).toMap().value(u"field"_s).toString(), u"display.recordingLimitMinutes"_s);
            QVERIFY(issues.at(1).toMap().value(u"message"_s).toString().contains(u"'soon' is not a number"_s));
            QCOMPARE(applied.recordingLimitMb, 0);
            values[u"recordingLimitMb"_s] = u"500"_s;
            values[u"recordingLimitMinutes"_s] = u"90"_s;
            QVERIFY(controller.applyDisplay(values).isEmpty());
            QCOMPARE(applied.recordingLimitMb, 500);
            QCOMPARE(applied.recordingLimitMinutes, 90);
        }
        AppSettings restarted(file);
        QCOMPARE(restarted.display().recordingLimitMb, 500);
        QCOMPARE(restarted.display().recordingLimitMinutes, 90);
        CredentialStore store(std::make_unique<MemorySecretBackend>(), venueCredentialVariables(),
                              QProcessEnvironment());
        SettingsController controller(&restarted, &store, {});
        const QVariantMap shown = controller.displaySettings();
        QCOMPARE(shown.value(u"recordingLimitMb"_s).toInt(), 500);
        QCOMPARE(shown.value(u"recordingLimitMinutes"_s).toInt(), 90);
        // A hand-edited file with nonsense in it means no limit, not a recording that stops at once.
        QSettings raw(file, QSettings::IniFormat);
        raw.setValue(u"recording/limitMb"_s, u"-7"_s);
        raw.setValue(u"recording/limitMinutes"_s, u"x"_s);
        raw.sync();
        AppSettings edited(file);
        QCOMPARE(edited.display().recordingLimitMb, 0);
        QCOMPARE(edited.display().recordingLimitMinutes, 0);
    }

    void controllerRefusesWithoutSavingOrApplying()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(u"tapescope.ini"_s));
        CredentialStore store(std::make_unique<MemorySecretBackend>(), venueCredentialVariables(),
                              QProcessEnvironment());
        int applied = 0;
        SettingsController::Hooks hooks;
        hooks.applyVenue = [&](const VenueSettings &, const VenueCredentials &, QString *) { return ++applied, true; };
        SettingsController controller(&settings, &store, hooks);

        const QVariantList issues = controller.applyVenue(u"fiml"_s,
                                                          { { u"enabled"_s, true },
                                                            { u"environment"_s, u"custom"_s },
                                                            { u"customUrl"_s, u"ws://h:8000/ws/stream"_s },
                                                            { u"watchlist"_s, u"AAPL"_s },
                                                            { u"pollIntervalMs"_s, u"fast"_s } });
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().toMap().value(u"field"_s).toString(), u"fiml.pollIntervalMs"_s);
        QCOMPARE(applied, 0);
        QVERIFY(!settings.venue(u"fiml"_s).enabled);

        QVERIFY(
            !controller.applyDisplay({ { u"theme"_s, u"light"_s }, { u"updateRate"_s, 500 }, { u"language"_s, u""_s } })
                 .isEmpty());
        QCOMPARE(controller.theme(), u"dark"_s);
        QSignalSpy themeChanged(&controller, &SettingsController::themeChanged);
        QVERIFY(
            controller.applyDisplay({ { u"theme"_s, u"light"_s }, { u"updateRate"_s, 30 }, { u"language"_s, u"de"_s } })
                .isEmpty());
        QCOMPARE(themeChanged.count(), 1);
        QCOMPARE(settings.display(), (DisplaySettings { u"light"_s, 30, u"de"_s, {} }));

        // Every language with a catalogue, by its own name, and the system's.
        QStringList offered;
        for (const QVariant &language : controller.languages())
            offered << language.toMap().value(u"code"_s).toString() + u'='
                    + language.toMap().value(u"name"_s).toString();
        QCOMPARE(offered,
                 (QStringList { u"=System language"_s, u"en=English"_s, u"de=Deutsch"_s, u"fr=Français"_s,
                                u"es=Español"_s, u"ja=日本語"_s }));
        for (const QString &code : { u"fr"_s, u"es"_s, u"ja"_s })
            QVERIFY(
                controller.applyDisplay({ { u"theme"_s, u"dark"_s }, { u"updateRate"_s, 60 }, { u"language"_s, code } })
                    .isEmpty());
        QCOMPARE(settings.display().language, u"ja"_s);
    }

    void accountsAreCheckedSavedAndKeptOncePerAddress()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(u"tapescope.ini"_s));
        CredentialStore store(std::make_unique<MemorySecretBackend>(), venueCredentialVariables(),
                              QProcessEnvironment());
        VenueSettings applied;
        SettingsController::Hooks hooks;
        hooks.applyVenue = [&](const VenueSettings &venue, const VenueCredentials &, QString *) {
            applied = venue;
            return true;
        };
        SettingsController controller(&settings, &store, hooks);
        const QString mixed = u"0xDEC0DE0000000000000000000000000000000001"_s;
        const QString lower = mixed.toLower();
        const QString other = u"0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_s;

        // What the dialog's Add asks: not an address; a duplicate in another case; a new one.
        QVERIFY(controller.accountProblem(u"hyperliquid"_s, u"0x123"_s, {}).contains(u"0x"_s));
        const QVariantList listed { QVariantMap { { u"account"_s, lower }, { u"label"_s, u"Main"_s } } };
        QVERIFY(controller.accountProblem(u"hyperliquid"_s, mixed, listed).contains(u"already"_s));
        QVERIFY(controller.accountProblem(u"hyperliquid"_s, other, listed).isEmpty());
        QCOMPARE(controller.normalizedAccount(u"hyperliquid"_s, mixed), lower);
        QVERIFY(!controller.accountProblem(u"fiml"_s, other, {}).isEmpty()); // a data server: no accounts

        const QVariantMap base { { u"enabled"_s, true },
                                 { u"environment"_s, u"testnet"_s },
                                 { u"watchlist"_s, u"BTC"_s } };
        QVariantMap twice = base;
        twice.insert(u"accounts"_s,
                     QVariantList { QVariantMap { { u"account"_s, lower } }, QVariantMap { { u"account"_s, mixed } } });
        const QVariantList issues = controller.applyVenue(u"hyperliquid"_s, twice);
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().toMap().value(u"field"_s).toString(), u"hyperliquid.accounts"_s);

        QVariantMap good = base;
        good.insert(u"accounts"_s,
                    QVariantList { QVariantMap { { u"account"_s, mixed }, { u"label"_s, u"Main"_s } },
                                   QVariantMap { { u"account"_s, other } } });
        QVERIFY(controller.applyVenue(u"hyperliquid"_s, good).isEmpty());
        const QList<VenueAccount> expected { { lower, u"Main"_s }, { other, QString() } };
        QCOMPARE(applied.accounts, expected);
        QCOMPARE(settings.venue(u"hyperliquid"_s).accounts, expected);
        const QVariantList saved = controller.venueSettings(u"hyperliquid"_s).value(u"accounts"_s).toList();
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.first().toMap().value(u"label"_s).toString(), u"Main"_s);

        // Removing one rewrites the list.
        good.insert(u"accounts"_s, QVariantList { QVariantMap { { u"account"_s, other } } });
        QVERIFY(controller.applyVenue(u"hyperliquid"_s, good).isEmpty());
        QCOMPARE(settings.venue(u"hyperliquid"_s).accounts, (QList<VenueAccount> { { other, QString() } }));

        // Hyperliquid takes 10 connections from one IP (hyperliquid.md §5): the market data's and nine accounts'.
        QVariantList nine;
        for (int i = 1; i <= 9; ++i)
            nine.append(QVariantMap { { u"account"_s, u"0x%1"_s.arg(i, 40, 10, QLatin1Char('0')) } });
        QVERIFY(controller.accountProblem(u"hyperliquid"_s, other, QVariantList(nine.mid(0, 8))).isEmpty());
        const QString tenth = controller.accountProblem(u"hyperliquid"_s, other, nine);
        QVERIFY2(tenth.contains(u"At most 9 Hyperliquid accounts"_s), qPrintable(tenth));
        QVariantMap ten = base;
        ten.insert(u"accounts"_s, nine + QVariantList { QVariantMap { { u"account"_s, other } } });
        const QVariantList refused = controller.applyVenue(u"hyperliquid"_s, ten);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().toMap().value(u"field"_s).toString(), u"hyperliquid.accounts"_s);
        QCOMPARE(settings.venue(u"hyperliquid"_s).accounts.size(), 1); // nothing applied
        good.insert(u"accounts"_s, nine);
        QVERIFY(controller.applyVenue(u"hyperliquid"_s, good).isEmpty());
        QCOMPARE(settings.venue(u"hyperliquid"_s).accounts.size(), 9);
    }

    void secretsReachNoFileAndNoLogLine()
    {
        const QString secret = u"FAKE-SECRET-9f8e7d6c5b4a"_s;
        const QString keyId = u"FAKE-KEY-ID-1234"_s;
        QTemporaryDir dir;
        const QString iniPath = dir.filePath(u"tapescope.ini"_s);
        auto backend = std::make_unique<MemorySecretBackend>();
        MemorySecretBackend *keychain = backend.get();
        CredentialStore store(std::move(backend), venueCredentialVariables(), QProcessEnvironment());
        AppSettings settings(iniPath);
        VenueCredentials handedToSession;
        SettingsController::Hooks hooks;
        hooks.applyVenue = [&](const VenueSettings &, const VenueCredentials &credentials, QString *) {
            handedToSession = credentials;
            return true;
        };
        SettingsController controller(&settings, &store, hooks);
        QSignalSpy saved(&controller, &SettingsController::credentialsSaved);

        s_log.clear();
        QLoggingCategory::setFilterRules(u"tapescope.*=true"_s);
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        const QVariantList issues = controller.applyVenue(u"alpaca"_s,
                                                          { { u"enabled"_s, true },
                                                            { u"environment"_s, u"iex"_s },
                                                            { u"watchlist"_s, u"AAPL, MSFT"_s },
                                                            { u"keyId"_s, keyId },
                                                            { u"secret"_s, secret } });
        const bool wasSaved = saved.wait(1000);
        controller.applyVenue(u"kalshi"_s,
                              { { u"enabled"_s, true },
                                { u"environment"_s, u"demo"_s },
                                { u"keyId"_s, keyId },
                                { u"privateKeyPath"_s, KeyFile } });
        QVERIFY(saved.wait(1000));
        settings.sync();
        qInstallMessageHandler(previous);

        QVERIFY2(issues.isEmpty(), qPrintable(issues.value(0).toMap().value(u"message"_s).toString()));
        QVERIFY(wasSaved);
        QCOMPARE(handedToSession.keyId, keyId); // the session got them: they apply without a restart
        QVERIFY(keychain->contains(u"alpaca/credentials"_s));
        QVERIFY(keychain->contains(u"kalshi/credentials"_s));
        QVERIFY(!s_log.isEmpty()); // the save path did log: there was something to search
        QFile ini(iniPath);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray written = ini.readAll();
        QVERIFY(written.contains("AAPL")); // the settings themselves were written
        QVERIFY2(!written.contains(secret.toUtf8()), written.constData());
        QVERIFY2(!written.contains(keyId.toUtf8()), written.constData());
        QVERIFY2(!s_log.contains(secret), qPrintable(s_log));
        QVERIFY2(!s_log.contains(keyId), qPrintable(s_log));
        // The dialog is told a secret is stored, never what it is.
        QSignalSpy loaded(&controller, &SettingsController::credentialsLoaded);
        controller.loadCredentials(u"alpaca"_s);
        QVERIFY(loaded.wait(1000));
        for (const QVariant &argument : loaded.last())
            QVERIFY(!argument.toString().contains(secret));
        QVERIFY(loaded.last().at(2).toBool());
    }
};

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
