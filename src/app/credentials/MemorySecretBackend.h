#pragma once

#include "SecretBackend.h"

#include <QtCore/QHash>
#include <QtCore/QObject>

namespace tapescope {

// A keychain in memory, for tests and for machines where the user chose not to persist secrets.
// setUnavailable(true) makes it answer like a Linux desktop with no Secret Service running.
class MemorySecretBackend : public QObject, public SecretBackend
{
    Q_OBJECT

public:
    explicit MemorySecretBackend(QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QByteArray &data, Callback done) override;
    void remove(const QString &key, Callback done) override;

    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }
    bool contains(const QString &key) const { return m_secrets.contains(key); }

private:
    void answer(Callback done, Result result);

    QHash<QString, QByteArray> m_secrets;
    bool m_unavailable = false;
};

} // namespace tapescope
