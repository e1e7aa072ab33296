#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <deque>
#include <map>
#include <vector>

namespace tapescope::emulator::kalshi {

class NflMarketSimulator;
struct SimTrade;

// The member behind the emulator's demo key: limit orders that buy YES or NO and rest until the simulated trade flow
// crosses them (partially, then fully), cancels, and the positions, fees and cash balance that follow from the fills
// (docs/protocols/kalshi.md "Account"). Served on the private channels (fill, market_positions, user_orders) and the
// signed REST calls under /trade-api/v2/portfolio/ with cursor paging. Amounts in integer cents internally; the wire
// gets the 2026 dollar / _fp strings.
class KalshiDemoTrader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool automatic = true; // place/cancel on a timer and fill against the simulated trades
        int intervalMs = 1500;
        qint64 startingBalanceCents = 100000; // $1,000.00
        int pageSize = 2; // REST items per page at most: clients must follow the cursor
        QString userId = QStringLiteral("demo-member-1");
    };
    struct Order
    {
        QString id, clientId, ticker;
        bool yes = true; // buys YES (else NO)
        int priceCents = 0; // the price of the side it buys
        qint64 count = 0, filled = 0;
        QString status = QStringLiteral("resting"); // resting, executed, canceled
        qint64 createdMs = 0, updatedMs = 0;
    };
    struct Fill
    {
        QString tradeId, orderId, ticker;
        bool yes = true;
        int priceCents = 0; // of the side bought
        qint64 count = 0;
        int feeCents = 0;
        bool taker = false;
        qint64 tsMs = 0;
    };
    struct Position
    {
        qint64 contracts = 0; // YES positive, NO negative
        qint64 costCents = 0; // what the contracts held cost
        qint64 realizedCents = 0;
        qint64 feesCents = 0;
        qint64 volume = 0;
        qint64 updatedMs = 0;
    };

    KalshiDemoTrader(NflMarketSimulator &simulator, Options options, QObject *parent = nullptr);

    // Test hooks.
    QString placeOrder(const QString &ticker, bool yes, int priceCents, qint64 count, const QString &clientId = {});
    bool fillOrder(const QString &orderId, qint64 count); // at the order's price, as maker
    bool cancelOrder(const QString &orderId);
    // Kept for the REST calls and the tests: every resting order, the newest KeptEndedOrders ended ones and the
    // newest KeptFills fills; older ones are forgotten so a long demo session stays bounded (docs/reliability.md,
    // "Long session"). The venue's own lists are paged, never complete.
    static constexpr std::size_t KeptEndedOrders = 1000;
    static constexpr std::size_t KeptFills = 1000;
    const std::map<QString, Order> &orders() const { return m_orders; }
    const std::vector<Fill> &fills() const { return m_fills; }
    const std::map<QString, Position> &positions() const { return m_positions; }
    qint64 balanceCents() const { return m_balanceCents; }

    // GET /trade-api/v2/portfolio/… (`pathAndQuery` from /trade-api/v2 on).
    HttpResponse handle(const QByteArray &pathAndQuery) const;

Q_SIGNALS:
    // One private message for `channel` subscribers: {"type": type, "sid", "msg": msg}.
    void accountMessage(const QString &channel, const QByteArray &type, const QByteArray &msg);

private:
    void onTraded(const SimTrade &trade);
    void step();
    void publishOrder(const Order &order);
    void orderEnded(const QString &orderId); // remembers the end and forgets the oldest ended orders beyond the bound
    QByteArray orderJson(const Order &order, bool rest) const;
    QByteArray fillJson(const Fill &fill, bool rest) const;
    QByteArray positionJson(const QString &ticker, const Position &position, bool rest) const;

    NflMarketSimulator &m_simulator;
    Options m_options;
    QTimer m_timer;
    std::map<QString, Order> m_orders;
    std::deque<QString> m_ended; // ids of the ended orders in m_orders, in the order they ended
    std::vector<Fill> m_fills; // oldest first
    std::map<QString, Position> m_positions;
    qint64 m_balanceCents = 0;
    quint64 m_nextId = 1;
};

} // namespace tapescope::emulator::kalshi
