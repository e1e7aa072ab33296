#pragma once

// Shared by the O2 tests: fixture lines, a market table for the fixtures' synthetic market ids, and one
// line of text per event so a test states a frame's whole expected output as readable strings.

#include "venues/o2/O2Codec.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QStringList>

namespace tapescope::o2test {

// Lines of tests/data/o2/<file>, 1-based as docs/protocols/o2.md numbers them: lines[0] is line 1.
QList<QByteArray> fixtureLines(const char *file);

// Markets for the ids the fixtures use, each with different decimals so scaling shows in the output:
// 0xabc FUEL/USDC (base 1, quote 2), 0xabcd ETH/USDC (0, 0), 0xaaaa BTC/USDC (9, 9),
// market1 fFUEL/fUSDC (3, 6).
o2::MarketTable fixtureMarkets();
o2::Market makeMarket(const QString &marketId, const QString &base, int baseDecimals, const QString &quote,
                      int quoteDecimals);

// "book symbol=0xabc ts=0 bids=[1.00/50.0] asks=[]", "delta symbol=... changes=[B 1.00/60.0,S 1.01/0.0]",
// "trade symbol=... ts=... px=... sz=... side=B known=1 id=...", "error code=... symbol=... message=...", "heartbeat".
QString eventText(const MarketEvent &event);
QStringList eventTexts(const EventBatch &events);

// Decodes one frame with `codec` and returns its events as text.
QStringList decodeText(o2::Codec &codec, const QByteArray &frame);

} // namespace tapescope::o2test
