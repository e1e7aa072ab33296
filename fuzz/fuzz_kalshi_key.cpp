// The Kalshi private-key loader (KalshiSigner: PEM, PKCS#1 or PKCS#8, through OpenSSL) on any bytes, and a signature
// with whatever key it accepted. The input is the key file's content.

#include "FuzzSupport.h"

#include "venues/kalshi/KalshiSigner.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tapescope::kalshi::Signer signer;
    const QByteArrayView pem(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const bool loaded = signer.loadPrivateKeyPem(pem);
    tapescope::fuzz::check(loaded == signer.isReady(), "loadPrivateKeyPem and isReady disagree");
    tapescope::fuzz::check(loaded || !signer.errorString().isEmpty(), "a refused key without a reason");
    if (loaded) {
        signer.setAccessKey("fuzz");
        (void)signer.handshakeHeaders(1700000000000);
    }
    return 0;
}
