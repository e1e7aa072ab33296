// CredentialStore over the in-memory keychain: save/load/remove, the environment override, and what the
// user is told when no keychain service runs.
#include "app/credentials/CredentialStore.h"
#include "app/credentials/MemorySecretBackend.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace Qt::StringLiterals;

class TestCredentials : public QObject
{
    Q_OBJECT

private:
    struct Store
    {
        MemorySecretBackend *backend = nullptr;
        std::unique_ptr<CredentialStore> store;
    };
    static Store makeStore(const QProcessEnvironment &environment = QProcessEnvironment())
    {
        auto backend = std::make_unique<MemorySecretBackend>();
        Store made;
        made.backend = backend.get();
        // The variables the Kalshi and Alpaca modules declare: a key file and a secret.
        const QList<CredentialVariables> variables = {
            { u"kalshi"_s, u"KALSHI_API_KEY_ID"_s, u"KALSHI_PRIVATE_KEY_PATH"_s, true },
            { u"alpaca"_s, u"ALPACA_API_KEY_ID"_s, u"ALPACA_API_SECRET_KEY"_s, false },
        };
        made.store = std::make_unique<CredentialStore>(std::move(backend), variables, environment);
        return made;
    }

private Q_SLOTS:
    void savesLoadsAndRemovesThroughTheBackend()
    {
        Store made = makeStore();
        QSignalSpy saved(made.store.get(), &CredentialStore::saved);
        QSignalSpy loaded(made.store.get(), &CredentialStore::loaded);
        QSignalSpy removed(made.store.get(), &CredentialStore::removed);
        const VenueCredentials alpaca { u"AKID123"_s, u"s3cr3t-value"_s, {}, {} };
        made.store->save(u"alpaca"_s, alpaca);
        QVERIFY(saved.wait(1000));
        QVERIFY(made.backend->contains(u"alpaca/credentials"_s));

        made.store->load(u"alpaca"_s);
        QVERIFY(loaded.wait(1000));
        QCOMPARE(loaded.last().at(0).toString(), u"alpaca"_s);
        QCOMPARE(loaded.last().at(1).value<VenueCredentials>(), alpaca);
        QCOMPARE(loaded.last().at(2).value<CredentialSource>(), CredentialSource::Keychain);

        made.store->remove(u"alpaca"_s);
        QVERIFY(removed.wait(1000));
        QVERIFY(!made.backend->contains(u"alpaca/credentials"_s));
        made.store->load(u"alpaca"_s);
        QVERIFY(loaded.wait(1000));
        QVERIFY(loaded.last().at(1).value<VenueCredentials>().isEmpty());
        QCOMPARE(loaded.last().at(2).value<CredentialSource>(), CredentialSource::None);
    }

    void answersAsynchronously()
    {
        Store made = makeStore();
        QSignalSpy saved(made.store.get(), &CredentialStore::saved);
        made.store->save(u"kalshi"_s, { u"key"_s, {}, u"/tmp/k.pem"_s, {} });
        QCOMPARE(saved.count(), 0); // a keychain may have to be unlocked first: never an answer from inside the call
        QVERIFY(saved.wait(1000));
    }

    void environmentOverridesTheKeychain()
    {
        QProcessEnvironment environment;
        environment.insert(u"KALSHI_API_KEY_ID"_s, u"env-key-id"_s);
        environment.insert(u"KALSHI_PRIVATE_KEY_PATH"_s, u"/keys/kalshi.pem"_s);
        environment.insert(u"ALPACA_API_KEY_ID"_s, u"only-half"_s);
        Store made = makeStore(environment);
        made.backend->setUnavailable(true); // proves the keychain is not even asked
        QSignalSpy loaded(made.store.get(), &CredentialStore::loaded);
        QSignalSpy failed(made.store.get(), &CredentialStore::failed);

        made.store->load(u"kalshi"_s);
        QVERIFY(loaded.wait(1000));
        const auto credentials = loaded.last().at(1).value<VenueCredentials>();
        QCOMPARE(credentials.keyId, u"env-key-id"_s);
        QCOMPARE(credentials.privateKeyPath, u"/keys/kalshi.pem"_s);
        QCOMPARE(loaded.last().at(2).value<CredentialSource>(), CredentialSource::Environment);
        QVERIFY(made.store->environmentOverrides(u"kalshi"_s));

        // Half of a pair is not an override: it is named, and the keychain is used.
        QString why;
        QVERIFY(!made.store->fromEnvironment(u"alpaca"_s, &why));
        QVERIFY2(why.contains(u"ALPACA_API_SECRET_KEY"_s), qPrintable(why));
        made.store->load(u"alpaca"_s);
        QVERIFY(failed.wait(1000));
        QCOMPARE(failed.last().at(0).toString(), u"alpaca"_s);
    }

    void unavailableKeychainSaysHowToFixIt()
    {
        Store made = makeStore();
        made.backend->setUnavailable(true);
        QSignalSpy failed(made.store.get(), &CredentialStore::failed);
        made.store->save(u"kalshi"_s, { u"key"_s, {}, u"/tmp/k.pem"_s, {} });
        QVERIFY(failed.wait(1000));
        const QString message = failed.last().at(1).toString();
        QVERIFY(failed.last().at(2).toBool());
#if defined(Q_OS_LINUX)
        QVERIFY2(message.contains(u"No Secret Service is running"_s), qPrintable(message));
        QVERIFY2(message.contains(u"gnome-keyring"_s) && message.contains(u"KWallet"_s), qPrintable(message));
#endif
        QVERIFY2(message.contains(u"KALSHI_API_KEY_ID"_s) && message.contains(u"KALSHI_PRIVATE_KEY_PATH"_s),
                 qPrintable(message));
    }

    void keychainDataRoundTripsAndKeepsThePemOut()
    {
        VenueCredentials credentials { u"id"_s, u"secret"_s, u"/p.pem"_s, "-----BEGIN PRIVATE KEY-----" };
        const QByteArray data = credentials.toKeychainData();
        QVERIFY(!data.contains("BEGIN PRIVATE KEY")); // in-memory key material is never persisted
        const auto back = VenueCredentials::fromKeychainData(data);
        QVERIFY(back);
        QCOMPARE(back->keyId, credentials.keyId);
        QCOMPARE(back->secret, credentials.secret);
        QCOMPARE(back->privateKeyPath, credentials.privateKeyPath);
        QVERIFY(!VenueCredentials::fromKeychainData("not json"));
    }
};

QTEST_GUILESS_MAIN(TestCredentials)
#include "tst_credentials.moc"
