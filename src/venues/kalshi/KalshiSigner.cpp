// RSA-PSS request signing with OpenSSL 3's EVP API (docs/protocols/kalshi.md §2.2, §2.4).

#include "KalshiSigner.h"

#include "core/BoundedFile.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

struct PkeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

// OpenSSL's reason for the last failure ("unsupported", "bad decrypt"), then the queue is cleared so a
// stale error never leaks into the next call. These texts name the failing step, never key bytes.
QString takeOpenSslReason()
{
    const unsigned long code = ERR_peek_last_error();
    const char *reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
    ERR_clear_error();
    return reason ? QString::fromLatin1(reason) : u"unknown OpenSSL error"_s;
}

// An encrypted key would make OpenSSL prompt on the terminal; refuse instead (Kalshi keys are unencrypted).
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// RSA-PSS with SHA-256, MGF1-SHA-256 and a digest-length (32-byte) salt, for signing and verifying alike.
bool configurePss(EVP_PKEY_CTX *pctx)
{
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) > 0
        && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) > 0
        && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) > 0;
}

} // namespace

struct Signer::Key
{
    PkeyPtr pkey;
};

QList<QPair<QByteArray, QByteArray>> SignedHeaders::toList() const
{
    return { { QByteArrayLiteral("KALSHI-ACCESS-KEY"), accessKey },
             { QByteArrayLiteral("KALSHI-ACCESS-TIMESTAMP"), timestampMs },
             { QByteArrayLiteral("KALSHI-ACCESS-SIGNATURE"), signature } };
}

Signer::Signer() = default;
Signer::~Signer() = default;
Signer::Signer(Signer &&) noexcept = default;
Signer &Signer::operator=(Signer &&) noexcept = default;

bool Signer::isReady() const
{
    return m_key && m_key->pkey;
}

bool Signer::loadPrivateKeyFile(const QString &path)
{
    QString why;
    const std::optional<QByteArray> pem = readBoundedFile(path, kMaxKeyFileBytes, &why);
    if (!pem) {
        m_key.reset();
        m_error = u"Cannot read the Kalshi private key file: "_s + why;
        return false;
    }
    if (loadPrivateKeyPem(*pem))
        return true;
    m_error = m_error + u" (file %1)"_s.arg(path);
    return false;
}

bool Signer::loadPrivateKeyPem(QByteArrayView pem)
{
    m_key.reset();
    ERR_clear_error();
    if (!pem.contains(QByteArrayView("-----BEGIN"))) {
        m_error
            = u"The Kalshi private key is not PEM text (expected \"BEGIN RSA PRIVATE KEY\" or \"BEGIN PRIVATE KEY\")"_s;
        return false;
    }
    BioPtr bio = memoryBio(pem);
    PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr) : nullptr);
    if (!pkey) {
        m_error
            = u"The Kalshi private key cannot be loaded (%1); it must be an unencrypted RSA private key in PEM form"_s
                  .arg(takeOpenSslReason());
        return false;
    }
    if (EVP_PKEY_get_base_id(pkey.get()) != EVP_PKEY_RSA) {
        m_error = u"The Kalshi private key is not an RSA key"_s;
        return false;
    }
    m_key = std::make_unique<Key>();
    m_key->pkey = std::move(pkey);
    m_error.clear();
    return true;
}

QByteArray Signer::sign(QByteArrayView message)
{
    if (!isReady()) {
        m_error = u"No Kalshi private key is loaded"_s;
        return {};
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by ctx
    std::size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, m_key->pkey.get()) <= 0
        || !configurePss(pctx)
        || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(message.data()),
                          static_cast<std::size_t>(message.size()))
            <= 0) {
        m_error = u"Signing failed: %1"_s.arg(takeOpenSslReason());
        return {};
    }
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(message.data()),
                       static_cast<std::size_t>(message.size()))
        <= 0) {
        m_error = u"Signing failed: %1"_s.arg(takeOpenSslReason());
        return {};
    }
    signature.truncate(static_cast<qsizetype>(length));
    return signature.toBase64();
}

QByteArray Signer::stringToSign(qint64 timestampMs, QByteArrayView method, QByteArrayView pathAndQuery)
{
    const qsizetype query = pathAndQuery.indexOf('?');
    const QByteArrayView path = query < 0 ? pathAndQuery : pathAndQuery.first(query);
    return QByteArray::number(timestampMs) + method.toByteArray().toUpper() + path.toByteArray();
}

SignedHeaders Signer::requestHeaders(qint64 timestampMs, QByteArrayView method, QByteArrayView pathAndQuery)
{
    SignedHeaders headers;
    headers.accessKey = m_accessKey;
    headers.timestampMs = QByteArray::number(timestampMs);
    headers.signature = sign(stringToSign(timestampMs, method, pathAndQuery));
    return headers;
}

SignedHeaders Signer::handshakeHeaders(qint64 timestampMs)
{
    return requestHeaders(timestampMs, "GET", WebSocketPath);
}

bool Signer::verify(QByteArrayView publicKeyPem, QByteArrayView message, QByteArrayView signatureBase64)
{
    ERR_clear_error();
    BioPtr bio = memoryBio(publicKeyPem);
    PkeyPtr pkey(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, refusePassphrase, nullptr) : nullptr);
    const auto decoded
        = QByteArray::fromBase64Encoding(signatureBase64.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok = pkey && decoded && ctx
        && EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, pkey.get()) > 0 && configurePss(pctx)
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(decoded.decoded.constData()),
                            static_cast<std::size_t>(decoded.decoded.size()),
                            reinterpret_cast<const unsigned char *>(message.data()),
                            static_cast<std::size_t>(message.size()))
            == 1;
    ERR_clear_error();
    return ok;
}

} // namespace tapescope::kalshi
