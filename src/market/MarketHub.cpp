#include "MarketHub.h"

#include "MarketLog.h"

#include <algorithm>
#include <variant>

namespace tapescope {

namespace {

QString keyOf(const QString &venue, const QString &symbol)
{
    return venue + QLatin1Char(':') + symbol;
}

// When several candle changes land in one frame the model needs the strongest one:
// a replaced history beats an append, which beats an in-place update of the last bar.
int weight(CandleSeries::Change change)
{
    switch (change) {
    case CandleSeries::Change::None:
        return 0;
    case CandleSeries::Change::UpdatedLast:
        return 1;
    case CandleSeries::Change::Appended:
        return 2;
    case CandleSeries::Change::Replaced:
        return 3;
    }
    return 0;
}

template<typename T> void mergeField(std::optional<T> &into, const std::optional<T> &from)
{
    if (from)
        into = from;
}

} // namespace

MarketHub::MarketHub(QObject *parent)
    : QObject(parent)
{
    m_frameTimer.setSingleShot(true);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    m_frameTimer.setInterval(1000 / m_displayRate);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] {
        if (m_requestFrame)
            requestFrame();
        else
            flush();
    });
    m_frameWaitLimit.setSingleShot(true);
    m_frameWaitLimit.setInterval(FrameWaitLimitMs);
    connect(&m_frameWaitLimit, &QTimer::timeout, this, &MarketHub::flush);
}

MarketHub::~MarketHub() = default;

void MarketHub::setDisplayRate(int framesPerSecond)
{
    m_displayRate = std::clamp(framesPerSecond, 1, 240);
    m_frameTimer.setInterval(1000 / m_displayRate);
}

void MarketHub::setFramePacer(std::function<void()> requestFrame)
{
    // News waiting for a frame, or for the timer, is scheduled again the new way.
    const bool pending = m_frameRequested || m_frameTimer.isActive();
    m_requestFrame = std::move(requestFrame);
    m_frameTimer.stop();
    m_frameWaitLimit.stop();
    m_frameRequested = false;
    if (!m_requestFrame)
        m_frameTimer.setInterval(1000 / m_displayRate);
    if (pending)
        scheduleFrame();
}

int MarketHub::pacedIntervalMs() const
{
    // 0.6 of a frame: an update request takes up to ~5 ms to become a frame (Qt's requestUpdate delay where
    // there is no vsync signal; the display's timing where there is), so the flushes land once per frame.
    return std::max(1, 600 / m_displayRate);
}

void MarketHub::requestFrame()
{
    m_frameRequested = true;
    m_frameWaitLimit.start();
    m_requestFrame();
}

const InstrumentState *MarketHub::instrument(const QString &key) const
{
    const auto it = m_instruments.find(key);
    return it == m_instruments.end() ? nullptr : it->second.get();
}

std::optional<Instrument> MarketHub::instrumentInfo(const QString &key) const
{
    const auto it = m_listing.constFind(key);
    if (it == m_listing.cend())
        return std::nullopt;
    return *it;
}

QString MarketHub::displayName(const QString &key) const
{
    const auto it = m_listing.constFind(key);
    if (it != m_listing.cend() && !it->id.display.isEmpty())
        return it->id.display;
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    return colon < 0 ? key : key.mid(colon + 1);
}

const CandleSeries *MarketHub::candles(const QString &key, const QString &interval) const
{
    const InstrumentState *state = instrument(key);
    if (!state)
        return nullptr;
    const auto it = state->candles.find(interval);
    return it == state->candles.end() ? nullptr : &it->second;
}

QStringList MarketHub::venues() const
{
    QStringList names;
    for (const auto &[venue, health] : m_feeds)
        names.append(venue);
    return names;
}

const FeedHealth *MarketHub::feed(const QString &venue) const
{
    const auto it = m_feeds.find(venue);
    return it == m_feeds.end() ? nullptr : &it->second;
}

void MarketHub::removeFeed(const QString &venue)
{
    if (m_feeds.erase(venue) == 0)
        return;
    m_dirtyFeeds.remove(venue);
    Q_EMIT feedRemoved(venue);
}

