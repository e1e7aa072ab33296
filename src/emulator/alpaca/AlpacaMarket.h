#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

class QTimer;

namespace tapescope::emulator::alpaca {

// Which symbols an endpoint serves: the stock feeds share one market, /v2/test has FAKEPACA only,
// the crypto feed its pairs (docs/protocols/alpaca.md §1.1).
enum class Universe { Stocks, Test, Crypto };

// The subscription channels the emulator knows, with their wire keys (docs/protocols/alpaca.md §4).
enum class Stream { Trades, Quotes, Bars, UpdatedBars, DailyBars, Statuses, Lulds, Imbalances, Orderbooks };
inline constexpr int StreamCount = 9;
const char *streamKey(Stream stream);
bool streamFromKey(const QString &key, Stream *stream);
bool offers(Universe universe,
            Stream stream); // crypto has order books but no statuses/LULDs (docs/protocols/alpaca.md §4)

// One element of an array frame, tagged so a session can pick what its subscriptions want.
struct MarketMessage
{
    Stream stream = Stream::Trades;
    QString symbol;
    QByteArray json;
};

struct AlpacaMarketTiming
{
    int tickIntervalMs = 200; // trades and quotes
    int barIntervalMs = 60000; // minute, updated and daily bars
    int bookIntervalMs = 250; // crypto order-book deltas
};

// A seeded random-walk market for the Alpaca emulator: stock trades and quotes (no depth), minute,
// updated and daily bars, trading statuses, and crypto pairs with a full order book sent as a snapshot
// (r:true) then deltas where size 0 removes a level (docs/protocols/alpaca.md §5.3, §5.4). Prices are integer cents
// and sizes integer units, so every wire number is exact.
class AlpacaMarket : public QObject
{
    Q_OBJECT
public:
    AlpacaMarket(quint32 seed, AlpacaMarketTiming timing, QObject *parent = nullptr);
    ~AlpacaMarket() override;

    static QStringList symbols(Universe universe);
    // The full book of a crypto pair as one `o` message with r:true; empty for an unknown pair.
    QByteArray orderbookSnapshot(const QString &symbol) const;
    // The full book of a crypto pair, exact (prices in dollars, sizes in coins), best first; nullopt for an unknown
    // pair.
    std::optional<BookSnapshot> orderbook(const QString &symbol) const;
    // One crypto order-book step now, as the book timer does it (deltas and quotes to subscribers).
    void stepBooks();
    // An `s` message: halt (code H) or trading resumption (code T).
    QByteArray statusMessage(const QString &symbol, bool halted) const;

Q_SIGNALS:
    void published(tapescope::emulator::alpaca::Universe universe,
                   const QList<tapescope::emulator::alpaca::MarketMessage> &messages);

private:
    struct Bar
    {
        std::int64_t start = 0, open = 0, high = 0, low = 0, close = 0, volume = 0, trades = 0, notional = 0;
        void add(std::int64_t minuteStart, std::int64_t price, std::int64_t size);
    };
    // A trade at `now` into the minute's bar and the day's (started afresh on a new UTC day).
    static void recordTrade(Bar &minute, Bar &day, std::int64_t now, std::int64_t price, std::int64_t size);
    struct Stock
    {
        QString symbol;
        Universe universe = Universe::Stocks;
        std::int64_t mid = 0; // cents
        std::int64_t tradeId = 1;
        Bar bar, lastBar, day;
    };
    struct Pair
    {
        QString symbol;
        std::int64_t mid = 0; // cents
        std::int64_t spacing = 0; // cents between levels
        std::map<std::int64_t, std::int64_t> bids, asks; // price cents -> size in 1e-4 units
        std::uint64_t tradeId = 0;
        Bar bar, lastBar, day;
    };

    void onTick();
    void onBarTick();
    void stockTick(Stock &stock, QList<MarketMessage> &out, std::int64_t now);
    void pairTick(Pair &pair, QList<MarketMessage> &out, std::int64_t now);
    void rebuildBook(Pair &pair, bool *changed, QByteArray *bidChanges, QByteArray *askChanges);
    QByteArray timestamp(std::int64_t ms);
    QByteArray barJson(char type, const QString &symbol, const Bar &bar, int sizeScale) const;
    std::int64_t between(std::int64_t low, std::int64_t high); // inclusive

    QRandomGenerator m_random;
    std::vector<Stock> m_stocks;
    std::vector<Pair> m_pairs;
    int m_subMsNanos = 0;
    int m_barTicks = 0;
    QTimer *m_tickTimer;
    QTimer *m_barTimer;
    QTimer *m_bookTimer;
};

} // namespace tapescope::emulator::alpaca

Q_DECLARE_METATYPE(tapescope::emulator::alpaca::MarketMessage)
