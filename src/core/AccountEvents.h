#pragma once

#include "Events.h"

#include <QtCore/QMetaType>
#include <QtCore/QString>

#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

namespace tapescope {

// Normalized account events: the trader's own orders, fills, positions, balances and money movements, for
// every venue (docs/architecture.md "Accounts"). Like market events they end every venue quirk in the codec.
// `account` is the venue's identity of the account (a Hyperliquid address in lower case, a Kalshi member,
// an O2 trade account); several accounts of one venue work side by side. Decimals keep the venue's spelling;
// ids are text; times are Unix ms (0: the venue sent none). `snapshot` marks events from a bootstrap (REST,
// or a stream's snapshot frame) rather than a live change. An optional that is empty means the venue did not
// say; the JSON leaves such keys out.

struct AccountOrder
{
    QString venue;
    QString account;
    QString symbol; // the same spelling `stream` uses for the market
    QString id; // the venue's order id
    QString clientId; // the trader's own id (Hyperliquid cloid), empty when none
    std::optional<Side> side;
    QString orderType; // as the venue names it ("Limit", "Stop Market", ...)
    std::optional<Decimal> price;
    std::optional<Decimal> triggerPrice;
    std::optional<Decimal> size; // the original quantity
    std::optional<Decimal> filled; // cumulative filled quantity
    // open, partially_filled, filled, canceled, rejected, triggered, expired, closed (ended while we could not
    // see how), or the venue's own word when it is none of these.
    QString status;
    QString venueStatus; // the venue's word when `status` generalizes it ("marginCanceled" -> canceled)
    std::optional<bool> reduceOnly;
    QString tif;
    std::int64_t ts = 0; // when the status was set
    bool snapshot = false;
};

// Whether an order with this status has left the open set for good.
bool isFinalOrderStatus(const QString &status);

struct AccountFill
{
    enum class Liquidity : std::uint8_t { Unknown, Maker, Taker };
    QString venue;
    QString account;
    QString symbol;
    QString id; // the venue's fill (trade) id
    QString orderId;
    std::optional<Side> side; // the trader's side, not the aggressor's
    Decimal price;
    Decimal size;
    std::optional<Decimal> fee; // negative: a rebate
    QString feeAsset;
    Liquidity liquidity = Liquidity::Unknown;
    std::optional<Decimal> closedPnl; // realized P&L as the venue reports it
    std::int64_t ts = 0;
    bool snapshot = false;
    // What makes the fill unique where the id alone does not (Hyperliquid: tid, oid and time; a self-trade
    // gives two fills one tid). Empty: the id.
    QString key;
    QString identity() const { return key.isEmpty() ? id : key; }
};

struct AccountPosition
{
    QString venue;
    QString account;
    QString symbol;
    Decimal size; // signed: negative is short; zero is flat (the position is gone)
    std::optional<Decimal> entryPrice;
    std::optional<Decimal> mark; // the mark the venue valued it at, where it says
    std::optional<Decimal> unrealizedPnl; // as the venue reports it
    std::optional<Decimal> realizedPnl;
    std::optional<Decimal> liquidationPrice;
    std::optional<Decimal> leverage;
    std::optional<Decimal> margin; // margin the position uses
    std::optional<Decimal> value; // position value as the venue reports it (not in the JSON: see README)
    std::optional<Decimal> fees; // fees paid on the position, where the venue reports them (not in the JSON)
    std::int64_t ts = 0;
    bool snapshot = false;
};

struct AccountBalance
{
    QString venue;
    QString account;
    QString asset; // the asset's symbol ("USDC", "HYPE")
    std::optional<Decimal> total;
    std::optional<Decimal> available;
    std::optional<Decimal> locked; // held by resting orders
    std::int64_t ts = 0;
    bool snapshot = false;
};

struct AccountSummary
{
    QString venue;
    QString account;
    std::optional<Decimal> equity;
    std::optional<Decimal> marginUsed;
    std::optional<Decimal> withdrawable;
    std::optional<Decimal> buyingPower;
    std::optional<Decimal> cash;
    QString currency;
    std::int64_t ts = 0;
    bool snapshot = false;
};

struct FundingPayment
{
    QString venue;
    QString account;
    QString symbol;
    Decimal amount; // paid to the trader when positive
    std::optional<Decimal> rate;
    std::optional<Decimal> size; // the position it was paid on
    std::int64_t ts = 0;
    bool snapshot = false;
    QString identity() const { return symbol + QLatin1Char('@') + QString::number(ts); }
};

// A movement of money that is neither a fill nor funding: deposit, withdraw, transfer, liquidation, ...
struct LedgerEntry
{
    QString venue;
    QString account;
    QString kind; // the venue's word: "deposit", "withdraw", "internalTransfer", "liquidation", ...
    QString asset;
    std::optional<Decimal> amount; // signed where the venue's direction is known
    QString id; // the venue's id (Hyperliquid: the transaction hash)
    std::int64_t ts = 0;
    bool snapshot = false;
    QString key; // unique identity where the id alone is not (one hash can carry several entries); empty: id
    QString identity() const { return key.isEmpty() ? id : key; }
};

// After the bootstrap and after every resync: from here on, the state built from the events equals the venue's.
struct AccountSynced
{
    QString venue;
    QString account;
    std::int64_t ts = 0;
};

// The next nonce a trade account signs its actions with (O2 subscribe_nonce): part of the account summary
// state, printed on its own because it changes with every action the trader takes. Kept as the venue's digits.
struct AccountNonce
{
    QString venue;
    QString account;
    QString nonce; // decimal digits
    std::int64_t ts = 0;
    bool snapshot = false;
};

// What the trader may do on one perp right now (Hyperliquid activeAssetData): shown, not printed by the CLI.
struct AccountAssetLimits
{
    QString venue;
    QString account;
    QString symbol;
    QString leverageType; // "cross", "isolated"
    std::optional<Decimal> leverage;
    std::optional<Decimal> maxBuySize;
    std::optional<Decimal> maxSellSize;
    std::optional<Decimal> availableToBuy;
    std::optional<Decimal> availableToSell;
    std::optional<Decimal> mark;
    std::int64_t ts = 0;
};

using AccountEvent = std::variant<AccountOrder, AccountFill, AccountPosition, AccountBalance, AccountSummary,
                                  FundingPayment, LedgerEntry, AccountSynced, AccountAssetLimits, AccountNonce>;
using AccountEventBatch = std::vector<AccountEvent>;

inline QString accountOf(const AccountEvent &event)
{
    return std::visit([](const auto &e) { return e.account; }, event);
}

// Unrealized P&L of a signed position at `mark`: size x (mark - entry); nullopt on overflow.
std::optional<Decimal> unrealizedPnlAt(const Decimal &size, const Decimal &entry, const Decimal &mark);
// |size| x mark.
std::optional<Decimal> positionValueAt(const Decimal &size, const Decimal &mark);

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::AccountEventBatch)
