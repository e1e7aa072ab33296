#include "HyperliquidInstrumentCatalog.h"

#include "emulator/WireText.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

InstrumentSpec perp(const QString &coin, int priceScale, int szDecimals, std::int64_t startTicks, int maxLeverage,
                    std::int64_t levelLots, std::int64_t dayBaseUnits, std::int64_t openInterestUnits, int tradesPerDay)
{
    InstrumentSpec spec;
    spec.coin = coin;
    spec.displayName = coin + u"-PERP"_s;
    spec.priceScale = priceScale;
    spec.szDecimals = szDecimals;
    spec.startTicks = startTicks;
    spec.maxLeverage = maxLeverage;
    spec.levelLots = levelLots;
    spec.dayBaseUnits = dayBaseUnits;
    spec.openInterestUnits = openInterestUnits;
    spec.tradesPerDay = tradesPerDay;
    return spec;
}

InstrumentSpec spotPair(const QString &coin, const QString &display, int spotIndex, int baseToken, int priceScale,
                        int szDecimals, std::int64_t startTicks, std::int64_t levelLots, std::int64_t dayBaseUnits,
                        int tradesPerDay)
{
    InstrumentSpec spec;
    spec.coin = coin;
    spec.displayName = display;
    spec.spot = true;
    spec.priceScale = priceScale;
    spec.szDecimals = szDecimals;
    spec.startTicks = startTicks;
    spec.spotIndex = spotIndex;
    spec.baseToken = baseToken;
    spec.levelLots = levelLots;
    spec.dayBaseUnits = dayBaseUnits;
    spec.tradesPerDay = tradesPerDay;
    return spec;
}

} // namespace

HyperliquidInstrumentCatalog::HyperliquidInstrumentCatalog(int syntheticPerps)
{
    // Ticks follow the venue's 5-significant-figure rule at the starting price (§11).
    m_instruments = {
        perp(u"BTC"_s, 0, 5, 97000, 40, 45000, 21000, 40000, 900000),
        perp(u"ETH"_s, 1, 4, 34000, 25, 120000, 310000, 520000, 700000),
        perp(u"SOL"_s, 2, 2, 18000, 20, 25000, 2100000, 3200000, 400000),
        perp(u"HYPE"_s, 3, 2, 32000, 10, 60000, 5200000, 21000000, 500000),
        perp(u"kPEPE"_s, 6, 0, 12000, 10, 600000, 21000000000LL, 5400000000LL, 150000),
        spotPair(u"PURR/USDC"_s, u"PURR/USDC"_s, 0, 1, 5, 0, 15000, 25000, 31000000, 40000),
        spotPair(u"@1"_s, u"HFUN/USDC"_s, 1, 2, 4, 2, 45000, 12000, 210000, 9000),
        spotPair(u"@107"_s, u"HYPE/USDC"_s, 107, 150, 3, 2, 32000, 35000, 690000, 120000),
    };
    // Perps go before the spot pairs so meta's universe order (the asset index) stays venue-like.
    const auto firstSpot = std::find_if(m_instruments.begin(), m_instruments.end(),
                                        [](const InstrumentSpec &spec) { return spec.spot; });
    std::vector<InstrumentSpec> synthetic;
    for (int i = 1; i <= syntheticPerps; ++i) {
        const QString coin = u"SIM"_s + QString::number(i).rightJustified(2, u'0');
        synthetic.push_back(perp(coin, 2, 2, 10000 + 731 * i, 10, 25000, 1000000, 2000000, 100000));
    }
    m_instruments.insert(firstSpot, synthetic.begin(), synthetic.end());
    m_tokens = {
        { u"USDC"_s, 8, 8, 0, "0x6d1e7cde53ba9467b783cb7c530ce054", u"USD Coin"_s, 1800000000, 1800000000 },
        { u"PURR"_s, 0, 5, 1, "0xc1fb593aeffbeb02f85e0308e9956a90", u"Purr"_s, 596000000, 999999999 },
        { u"HFUN"_s, 2, 8, 2, "0xbaf265ef389da684513d98d68edf4eae", u"Hypurr Fun"_s, 994000, 1000000 },
        { u"HYPE"_s, 2, 8, 150, "0x0d01dc56dcaaca66ad901c959b4011ec", u"Hyperliquid"_s, 298462370, 998882916 },
    };
}

const InstrumentSpec *HyperliquidInstrumentCatalog::find(const QString &coin) const
{
    const auto it = std::find_if(m_instruments.begin(), m_instruments.end(),
                                 [&coin](const InstrumentSpec &spec) { return spec.coin == coin; });
    return it == m_instruments.end() ? nullptr : &*it;
}

const SpotToken *HyperliquidInstrumentCatalog::token(int index) const
{
    const auto it = std::find_if(m_tokens.begin(), m_tokens.end(),
                                 [index](const SpotToken &token) { return token.index == index; });
    return it == m_tokens.end() ? nullptr : &*it;
}

QByteArray HyperliquidInstrumentCatalog::metaJson() const
{
    QByteArray out = "{\"universe\":[";
    bool first = true;
    for (const InstrumentSpec &spec : m_instruments) {
        if (spec.spot)
            continue;
        if (!first)
            out += ',';
        first = false;
        out += "{\"szDecimals\":" + QByteArray::number(spec.szDecimals) + ",\"name\":" + jsonString(spec.coin)
            + ",\"maxLeverage\":" + QByteArray::number(spec.maxLeverage)
            + ",\"marginTableId\":" + QByteArray::number(spec.maxLeverage) + '}';
    }
    out += "],\"collateralToken\":0}";
    return out;
}

QByteArray HyperliquidInstrumentCatalog::spotMetaJson() const
{
    QByteArray out = "{\"tokens\":[";
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const SpotToken &token = m_tokens[i];
        if (i > 0)
            out += ',';
        out += "{\"name\":" + jsonString(token.name) + ",\"szDecimals\":" + QByteArray::number(token.szDecimals)
            + ",\"weiDecimals\":" + QByteArray::number(token.weiDecimals)
            + ",\"index\":" + QByteArray::number(token.index) + ",\"tokenId\":" + jsonString(token.tokenId)
            + ",\"isCanonical\":" + (token.index <= 1 ? "true" : "false")
            + ",\"evmContract\":null,\"fullName\":" + jsonString(token.fullName) + '}';
    }
    out += "],\"universe\":[";
    bool first = true;
    for (const InstrumentSpec &spec : m_instruments) {
        if (!spec.spot)
            continue;
        if (!first)
            out += ',';
        first = false;
        out += "{\"tokens\":[" + QByteArray::number(spec.baseToken) + ',' + QByteArray::number(spec.quoteToken)
            + "],\"name\":" + jsonString(spec.coin) + ",\"index\":" + QByteArray::number(spec.spotIndex)
            + ",\"isCanonical\":" + (spec.spotIndex == 0 ? "true" : "false") + '}';
    }
    out += "]}";
    return out;
}

} // namespace tapescope::emulator::hyperliquid
