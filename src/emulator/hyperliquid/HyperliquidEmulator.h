#pragma once

#include "HyperliquidSessionLoad.h"

#include "emulator/VenueEmulator.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <memory>

namespace tapescope::emulator {

namespace hyperliquid {
class HyperliquidInfoEndpoint;
class HyperliquidMarketSimulator;
} // namespace hyperliquid

struct HyperliquidEmulatorOptions
{
    quint32 seed = 1;
    int bookIntervalMs = 250;
    int tradeIntervalMs = 150;
    int midsIntervalMs = 1000;
    int ctxIntervalMs = 1000;
    int levels = 20; // levels per side in a (non-fast) l2Book frame; the emulated books hold 24
    int syntheticPerps = 0; // extra made-up perps SIM01.. for load tests over many instruments
    LoadProfile load; // benchmark load on every client's subscribed streams (Off by default)
};

// A loopback Hyperliquid: the venue's WebSocket protocol on /ws and POST /info on one port, over
// a seeded random-walk market (Hyperliquid protocol reference §1-§7, §10). While silent it sends nothing
// at all (no data, no pong, no acks). Used for demo mode, integration tests, benchmarks (burst mode) and
// fault injection.
class HyperliquidEmulator : public VenueEmulator
{
    Q_OBJECT
public:
    // Defined outside the class only because a nested struct with member initializers cannot be a
    // default argument of its own enclosing class's constructor.
    using Options = HyperliquidEmulatorOptions;

    explicit HyperliquidEmulator(Options options = {}, QObject *parent = nullptr);
    ~HyperliquidEmulator() override;

    QUrl restBaseUrl() const; // http://127.0.0.1:PORT      (POST /info)
    QUrl wsUrl() const; // ws://127.0.0.1:PORT/ws     (derived from the REST base like the SDK, §1)

    void setRejectConnections(bool reject); // fault: refuse new WebSocket upgrades (HTTP 503) while set

    // Frames sent by the load profile to every client so far, and those Paced mode skipped.
    quint64 loadFramesSent() const;
    quint64 loadFramesSkipped() const;

    // Burst mode for benchmarks: l2Book frames for `coin` back-to-back as fast as each subscribed
    // socket drains, `count` frames per client (0 = until stopped).
    void startBurst(const QString &coin, quint64 count);
    void stopBurst();

protected:
    void routeRequest(QTcpSocket *socket, const LoopbackServer::RequestHead &request) override;
    VenueSession *createSession(QWebSocket *socket) override;
    void sessionEnded(VenueSession *session) override;

private:
    Options m_options;
    hyperliquid::HyperliquidMarketSimulator *m_simulator;
    std::unique_ptr<hyperliquid::HyperliquidInfoEndpoint> m_info;
    bool m_rejectConnections = false;
    quint64 m_loadFramesSentByClosed = 0;
    quint64 m_loadFramesSkippedByClosed = 0;
};

} // namespace tapescope::emulator
