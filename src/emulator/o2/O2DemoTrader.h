#pragma once

#include "O2SimulatedMarket.h"

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

class QTimer;

namespace tapescope::emulator::o2 {

class MarketBoard;

// One order of the demo trader, in chain integers (docs/protocols/o2.md §4.3).
struct DemoOrder
{
    QString id; // 0x + 64 hex
    int market = 0;
    bool buy = true;
    std::uint64_t price = 0; // quote chain units
    std::uint64_t quantity = 0; // base chain units
    std::uint64_t filled = 0;
    bool close = false;
    bool cancel = false;
    std::int64_t timestampMs = 0;
};

// An asset's funds: unlocked (available, includes the trade account's own balance) and locked in open orders.
struct DemoBalance
{
    std::uint64_t unlocked = 0;
    std::uint64_t locked = 0;
};

struct DemoTraderSnapshot
{
    std::vector<DemoOrder> orders; // every order, oldest first; open ones have close = false
    std::map<QString, DemoBalance> balances; // by asset id
    std::uint64_t nonce = 0;
};

// A simulated O2 trade account driven by the shared markets: spot limit orders resting at the simulated inside
// that fill (partially, then fully) as the simulated trade flow crosses them, cancels, balances that lock on place,
// move on fill and unlock on cancel, and a nonce that grows with every action (place, cancel). Every change goes
// out as the venue's account frames (changed orders only, §4.3; balances §4.5; nonce §4.6), and the REST bodies
// answer from the same state (§8). No fees.
class DemoTrader : public QObject
{
    Q_OBJECT
public:
    DemoTrader(MarketBoard &board, QString account, quint32 seed, int intervalMs, QObject *parent = nullptr);
    ~DemoTrader() override;

    const QString &account() const { return m_account; }
    bool isAccount(const QString &id) const; // any case, with or without 0x

    // While automatic, one order action per interval (place, or now and then cancel) and fills from the flow.
    void setAutomatic(bool automatic);

    // Test hooks. placeOrder returns the order id, empty when the funds are short or the market unknown.
    QString placeOrder(int market, bool buy, std::uint64_t price, std::uint64_t quantity);
    bool fillOrder(const QString &id, std::uint64_t quantity); // at the order's price; false when not open
    bool cancelOrder(const QString &id);
    DemoTraderSnapshot snapshot() const;
    // Every open order and the newest KeptClosedOrders closed ones are kept (REST, the tests); older ones are
    // forgotten so a long demo session stays bounded (docs/reliability.md, "Long session"). The venue's own lists are
    // paged, never complete.
    static constexpr std::size_t KeptClosedOrders = 1000;

    // REST bodies (docs/protocols/o2.md §8).
    QByteArray ordersBody(int market, bool openOnly, int count) const; // {identity, market_id, orders}
    std::optional<QByteArray> orderBody(int market, const QString &orderId) const; // {"order":{…}}
    QByteArray balanceBody(const QString &assetId) const; // {order_books, total_locked, total_unlocked, …}
    QByteArray accountBody() const; // {trade_account_id, trade_account:{last_modification, nonce, owner}}

    // The identity a client subscribes with, and what an empty account answers.
    static QByteArray emptyOrdersBody(const QString &account, const QString &marketId);
    static QByteArray emptyBalanceBody();

Q_SIGNALS:
    void ordersChanged(const QByteArray &frame);
    void balancesChanged(const QByteArray &frame);
    void nonceChanged(const QByteArray &frame);

private:
    void onTick();
    void onTraded(int market, const tapescope::emulator::o2::SimulatedTrade &trade);
    std::uint64_t quoteCost(int market, std::uint64_t price, std::uint64_t quantity) const;
    QString quoteAsset(int market) const;
    QString baseAsset(int market) const;
    void applyFill(DemoOrder &order, std::uint64_t quantity);
    void bumpNonce();
    void sendOrders(const std::vector<const DemoOrder *> &orders);
    void sendBalances(const std::vector<QString> &assets);
    DemoOrder *find(const QString &id);
    void forgetOldest(); // closed orders beyond KeptClosedOrders, oldest first

    MarketBoard &m_board;
    QString m_account;
    QString m_owner;
    QRandomGenerator m_random;
    QTimer *m_timer = nullptr;
    int m_intervalMs = 0;
    std::vector<DemoOrder> m_orders;
    std::map<QString, DemoBalance> m_balances;
    std::uint64_t m_nonce = 0;
    std::int64_t m_lastModificationMs = 0;
    int m_nextOrder = 1;
};

} // namespace tapescope::emulator::o2
