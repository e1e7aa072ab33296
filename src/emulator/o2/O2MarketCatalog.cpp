#include "O2MarketCatalog.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

namespace {

// Stable made-up 32-byte ids, so a seed-independent catalog looks like the real one.
QString hexId(const QString &what)
{
    return u"0x"_s + QString::fromLatin1(QCryptographicHash::hash(what.toUtf8(), QCryptographicHash::Sha256).toHex());
}

AssetSpec asset(const QString &symbol, int decimals, int maxPrecision)
{
    return { symbol, hexId(u"asset:"_s + symbol), decimals, maxPrecision };
}

QJsonObject assetJson(const AssetSpec &spec)
{
    return { { u"symbol"_s, spec.symbol },
             { u"asset"_s, spec.assetId },
             { u"decimals"_s, spec.decimals },
             { u"max_precision"_s, spec.maxPrecision } };
}

} // namespace

std::uint64_t pow10u(int exponent)
{
    std::uint64_t value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

std::uint64_t MarketSpec::priceTick() const
{
    return pow10u(quote.decimals - quote.maxPrecision);
}

std::uint64_t MarketSpec::lot() const
{
    return pow10u(base.decimals - base.maxPrecision);
}

std::vector<MarketSpec> defaultMarkets()
{
    const AssetSpec usdc = asset(u"fUSDC"_s, 9, 6);
    std::vector<MarketSpec> markets;

    MarketSpec fuel;
    // The id the SDK test fixtures use for FUEL/USDC (docs/protocols/o2.md §6.1), so logs look familiar.
    fuel.marketId = u"0x09c17f779eb0a7658424e48935b2bef24013766f8b3da757becb2264406f9e96"_s;
    fuel.contractId = u"0x9ad52fb8a2be1c4603dfeeb8118a922c8cfafa8f260eeb41d68ade8d442be65b"_s;
    fuel.base = asset(u"fFUEL"_s, 9, 3);
    fuel.quote = usdc; // tick 1000 chain units = 0.000001 fUSDC
    fuel.startPrice = 12'345'000; // 0.012345
    fuel.minLots = 1'000'000; // 1 000 .. 400 000 FUEL
    fuel.maxLots = 400'000'000;
    markets.push_back(fuel);

    MarketSpec eth;
    eth.marketId = hexId(u"market:fETH/fUSDC"_s);
    eth.contractId
        = hexId(u"contract:fETH/fUSDC"_s).mid(2); // the API sometimes drops the 0x (docs/protocols/o2.md §6.2)
    eth.base = asset(u"fETH"_s, 9, 4);
    eth.quote = usdc;
    eth.quote.maxPrecision = 2; // tick 0.01 fUSDC
    eth.startPrice = 3'150'250'000'000; // 3150.25
    eth.minLots = 1'000; // 0.1 .. 25 ETH
    eth.maxLots = 250'000;
    markets.push_back(eth);

    MarketSpec btc;
    btc.marketId = hexId(u"market:fBTC/fUSDC"_s);
    btc.contractId = hexId(u"contract:fBTC/fUSDC"_s);
    btc.base = asset(u"fBTC"_s, 8, 5);
    btc.quote = usdc;
    btc.quote.maxPrecision = 1; // tick 0.1 fUSDC
    btc.startPrice = 97'000'500'000'000; // 97000.5
    btc.minLots = 1; // 0.00001 .. 2 BTC
    btc.maxLots = 200'000;
    markets.push_back(btc);
    return markets;
}

QByteArray marketsBody(const std::vector<MarketSpec> &markets)
{
    QJsonArray list;
    for (const MarketSpec &spec : markets) {
        list.append(QJsonObject { { u"contract_id"_s, spec.contractId },
                                  { u"market_id"_s, spec.marketId },
                                  { u"maker_fee"_s, spec.makerFee },
                                  { u"taker_fee"_s, spec.takerFee },
                                  { u"min_order"_s, spec.minOrder },
                                  { u"dust"_s, u"1000"_s },
                                  { u"price_window"_s, 0 },
                                  { u"base"_s, assetJson(spec.base) },
                                  { u"quote"_s, assetJson(spec.quote) } });
    }
    const QJsonObject body { { u"books_registry_id"_s, hexId(u"books_registry"_s) },
                             { u"accounts_registry_id"_s, hexId(u"accounts_registry"_s) },
                             { u"trade_account_oracle_id"_s, hexId(u"trade_account_oracle"_s) },
                             { u"chain_id"_s, u"0x0000000000000000"_s },
                             { u"base_asset_id"_s, hexId(u"asset:ETH"_s) },
                             { u"markets"_s, list } };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString normalisedId(const QString &id)
{
    QString text = id.trimmed().toLower();
    if (text.startsWith(u"0x"_s))
        return text;
    for (const QChar c : std::as_const(text)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return text; // not hex (the SDK mocks use "market1"): compare as is
    }
    return u"0x"_s + text;
}

} // namespace tapescope::emulator::o2