void MarketHub::forgetMarketData(const QString &key)
{
    const auto it = m_instruments.find(key);
    if (it == m_instruments.end())
        return;
    InstrumentState &state = *it->second;
    state.book.clear();
    state.displayBook.clear();
    state.bookFlagged = false;
    state.bookIssue.clear();
    state.trades.clear();
    state.bbo.reset();
    for (auto &[interval, series] : state.candles) {
        series.clear();
        noteCandleChange(key, interval, CandleSeries::Change::Replaced);
    }
    m_dirtyBooks.insert(key);
    m_appendedTrades.remove(key);
    if (key == m_tradeCandlesKey) // start the bars over with the trades that come now
        buildCandlesFromTrades(key, m_tradeCandlesInterval);
    scheduleFrame();
}

void MarketHub::forgetCandles(const QString &key, const QString &interval)
{
    const auto it = m_instruments.find(key);
    if (it == m_instruments.end())
        return;
    const auto series = it->second->candles.find(interval);
    if (series == it->second->candles.end())
        return;
    it->second->candles.erase(series);
    noteCandleChange(key, interval, CandleSeries::Change::Replaced);
}

void MarketHub::buildCandlesFromTrades(const QString &key, const QString &interval)
{
    m_tradeCandles.reset();
    m_tradeCandlesKey.clear();
    m_tradeCandlesInterval.clear();
    if (key.isEmpty() || interval.isEmpty())
        return;
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    CandleAggregator aggregator(key.left(colon), key.mid(colon + 1), interval);
    if (!aggregator.isValid())
        return;
    m_tradeCandlesKey = key;
    m_tradeCandlesInterval = interval;
    m_tradeCandles = std::move(aggregator);
    const auto it = m_instruments.find(key);
    if (it == m_instruments.end())
        return;
    const TradeRing &tape = it->second->trades;
    for (std::size_t i = tape.size(); i-- > 0;) // oldest first
        foldTradeIntoCandle(tape.at(i));
}

void MarketHub::foldTradeIntoCandle(const Trade &trade)
{
    if (const std::optional<Candle> candle = m_tradeCandles->addTrade(trade))
        apply(*candle);
}

void MarketHub::ingest(const EventBatch &batch)
{
    for (const MarketEvent &event : batch)
        std::visit([this](const auto &e) { apply(e); }, event);
}

void MarketHub::setInstruments(const QList<Instrument> &instruments)
{
    for (const Instrument &instrument : instruments)
        m_listing.insert(instrument.id.key(), instrument);
    for (const Instrument &instrument : instruments) {
        const auto it = m_instruments.find(instrument.id.key());
        if (it != m_instruments.end())
            it->second->id = instrument.id;
    }
    m_instrumentsDirty = true;
    scheduleFrame();
}

void MarketHub::applyCandleHistory(const CandleHistory &history)
{
    FeedHealth &health = healthFor(history.venue);
    if (!history.error.isEmpty()) {
        ++health.feedErrors;
        health.lastIssue = tr("candle history %1 %2: %3").arg(history.symbol, history.interval, history.error);
        m_dirtyFeeds.insert(history.venue);
        scheduleFrame();
        return;
    }
    InstrumentState &state = stateFor(history.venue, history.symbol);
    state.series(history.interval).mergeHistory(history.candles);
    noteCandleChange(state.id.key(), history.interval, CandleSeries::Change::Replaced);
}

void MarketHub::setFeedStatus(const FeedStatus &status)
{
    FeedHealth &health = healthFor(status.venue);
    health.status = status;
    health.hasStatus = true;
    m_dirtyFeeds.insert(status.venue);
    scheduleFrame();
}

