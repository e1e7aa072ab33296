#pragma once

#include "InstrumentState.h"
#include "core/CandleAggregator.h"
#include "core/CandleSeries.h"
#include "core/Events.h"
#include "net/FeedStatus.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <QtCore/QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>

namespace tapescope {

// A venue feed as the GUI sees it: the service's last status plus what the hub itself noticed.
struct FeedHealth
{
    FeedStatus status;
    bool hasStatus = false; // false until the service published its first status
    quint64 integrityErrors = 0; // crossed/locked books and unrepresentable prices seen by the hub
    quint64 feedErrors = 0; // FeedError events (venue errors, malformed frames)
    QString lastIssue; // the latest of either, in plain words
};

// Per-instrument market state on the GUI thread (docs/architecture.md "Data flow", step 4). Batches from the venue
// services are applied as they arrive; change notifications are coalesced and go out at most once
// per display frame so the models and views never repaint faster than the screen.
//
// Two ways to pace the notifications: with a frame pacer (the app's window), a change asks the window
// for a frame and the window calls flush() while it prepares that frame, so the models change right
// before it is drawn and every frame shows the newest book; without one (the CLI, tests) a timer
// flushes at the display rate.
class MarketHub : public QObject
{
    Q_OBJECT

public:
    explicit MarketHub(QObject *parent = nullptr);
    ~MarketHub() override;

    // Notifications per second (default 60). Values are clamped to 1..240.
    void setDisplayRate(int framesPerSecond);
    int displayRate() const { return m_displayRate; }

    // `requestFrame` makes the window draw a frame soon and call flush() before it syncs the scene
    // (FrameClock). It is asked at most once per 1/displayRate, less a fifth so a display's own frame
    // timing never makes a frame go without the newest data. A window that draws nothing (hidden,
    // minimised) is not waited for: after FrameWaitLimitMs the hub flushes on its own. An empty function
    // goes back to the timer.
    void setFramePacer(std::function<void()> requestFrame);
    static constexpr int FrameWaitLimitMs = 250;

    const InstrumentState *instrument(const QString &key) const;
    std::optional<Instrument> instrumentInfo(const QString &key) const;
    // What a person reads for `key`: the venue's display name when metadata arrived, else the wire symbol.
    QString displayName(const QString &key) const;
    const CandleSeries *candles(const QString &key, const QString &interval) const;

    QStringList venues() const;
    const FeedHealth *feed(const QString &venue) const;
    // A venue that was switched off: its feed row goes away (feedRemoved) until it publishes again.
    void removeFeed(const QString &venue);

    // Drops the book, trades and candles of `key` after its streams were unsubscribed, so nothing
    // old can be shown as live when it is selected again. The ticker stays (the watchlist feeds it).
    void forgetMarketData(const QString &key);
    // The same for one candle interval after the chart moved to another.
    void forgetCandles(const QString &key, const QString &interval);
    // For a venue that streams no candles at `interval` (O2, Kalshi; Alpaca beyond 1m and 1d), the chart's
    // bars are built here from the instrument's trades: the trades already on the tape at once, then each new
    // one. One instrument at a time (the chart's); an empty `key` or `interval` stops it.
    void buildCandlesFromTrades(const QString &key, const QString &interval);

    // For --perf-report's container sizes (bench/README.md): every instrument's state by key ("venue:symbol"), and
    // the sizes of the hub's own lists.
    void forEachInstrument(const std::function<void(const QString &key, const InstrumentState &state)> &visit) const;
    struct Bookkeeping
    {
        qsizetype listing = 0, feeds = 0, dirtyBooks = 0, dirtyTickers = 0, dirtyStatuses = 0, dirtyFeeds = 0,
                  appendedTrades = 0, dirtyCandles = 0, tradeCandleBuckets = 0;
    };
    Bookkeeping bookkeeping() const;

public Q_SLOTS:
    void ingest(const tapescope::EventBatch &batch);
    void setInstruments(const QList<tapescope::Instrument> &instruments);
    void applyCandleHistory(const tapescope::CandleHistory &history);
    void setFeedStatus(const tapescope::FeedStatus &status);
    // Sends every pending notification now instead of at the next frame.
    void flush();
    // Another GUI-thread hub (AccountHub) has news: flush at the next frame even if the markets have none.
    void requestFlush() { scheduleFrame(); }

Q_SIGNALS:
    void instrumentsChanged();
    void bookChanged(const QString &key);
    void tradesAppended(const QString &key, int count);
    void candlesChanged(const QString &key, const QString &interval, tapescope::CandleSeries::Change change);
    // Ticker fields, the BBO or (for watchlist prices) the book of `key` changed this frame.
    void tickerChanged(const QString &key);
    void marketStatusChanged(const QString &key); // lifecycle of a listed market (open, closed, settled, ...)
    void feedStatusChanged(const QString &venue);
    void feedRemoved(const QString &venue);
    // The end of every flush, after its notifications: hubs paced by this one send theirs here.
    void flushed();

private:
    InstrumentState &stateFor(const QString &venue, const QString &symbol);
    FeedHealth &healthFor(const QString &venue);
    void apply(const BookSnapshot &snapshot);
    void apply(const BookDelta &delta);
    void apply(const Bbo &bbo);
    void apply(const Trade &trade);
    void apply(const Candle &candle);
    void apply(const Ticker &ticker);
    void apply(const FeedError &error);
    void apply(const SubscriptionAck &) { }
    void apply(const Heartbeat &) { }
    void apply(const MarketStatus &status);
    void foldTradeIntoCandle(const Trade &trade);
    void noteBookResult(InstrumentState &state, BookIntegrity result);
    void noteCandleChange(const QString &key, const QString &interval, CandleSeries::Change change);
    void settleBook(InstrumentState &state);
    void scheduleFrame();
    void requestFrame();
    int pacedIntervalMs() const;

    // Instruments with any event so far; bounded by the venue's listing (allMids covers every coin).
    std::map<QString, std::unique_ptr<InstrumentState>> m_instruments;
    QHash<QString, Instrument> m_listing;
    std::map<QString, FeedHealth> m_feeds; // one per venue
    QString m_tradeCandlesKey; // the instrument whose bars are built from trades, if any
    QString m_tradeCandlesInterval;
    std::optional<CandleAggregator> m_tradeCandles;

    QSet<QString> m_dirtyBooks;
    QSet<QString> m_dirtyTickers;
    QSet<QString> m_dirtyStatuses;
    QSet<QString> m_dirtyFeeds;
    QHash<QString, int> m_appendedTrades;
    std::map<std::pair<QString, QString>, CandleSeries::Change> m_dirtyCandles;
    bool m_instrumentsDirty = false;

    QTimer m_frameTimer; // without a pacer: the flush; with one: the next frame request, when early
    QTimer m_frameWaitLimit; // with a pacer: flushes if the requested frame never comes
    std::function<void()> m_requestFrame;
    bool m_frameRequested = false;
    QElapsedTimer m_sinceFlush;
    int m_displayRate = 60;
};

} // namespace tapescope
