#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QString>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tapescope::o2 {

// Venue name carried by every O2 event.
QString venueName(); // "o2"

// Hex ids (markets, contracts, assets, accounts) arrive with or without "0x" and in either case
// (docs/protocols/o2.md §6.2, §11.8). Canonical form: "0x" + lower-case hex. Text that is not hex (the SDK mock
// servers use "market1") is only lower-cased, so it still compares case-insensitively.
QString normaliseId(const QString &id);
std::string normaliseId(std::string_view id);

// One side of a market: a Fuel asset and its chain scaling (docs/protocols/o2.md §6.1, §7).
struct MarketAsset
{
    QString symbol; // "FUEL", testnet "fFUEL"
    QString assetId; // normalised
    int decimals = 0; // chain value = human value · 10^decimals
    int maxPrecision = 0; // meaningful fraction digits; finer chain digits are always zero
};

// A spot market from GET /v1/markets (docs/protocols/o2.md §6.1).
struct Market
{
    QString marketId; // normalised; the id every WebSocket frame and REST query uses
    QString contractId; // normalised order-book contract id (keys of balance `order_books`)
    QString whitelistId; // optional, normalised
    QString blacklistId; // optional, normalised
    // Chain integers as sent; fee units are UNKNOWN (docs/protocols/o2.md §6.1), so they stay text.
    QString makerFee;
    QString takerFee;
    QString minOrder; // quote chain units
    QString dust;
    qint64 priceWindow = 0;
    MarketAsset base;
    MarketAsset quote;

    QString pair() const; // base/quote symbols: "FUEL/USDC", "fFUEL/fUSDC"
    InstrumentId instrumentId() const; // {"o2", marketId, pair()}
    // Smallest visible price and quantity steps: 10^-maxPrecision (nullopt past Decimal::MaxScale).
    std::optional<Decimal> priceStep() const;
    std::optional<Decimal> quantityStep() const;
};

// The GET /v1/markets envelope (docs/protocols/o2.md §6.1); ids normalised, missing ones empty.
struct MarketsResponse
{
    QString booksRegistryId;
    QString accountsRegistryId;
    QString tradeAccountOracleId;
    QString chainIdText; // as sent: "0x0000000000000000" or decimal
    std::optional<quint64> chainId; // parsed from either spelling
    QString baseAssetId;
    std::vector<Market> markets;
};

// Response bodies; on failure nullopt and `error` (if given) says what was wrong. Required per market
// (as the Python SDK requires them): market_id, contract_id, base and quote with symbol, asset,
// decimals and max_precision (integers, or digit strings). Fees, min_order, dust default to "0".
std::optional<MarketsResponse> parseMarketsBody(const QByteArray &body, QString *error = nullptr);
std::optional<Market> parseMarketBody(const QByteArray &body, QString *error = nullptr); // one markets[] element

// Markets by id, contract id and pair name, for the codec (scaling) and for users (lookup by pair).
class MarketTable
{
public:
    MarketTable() = default;
    explicit MarketTable(std::vector<Market> markets);

    const std::vector<Market> &markets() const { return m_markets; }
    bool isEmpty() const { return m_markets.empty(); }
    qsizetype size() const { return static_cast<qsizetype>(m_markets.size()); }

    const Market *byId(const QString &marketId) const; // any case, with or without 0x
    const Market *byContractId(const QString &contractId) const;
    const Market *byPair(const QString &pair) const; // "fFUEL/fUSDC"; surrounding spaces ignored
    // Like the SDKs' market resolution (docs/protocols/o2.md §6.2): a market id, contract id or pair name.
    const Market *resolve(const QString &text) const;

    // For the codec's hot path: index into markets() of a wire id as sent, or -1.
    int indexOfWireId(std::string_view marketId) const;

private:
    std::vector<Market> m_markets;
    std::unordered_map<std::string, int> m_byId; // normalised market id -> index
    QHash<QString, int> m_byContract;
    QHash<QString, int> m_byPair;
};

} // namespace tapescope::o2
