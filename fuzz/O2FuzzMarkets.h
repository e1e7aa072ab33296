#pragma once

// The market table the O2 targets give the codec: the markets tests/data/o2 fixtures name (as tests/o2's
// fixtureMarkets()), with decimals from 0 to 9 so the chain-number scaling is exercised.

#include "venues/o2/O2Markets.h"

namespace tapescope::fuzz {

inline o2::Market o2Market(const char *marketId, const char *base, int baseDecimals, int quoteDecimals)
{
    o2::Market market;
    market.marketId = o2::normaliseId(QString::fromLatin1(marketId));
    market.contractId = o2::normaliseId(QLatin1String("0xc0") + market.marketId.mid(2));
    market.base = o2::MarketAsset { QString::fromLatin1(base), QStringLiteral("0x01"), baseDecimals, baseDecimals };
    market.quote = o2::MarketAsset { QStringLiteral("USDC"), QStringLiteral("0x02"), quoteDecimals, quoteDecimals };
    return market;
}

inline o2::MarketTable o2Markets()
{
    return o2::MarketTable({
        o2Market("0xabc", "FUEL", 1, 2),
        o2Market("0xabcd", "ETH", 0, 0),
        o2Market("0xaaaa", "BTC", 9, 9),
        o2Market("market1", "fFUEL", 3, 6),
        o2Market("0x09c17f779eb0a7658424e48935b2bef24013766f8b3da757becb2264406f9e96", "FUEL", 9, 9),
    });
}

} // namespace tapescope::fuzz