void MarketHub::flush()
{
    m_frameTimer.stop();
    m_frameWaitLimit.stop();
    m_frameRequested = false;
    m_sinceFlush.start();
    // Swap first: a slot may ingest more (tests do) and that must land in the next frame.
    const bool instrumentsDirty = std::exchange(m_instrumentsDirty, false);
    const QSet<QString> feeds = std::exchange(m_dirtyFeeds, {});
    const QSet<QString> tickers = std::exchange(m_dirtyTickers, {});
    const QSet<QString> statuses = std::exchange(m_dirtyStatuses, {});
    const QSet<QString> books = std::exchange(m_dirtyBooks, {});
    const QHash<QString, int> trades = std::exchange(m_appendedTrades, {});
    const auto candleChanges = std::exchange(m_dirtyCandles, {});

    for (const QString &key : books) {
        const auto it = m_instruments.find(key);
        if (it != m_instruments.end())
            settleBook(*it->second);
    }

    if (instrumentsDirty)
        Q_EMIT instrumentsChanged();
    for (const QString &venue : feeds)
        Q_EMIT feedStatusChanged(venue);
    for (const QString &key : tickers)
        Q_EMIT tickerChanged(key);
    // Venues without a ticker channel (O2, Alpaca crypto) price their watchlist rows from the book; where a
    // ticker or a quote gives the price, a book change moves nothing in the watchlist and is not announced.
    for (const QString &key : books) {
        const auto it = m_instruments.find(key);
        if (tickers.contains(key) || it == m_instruments.end() || it->second->ticker.mid || it->second->bbo)
            continue;
        Q_EMIT tickerChanged(key);
    }
    for (const QString &key : statuses)
        Q_EMIT marketStatusChanged(key);
    for (const QString &key : books)
        Q_EMIT bookChanged(key);
    for (auto it = trades.cbegin(); it != trades.cend(); ++it)
        Q_EMIT tradesAppended(it.key(), it.value());
    for (const auto &[where, change] : candleChanges)
        Q_EMIT candlesChanged(where.first, where.second, change);
    Q_EMIT flushed();
}

InstrumentState &MarketHub::stateFor(const QString &venue, const QString &symbol)
{
    const QString key = keyOf(venue, symbol);
    auto it = m_instruments.find(key);
    if (it == m_instruments.end()) {
        auto state = std::make_unique<InstrumentState>();
        const auto listed = m_listing.constFind(key);
        state->id = listed != m_listing.cend() ? listed->id : InstrumentId { venue, symbol, symbol };
        it = m_instruments.emplace(key, std::move(state)).first;
    }
    return *it->second;
}

FeedHealth &MarketHub::healthFor(const QString &venue)
{
    auto [it, inserted] = m_feeds.try_emplace(venue);
    if (inserted)
        it->second.status.venue = venue;
    return it->second;
}

void MarketHub::apply(const BookSnapshot &snapshot)
{
    InstrumentState &state = stateFor(snapshot.venue, snapshot.symbol);
    noteBookResult(state, state.book.applySnapshot(snapshot));
}

void MarketHub::apply(const BookDelta &delta)
{
    InstrumentState &state = stateFor(delta.venue, delta.symbol);
    noteBookResult(state, state.book.applyDelta(delta));
}

void MarketHub::apply(const Bbo &bbo)
{
    InstrumentState &state = stateFor(bbo.venue, bbo.symbol);
    state.bbo = bbo;
    // A quote is ticker data too (Kalshi's ticker channel): whoever shows tickers hears of it.
    m_dirtyTickers.insert(state.id.key());
    scheduleFrame();
}

void MarketHub::apply(const Trade &trade)
{
    InstrumentState &state = stateFor(trade.venue, trade.symbol);
    if (!state.trades.pushUnique(trade))
        return;
    int &count = m_appendedTrades[state.id.key()];
    // The ring keeps at most its capacity, so that is all a frame can append.
    count = std::min<int>(count + 1, static_cast<int>(state.trades.capacity()));
    if (m_tradeCandles && state.id.key() == m_tradeCandlesKey)
        foldTradeIntoCandle(trade);
    scheduleFrame();
}

void MarketHub::apply(const Candle &candle)
{
    InstrumentState &state = stateFor(candle.venue, candle.symbol);
    const CandleSeries::Change change = state.series(candle.interval).apply(candle);
    noteCandleChange(state.id.key(), candle.interval, change);
}

void MarketHub::apply(const Ticker &ticker)
{
    InstrumentState &state = stateFor(ticker.venue, ticker.symbol);
    Ticker &merged = state.ticker;
    merged.venue = ticker.venue;
    merged.symbol = ticker.symbol;
    merged.ts = std::max(merged.ts, ticker.ts);
    mergeField(merged.mid, ticker.mid);
    mergeField(merged.mark, ticker.mark);
    mergeField(merged.oracle, ticker.oracle);
    mergeField(merged.funding, ticker.funding);
    mergeField(merged.openInterest, ticker.openInterest);
    mergeField(merged.volume24h, ticker.volume24h);
    mergeField(merged.prevDayPrice, ticker.prevDayPrice);
    mergeField(merged.last, ticker.last);
    mergeField(merged.change, ticker.change);
    mergeField(merged.changePercent, ticker.changePercent);
    mergeField(merged.volume, ticker.volume);
    mergeField(merged.confidence, ticker.confidence);
    if (!ticker.provider.isEmpty())
        merged.provider = ticker.provider;
    m_dirtyTickers.insert(state.id.key());
    scheduleFrame();
}

