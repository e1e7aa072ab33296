#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QUrl>

namespace tapescope::tape {

// What a recording keeps of a frame we sent or a request we made: never a credential. The generic rules are
// conservative (docs/recording.md "Secrets"): in JSON, the value of every key that names a secret (key, secret,
// signature, token, password, auth, jwt, nonce-less sign-in fields ...) becomes "<redacted>", at any depth; a
// frame that is not JSON is kept only if it holds none of those words, else replaced by a placeholder.
QByteArray redactFrame(const QByteArray &frame);
// The URL without user info, and with the value of every query item that names a secret replaced.
QString redactUrl(const QUrl &url);
// True when a JSON key or query name is one whose value must never be stored.
bool isSecretName(QStringView name);

} // namespace tapescope::tape
