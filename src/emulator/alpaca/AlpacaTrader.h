#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdint>
#include <map>
#include <vector>

class QTimer;

namespace tapescope::emulator::alpaca {

struct AlpacaTraderOptions
{
    bool automatic = true; // place, fill and cancel orders on its own every `intervalMs`
    int intervalMs = 1500;
    std::int64_t startingCashCents = 10'000'000; // $100,000
};

// What the emulated trader holds, as the REST calls would print it (for tests).
struct AlpacaTraderSnapshot
{
    QString accountId;
    QStringList openOrderIds;
    QHash<QString, QString> orderStatus; // every order: id -> the venue's status word
    QHash<QString, QString> filledQty; // every order: id -> filled_qty text
    QHash<QString, QString> positionQty; // symbol -> signed qty text (open positions only)
    QStringList executionIds; // every execution, oldest first
    QString cash;
    QString equity;
};

// The paper trader behind the emulator's test keys (docs/protocols/alpaca.md §9, §10): limit orders on US stocks that
// fill in parts against simulated flow, cancels, positions and cash following every fill. It answers the trading REST
// calls (GET /v2/account, /v2/positions, /v2/orders[?status=open|closed|all], /v2/orders/{id},
// /v2/account/activities/FILL with page_token paging) and publishes every order event as a trade_updates message.
// Prices are integer cents and quantities whole shares, so every wire number is exact.
class AlpacaTrader : public QObject
{
    Q_OBJECT
public:
    explicit AlpacaTrader(quint32 seed, AlpacaTraderOptions options, QObject *parent = nullptr);
    ~AlpacaTrader() override;

    QString accountId() const;

    // Test hooks. placeOrder returns the new order's id (a `new` event follows at once).
    QString placeOrder(const QString &symbol, bool buy, int qty, std::int64_t limitCents, const QString &clientId = {});
    // A fill of `qty` (capped to what is left) at `priceCents` (0: the limit): partial_fill or fill.
    bool fillOrder(const QString &id, int qty, std::int64_t priceCents = 0);
    bool cancelOrder(const QString &id);
    AlpacaTraderSnapshot snapshot() const;
    // Every open order, the newest KeptEndedOrders ended ones and the newest KeptExecutions executions are kept
    // (REST, the tests); older ones are forgotten so a long demo session stays bounded (docs/reliability.md, "Long
    // session"). The venue's own lists are paged, never complete.
    static constexpr std::size_t KeptEndedOrders = 1000;
    static constexpr std::size_t KeptExecutions = 1000;
    std::size_t orderCount() const { return m_orders.size(); } // open orders and the ended ones kept
    std::size_t executionCount() const { return m_executions.size(); }

    // REST: the reply body for a GET of `path` with `query`, and its HTTP status.
    QByteArray handleGet(const QByteArray &path, const QByteArray &query, int *status) const;

Q_SIGNALS:
    // {"stream":"trade_updates","data":{…}}
    void tradeUpdate(const QByteArray &message);

private:
    struct Order
    {
        QString id;
        QString clientId;
        QString symbol;
        bool buy = true;
        int qty = 0;
        int filled = 0;
        std::int64_t limitCents = 0;
        std::int64_t filledNotionalCents = 0;
        QString status;
        std::int64_t createdMs = 0;
        std::int64_t updatedMs = 0;
        std::int64_t filledMs = 0;
        std::int64_t canceledMs = 0;
    };
    struct Position
    {
        std::int64_t qty = 0; // signed shares
        std::int64_t cost4 = 0; // signed cost basis in 1e-4 dollars
    };
    struct Execution
    {
        QString activityId;
        QString executionId;
        QString orderId;
        QString symbol;
        bool buy = true;
        int qty = 0;
        int cumulative = 0;
        int leaves = 0;
        std::int64_t priceCents = 0;
        std::int64_t ms = 0;
    };

    void onTick();
    QString nextUuid();
    QByteArray orderJson(const Order &order) const;
    QByteArray positionJson(const QString &symbol, const Position &position) const;
    QByteArray accountJson() const;
    QByteArray activityJson(const Execution &execution) const;
    void publish(const QByteArray &event, const Order &order, const Execution *execution);
    void forgetOldest(); // ended orders and executions beyond the bounds, oldest first
    std::int64_t equity4() const;

    QRandomGenerator m_random;
    AlpacaTraderOptions m_options;
    QTimer *m_timer = nullptr;
    quint64 m_ids = 0;
    std::vector<Order> m_orders; // oldest first
    std::map<QString, Position> m_positions;
    QHash<QString, std::int64_t> m_marks; // cents per symbol: the last trade price
    std::vector<Execution> m_executions; // oldest first
    std::int64_t m_cashCents = 0;
    std::int64_t m_lastMs = 0;
};

} // namespace tapescope::emulator::alpaca
