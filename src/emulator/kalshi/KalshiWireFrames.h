#pragma once

#include "NflMarketSimulator.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>

namespace tapescope::emulator::kalshi::frames {

// Kalshi's 2026 wire spellings (docs/protocols/kalshi.md §7–§8): dollar strings with 4 decimals, fixed-point counts
// with 2.
QByteArray dollars(int cents); // 45 → "0.4500"
QByteArray contracts(qint64 n); // 12 → "12.00"
QString marketId(const QString &ticker); // a stable UUID per market

// The envelope {"type","id"?,"sid"?,"seq"?,"msg"?} with `type` first, as the venue writes it (§5).
// Negative id/sid/seq are left out; an empty msg too.
QByteArray envelope(const char *type, qint64 id, qint64 sid, qint64 seq, const QByteArray &msg = {});

QByteArray subscribedMsg(const QString &channel, qint64 sid);
QByteArray okMsg(const QStringList &marketTickers);
QByteArray errorMsg(int code, const QString &text, const QString &marketTicker = {});

QByteArray snapshotMsg(const SimMarket &market);
QByteArray deltaMsg(const SimMarket &market, bool yesSide, int priceCents, int delta, qint64 tsMs);
QByteArray tickerMsg(const SimMarket &market, qint64 tsMs);
QByteArray tradeMsg(const SimTrade &trade);
QByteArray lifecycleMsg(const SimMarket &market, const QString &eventType, qint64 tsMs);

// REST bodies (§13.3): a Market and an EventData with its nested markets.
QJsonObject marketJson(const SimMarket &market, const SimGame &game);
QJsonObject eventJson(const SimGame &game, const std::vector<SimMarket> &markets, bool withMarkets);
QByteArray orderbookBody(const SimMarket &market);

} // namespace tapescope::emulator::kalshi::frames
