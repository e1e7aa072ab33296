#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <optional>

namespace tapescope {

// What a venue needs to sign in. Kalshi: an API key id and its RSA private key file (PEM, docs/protocols/kalshi.md §2);
// Alpaca: a key id and a secret key. Venues with public data only need none.
struct VenueCredentials
{
    QString keyId;
    QString secret; // Alpaca's secret key
    QString privateKeyPath; // Kalshi's PEM file (PKCS#1 or PKCS#8)
    QByteArray privateKeyPem; // in memory only, never stored: the demo emulator's test key

    bool isEmpty() const
    {
        return keyId.isEmpty() && secret.isEmpty() && privateKeyPath.isEmpty() && privateKeyPem.isEmpty();
    }
    friend bool operator==(const VenueCredentials &, const VenueCredentials &) = default;

    // The keychain entry's bytes (JSON). The result holds the secret: keep it out of logs.
    QByteArray toKeychainData() const;
    static std::optional<VenueCredentials> fromKeychainData(const QByteArray &data);
};

// The environment variables that stand in for one venue's keychain entry (each venue module names its own).
struct CredentialVariables
{
    QString venue;
    QString keyId; // the API key id's variable
    QString secret; // the secret key's variable, or the private key file's (secretIsKeyFile)
    bool secretIsKeyFile = false;
};

// Where the credentials in use came from, for the settings dialog to say.
enum class CredentialSource { None, Keychain, Environment };

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::VenueCredentials)
