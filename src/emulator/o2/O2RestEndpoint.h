#pragma once

#include "emulator/HttpResponse.h"

#include <QtCore/QByteArray>

namespace tapescope::emulator::o2 {

class MarketBoard;

// The venue's REST side the client needs (docs/protocols/o2.md §8), answered from the live markets:
//   GET /v1/markets                                      the catalog (§6.1)
//   GET /v1/bars?market_id=&from=&to=&resolution=       seeded bars (§8)
//   GET /v1/depth?market_id=&precision=                  {"action":"depth","orders":{...},"market_id"}
//   GET /health                                          {"status":"ok"}
// Failures use the venue's error body {"code","message"} (§10): 2000 unknown market, 1001 bad query.
HttpResponse handleRest(const MarketBoard &board, const QByteArray &method, const QByteArray &target);

} // namespace tapescope::emulator::o2
