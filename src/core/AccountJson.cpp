#include "AccountJson.h"

#include "JsonObjectWriter.h"

namespace tapescope {

namespace {

using detail::ObjectWriter;

void writeHeader(ObjectWriter &w, const QString &venue, const char *type, const QString &account)
{
    w.string("venue", venue);
    w.literal("type", type);
    w.string("account", account);
}

void writeSide(ObjectWriter &w, const std::optional<Side> &side)
{
    if (side)
        w.literal("side", *side == Side::Buy ? "buy" : "sell");
}

void writeTail(ObjectWriter &w, std::int64_t ts, bool snapshot)
{
    w.integer("ts", ts);
    if (snapshot)
        w.boolean("snapshot", true);
}

void write(QByteArray &out, const AccountOrder &order)
{
    ObjectWriter w(out);
    writeHeader(w, order.venue, "order", order.account);
    w.string("symbol", order.symbol);
    w.string("id", order.id);
    w.optionalString("client_id", order.clientId);
    writeSide(w, order.side);
    w.optionalString("order_type", order.orderType);
    w.decimal("price", order.price);
    w.decimal("trigger_price", order.triggerPrice);
    w.decimal("size", order.size);
    w.decimal("filled", order.filled);
    w.string("status", order.status);
    w.optionalString("venue_status", order.venueStatus);
    if (order.reduceOnly)
        w.boolean("reduce_only", *order.reduceOnly);
    w.optionalString("tif", order.tif);
    writeTail(w, order.ts, order.snapshot);
}

void write(QByteArray &out, const AccountFill &fill)
{
    ObjectWriter w(out);
    writeHeader(w, fill.venue, "fill", fill.account);
    w.string("symbol", fill.symbol);
    w.string("id", fill.id);
    w.optionalString("order_id", fill.orderId);
    writeSide(w, fill.side);
    w.decimal("price", fill.price);
    w.decimal("size", fill.size);
    w.decimal("fee", fill.fee);
    w.optionalString("fee_asset", fill.feeAsset);
    if (fill.liquidity != AccountFill::Liquidity::Unknown)
        w.literal("liquidity", fill.liquidity == AccountFill::Liquidity::Maker ? "maker" : "taker");
    w.decimal("closed_pnl", fill.closedPnl);
    writeTail(w, fill.ts, fill.snapshot);
}

void write(QByteArray &out, const AccountPosition &position)
{
    ObjectWriter w(out);
    writeHeader(w, position.venue, "position", position.account);
    w.string("symbol", position.symbol);
    w.decimal("size", position.size);
    w.decimal("entry_price", position.entryPrice);
    w.decimal("mark", position.mark);
    w.decimal("unrealized_pnl", position.unrealizedPnl);
    w.decimal("realized_pnl", position.realizedPnl);
    w.decimal("liquidation_price", position.liquidationPrice);
    w.decimal("leverage", position.leverage);
    w.decimal("margin", position.margin);
    writeTail(w, position.ts, position.snapshot);
}

void write(QByteArray &out, const AccountBalance &balance)
{
    ObjectWriter w(out);
    writeHeader(w, balance.venue, "balance", balance.account);
    w.string("asset", balance.asset);
    w.decimal("total", balance.total);
    w.decimal("available", balance.available);
    w.decimal("locked", balance.locked);
    writeTail(w, balance.ts, balance.snapshot);
}

void write(QByteArray &out, const AccountSummary &summary)
{
    ObjectWriter w(out);
    writeHeader(w, summary.venue, "account", summary.account);
    w.decimal("equity", summary.equity);
    w.decimal("margin_used", summary.marginUsed);
    w.decimal("withdrawable", summary.withdrawable);
    w.decimal("buying_power", summary.buyingPower);
    w.decimal("cash", summary.cash);
    w.optionalString("currency", summary.currency);
    writeTail(w, summary.ts, summary.snapshot);
}

void write(QByteArray &out, const FundingPayment &funding)
{
    ObjectWriter w(out);
    writeHeader(w, funding.venue, "funding", funding.account);
    w.string("symbol", funding.symbol);
    w.decimal("amount", funding.amount);
    w.decimal("rate", funding.rate);
    w.decimal("size", funding.size);
    writeTail(w, funding.ts, funding.snapshot);
}

void write(QByteArray &out, const LedgerEntry &entry)
{
    ObjectWriter w(out);
    writeHeader(w, entry.venue, "ledger", entry.account);
    w.string("kind", entry.kind);
    w.optionalString("asset", entry.asset);
    w.decimal("amount", entry.amount);
    w.optionalString("id", entry.id);
    writeTail(w, entry.ts, entry.snapshot);
}

void write(QByteArray &out, const AccountSynced &synced)
{
    ObjectWriter w(out);
    writeHeader(w, synced.venue, "synced", synced.account);
    w.integer("ts", synced.ts);
}

void write(QByteArray &out, const AccountAssetLimits &limits)
{
    ObjectWriter w(out);
    writeHeader(w, limits.venue, "limits", limits.account);
    w.string("symbol", limits.symbol);
    w.optionalString("leverage_type", limits.leverageType);
    w.decimal("leverage", limits.leverage);
    w.decimal("max_buy_size", limits.maxBuySize);
    w.decimal("max_sell_size", limits.maxSellSize);
    w.decimal("available_to_buy", limits.availableToBuy);
    w.decimal("available_to_sell", limits.availableToSell);
    w.decimal("mark", limits.mark);
    w.integer("ts", limits.ts);
}

void write(QByteArray &out, const AccountNonce &nonce)
{
    ObjectWriter w(out);
    writeHeader(w, nonce.venue, "nonce", nonce.account);
    w.string("nonce", nonce.nonce);
    writeTail(w, nonce.ts, nonce.snapshot);
}

} // namespace

QByteArray toNormalizedJson(const AccountEvent &event)
{
    QByteArray out;
    out.reserve(256);
    std::visit([&out](const auto &e) { write(out, e); }, event);
    return out;
}

} // namespace tapescope
