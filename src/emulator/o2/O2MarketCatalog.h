#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <cstdint>
#include <vector>

namespace tapescope::emulator::o2 {

// One side of an emulated O2 market: a Fuel asset with its chain scaling (docs/protocols/o2.md §6.1, §7).
struct AssetSpec
{
    QString symbol; // testnet spelling: "fFUEL"
    QString assetId; // 0x + 64 hex
    int decimals = 9; // chain value = human value * 10^decimals
    int maxPrecision = 9; // meaningful fraction digits
};

// A listed spot market and where its simulation starts.
struct MarketSpec
{
    QString marketId; // 0x + 64 lower-case hex: what WebSocket frames and REST queries use
    QString contractId; // as /v1/markets lists it (one of them without 0x, as the real API sometimes does)
    AssetSpec base;
    AssetSpec quote;
    std::uint64_t startPrice = 0; // chain units of the quote asset
    std::uint64_t minLots = 1; // quantity of a resting level, in lots
    std::uint64_t maxLots = 100;
    QString makerFee = QStringLiteral("0");
    QString takerFee = QStringLiteral("100");
    QString minOrder = QStringLiteral("1000000000");

    QString pair() const { return base.symbol + QLatin1Char('/') + quote.symbol; }
    // Smallest price step the venue accepts: 10^(quote.decimals - quote.maxPrecision) chain units.
    std::uint64_t priceTick() const;
    // Smallest quantity step: 10^(base.decimals - base.maxPrecision) chain units.
    std::uint64_t lot() const;
};

std::uint64_t pow10u(int exponent); // 10^exponent for 0..19

// fFUEL/fUSDC, fETH/fUSDC and fBTC/fUSDC with testnet-like symbols and realistic decimals. Every price
// tick is a multiple of 10^base.maxPrecision, so price * quantity is a whole number of quote chain units
// (docs/protocols/o2.md §7 "FractionalPrice").
std::vector<MarketSpec> defaultMarkets();

// The GET /v1/markets body (docs/protocols/o2.md §6.1): the envelope with registry ids and the markets array.
QByteArray marketsBody(const std::vector<MarketSpec> &markets);

// "0x" + lower-case hex for comparisons; ids arrive with or without the prefix, in either case (docs/protocols/o2.md
// §6.2).
QString normalisedId(const QString &id);

} // namespace tapescope::emulator::o2
