#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QString>

namespace tapescope::emulator::kalshi {

// The emulator's side of Kalshi's request signing (docs/protocols/kalshi.md §2): which key it trusts and how fresh a
// timestamp must be. The real server's skew window is undocumented (§2.2); a minute is generous and still rejects a
// timestamp in seconds (the Neural SDK's mistake, §14.2) by a factor of a thousand.
struct AuthPolicy
{
    QByteArray publicKeyPem; // SubjectPublicKeyInfo PEM
    QByteArray keyId; // the KALSHI-ACCESS-KEY it belongs to; empty = any id
    qint64 maxSkewMs = 60000;
};

struct AuthVerdict
{
    bool accepted = false;
    QString reason; // plain words when refused
    QByteArray keyId; // as sent
    qint64 timestampMs = -1;
    bool hadHeaders = false;
};

// Request head fields by lower-case name.
using HeaderMap = QHash<QByteArray, QByteArray>;
HeaderMap parseHeaders(const QByteArray &head);

// Checks the three KALSHI-ACCESS-* headers of a request to `path` (no query) against `policy`.
AuthVerdict checkSignedRequest(const HeaderMap &headers, const QByteArray &method, const QByteArray &path,
                               const AuthPolicy &policy, qint64 nowMs);
bool hasSignatureHeaders(const HeaderMap &headers);

} // namespace tapescope::emulator::kalshi
