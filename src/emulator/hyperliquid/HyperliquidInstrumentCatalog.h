#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <cstdint>
#include <vector>

namespace tapescope::emulator::hyperliquid {

// Static description of one emulated market. Prices live as integer ticks and sizes as integer
// lots everywhere in the emulator; these fields turn them into the venue's decimal strings.
struct InstrumentSpec
{
    QString coin; // wire name: "BTC", "kPEPE", "PURR/USDC", "@107"
    QString displayName; // "BTC-PERP", "HYPE/USDC"
    bool spot = false;
    int priceScale = 0; // one tick = 10^-priceScale (every emulated tick is a power of ten)
    int szDecimals = 0; // one lot = 10^-szDecimals
    std::int64_t startTicks = 0;
    int maxLeverage = 0; // perps only
    int spotIndex = -1; // spot only: index in spotMeta.universe
    int baseToken = -1; // spot only: token indices [base, quote]
    int quoteToken = 0;
    std::int64_t levelLots = 0; // typical resting size at one book level
    std::int64_t dayBaseUnits = 0; // plausible 24 h volume in whole base units
    std::int64_t openInterestUnits = 0; // perps only, whole base units
    int tradesPerDay = 0; // plausible 24 h trade count (candle n)
};

struct SpotToken
{
    QString name;
    int szDecimals = 0;
    int weiDecimals = 0;
    int index = 0;
    QByteArray tokenId;
    QString fullName;
    std::int64_t circulatingSupply = 0; // whole units
    std::int64_t totalSupply = 0;
};

// The fixed universe the emulator lists: five perps and three spot pairs shaped like mainnet
// (protocol reference §9: PURR/USDC is spot index 0, HYPE is token 150 traded as "@107"), plus
// `syntheticPerps` made-up perps ("SIM01", "SIM02", ...) when a load test needs a wider market.
class HyperliquidInstrumentCatalog
{
public:
    explicit HyperliquidInstrumentCatalog(int syntheticPerps = 0);

    const std::vector<InstrumentSpec> &instruments() const { return m_instruments; }
    const std::vector<SpotToken> &tokens() const { return m_tokens; }
    const InstrumentSpec *find(const QString &coin) const;
    const SpotToken *token(int index) const;

    // REST bodies for {"type":"meta"} and {"type":"spotMeta"} (§10).
    QByteArray metaJson() const;
    QByteArray spotMetaJson() const;

private:
    std::vector<InstrumentSpec> m_instruments;
    std::vector<SpotToken> m_tokens;
};

} // namespace tapescope::emulator::hyperliquid
