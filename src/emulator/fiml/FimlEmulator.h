#pragma once

#include "emulator/VenueEmulator.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <cstdint>
#include <memory>
#include <optional>

namespace tapescope::emulator::fiml {

class FimlQuotes;

struct FimlEmulatorOptions
{
    quint32 seed = 1;
    int heartbeatIntervalMs = 30000; // FIML's fixed 30 s (docs/protocols/fiml.md §2); tests shorten it
};

// A loopback FIML streaming server: /ws/stream (subscribe / unsubscribe with acks, price and OHLCV data at
// the requested interval, heartbeats, error frames for bad requests) and /ws/prices/{symbols}
// (docs/protocols/fiml.md §1-§6); any other path gets HTTP 404. No authentication, like FIML. While silent: no data,
// acks or heartbeats (a stalled server). For demo mode, integration tests and fault injection.
class FimlEmulator : public VenueEmulator
{
    Q_OBJECT
public:
    using Options = FimlEmulatorOptions;

    explicit FimlEmulator(Options options = {}, QObject *parent = nullptr);
    ~FimlEmulator() override;

    QUrl streamUrl() const; // ws://127.0.0.1:PORT/ws/stream

    // Fault: each client's next `count` requests are answered with this error frame instead of being carried out.
    void failNextRequests(int count, const QString &errorCode, const QString &message);

    int subscriptionCount() const; // over all clients
    // A symbol's price as the last data frame for it gave it, in cents (every price or OHLCV update moves it first,
    // for all clients alike); nullopt before the first. What a client's last price must equal.
    std::optional<std::int64_t> priceCents(const QString &symbol) const;

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;
    void sessionStarted(VenueSession *session) override;

private:
    Options m_options;
    std::unique_ptr<FimlQuotes> m_quotes;
    int m_failuresPending = 0;
    QString m_failureCode;
    QString m_failureMessage;
};

} // namespace tapescope::emulator::fiml
