#pragma once

#include "O2Markets.h"

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <optional>
#include <vector>

namespace tapescope::o2 {

// Where an O2 network lives (docs/protocols/o2.md §1): its WebSocket and its REST base (paths add /v1/...).
struct Environment
{
    enum class Network { Mainnet, Testnet, Devnet, Custom };
    Network network = Network::Mainnet;
    QUrl webSocketUrl; // wss://api.o2.app/v1/ws
    QUrl restBaseUrl; // https://api.o2.app

    static Environment mainnet();
    static Environment testnet();
    static Environment devnet();
    // A self-hosted or emulated venue (the loopback emulator): any ws:// and http:// pair.
    static Environment custom(const QUrl &webSocketUrl, const QUrl &restBaseUrl);
    // "mainnet", "testnet", "devnet" (case-insensitive); nullopt otherwise.
    static std::optional<Environment> fromName(const QString &name);
    static QString networkName(Network network);

    QUrl marketsUrl() const; // GET /v1/markets
    QUrl depthUrl(const QString &marketId, int precisionExponent) const; // GET /v1/depth?market_id=&precision=10^n
    // GET /v1/bars?market_id=&from=&to=&resolution= (times in Unix ms, docs/protocols/o2.md §8).
    QUrl barsUrl(const QString &marketId, const QString &resolution, qint64 fromMs, qint64 toMs) const;
    QUrl tradesUrl(const QString &marketId, int count) const; // GET /v1/trades, newest first
    // The account bootstrap (docs/protocols/o2.md §8): a trade account's open orders of one market, newest first
    // (GET /v1/orders?market_id=&contract=&direction=desc&count=&is_open=true), one order (GET /v1/order), one
    // asset's balance (GET /v1/balance?asset_id=&contract=) and the account with its nonce (GET /v1/accounts).
    QUrl openOrdersUrl(const QString &marketId, const QString &tradeAccount, int count) const;
    QUrl orderUrl(const QString &marketId, const QString &orderId) const;
    QUrl balanceUrl(const QString &assetId, const QString &tradeAccount) const;
    QUrl accountUrl(const QString &tradeAccount) const;

private:
    QUrl endpoint(const QString &path) const;
};

// Bar resolutions GET /v1/bars accepts (docs/protocols/o2.md §8): 1s 1m 2m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M
// 3M.
bool isBarResolution(const QString &resolution);

// GET /v1/bars body -> candles, oldest first, scaled with the market's decimals: prices by quote decimals,
// volume by base decimals. Both documented shapes are read (docs/protocols/o2.md §8 DISAGREE): a list or {"bars":
// [...]}, each bar {time, open, high, low, close, volume} (Python SDK) or {timestamp, open, high, low, close,
// buy_volume, sell_volume} (Rust SDK; volume = buy + sell). Candle.end = start of the next bar - 1 ms.
// A value no Decimal represents fails the body, and `error` names it; nothing is rounded.
std::optional<std::vector<Candle>> parseBarsBody(const QByteArray &body, const Market &market,
                                                 const QString &resolution, QString *error = nullptr);

// REST error body {"code": 2000, "message": "...", "reason"?: "..."} (docs/protocols/o2.md §10).
struct VenueError
{
    int code = 0;
    QString message;
    QString reason;
    // Stable token for a FeedError: "rate_limited" (1003), "geo_restricted" (1004), "market_not_found" (2000),
    // "subscription_error" (6000-6002), else "venue_error".
    QString token() const;
    QString name() const; // the venue's name for the code ("MarketNotFound"), empty if unknown
};
// nullopt when the body is not an error body (no integer `code`, or a success body).
std::optional<VenueError> parseErrorBody(const QByteArray &body);

} // namespace tapescope::o2
