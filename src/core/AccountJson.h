#pragma once

#include "AccountEvents.h"

#include <QtCore/QByteArray>

namespace tapescope {

// The normalized wire form of an account event (`tapescope-cli account`, README "Account events"): one compact
// JSON object in a fixed key order, decimals as the venue spelled them, Unix ms times, keys absent when the
// venue has no such field, "snapshot":true on bootstrap events.
//
//   order    {"venue","type":"order","account","symbol","id","client_id"?,"side"?,"order_type"?,"price"?,
//             "trigger_price"?,"size"?,"filled"?,"status","venue_status"?,"reduce_only"?,"tif"?,"ts"}
//   fill     {"venue","type":"fill","account","symbol","id","order_id"?,"side"?,"price","size","fee"?,
//             "fee_asset"?,"liquidity"?,"closed_pnl"?,"ts"}
//   position {"venue","type":"position","account","symbol","size","entry_price"?,"mark"?,"unrealized_pnl"?,
//             "realized_pnl"?,"liquidation_price"?,"leverage"?,"margin"?,"ts"}
//   balance  {"venue","type":"balance","account","asset","total"?,"available"?,"locked"?,"ts"}
//   account  {"venue","type":"account","account","equity"?,"margin_used"?,"withdrawable"?,"buying_power"?,
//             "cash"?,"currency"?,"ts"}
//   funding  {"venue","type":"funding","account","symbol","amount","rate"?,"size"?,"ts"}
//   ledger   {"venue","type":"ledger","account","kind","asset"?,"amount"?,"id"?,"ts"}
//   synced   {"venue","type":"synced","account","ts"}
//   nonce    {"venue","type":"nonce","account","nonce","ts"}
//   limits   {"venue","type":"limits","account","symbol","leverage_type"?,"leverage"?,"max_buy_size"?,
//             "max_sell_size"?,"available_to_buy"?,"available_to_sell"?,"mark"?,"ts"}
//
// Every type but synced and limits ends with "snapshot":true when the event came from a bootstrap.
QByteArray toNormalizedJson(const AccountEvent &event);

} // namespace tapescope