void MarketHub::apply(const MarketStatus &status)
{
    InstrumentState &state = stateFor(status.venue, status.symbol);
    MarketStatus merged = status;
    // Lifecycle messages come one field at a time: a later "closed" must not wipe an earlier result.
    if (state.status && merged.result.isEmpty())
        merged.result = state.status->result;
    if (state.status && !merged.settlementValue)
        merged.settlementValue = state.status->settlementValue;
    state.status = merged;
    m_dirtyStatuses.insert(state.id.key());
    scheduleFrame();
}

void MarketHub::apply(const FeedError &error)
{
    FeedHealth &health = healthFor(error.venue);
    ++health.feedErrors;
    health.lastIssue = error.code + QLatin1String(": ") + error.message;
    m_dirtyFeeds.insert(error.venue);
    scheduleFrame();
}

void MarketHub::noteBookResult(InstrumentState &state, BookIntegrity result)
{
    if (result == BookIntegrity::Crossed || result == BookIntegrity::Locked || result == BookIntegrity::BadPrice) {
        FeedHealth &health = healthFor(state.id.venue);
        ++health.integrityErrors;
        health.lastIssue = state.id.symbol + QLatin1String(": ")
            + (result == BookIntegrity::BadPrice ? tr("price not representable at the book's scale")
                                                 : state.book.integrityDetail());
        m_dirtyFeeds.insert(state.id.venue);
    }
    m_dirtyBooks.insert(state.id.key());
    scheduleFrame();
}

void MarketHub::noteCandleChange(const QString &key, const QString &interval, CandleSeries::Change change)
{
    if (change == CandleSeries::Change::None)
        return;
    auto [it, inserted] = m_dirtyCandles.try_emplace({ key, interval }, change);
    if (!inserted && weight(change) > weight(it->second))
        it->second = change;
    scheduleFrame();
}

// Runs once per frame per changed book: copying the book is paid at the display rate, not the feed rate.
void MarketHub::settleBook(InstrumentState &state)
{
    const BookIntegrity integrity = state.book.integrity();
    if (integrity == BookIntegrity::Ok || integrity == BookIntegrity::Empty) {
        state.displayBook = state.book;
        state.bookFlagged = false;
        state.bookIssue.clear();
        return;
    }
    if (!state.bookFlagged)
        qCWarning(lcMarket) << "holding last good book for" << state.id.key() << state.book.integrityDetail();
    state.bookFlagged = true;
    state.bookIssue = state.book.integrityDetail();
}

void MarketHub::scheduleFrame()
{
    if (m_frameTimer.isActive() || m_frameRequested)
        return;
    if (!m_requestFrame) {
        m_frameTimer.start();
        return;
    }
    const qint64 early = pacedIntervalMs() - (m_sinceFlush.isValid() ? m_sinceFlush.elapsed() : pacedIntervalMs());
    if (early > 0)
        m_frameTimer.start(static_cast<int>(early));
    else
        requestFrame();
}

void MarketHub::forEachInstrument(
    const std::function<void(const QString &key, const InstrumentState &state)> &visit) const
{
    for (const auto &[key, state] : m_instruments)
        visit(key, *state);
}

MarketHub::Bookkeeping MarketHub::bookkeeping() const
{
    Bookkeeping sizes;
    sizes.listing = m_listing.size();
    sizes.feeds = static_cast<qsizetype>(m_feeds.size());
    sizes.dirtyBooks = m_dirtyBooks.size();
    sizes.dirtyTickers = m_dirtyTickers.size();
    sizes.dirtyStatuses = m_dirtyStatuses.size();
    sizes.dirtyFeeds = m_dirtyFeeds.size();
    sizes.appendedTrades = m_appendedTrades.size();
    sizes.dirtyCandles = static_cast<qsizetype>(m_dirtyCandles.size());
    sizes.tradeCandleBuckets = m_tradeCandles ? static_cast<qsizetype>(m_tradeCandles->retained()) : 0;
    return sizes;
}

} // namespace tapescope
