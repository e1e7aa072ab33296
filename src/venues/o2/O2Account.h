#pragma once

#include "O2Markets.h"

#include "core/AccountEvents.h"
#include "core/Events.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>
#include <string_view>
#include <vector>

namespace tapescope::o2 {

// A trade account (docs/protocols/o2.md §3): the Fuel contract id the account streams are keyed by, "0x" and 64
// hex digits. Returned lower-case, or nullopt. Public, not a secret.
std::optional<QString> normalizedTradeAccount(const QString &text);
QString tradeAccountRule(); // what a trade account id looks like, for messages

// One order object of subscribe_orders or GET /v1/orders, decoded, with what an implied fill needs.
struct OrderUpdate
{
    AccountOrder order;
    std::optional<Decimal> fillPrice; // price_fill when the venue sent a non-zero one
    QString filledChain; // quantity_fill as the chain integer's digits (names implied fills)
};

// What one account frame said. The decoder works on one trade account.
struct AccountFrame
{
    std::vector<OrderUpdate> orders; // subscribe_orders: only the orders that changed (§4.3)
    std::vector<AccountBalance> balances; // subscribe_balances
    std::optional<AccountNonce> nonce; // subscribe_nonce / nonce of this account
    std::vector<FeedError> errors; // orders of markets missing from /v1/markets ("unknown_market"), skipped
    bool foreign = false; // a nonce frame of another contract: ignored
};

// O2's account streams and REST bodies (docs/protocols/o2.md §4.3, §4.5, §4.6, §8) in normalized events. Pure:
// the market table gives each order its symbol (the market id, the same spelling `stream --venue o2` prints) and
// each chain integer its scale (the market's base decimals for quantities, quote decimals for prices, the asset's
// own decimals for balances, §7); balances are named by the asset's symbol from the table.
//
// Mapping (README "Account events"): order id = order_id; side from `side` (any case); order_type = the string
// or the object's key ("Spot", "Limit", "BoundedMarket", ...); size = quantity; filled = quantity_fill; price =
// price; status = canceled (close and cancel), filled (close, quantity_fill = quantity), closed (close otherwise),
// partially_filled (open, some filled), open; ts = the frame's onchain_timestamp, else seen_timestamp, else the
// order's timestamp (0 when none: the service stamps the receive time). Balance total = total_locked +
// total_unlocked, available = total_unlocked (it already includes trading_account_balance, which is never added
// again), locked = total_locked.
class AccountDecoder
{
public:
    explicit AccountDecoder(QString account);

    const QString &account() const { return m_account; }
    void setMarkets(MarketTable markets) { m_markets = std::move(markets); }
    const MarketTable &markets() const { return m_markets; }

    // subscribe_orders, subscribe_balances, subscribe_nonce and the bare `nonce` alias (§4.0).
    static bool isAccountAction(std::string_view action);

    // One frame of an account action. nullopt on success, else what was wrong (then `out` is untouched).
    std::optional<QString> decodeFrame(const QJsonObject &frame, AccountFrame &out) const;

    // GET /v1/orders ({identity, market_id, orders:[...]}, or a bare list) and GET /v1/order ({"order":{...}} or
    // the order itself); `marketId` is the market asked for, used where the body names none. snapshot = true.
    std::optional<QString> ordersBody(const QJsonDocument &body, const QString &marketId,
                                      std::vector<OrderUpdate> &out) const;
    // GET /v1/balance?asset_id=&contract= (REST#3, #4): the asset asked for. snapshot = true, ts = 0.
    std::optional<QString> balanceBody(const QJsonObject &body, const QString &assetId, AccountBalance &out) const;
    // GET /v1/accounts?trade_account_id= (REST#10): the nonce; ts = trade_account.last_modification. snapshot = true.
    std::optional<QString> accountBody(const QJsonObject &body, AccountNonce &out) const;

    // The asset's symbol from the market table, else its normalised id.
    QString assetName(const QString &assetId) const;
    // Every asset of every listed market, normalised ids, once each (what the balance bootstrap asks for).
    std::vector<QString> assetIds() const;

private:
    std::optional<QString> order(const QJsonObject &object, const QString &fallbackMarket, std::int64_t frameTs,
                                 bool snapshot, std::vector<OrderUpdate> &out, std::vector<FeedError> &errors) const;
    std::optional<QString> balance(const QJsonObject &object, const QString &assetId, std::int64_t ts, bool snapshot,
                                   AccountBalance &out) const;

    QString m_account;
    QString m_venue;
    MarketTable m_markets;
};

// O2 sends no fill stream: a fill is what a growth of an order's cumulative quantity_fill implies. `known` is the
// order as last seen (nullopt: never seen, filled counts from zero). id = "<order_id>:<new quantity_fill>", so the
// same growth seen twice (stream and REST bootstrap) is one fill; size = the growth; price = price_fill where the
// venue sent one, else the order's price; side = the order's side; no fee or liquidity (the venue says neither).
std::optional<AccountFill> impliedFill(const std::optional<AccountOrder> &known, const OrderUpdate &update);

} // namespace tapescope::o2
