#include "KalshiWireFrames.h"

#include "emulator/WireText.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QTimeZone>
#include <QtCore/QUuid>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi::frames {

namespace {

QString text(const QByteArray &latin1)
{
    return QString::fromLatin1(latin1);
}

QJsonArray levels(const std::map<int, int> &side)
{
    QJsonArray array; // ascending price, as the venue lists them (§7.1)
    for (const auto &[price, count] : side)
        array.append(QJsonArray { text(dollars(price)), text(contracts(count)) });
    return array;
}

QString isoTime(qint64 ms)
{
    // toUTC(): Qt 6.4 writes a QTimeZone::utc() time as "+00:00", the UTC time spec as "Z" (what Kalshi sends).
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC().toString(Qt::ISODate);
}

} // namespace

QByteArray dollars(int cents)
{
    const QByteArray digits
        = QByteArray::number(cents / 100) + '.' + QByteArray::number(cents % 100).rightJustified(2, '0');
    return digits + "00";
}

QByteArray contracts(qint64 n)
{
    return QByteArray::number(n) + ".00";
}

QString marketId(const QString &ticker)
{
    static const QUuid kNamespace(u"6f1f5a3e-7c1d-4e52-9a43-0d3c1b6f4a11"_s);
    return QUuid::createUuidV5(kNamespace, ticker).toString(QUuid::WithoutBraces);
}

QByteArray envelope(const char *type, qint64 id, qint64 sid, qint64 seq, const QByteArray &msg)
{
    QByteArray frame = "{\"type\":\"" + QByteArray(type) + '"';
    if (id >= 0)
        frame += ",\"id\":" + QByteArray::number(id);
    if (sid >= 0)
        frame += ",\"sid\":" + QByteArray::number(sid);
    if (seq >= 0)
        frame += ",\"seq\":" + QByteArray::number(seq);
    if (!msg.isEmpty())
        frame += ",\"msg\":" + msg;
    return frame + '}';
}

QByteArray subscribedMsg(const QString &channel, qint64 sid)
{
    return compactJson({ { u"channel"_s, channel }, { u"sid"_s, sid } });
}

QByteArray okMsg(const QStringList &marketTickers)
{
    return compactJson({ { u"market_tickers"_s, QJsonArray::fromStringList(marketTickers) } });
}

QByteArray errorMsg(int code, const QString &message, const QString &marketTicker)
{
    QJsonObject msg { { u"code"_s, code }, { u"msg"_s, message } };
    if (!marketTicker.isEmpty())
        msg.insert(u"market_ticker"_s, marketTicker);
    return compactJson(msg);
}

QByteArray snapshotMsg(const SimMarket &market)
{
    QJsonObject msg { { u"market_ticker"_s, market.ticker }, { u"market_id"_s, marketId(market.ticker) } };
    // "This key will not exist if there are no ... offers" (§7.1).
    if (!market.yesBids.empty())
        msg.insert(u"yes_dollars_fp"_s, levels(market.yesBids));
    if (!market.noBids.empty())
        msg.insert(u"no_dollars_fp"_s, levels(market.noBids));
    return compactJson(msg);
}

QByteArray deltaMsg(const SimMarket &market, bool yesSide, int priceCents, int delta, qint64 tsMs)
{
    const QByteArray signedDelta = delta < 0 ? "-" + contracts(-qint64(delta)) : contracts(delta);
    return compactJson({ { u"market_ticker"_s, market.ticker },
                         { u"market_id"_s, marketId(market.ticker) },
                         { u"price_dollars"_s, text(dollars(priceCents)) },
                         { u"delta_fp"_s, text(signedDelta) },
                         { u"side"_s, yesSide ? u"yes"_s : u"no"_s },
                         { u"ts_ms"_s, tsMs } });
}

QByteArray tickerMsg(const SimMarket &market, qint64 tsMs)
{
    const auto bestSize = [](const std::map<int, int> &side) { return side.empty() ? 0 : side.rbegin()->second; };
    return compactJson({ { u"market_ticker"_s, market.ticker },
                         { u"market_id"_s, marketId(market.ticker) },
                         { u"price_dollars"_s, text(dollars(market.lastPriceCents)) },
                         // An empty side is bid 0 / ask 1 (§7.3, WS#24).
                         { u"yes_bid_dollars"_s, text(dollars(market.bestYesBid())) },
                         { u"yes_ask_dollars"_s, text(dollars(market.bestYesAsk())) },
                         { u"yes_bid_size_fp"_s, text(contracts(bestSize(market.yesBids))) },
                         { u"yes_ask_size_fp"_s, text(contracts(bestSize(market.noBids))) },
                         { u"last_trade_size_fp"_s, text(contracts(market.lastTradeSize)) },
                         { u"volume_fp"_s, text(contracts(market.volume)) },
                         { u"open_interest_fp"_s, text(contracts(market.openInterest)) },
                         { u"dollar_volume"_s, market.volume * market.lastPriceCents / 100 },
                         { u"dollar_open_interest"_s, market.openInterest * market.lastPriceCents / 100 },
                         { u"ts"_s, tsMs / 1000 },
                         { u"ts_ms"_s, tsMs },
                         { u"time"_s, isoTime(tsMs) } });
}

