#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <functional>

namespace tapescope {

// Where secrets are kept: the platform keychain in the app, memory in tests. Every call is asynchronous,
// like the keychains themselves (a Secret Service may have to ask the user to unlock it first), and
// `done` is always called later from the event loop, never from inside the call.
class SecretBackend
{
public:
    enum class Failure {
        None,
        NotFound, // nothing stored under the key
        Unavailable, // no keychain service is running (no Secret Service / KWallet on Linux)
        Denied, // the user or the system refused access
        Other,
    };
    struct Result
    {
        Failure failure = Failure::None;
        QByteArray data; // read only
        QString message; // the keychain's own words when it failed
        bool ok() const { return failure == Failure::None; }
    };
    using Callback = std::function<void(const Result &result)>;

    virtual ~SecretBackend() = default;

    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QByteArray &data, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;
};

} // namespace tapescope
