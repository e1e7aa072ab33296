#pragma once

#include "SecretBackend.h"

#include <QtCore/QObject>

namespace tapescope {

// The platform keychain through QtKeychain: Windows Credential Manager, macOS Keychain, Secret Service
// (gnome-keyring, KWallet) on Linux. QtKeychain's insecure plain-text fallback stays off: when no
// keychain runs, the caller is told so instead of secrets landing in a settings file.
class KeychainBackend : public QObject, public SecretBackend
{
    Q_OBJECT

public:
    explicit KeychainBackend(QString service = QStringLiteral("Tapescope"), QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &data, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QString m_service;
};

} // namespace tapescope
