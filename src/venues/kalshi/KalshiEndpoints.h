#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <optional>

namespace tapescope::kalshi {

// Where a Kalshi deployment lives (docs/protocols/kalshi.md §1). The WebSocket path is always /trade-api/ws/v2 (it is
// also what gets signed, §2.2) and the REST paths always start with /trade-api/v2.
struct Endpoints
{
    enum class Environment { Production, Demo, Custom };
    Environment environment = Environment::Production;
    QUrl wsUrl; // wss://external-api-ws.kalshi.com/trade-api/ws/v2
    QUrl restBase; // https://api.elections.kalshi.com/trade-api/v2

    static Endpoints production();
    static Endpoints demo();
    // "production" (or "prod") / "demo"; nullopt with a plain-words reason otherwise.
    static std::optional<Endpoints> forEnvironment(const QString &name, QString *error = nullptr);
    // A custom deployment (the emulator, a proxy) given by its WebSocket URL (ws://host:port[/trade-api/ws/v2])
    // or its REST base (http://host:port[/trade-api/v2]); the other URL is derived on the same host and port.
    static std::optional<Endpoints> custom(const QUrl &url, QString *error = nullptr);

    // restBase's scheme, host and port with `pathAndQuery` ("/trade-api/v2/events?...") as path and query.
    QUrl restUrl(const QByteArray &pathAndQuery) const;
};

// The user's Kalshi API key: the key id and the RSA private key in PEM (PKCS#1 or PKCS#8). Filled by the app's
// credential store or by the CLI from KALSHI_API_KEY_ID / KALSHI_PRIVATE_KEY_PATH. Secrets: never log, print or
// store these anywhere but the keychain.
struct Credentials
{
    QByteArray keyId;
    QByteArray privateKeyPem;

    bool isEmpty() const { return keyId.isEmpty() && privateKeyPem.isEmpty(); }
};

} // namespace tapescope::kalshi
