#pragma once

#include <QtCore/QByteArray>

#include <optional>
#include <vector>

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;
struct MarketState;
struct PrintedTrade;
struct CandleBar;

// Server frames in the venue's exact shape and key order (protocol reference §2, §7), written by
// hand as compact JSON: prices and sizes as decimal strings, times and ids as JSON integers.
namespace frames {

struct BookView
{
    int levels = 20; // 5 when subscribed with fast:true
    std::optional<int> nSigFigs; // price aggregation; nullopt = full precision
    std::optional<int> mantissa; // 1, 2 or 5, only with nSigFigs 5
    bool fast = false;
};

QByteArray bookData(const MarketState &market, const BookView &view); // also the REST l2Book body
QByteArray l2Book(const MarketState &market, const BookView &view);
QByteArray bbo(const MarketState &market);
QByteArray trades(const MarketState &market, const std::vector<PrintedTrade> &prints);
QByteArray candleData(const MarketState &market, int interval, const CandleBar &bar);
QByteArray candle(const MarketState &market, int interval);
QByteArray midsData(const HyperliquidMarketSimulator &simulator); // {"BTC":"97000.5",...}, also the REST allMids body
QByteArray allMids(const HyperliquidMarketSimulator &simulator);
QByteArray assetContext(const HyperliquidMarketSimulator &simulator, const MarketState &market);

QByteArray subscriptionResponse(const QByteArray &method, const QByteArray &subscription);
QByteArray error(const QByteArray &message);
QByteArray pong();
QByteArray postResponse(qint64 id, const QByteArray &responseObject);

QByteArray price(const MarketState &market, std::int64_t ticks);
QByteArray size(const MarketState &market, std::int64_t lots);
QByteArray mid(const MarketState &market);

} // namespace frames
} // namespace tapescope::emulator::hyperliquid
