#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QList>
#include <QtCore/QPair>
#include <QtCore/QString>

#include <memory>

namespace tapescope::kalshi {

// The three KALSHI-ACCESS-* headers of a signed request, in the order Kalshi documents them (docs/protocols/kalshi.md
// §2.1).
struct SignedHeaders
{
    QByteArray accessKey;
    QByteArray timestampMs;
    QByteArray signature; // base64, standard alphabet with padding

    QList<QPair<QByteArray, QByteArray>> toList() const;
};

// Signs Kalshi requests with the user's RSA key: RSA-PSS, SHA-256, MGF1-SHA-256, salt 32 bytes, over
// timestamp_ms + METHOD + path (docs/protocols/kalshi.md §2.2). Key material stays inside OpenSSL; nothing here logs it
// and error texts never quote it.
class Signer
{
public:
    static constexpr QByteArrayView WebSocketPath = "/trade-api/ws/v2";

    Signer();
    ~Signer();
    Signer(Signer &&) noexcept;
    Signer &operator=(Signer &&) noexcept;
    Signer(const Signer &) = delete;
    Signer &operator=(const Signer &) = delete;

    // Loads a PEM private key, PKCS#1 ("BEGIN RSA PRIVATE KEY") or PKCS#8 ("BEGIN PRIVATE KEY").
    // On failure returns false and leaves a plain-words reason in errorString().
    bool loadPrivateKeyFile(const QString &path);
    bool loadPrivateKeyPem(QByteArrayView pem);

    void setAccessKey(const QByteArray &keyId) { m_accessKey = keyId; }
    QByteArray accessKey() const { return m_accessKey; }
    bool isReady() const;
    QString errorString() const { return m_error; }

    // Base64 RSA-PSS signature of `message`; empty (with errorString() set) when no key is loaded or
    // OpenSSL fails. PSS is randomised: two signatures of one message differ and both verify.
    QByteArray sign(QByteArrayView message);

    // Headers for the WebSocket upgrade: GET /trade-api/ws/v2 (docs/protocols/kalshi.md §2.2). Make new ones on every
    // (re)connect. Empty signature when signing failed.
    SignedHeaders handshakeHeaders(qint64 timestampMs);
    // Headers for any REST call. `pathAndQuery` may carry a query string; only the path before '?' is
    // signed (docs/protocols/kalshi.md §2.2). The method is upper-cased.
    SignedHeaders requestHeaders(qint64 timestampMs, QByteArrayView method, QByteArrayView pathAndQuery);

    // The exact bytes that get signed: timestamp + METHOD + path without query.
    static QByteArray stringToSign(qint64 timestampMs, QByteArrayView method, QByteArrayView pathAndQuery);

    // Verifies a base64 signature against a PEM public key (SubjectPublicKeyInfo) with the same PSS
    // parameters. For tests and for the emulator's handshake check.
    static bool verify(QByteArrayView publicKeyPem, QByteArrayView message, QByteArrayView signatureBase64);

private:
    struct Key;
    std::unique_ptr<Key> m_key;
    QByteArray m_accessKey;
    QString m_error;
};

} // namespace tapescope::kalshi
