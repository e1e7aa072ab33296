#pragma once

#include "emulator/VenueSession.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <map>

class QWebSocket;

namespace tapescope::emulator::kalshi {

class KalshiDemoTrader;
class NflMarketSimulator;
struct SimTrade;

// One client's WebSocket: Kalshi's commands and replies (docs/protocols/kalshi.md §4, §5), one sid per channel
// subscribed, seq +1 per sequenced message per sid (§10), the simulator's changes turned into data frames, server Pings
// every 10 s (§3), and the faults tests ask for.
class KalshiEmulatorSession : public VenueSession
{
    Q_OBJECT
public:
    struct Options
    {
        bool supportGetSnapshot = true; // false: answer get_snapshot with error 13, like servers before it (§4.3)
        int pingIntervalMs = 10000;
    };
    // The next `remaining` subscribe / unsubscribe / update_subscription commands, on any session, are refused with
    // `code` (26 market limit, 27 command rate limit, §11) instead of being carried out. Owned by the emulator.
    struct CommandRefusal
    {
        int code = 0;
        int remaining = 0;
    };

    KalshiEmulatorSession(QWebSocket *socket, NflMarketSimulator &simulator, Options options, QObject *parent = nullptr,
                          KalshiDemoTrader *trader = nullptr, CommandRefusal *refusal = nullptr);

    // Faults. A gap loses the next message on every orderbook sid (its seq is used up, so the client's book
    // misses a change); an error goes out on every orderbook sid, and codes 10 and 25 end those subscriptions
    // (§10 "terminal"); a duplicate trade repeats the last trade (same trade_id) under the next seq.
    void injectSequenceGap();
    void injectError(int code);
    void injectDuplicateTrade();

    int subscriptionCount(const QString &channel) const;

protected:
    void onClientFrame(const QByteArray &frame) override;

private:
    struct Subscription
    {
        QString channel;
        QSet<QString> markets; // empty with allMarkets
        bool allMarkets = false;
        qint64 seq = 0;
        bool dropNext = false;
        QByteArray lastTradeMsg;
        bool covers(const QString &market) const { return allMarkets || markets.contains(market); }
    };

    void sendSequenced(qint64 sid, Subscription &subscription, const char *type, const QByteArray &msg, qint64 id = -1);
    void sendError(qint64 id, int code, const QString &text, const QString &market = {}, qint64 sid = -1);
    void subscribe(qint64 id, const QJsonObject &params);
    void unsubscribe(qint64 id, const QJsonObject &params);
    void updateSubscription(qint64 id, const QJsonObject &params);
    void listSubscriptions(qint64 id);
    bool readTickers(qint64 id, const QJsonObject &params, QStringList &tickers);

    void onBookChanged(const QString &market, bool yesSide, int priceCents, int delta);
    void onTraded(const SimTrade &trade);
    void onTickerChanged(const QString &market);
    void onLifecycle(const QString &market, const QString &eventType);
    void onAccountMessage(const QString &channel, const QByteArray &type, const QByteArray &msg);

    NflMarketSimulator &m_simulator;
    Options m_options;
    CommandRefusal *m_refusal = nullptr;
    QTimer m_pingTimer;
    qint64 m_nextSid = 1;
    std::map<qint64, Subscription> m_subscriptions;
};

} // namespace tapescope::emulator::kalshi
