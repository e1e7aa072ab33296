// Where tapescope-cli finds its keys: the environment first, then the keychain entry the settings dialog saved
// (the same CredentialStore as the app), else an error naming every way to provide them.
#include "app/credentials/CredentialStore.h"
#include "app/credentials/MemorySecretBackend.h"
#include "venues/alpaca/module/AlpacaCli.h"
#include "venues/api/VenueModule.h"
#include "venues/kalshi/module/KalshiCliSupport.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

const QString Pkcs1Key = QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/test-private-key.pkcs1.pem");
const QString Pkcs8Key = QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/test-private-key.pkcs8.pem");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A keychain that never answers, like a Secret Service waiting forever for an unlock prompt.
class SilentBackend : public SecretBackend
{
public:
    void read(const QString &, Callback) override { }
    void write(const QString &, const QByteArray &, Callback) override { }
    void remove(const QString &, Callback) override { }
};

struct Store
{
    MemorySecretBackend *keychain = nullptr;
    std::unique_ptr<CredentialStore> store;

    explicit Store(const QProcessEnvironment &environment = QProcessEnvironment())
    {
        auto backend = std::make_unique<MemorySecretBackend>();
        keychain = backend.get();
        store = std::make_unique<CredentialStore>(std::move(backend), venueCredentialVariables(), environment);
    }

    bool save(const QString &venue, const VenueCredentials &credentials)
    {
        QSignalSpy saved(store.get(), &CredentialStore::saved);
        store->save(venue, credentials);
        return saved.wait(2000);
    }
};

VenueCredentials kalshiEntry(const QString &keyId, const QString &keyPath)
{
    VenueCredentials credentials;
    credentials.keyId = keyId;
    credentials.privateKeyPath = keyPath;
    return credentials;
}

} // namespace

class TestCliCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savedKalshiKeyIsUsedWithoutEnvironment()
    {
        Store s;
        QVERIFY(s.save(u"kalshi"_s, kalshiEntry(u"saved-key-id"_s, Pkcs8Key)));
        QString error;
        const auto credentials = cli::kalshiCredentials(*s.store, 2000, &error);
        QVERIFY2(credentials.has_value(), qPrintable(error));
        QCOMPARE(credentials->keyId, QByteArray("saved-key-id"));
        QVERIFY(!credentials->privateKeyPem.isEmpty());
        QCOMPARE(credentials->privateKeyPem, fileBytes(Pkcs8Key));
    }

    void kalshiEnvironmentWinsOverTheKeychain()
    {
        QProcessEnvironment environment;
        environment.insert(u"KALSHI_API_KEY_ID"_s, u"env-key-id"_s);
        environment.insert(u"KALSHI_PRIVATE_KEY_PATH"_s, Pkcs1Key);
        Store s(environment);
        QVERIFY(s.save(u"kalshi"_s, kalshiEntry(u"saved-key-id"_s, Pkcs8Key)));
        QString error;
        const auto credentials = cli::kalshiCredentials(*s.store, 2000, &error);
        QVERIFY2(credentials.has_value(), qPrintable(error));
        QCOMPARE(credentials->keyId, QByteArray("env-key-id"));
        QCOMPARE(credentials->privateKeyPem, fileBytes(Pkcs1Key));
    }

    void nothingFoundNamesEveryWay()
    {
        Store s;
        QString error;
        QVERIFY(!cli::kalshiCredentials(*s.store, 2000, &error).has_value());
        QVERIFY2(error.contains(u"--demo-credentials"), qPrintable(error));
        QVERIFY2(error.contains(u"KALSHI_API_KEY_ID") && error.contains(u"KALSHI_PRIVATE_KEY_PATH"), qPrintable(error));
        QVERIFY2(error.contains(u"settings dialog") && error.contains(u"keychain"), qPrintable(error));
    }

    void halfSetEnvironmentIsRefused()
    {
        QProcessEnvironment environment;
        environment.insert(u"KALSHI_API_KEY_ID"_s, u"env-key-id"_s);
        Store s(environment);
        QVERIFY(s.save(u"kalshi"_s, kalshiEntry(u"saved-key-id"_s, Pkcs8Key)));
        QString error;
        QVERIFY(!cli::kalshiCredentials(*s.store, 2000, &error).has_value());
        QVERIFY2(error.contains(u"KALSHI_PRIVATE_KEY_PATH"), qPrintable(error));
    }

    void unreadableSavedKeyFileSaysWhich()
    {
        Store s;
        const QString missing = QStringLiteral(TAPESCOPE_TEST_DATA_DIR "/kalshi/signing/no-such-key.pem");
        QVERIFY(s.save(u"kalshi"_s, kalshiEntry(u"saved-key-id"_s, missing)));
        QString error;
        QVERIFY(!cli::kalshiCredentials(*s.store, 2000, &error).has_value());
        QVERIFY2(error.contains(missing) && error.contains(u"keychain"), qPrintable(error));
    }

    void noKeychainServiceFallsThroughToTheFix()
    {
        Store s;
        s.keychain->setUnavailable(true);
        QString error;
        QVERIFY(!cli::kalshiCredentials(*s.store, 2000, &error).has_value());
        QVERIFY2(error.contains(u"KALSHI_API_KEY_ID"), qPrintable(error));
        QVERIFY2(error.contains(s.store->unavailableHint(u"kalshi"_s)), qPrintable(error));
    }

    void silentKeychainTimesOut()
    {
        CredentialStore store(std::make_unique<SilentBackend>(), venueCredentialVariables(), QProcessEnvironment());
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!cli::kalshiCredentials(store, 300, &error).has_value());
        QVERIFY(clock.elapsed() < 3000);
        QVERIFY2(error.contains(u"did not answer"), qPrintable(error));
        QVERIFY2(error.contains(u"KALSHI_API_KEY_ID"), qPrintable(error));
    }

    void alpacaSavedKeysAndEnvironment()
    {
        VenueCredentials saved;
        saved.keyId = u"saved-alpaca"_s;
        saved.secret = u"saved-secret"_s;
        {
            Store s;
            QVERIFY(s.save(u"alpaca"_s, saved));
            QString error;
            const auto credentials = cli::alpacaCredentials(*s.store, 2000, &error);
            QVERIFY2(credentials.has_value(), qPrintable(error));
            QCOMPARE(credentials->keyId, u"saved-alpaca"_s);
            QCOMPARE(credentials->secret, u"saved-secret"_s);
        }
        {
            QProcessEnvironment environment;
            environment.insert(u"ALPACA_API_KEY_ID"_s, u"env-alpaca"_s);
            environment.insert(u"ALPACA_API_SECRET_KEY"_s, u"env-secret"_s);
            Store s(environment);
            QVERIFY(s.save(u"alpaca"_s, saved));
            QString error;
            const auto credentials = cli::alpacaCredentials(*s.store, 2000, &error);
            QVERIFY2(credentials.has_value(), qPrintable(error));
            QCOMPARE(credentials->keyId, u"env-alpaca"_s);
            QCOMPARE(credentials->secret, u"env-secret"_s);
        }
        {
            Store s;
            QString error;
            QVERIFY(!cli::alpacaCredentials(*s.store, 2000, &error).has_value());
            QVERIFY2(error.contains(u"ALPACA_API_KEY_ID") && error.contains(u"ALPACA_API_SECRET_KEY"),
                     qPrintable(error));
            QVERIFY2(error.contains(u"settings dialog"), qPrintable(error));
            QVERIFY(!error.contains(u"saved-secret"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliCredentials)
#include "tst_cli_credentials.moc"