QByteArray tradeMsg(const SimTrade &trade)
{
    const QString outcome = trade.takerYes ? u"yes"_s : u"no"_s;
    return compactJson({ { u"trade_id"_s, trade.tradeId },
                         { u"market_ticker"_s, trade.marketTicker },
                         { u"yes_price_dollars"_s, text(dollars(trade.yesPriceCents)) },
                         { u"no_price_dollars"_s, text(dollars(100 - trade.yesPriceCents)) },
                         { u"count_fp"_s, text(contracts(trade.count)) },
                         { u"taker_side"_s, outcome },
                         { u"taker_outcome_side"_s, outcome },
                         { u"taker_book_side"_s, trade.takerYes ? u"bid"_s : u"ask"_s },
                         { u"is_block_trade"_s, false },
                         { u"ts"_s, trade.tsMs / 1000 },
                         { u"ts_ms"_s, trade.tsMs } });
}

QByteArray lifecycleMsg(const SimMarket &market, const QString &eventType, qint64 tsMs)
{
    QJsonObject msg { { u"market_ticker"_s, market.ticker }, { u"event_type"_s, eventType } };
    if (eventType == u"determined"_s) {
        msg.insert(u"result"_s, market.result);
        msg.insert(u"determination_ts"_s, tsMs / 1000);
        msg.insert(u"settlement_value"_s, text(dollars(market.result == u"yes"_s ? 100 : 0)));
    } else if (eventType == u"settled"_s) {
        msg.insert(u"settled_ts"_s, tsMs / 1000);
    }
    return compactJson(msg);
}

QJsonObject marketJson(const SimMarket &market, const SimGame &game)
{
    const auto bestSize = [](const std::map<int, int> &side) { return side.empty() ? 0 : side.rbegin()->second; };
    const QString away = NflMarketSimulator::teamName(game.away);
    const QString home = NflMarketSimulator::teamName(game.home);
    return {
        { u"ticker"_s, market.ticker },
        { u"event_ticker"_s, market.eventTicker },
        { u"market_type"_s, u"binary"_s },
        { u"title"_s, u"%1 at %2 Winner?"_s.arg(away, home) },
        { u"yes_sub_title"_s, market.teamName },
        { u"no_sub_title"_s, market.teamName },
        { u"status"_s, market.status },
        { u"result"_s, market.result },
        { u"yes_bid_dollars"_s, text(dollars(market.bestYesBid())) },
        { u"yes_ask_dollars"_s, text(dollars(market.bestYesAsk())) },
        { u"no_bid_dollars"_s, text(dollars(market.noBids.empty() ? 0 : market.noBids.rbegin()->first)) },
        { u"no_ask_dollars"_s, text(dollars(100 - market.bestYesBid())) },
        { u"yes_bid_size_fp"_s, text(contracts(bestSize(market.yesBids))) },
        { u"yes_ask_size_fp"_s, text(contracts(bestSize(market.noBids))) },
        { u"last_price_dollars"_s, text(dollars(market.lastPriceCents)) },
        { u"volume_fp"_s, text(contracts(market.volume)) },
        { u"volume_24h_fp"_s, text(contracts(market.volume)) },
        { u"open_interest_fp"_s, text(contracts(market.openInterest)) },
        { u"liquidity_dollars"_s, u"0.0000"_s },
        { u"occurrence_datetime"_s, game.kickoff.toUTC().toString(Qt::ISODate) }, // "2025-09-05T00:20:00Z"
        { u"rules_primary"_s,
          u"If %1 wins the %2 vs %3 Pro Football game originally scheduled for %4, then the market resolves to Yes."_s
              .arg(market.teamName, away, home, game.date.toString(u"MMM d, yyyy"_s)) },
        { u"rules_secondary"_s, u"If the game ends in a tie, the market resolves to $0.50 for each team."_s }
    };
}

QJsonObject eventJson(const SimGame &game, const std::vector<SimMarket> &markets, bool withMarkets)
{
    const QString away = NflMarketSimulator::teamName(game.away);
    const QString home = NflMarketSimulator::teamName(game.home);
    QJsonObject event { { u"event_ticker"_s, game.eventTicker },
                        { u"series_ticker"_s, u"KXNFLGAME"_s },
                        { u"title"_s, u"%1 at %2"_s.arg(away, home) },
                        { u"sub_title"_s, u"%1 @ %2 (%3)"_s.arg(game.away, game.home, game.date.toString(u"MMM d"_s)) },
                        { u"collateral_return_type"_s, QString() },
                        { u"mutually_exclusive"_s, true },
                        { u"available_on_brokers"_s, true },
                        { u"product_metadata"_s, QJsonObject {} } };
    if (withMarkets) {
        event.insert(
            u"markets"_s,
            QJsonArray { marketJson(markets[game.awayMarket], game), marketJson(markets[game.homeMarket], game) });
    }
    return event;
}

QByteArray orderbookBody(const SimMarket &market)
{
    return compactJson({ { u"orderbook_fp"_s,
                           QJsonObject { { u"yes_dollars"_s, levels(market.yesBids) },
                                         { u"no_dollars"_s, levels(market.noBids) } } } });
}

} // namespace tapescope::emulator::kalshi::frames
