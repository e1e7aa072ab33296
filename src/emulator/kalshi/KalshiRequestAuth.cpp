#include "KalshiRequestAuth.h"

#include "venues/kalshi/KalshiSigner.h"

#include <QtCore/QList>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

HeaderMap parseHeaders(const QByteArray &head)
{
    HeaderMap headers;
    const QList<QByteArray> lines = head.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    return headers;
}

bool hasSignatureHeaders(const HeaderMap &headers)
{
    return headers.contains("kalshi-access-key") || headers.contains("kalshi-access-timestamp")
        || headers.contains("kalshi-access-signature");
}

AuthVerdict checkSignedRequest(const HeaderMap &headers, const QByteArray &method, const QByteArray &path,
                               const AuthPolicy &policy, qint64 nowMs)
{
    AuthVerdict verdict;
    verdict.hadHeaders = hasSignatureHeaders(headers);
    verdict.keyId = headers.value("kalshi-access-key");
    const QByteArray timestamp = headers.value("kalshi-access-timestamp");
    const QByteArray signature = headers.value("kalshi-access-signature");
    if (verdict.keyId.isEmpty() || timestamp.isEmpty() || signature.isEmpty()) {
        verdict.reason = u"missing KALSHI-ACCESS-KEY, KALSHI-ACCESS-TIMESTAMP or KALSHI-ACCESS-SIGNATURE"_s;
        return verdict;
    }
    bool ok = false;
    verdict.timestampMs = timestamp.toLongLong(&ok);
    if (!ok) {
        verdict.reason = u"KALSHI-ACCESS-TIMESTAMP is not an integer"_s;
        return verdict;
    }
    if (std::llabs(nowMs - verdict.timestampMs) > policy.maxSkewMs) {
        verdict.reason
            = u"stale KALSHI-ACCESS-TIMESTAMP: it must be Unix milliseconds within %1 s of the server clock"_s.arg(
                policy.maxSkewMs / 1000);
        return verdict;
    }
    if (!policy.keyId.isEmpty() && verdict.keyId != policy.keyId) {
        verdict.reason = u"unknown API key"_s;
        return verdict;
    }
    const QByteArray signedString = tapescope::kalshi::Signer::stringToSign(verdict.timestampMs, method, path);
    if (!tapescope::kalshi::Signer::verify(policy.publicKeyPem, signedString, signature)) {
        verdict.reason = u"the signature does not verify for this key, timestamp, method and path"_s;
        return verdict;
    }
    verdict.accepted = true;
    return verdict;
}

} // namespace tapescope::emulator::kalshi
