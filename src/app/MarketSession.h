#pragma once

#include "venues/hyperliquid/HyperliquidService.h"

#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QThread>

#include <memory>
#include <optional>

namespace tapescope {

namespace emulator {
class HyperliquidEmulator;
}
class FeedController;
class MarketHub;
class Workspace;

// Everything behind the UI for one run: the venue service on its worker thread (and, in demo mode,
// the embedded emulator it connects to), the MarketHub and the Workspace the QML binds to.
class MarketSession : public QObject
{
    Q_OBJECT

public:
    struct Config
    {
        std::optional<hyperliquid::Endpoints> hyperliquid; // nullopt: demo mode on the embedded emulator
        QString venueLabel;                                // "hyperliquid (testnet)"; empty: the venue name
        int displayRate = 60;
        QStringList watchlist;                             // wire symbols
        QString initialSymbol = QStringLiteral("BTC");
    };

    explicit MarketSession(QObject *parent = nullptr);
    ~MarketSession() override;

    bool start(const Config &config, QString *error);

    bool isDemo() const { return m_emulator != nullptr; }
    MarketHub *hub() const { return m_hub; }
    Workspace *workspace() const { return m_workspace; }

private:
    void stopService();

    emulator::HyperliquidEmulator *m_emulator = nullptr;
    hyperliquid::HyperliquidService *m_service = nullptr; // lives in m_serviceThread
    QThread m_serviceThread;
    MarketHub *m_hub = nullptr;
    std::unique_ptr<FeedController> m_feedController;
    Workspace *m_workspace = nullptr;
};

} // namespace tapescope
