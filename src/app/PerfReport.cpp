#include "PerfReport.h"

#include "AppLog.h"
#include "core/CandleAggregator.h"
#include "core/TradeRing.h"
#include "emulator/alpaca/AlpacaEmulator.h"
#include "emulator/kalshi/KalshiEmulator.h"
#include "emulator/o2/O2Emulator.h"
#include "market/AccountHub.h"
#include "market/MarketHub.h"
#include "models/AccountBook.h"
#include "models/AccountModels.h"
#include "models/CandleModel.h"
#include "models/FeedStatusModel.h"
#include "models/NflBoard.h"
#include "models/NflGamesModel.h"
#include "models/OrderBookModel.h"
#include "models/ProbabilityHistoryModel.h"
#include "models/RecordingControl.h"
#include "models/TradeTapeModel.h"
#include "models/WatchlistModel.h"
#include "models/Workspace.h"
#include "net/VenueFeed.h"
#include "platform/ProcessStats.h"
#include "venues/api/VenueDriver.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>
#include <QtQuick/QQuickWindow>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// This process's CPU seconds (user + system); NaN when the OS did not say, so a rate made from it is NaN too
// (written to the JSON report as null), never a made-up 0.
double cpuSeconds()
{
    return platform::sampleProcess().cpuSeconds().value_or(std::nan(""));
}

QJsonValue orNull(std::optional<qint64> value)
{
    return value ? QJsonValue(*value) : QJsonValue();
}

double percentile(std::vector<double> values, double q)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

} // namespace

