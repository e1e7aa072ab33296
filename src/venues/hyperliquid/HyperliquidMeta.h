#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <optional>
#include <vector>

namespace tapescope::hyperliquid {

// One tradable coin from the REST metadata (docs/protocols/hyperliquid.md §9, §10).
struct InstrumentInfo
{
    QString coin; // wire name: "BTC", "@107", "PURR/USDC", "xyz:XYZ100"
    QString display; // "BTC", "HYPE/USDC"
    enum class Kind { Perp, Spot } kind = Kind::Perp;
    int szDecimals = 0;
    int maxLeverage = 0; // perps only
    bool delisted = false;
};

// POST /info request bodies. One-off requests, so Qt's JSON is used here, not simdjson.
QByteArray metaRequestBody(); // {"type":"meta"}
QByteArray spotMetaRequestBody(); // {"type":"spotMeta"}
QByteArray candleSnapshotRequestBody(const QString &coin, const QString &interval, qint64 startMs, qint64 endMs);

// Response bodies. On failure: nullopt, and `error` (if given) says what was wrong.
// Perps: every universe entry, delisted ones included with `delisted` set (isDelisted), in venue order.
std::optional<std::vector<InstrumentInfo>> parseMeta(const QByteArray &body, QString *error);
// Spot pairs: display = base/quote token names ("@107" -> "HYPE/USDC"), szDecimals from the base token.
std::optional<std::vector<InstrumentInfo>> parseSpotMeta(const QByteArray &body, QString *error);
// candleSnapshot: oldest first as sent; venue "hyperliquid".
std::optional<std::vector<Candle>> parseCandleSnapshot(const QByteArray &body, QString *error);

} // namespace tapescope::hyperliquid
