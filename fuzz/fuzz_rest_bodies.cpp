// Every venue's REST body parsers in one target: the first byte picks the parser (modulo their number), the rest is
// the body. The services hand these the whole reply body (QNetworkReply::readAll()).
//   0 Hyperliquid parseMeta           1 Hyperliquid parseSpotMeta     2 Hyperliquid parseCandleSnapshot
//   3 O2 parseMarketsBody             4 O2 parseMarketBody            5 O2 parseBarsBody (each fuzz market)
//   6 O2 parseErrorBody               7 O2 Codec::decodeDepthBody     8 O2 Codec::decodeTradesBody
//   9 Kalshi parseEventsPage + nflGames  10 Kalshi parseMarketsPage   11 FIML parseConnectionStats

#include "FuzzSupport.h"
#include "O2FuzzMarkets.h"

#include "venues/fiml/FimlProtocol.h"
#include "venues/hyperliquid/HyperliquidMeta.h"
#include "venues/kalshi/KalshiDiscovery.h"
#include "venues/kalshi/NflGame.h"
#include "venues/o2/O2Codec.h"
#include "venues/o2/O2Rest.h"

namespace {

using namespace tapescope;

void checkCandles(const std::optional<std::vector<Candle>> &candles)
{
    if (!candles)
        return;
    for (const Candle &candle : *candles)
        fuzz::check(!toNormalizedJson(MarketEvent(candle)).isEmpty(), "a candle wrote no JSON");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const o2::MarketTable markets = fuzz::o2Markets();
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, static_cast<qsizetype>(size - 1));
    const std::string_view view(body.constData(), static_cast<std::size_t>(body.size()));
    QString error;
    switch (data[0] % 12) {
    case 0:
        (void)hyperliquid::parseMeta(body, &error);
        break;
    case 1:
        (void)hyperliquid::parseSpotMeta(body, &error);
        break;
    case 2:
        checkCandles(hyperliquid::parseCandleSnapshot(body, &error));
        break;
    case 3:
        if (auto response = o2::parseMarketsBody(body, &error)) {
            const o2::MarketTable table(std::move(response->markets));
            for (const o2::Market &market : table.markets()) {
                (void)market.priceStep();
                (void)market.quantityStep();
                (void)market.instrumentId();
            }
        }
        break;
    case 4:
        if (auto market = o2::parseMarketBody(body, &error)) {
            (void)market->priceStep();
            (void)market->quantityStep();
        }
        break;
    case 5:
        for (const o2::Market &market : markets.markets())
            checkCandles(o2::parseBarsBody(body, market, QStringLiteral("1m"), &error));
        break;
    case 6:
        if (auto venueError = o2::parseErrorBody(body))
            (void)venueError->token();
        break;
    case 7:
    case 8: {
        o2::Codec codec;
        codec.setMarkets(markets);
        EventBatch events;
        if (data[0] % 12 == 7)
            codec.decodeDepthBody(view, QStringLiteral("0xabc"), events);
        else
            codec.decodeTradesBody(view, QStringLiteral("0xabc"), events);
        fuzz::checkFrameEvents(events);
        break;
    }
    case 9: {
        const kalshi::EventsPage page = kalshi::discovery::parseEventsPage(body);
        QStringList skipped;
        (void)kalshi::discovery::nflGames(page, &skipped);
        break;
    }
    case 10:
        (void)kalshi::discovery::parseMarketsPage(body);
        break;
    case 11:
        (void)fiml::parseConnectionStats(body);
        break;
    }
    return 0;
}