PerfReport::PerfReport(QString path, const QElapsedTimer &sinceMain, int warmupMs, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_sinceMain(sinceMain)
    , m_warmupMs(warmupMs)
{ }

void PerfReport::watch(QQuickWindow *window, Workspace *workspace, MarketHub *hub, AccountHub *accounts,
                       const QList<VenueFeed *> &feeds)
{
    m_workspace = workspace;
    m_hub = hub;
    m_accounts = accounts;
    // Queued from the service thread like the hub's own connection, and made after it: the hub has
    // applied the batch when this runs.
    for (VenueFeed *feed : feeds)
        connect(feed, &VenueFeed::eventsReady, this, &PerfReport::onBooksArrived);
    // The ladder model refreshes from this very signal (connected earlier, so it has already run).
    connect(hub, &MarketHub::bookChanged, this, &PerfReport::onLadderUpdated);
    // frameSwapped comes from the render thread with the threaded render loop: counted here, in order.
    connect(window, &QQuickWindow::frameSwapped, this, &PerfReport::onFrameSwapped);
    auto *seconds = new QTimer(this);
    connect(seconds, &QTimer::timeout, this, &PerfReport::onSecond);
    seconds->start(1000);
    auto *samples = new QTimer(this);
    connect(samples, &QTimer::timeout, this, [this] {
        sample();
        writeFile();
    });
    samples->start(SampleIntervalMs);
}

void PerfReport::note(const QString &name, qint64 size, std::optional<qint64> bound, const QString &boundBy)
{
    Container &container = m_containers[name];
    container.bound = bound;
    container.boundBy = boundBy;
    container.sizes.resize(m_samples.size() - 1, -1);
    container.sizes.push_back(size);
}

void PerfReport::sample()
{
    m_samples.push_back({ static_cast<double>(nowNs()) / 1e9, platform::sampleProcess().residentKiB });
    const QString none = u"none"_s;
    // MarketHub (src/market/MarketHub.h, InstrumentState.h): one state per instrument with any event.
    if (m_hub) {
        const MarketHub::Bookkeeping hub = m_hub->bookkeeping();
        const QString listings = u"no constant: the venues' listings"_s;
        const QString perFrame = u"no constant: changes since the last frame, cleared at every flush"_s;
        note(u"hub.listing"_s, hub.listing, std::nullopt, listings);
        note(u"hub.feeds"_s, hub.feeds, std::nullopt, u"no constant: one per venue"_s);
        note(u"hub.pending.books"_s, hub.dirtyBooks, std::nullopt, perFrame);
        note(u"hub.pending.tickers"_s, hub.dirtyTickers, std::nullopt, perFrame);
        note(u"hub.pending.statuses"_s, hub.dirtyStatuses, std::nullopt, perFrame);
        note(u"hub.pending.feeds"_s, hub.dirtyFeeds, std::nullopt, perFrame);
        note(u"hub.pending.trades"_s, hub.appendedTrades, std::nullopt, perFrame);
        note(u"hub.pending.candles"_s, hub.dirtyCandles, std::nullopt, perFrame);
        note(u"hub.tradeCandles.buckets"_s, hub.tradeCandleBuckets, CandleAggregator::RetainedCandles,
             u"src/core/CandleAggregator.h RetainedCandles"_s);
        qint64 instruments = 0;
        m_hub->forEachInstrument([&](const QString &key, const InstrumentState &state) {
            ++instruments;
            const QString at = u"hub["_s + key + u"]."_s;
            const QString depth = u"src/market/InstrumentState.h BookDepth"_s;
            note(at + u"book.bids"_s, state.book.bidCount(), InstrumentState::BookDepth, depth);
            note(at + u"book.asks"_s, state.book.askCount(), InstrumentState::BookDepth, depth);
            note(at + u"displayBook.bids"_s, state.displayBook.bidCount(), InstrumentState::BookDepth, depth);
            note(at + u"displayBook.asks"_s, state.displayBook.askCount(), InstrumentState::BookDepth, depth);
            note(at + u"trades"_s, static_cast<qint64>(state.trades.size()),
                 static_cast<qint64>(InstrumentState::TradeCapacity), u"src/market/InstrumentState.h TradeCapacity"_s);
            note(at + u"candleSeries"_s, static_cast<qint64>(state.candles.size()), std::nullopt,
                 u"no constant: the intervals charted"_s);
            for (const auto &[interval, series] : state.candles)
                note(at + u"candles["_s + interval + u']', static_cast<qint64>(series.size()),
                     static_cast<qint64>(InstrumentState::CandleCapacity),
                     u"src/market/InstrumentState.h CandleCapacity"_s);
        });
        note(u"hub.instruments"_s, instruments, std::nullopt, listings);
    }
    // The models the window shows (src/models).
    if (m_workspace) {
        Workspace *w = m_workspace;
        note(u"model.watchlist"_s, w->watchlist()->rowCount(), std::nullopt,
             u"no constant: the settings' watchlists or the venues' listings"_s);
        const auto ladderBound = [](const OrderBookModel *model) { return 2 * model->levels() + 1; };
        const QString ladderBy = u"src/models/OrderBookModel.h m_levels (15 a side) x 2 + the spread row"_s;
        note(u"model.ladder"_s, w->orderBook()->rowCount(), ladderBound(w->orderBook()), ladderBy);
        note(u"model.tradeTape"_s, w->trades()->rowCount(), w->trades()->capacity(),
             u"src/models/TradeTapeModel.h DefaultCapacity"_s);
        note(u"model.candles"_s, w->candles()->rowCount(), CandleModel::DefaultMaxCandles,
             u"src/models/CandleModel.h DefaultMaxCandles"_s);
        note(u"model.feeds"_s, w->feeds()->rowCount(), std::nullopt, u"no constant: one per venue"_s);
        note(u"workspace.selectedFills"_s, w->selectedFills().size(), Workspace::MaxChartFills,
             u"src/models/Workspace.h MaxChartFills"_s);
        note(u"recording.files"_s, w->recording()->files().size(), std::nullopt,
             u"no constant: one per recorded venue"_s);
        NflBoard *nfl = w->nfl();
        const qint64 historyBound = static_cast<qint64>(NflGamesModel::HistoryCapacity);
        const QString historyBy = u"src/models/NflGamesModel.h HistoryCapacity"_s;
        note(u"nfl.games"_s, nfl->games()->rowCount(), std::nullopt, u"no constant: the venue's NFL events"_s);
        for (int row = 0; row < nfl->games()->rowCount(); ++row) {
            const QString ticker
                = nfl->games()->data(nfl->games()->index(row), NflGamesModel::EventTickerRole).toString();
            if (const std::deque<NflGamesModel::Point> *history = nfl->games()->history(ticker))
                note(u"nfl.games["_s + ticker + u"].history"_s, static_cast<qint64>(history->size()), historyBound,
                     historyBy);
        }
        note(u"nfl.historyModel"_s, nfl->history()->rowCount(), historyBound, historyBy);
        note(u"nfl.awayLadder"_s, nfl->awayBook()->rowCount(), ladderBound(nfl->awayBook()), ladderBy);
        note(u"nfl.homeLadder"_s, nfl->homeBook()->rowCount(), ladderBound(nfl->homeBook()), ladderBy);
        note(u"nfl.tape"_s, nfl->tape()->rowCount(), nfl->tape()->capacity(),
             u"src/models/TradeTapeModel.h DefaultCapacity"_s);
        AccountBook *book = w->accounts();
        const QString tableBy = u"src/models/AccountModels.h AccountTableModel::Capacity"_s;
        const std::pair<const char *, AccountTableModel *> tables[] = {
            { "positions", book->positions() },
            { "openOrders", book->openOrders() },
            { "orderHistory", book->orderHistory() },
            { "fills", book->fills() },
            { "balances", book->balances() },
            { "funding", book->funding() },
            { "ledger", book->ledger() },
        };
        for (const auto &[name, table] : tables)
            note(u"model.account."_s + QLatin1StringView(name), table->rowCount(), AccountTableModel::Capacity,
                 tableBy);
    }
    // AccountHub (src/market/AccountHub.h): each account's AccountState (src/core/AccountState.h).
    if (m_accounts) {
        const QStringList keys = m_accounts->accountKeys();
        note(u"accounts"_s, keys.size(), std::nullopt, u"no constant: the settings' accounts"_s);
        for (const QString &key : keys) {
            const AccountRecord *record = m_accounts->account(key);
            if (!record)
                continue;
            const AccountState &state = record->state;
            const AccountState::Limits &limits = state.limits();
            const QString at = u"account["_s + key + u"]."_s;
            const QString limitsBy = u"src/core/AccountState.h Limits::"_s;
            note(at + u"openOrders"_s, state.openOrders().size(), std::nullopt,
                 u"no constant: the venue's open orders"_s);
            note(at + u"orderHistory"_s, static_cast<qint64>(state.orderHistory().size()), limits.orderHistory,
                 limitsBy + u"orderHistory"_s);
            note(at + u"fills"_s, static_cast<qint64>(state.fills().size()), limits.fills, limitsBy + u"fills"_s);
            note(at + u"funding"_s, static_cast<qint64>(state.funding().size()), limits.funding,
                 limitsBy + u"funding"_s);
            note(at + u"ledger"_s, static_cast<qint64>(state.ledger().size()), limits.ledger, limitsBy + u"ledger"_s);
            note(at + u"positions"_s, state.positions().size(), std::nullopt,
                 u"no constant: the venue's instruments"_s);
            note(at + u"balances"_s, state.balances().size(), std::nullopt, u"no constant: the venue's assets"_s);
            note(at + u"assetLimits"_s, state.assetLimits().size(), std::nullopt,
                 u"no constant: the venue's instruments"_s);
        }
    }
    // Demo mode: the emulators' demo traders (src/emulator), in this process with the app. Their open orders are few
    // (the demo logic keeps 2 to 4 resting); the ended ones and the fills are what grows.
    for (QObject *object : std::as_const(m_emulators)) {
        if (auto *kalshi = qobject_cast<emulator::kalshi::KalshiEmulator *>(object)) {
            using emulator::kalshi::KalshiDemoTrader;
            const auto &orders = kalshi->trader().orders();
            note(u"emulator.kalshi.trader.endedOrders"_s,
                 std::count_if(orders.begin(), orders.end(),
                               [](const auto &entry) { return entry.second.status != u"resting"_s; }),
                 KalshiDemoTrader::KeptEndedOrders, u"src/emulator/kalshi/KalshiDemoTrader.h KeptEndedOrders"_s);
            note(u"emulator.kalshi.trader.fills"_s, static_cast<qint64>(kalshi->trader().fills().size()),
                 KalshiDemoTrader::KeptFills, u"src/emulator/kalshi/KalshiDemoTrader.h KeptFills"_s);
        } else if (auto *alpaca = qobject_cast<emulator::alpaca::AlpacaEmulator *>(object)) {
            using emulator::alpaca::AlpacaTrader;
            const auto statuses = alpaca->trader().snapshot().orderStatus;
            note(u"emulator.alpaca.trader.endedOrders"_s,
                 std::count_if(
                     statuses.begin(), statuses.end(),
                     [](const QString &status) { return status != u"new"_s && status != u"partially_filled"_s; }),
                 AlpacaTrader::KeptEndedOrders, u"src/emulator/alpaca/AlpacaTrader.h KeptEndedOrders"_s);
            note(u"emulator.alpaca.trader.executions"_s, static_cast<qint64>(alpaca->trader().executionCount()),
                 AlpacaTrader::KeptExecutions, u"src/emulator/alpaca/AlpacaTrader.h KeptExecutions"_s);
        } else if (auto *o2 = qobject_cast<emulator::o2::O2Emulator *>(object)) {
            const auto orders = o2->traderSnapshot().orders;
            note(u"emulator.o2.trader.closedOrders"_s,
                 std::count_if(orders.begin(), orders.end(), [](const auto &order) { return order.close; }),
                 emulator::o2::DemoTrader::KeptClosedOrders, u"src/emulator/o2/O2DemoTrader.h KeptClosedOrders"_s);
        }
    }
    // This report's own measurements (only with --perf-report).
    const QString own = u"unbounded: this report's own measurements (--perf-report only)"_s;
    note(u"perfReport.perSecond"_s, static_cast<qint64>(m_seconds.size()), std::nullopt, own);
    note(u"perfReport.bookToScreen"_s, static_cast<qint64>(m_bookToScreenMs.size()), std::nullopt, own);
    note(u"perfReport.waitingAtSwap"_s, static_cast<qint64>(m_waitingAtSwapMs.size()), std::nullopt, own);
}

void PerfReport::onBooksArrived(const EventBatch &batch)
{
    const QString selected = m_workspace->selectedKey();
    for (const MarketEvent &event : batch) {
        const auto *book = std::get_if<BookSnapshot>(&event);
        if (!book || book->venue + u':' + book->symbol != selected)
            continue;
        ++m_booksArrived;
        if (m_oldestUnshown < 0)
            m_oldestUnshown = nowNs();
    }
}

void PerfReport::onLadderUpdated(const QString &key)
{
    if (key != m_workspace->selectedKey())
        return;
    ++m_ladderUpdates;
    if (m_awaitingSwap < 0)
        m_awaitingSwap = m_oldestUnshown;
    m_oldestUnshown = -1;
}

void PerfReport::onFrameSwapped()
{
    ++m_frames;
    const qint64 now = nowNs();
    if (m_startupNs < 0 && m_workspace->orderBook()->hasData())
        m_startupNs = now;
    const bool steady = now >= m_warmupMs * 1000000LL;
    if (m_awaitingSwap >= 0) {
        if (steady)
            m_bookToScreenMs.push_back(static_cast<double>(now - m_awaitingSwap) / 1e6);
        m_awaitingSwap = -1;
    }
    if (steady)
        m_waitingAtSwapMs.push_back(m_oldestUnshown < 0 ? 0.0 : static_cast<double>(now - m_oldestUnshown) / 1e6);
}

void PerfReport::onSecond()
{
    m_seconds.push_back(
        { m_frames - m_framesAtTick, m_ladderUpdates - m_ladderAtTick, m_booksArrived - m_booksAtTick });
    m_framesAtTick = m_frames;
    m_ladderAtTick = m_ladderUpdates;
    m_booksAtTick = m_booksArrived;
    if (m_cpuAtWarmup < 0 && m_sinceMain.elapsed() >= m_warmupMs) {
        m_cpuAtWarmup = cpuSeconds();
        m_warmupEndNs = nowNs();
    }
}

bool PerfReport::write()
{
    sample();
    return writeFile();
}

bool PerfReport::writeFile()
{
    const double cpuNow = cpuSeconds();
    const qint64 now = nowNs();
    // Whole seconds after the warm-up: the steady state a trader lives in.
    const auto warmSeconds = static_cast<std::size_t>(std::ceil(m_warmupMs / 1000.0));
    double frames = 0, ladder = 0, books = 0, steadySeconds = 0;
    for (std::size_t i = warmSeconds; i < m_seconds.size(); ++i) {
        frames += static_cast<double>(m_seconds[i].frames);
        ladder += static_cast<double>(m_seconds[i].ladderUpdates);
        books += static_cast<double>(m_seconds[i].books);
        ++steadySeconds;
    }
    QJsonObject steady;
    if (steadySeconds > 0 && m_warmupEndNs >= 0) {
        const double window = static_cast<double>(now - m_warmupEndNs) / 1e9;
        steady = QJsonObject { { u"seconds"_s, steadySeconds },
                               { u"framesSwappedPerSecond"_s, frames / steadySeconds },
                               { u"ladderUpdatesPerSecond"_s, ladder / steadySeconds },
                               { u"selectedBooksPerSecond"_s, books / steadySeconds },
                               { u"cpuPercentOfOneCore"_s, 100.0 * (cpuNow - m_cpuAtWarmup) / window } };
    }
    const std::optional<qint64> uptimeMs = platform::processUptimeMs();
    const qint64 mainAfterExecMs = uptimeMs ? *uptimeMs - m_sinceMain.elapsed() : -1;
    QJsonArray perSecond;
    for (const Second &s : m_seconds)
        perSecond.append(QJsonArray { static_cast<qint64>(s.frames), static_cast<qint64>(s.ladderUpdates),
                                      static_cast<qint64>(s.books) });
    QJsonArray samplesJson;
    for (const Sample &s : m_samples)
        samplesJson.append(QJsonObject { { u"atSeconds"_s, s.atSeconds }, { u"rssKiB"_s, orNull(s.rssKiB) } });
    QJsonObject containersJson;
    for (const auto &[name, container] : m_containers) {
        QJsonArray sizes;
        for (std::size_t i = 0; i < m_samples.size(); ++i)
            sizes.append(i < container.sizes.size() && container.sizes[i] >= 0 ? QJsonValue(container.sizes[i])
                                                                               : QJsonValue());
        containersJson.insert(name,
                              QJsonObject { { u"bound"_s, orNull(container.bound) },
                                            { u"boundBy"_s, container.boundBy },
                                            { u"sizes"_s, sizes } });
    }
    const QJsonObject report {
        { u"runSeconds"_s, static_cast<double>(now) / 1e9 },
        { u"startupMs"_s, m_startupNs < 0 ? QJsonValue() : QJsonValue(static_cast<double>(m_startupNs) / 1e6) },
        // Linux's process start time has 10 ms resolution (platform/ProcessStats.h).
        { u"execToMainMs"_s, mainAfterExecMs },
        { u"steadyState"_s, steady },
        { u"bookToScreenMs"_s,
          QJsonObject { { u"samples"_s, static_cast<qint64>(m_bookToScreenMs.size()) },
                        { u"p50"_s, percentile(m_bookToScreenMs, 0.5) },
                        { u"p99"_s, percentile(m_bookToScreenMs, 0.99) },
                        { u"max"_s, percentile(m_bookToScreenMs, 1.0) } } },
        { u"bookWaitingAtSwapMs"_s,
          QJsonObject { { u"frames"_s, static_cast<qint64>(m_waitingAtSwapMs.size()) },
                        { u"p50"_s, percentile(m_waitingAtSwapMs, 0.5) },
                        { u"p99"_s, percentile(m_waitingAtSwapMs, 0.99) },
                        { u"max"_s, percentile(m_waitingAtSwapMs, 1.0) },
                        { u"overOneFrame"_s,
                          static_cast<qint64>(std::count_if(m_waitingAtSwapMs.begin(), m_waitingAtSwapMs.end(),
                                                            [](double ms) { return ms > 1000.0 / 60.0; })) } } },
        { u"cpuSecondsTotal"_s, cpuNow },
        { u"peakRssKiB"_s, orNull(platform::sampleProcess().peakResidentKiB) },
        { u"perSecond"_s, perSecond }, // [frames swapped, ladder updates, books for the selected instrument]
        { u"demoSpeed"_s, VenueDriver::demoSpeed() },
        { u"samples"_s, samplesJson },
        { u"containers"_s, containersJson },
    };
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qCWarning(lcApp).noquote() << "cannot write the perf report to" << m_path << file.errorString();
        return false;
    }
    file.write(QJsonDocument(report).toJson());
    return true;
}

} // namespace tapescope
