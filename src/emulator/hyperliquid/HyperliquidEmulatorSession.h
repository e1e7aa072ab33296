#pragma once

#include "HyperliquidClientRequest.h"
#include "HyperliquidFrames.h"
#include "HyperliquidSessionLoad.h"

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>

#include <map>
#include <vector>

class QWebSocket;

namespace tapescope::emulator::hyperliquid {

class HyperliquidInfoEndpoint;
class HyperliquidMarketSimulator;
class HyperliquidTraders;
struct MarketState;
struct PrintedTrade;

// One WebSocket client of the emulated venue: its subscriptions (state is per connection, §3)
// and the streams they produce from the shared market and the demo traders' accounts.
class HyperliquidEmulatorSession : public VenueSession
{
    Q_OBJECT
public:
    // With a benchmark load profile, subscribed streams of the load coins carry pre-rendered frames.
    HyperliquidEmulatorSession(QWebSocket *socket, HyperliquidMarketSimulator &simulator,
                               const HyperliquidInfoEndpoint &info, const HyperliquidTraders &traders, int bookLevels,
                               const LoadProfile &load, QObject *parent = nullptr);
    ~HyperliquidEmulatorSession() override;

    void setSilent(bool silent) override; // the load pauses too; a burst resumes afterwards

    // Benchmark load: l2Book frames for the market back-to-back, refilled whenever the socket has
    // drained below a high-water mark; count 0 = until stopped. Only for an l2Book subscriber.
    void startBurst(MarketState &market, quint64 count);
    void stopBurst();

    quint64 loadFramesSent() const { return m_load ? m_load->framesSent() : 0; }
    quint64 loadFramesSkipped() const { return m_load ? m_load->framesSkipped() : 0; }

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    void subscribe(const Subscription &subscription);
    void unsubscribe(const Subscription &subscription);
    void answerPost(const ClientRequest &request);
    void sendSnapshot(const Subscription &subscription, MarketState *market);
    bool isValid(const Subscription &subscription, MarketState **market) const;
    frames::BookView viewOf(const Subscription &subscription) const;

    void onBooksRefreshed();
    void onTradesPrinted(const QString &coin, const std::vector<PrintedTrade> &prints);
    void onInsideChanged(const QString &coin);
    void onMidsTick();
    void onContextsTick();
    void pumpBurst();

    // Account streams: only to subscriptions of that user.
    void sendUserSnapshot(const Subscription &subscription);
    void sendToUser(const QString &user, QLatin1StringView type, const QByteArray &frame);
    void onOrderUpdates(const QString &user, const QByteArray &orders);
    void onFills(const QString &user, const QByteArray &fills);
    void onFunding(const QString &user, const QByteArray &funding);
    void onNonUserCancel(const QString &user, const QByteArray &cancels);
    void onLedgerUpdate(const QString &user, const QByteArray &entry);
    void onPerpStateChanged(const QString &user);
    void onSpotStateChanged(const QString &user);
    void refreshAssetData(const QString &user); // empty user: every activeAssetData subscription

    HyperliquidMarketSimulator &m_simulator;
    const HyperliquidInfoEndpoint &m_info;
    const HyperliquidTraders &m_traders;
    std::map<QByteArray, QByteArray> m_lastAssetData; // activeAssetData by subscription: sent again on change
    int m_bookLevels;
    std::vector<Subscription> m_subscriptions;
    MarketState *m_burstMarket = nullptr;
    quint64 m_burstRemaining = 0; // 0 with a market set: unlimited
    bool m_burstUnlimited = false;
    HyperliquidSessionLoad *m_load = nullptr; // null unless a load profile is set
};

} // namespace tapescope::emulator::hyperliquid
