#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>

namespace tapescope::emulator::o2 {

class DemoTrader;
class MarketBoard;

// The venue's REST side the client needs (docs/protocols/o2.md §8), answered from the live markets:
//   GET /v1/markets                                      the catalog (§6.1)
//   GET /v1/bars?market_id=&from=&to=&resolution=       seeded bars (§8)
//   GET /v1/depth?market_id=&precision=                  {"action":"depth","orders":{...},"market_id"}
//   GET /health                                          {"status":"ok"}
// and the trade account calls, answered by the demo trader for its account (any other is an empty account):
//   GET /v1/orders?market_id=&contract=&is_open=&count=  {identity, market_id, orders:[…]} newest first
//   GET /v1/order?market_id=&order_id=                   {"order":{…}} (1001 when unknown)
//   GET /v1/balance?asset_id=&contract=                  {order_books, total_locked, total_unlocked, …}
//   GET /v1/accounts?trade_account_id=                   {trade_account_id, trade_account:{…, nonce, owner}}
// Failures use the venue's error body {"code","message"} (§10): 2000 unknown market, 1001 bad query.
HttpResponse handleRest(const MarketBoard &board, const DemoTrader &trader, const QByteArray &method,
                        const QByteArray &target);

} // namespace tapescope::emulator::o2
