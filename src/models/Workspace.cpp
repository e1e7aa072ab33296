#include "Workspace.h"

#include "FeedReasonText.h"
#include "UiLanguage.h"
#include "core/CandleAggregator.h"
#include "market/AccountHub.h"
#include "market/FeedController.h"
#include "market/MarketHub.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtQml/QJSEngine>

namespace tapescope {

namespace {

Workspace *s_instance = nullptr;

} // namespace

Workspace::Workspace(MarketHub *hub, FeedController *feeds, AccountHub *accounts, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_feedController(feeds)
    , m_watchlist(new WatchlistModel(hub, this))
    , m_orderBook(new OrderBookModel(hub, this))
    , m_trades(new TradeTapeModel(hub, this))
    , m_candles(new CandleModel(hub, this))
    , m_feedStatus(new FeedStatusModel(hub, this))
    , m_nfl(new NflBoard(hub, feeds, accounts, this))
    , m_accounts(new AccountBook(accounts, this))
    , m_replay(new ReplayControl(this))
    , m_recording(new RecordingControl(this))
    , m_accountHub(accounts)
{
    if (accounts) {
        connect(accounts, &AccountHub::accountsChanged, this, [this](AccountHub::Changes changes) {
            if (changes & (AccountHub::OpenOrders | AccountHub::Positions | AccountHub::Fills | AccountHub::Accounts))
                markOwnOrders();
        });
        connect(this, &Workspace::selectionChanged, this, &Workspace::markOwnOrders);
    }
    connect(m_nfl, &NflBoard::marketsChanged, this, &Workspace::watchTickers);
    // A replay's win-probability history is on the recording's clock, not the time it is watched at.
    connect(m_replay, &ReplayControl::recordingChanged, this, [this] {
        if (m_replay->active())
            m_nfl->games()->setClock([replay = m_replay] { return qint64(replay->positionMs()); });
        else
            m_nfl->games()->setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    });
    connect(m_orderBook, &OrderBookModel::groupingChanged, this, &Workspace::groupingChanged);
    connect(m_trades, &TradeTapeModel::minimumSizeChanged, this, &Workspace::minimumTradeSizeChanged);
    connect(m_feedStatus, &FeedStatusModel::feedChanged, this, [this](const QString &venue) {
        if (venue == m_selected.venue)
            Q_EMIT selectedFeedChanged();
    });
    if (hub)
        connect(hub, &MarketHub::instrumentsChanged, this, &Workspace::selectionChanged);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, [this] {
        Q_EMIT languageChanged();
        Q_EMIT selectedFeedChanged(); // its state label and detail
    });
}

QString Workspace::localeName() const
{
    return QLocale().name();
}

Workspace::~Workspace()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Workspace *Workspace::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_UNUSED(qmlEngine)
    Q_ASSERT_X(s_instance, "Workspace::create", "main() must build the Workspace before loading QML");
    // main() owns it; the engine must not delete it when it goes away.
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    Q_UNUSED(jsEngine)
    return s_instance;
}

void Workspace::setInstance(Workspace *workspace)
{
    s_instance = workspace;
}

Workspace *Workspace::instance()
{
    return s_instance;
}

void Workspace::setWatchlist(const QList<InstrumentId> &instruments)
{
    m_watchlist->setInstruments(instruments);
    watchTickers();
}

// One ticker subscription list per venue: the watchlist's rows plus every NFL game's two markets.
void Workspace::watchTickers()
{
    if (!m_feedController)
        return;
    QList<InstrumentId> instruments = m_watchlist->instruments();
    for (const InstrumentId &market : m_nfl->marketInstruments()) {
        if (!instruments.contains(market))
            instruments.append(market);
    }
    m_feedController->watchTickers(instruments);
}

void Workspace::resubscribeSelection()
{
    watchTickers();
    if (m_selected.symbol.isEmpty() || !m_feedController)
        return;
    m_feedController->followMarket(m_selected);
    followSelectedCandles();
    requestHistory();
    Q_EMIT selectedFeedChanged();
}

void Workspace::setView(View view)
{
    if (view == m_view)
        return;
    m_view = view;
    Q_EMIT viewChanged();
}

std::optional<Workspace::View> Workspace::viewNamed(QStringView name)
{
    if (name == u"markets")
        return View::Markets;
    if (name == u"nfl")
        return View::Nfl;
    if (name == u"settings")
        return View::Settings;
    return std::nullopt;
}

bool Workspace::selectedHasBook() const
{
    return !m_feedController || m_selected.symbol.isEmpty() || m_feedController->streamsBook(m_selected);
}

bool Workspace::selectedHasTrades() const
{
    return !m_feedController || m_selected.symbol.isEmpty() || m_feedController->streamsTrades(m_selected);
}

QString Workspace::selectedName() const
{
    if (m_selected.symbol.isEmpty())
        return QString();
    return m_hub ? m_hub->displayName(m_selected.key()) : m_selected.display;
}

void Workspace::selectInstrument(const QString &key)
{
    if (key.isEmpty() || key == m_selected.key())
        return;
    const InstrumentId previous = m_selected;
    const bool previousFeedLive = feedLive();
    if (!previous.symbol.isEmpty()) {
        if (m_feedController) {
            m_feedController->unfollowMarket(previous);
            m_feedController->unfollowCandles(previous, m_interval);
        }
        if (m_hub)
            m_hub->forgetMarketData(previous.key());
    }
    m_selected = idFor(key);
    if (m_feedController) {
        m_feedController->followMarket(m_selected);
        followSelectedCandles();
    }
    requestHistory();
    m_orderBook->setInstrument(key);
    m_trades->setInstrument(key);
    m_candles->setSource(key, m_interval);
    Q_EMIT selectionChanged();
    if (previous.venue != m_selected.venue || previousFeedLive != feedLive())
        Q_EMIT selectedFeedChanged();
}

QStringList Workspace::intervals() const
{
    return { QStringLiteral("1m"), QStringLiteral("5m"), QStringLiteral("15m"),
             QStringLiteral("1h"), QStringLiteral("4h"), QStringLiteral("1d") };
}

void Workspace::setInterval(const QString &interval)
{
    if (interval == m_interval || !intervals().contains(interval))
        return;
    const QString previous = m_interval;
    m_interval = interval;
    if (!m_selected.symbol.isEmpty()) {
        if (m_feedController) {
            m_feedController->unfollowCandles(m_selected, previous);
            followSelectedCandles();
        }
        if (m_hub)
            m_hub->forgetCandles(m_selected.key(), previous);
        requestHistory();
    }
    m_candles->setSource(m_selected.key(), m_interval);
    Q_EMIT intervalChanged();
}

QString Workspace::grouping() const
{
    return m_orderBook->grouping();
}

void Workspace::setGrouping(const QString &step)
{
    m_orderBook->setGrouping(step);
}

QString Workspace::minimumTradeSize() const
{
    return m_trades->minimumSize();
}

void Workspace::setMinimumTradeSize(const QString &size)
{
    m_trades->setMinimumSize(size);
}

FeedState::Value Workspace::feedState() const
{
    if (m_selected.symbol.isEmpty()) // nothing to show, so nothing is on its way either
        return FeedState::Disconnected;
    const FeedHealth *health = m_hub ? m_hub->feed(m_selected.venue) : nullptr;
    // A selected instrument's venue that has not reported is on its way, even before the hub knows it.
    return health ? FeedState::of(health) : FeedState::Connecting;
}

QString Workspace::feedStateLabel() const
{
    return FeedStatusModel::stateLabel(feedState());
}

bool Workspace::feedLive() const
{
    const FeedHealth *health = m_hub ? m_hub->feed(m_selected.venue) : nullptr;
    return health && health->hasStatus && health->status.isLive();
}

QString Workspace::feedDetail() const
{
    const FeedHealth *health = m_hub ? m_hub->feed(m_selected.venue) : nullptr;
    return health ? FeedReasonText::of(health->status.reason) : QString();
}

void Workspace::setDemoMode(bool demo)
{
    if (demo == m_demoMode)
        return;
    m_demoMode = demo;
    Q_EMIT demoModeChanged();
}

void Workspace::markOwnOrders()
{
    std::vector<OrderBookModel::OwnOrder> orders;
    std::optional<Decimal> entry;
    QVariantList fills;
    if (m_accountHub) {
        for (const QString &key : m_accountHub->accountKeys()) {
            const AccountRecord *record = m_accountHub->account(key);
            if (!record || record->venue != m_selected.venue)
                continue;
            for (const AccountOrder &order : record->state.openOrders()) {
                if (order.symbol != m_selected.symbol || !order.side || !order.price || !order.size)
                    continue;
                const Decimal remaining = order.filled ? *order.size - *order.filled : *order.size;
                if (!remaining.isZero() && !remaining.isNegative())
                    orders.push_back({ *order.side, *order.price, remaining });
            }
            const auto position = record->state.positions().constFind(m_selected.symbol);
            if (position != record->state.positions().cend() && position->entryPrice && !entry)
                entry = position->entryPrice;
            for (const AccountFill &fill : record->state.fills()) {
                if (fills.size() >= MaxChartFills)
                    break;
                if (fill.symbol == m_selected.symbol)
                    fills.append(QVariantMap { { QStringLiteral("time"), double(fill.ts) },
                                               { QStringLiteral("price"), fill.price.toDouble() },
                                               { QStringLiteral("isBuy"), fill.side == Side::Buy } });
            }
        }
    }
    m_orderBook->setOwnOrders(std::move(orders), entry);
    const bool entryChanged = entry.has_value() != m_entryPrice.has_value() || (entry && *entry != *m_entryPrice);
    if (!entryChanged && fills == m_selectedFills)
        return;
    m_entryPrice = entry;
    m_selectedFills = std::move(fills);
    Q_EMIT ownMarksChanged();
}

InstrumentId Workspace::idFor(const QString &key) const
{
    for (const InstrumentId &id : m_watchlist->instruments()) {
        if (id.key() == key)
            return id;
    }
    if (m_hub) {
        if (const std::optional<Instrument> listed = m_hub->instrumentInfo(key))
            return listed->id;
    }
    const qsizetype colon = key.indexOf(QLatin1Char(':'));
    const QString venue = colon < 0 ? QString() : key.left(colon);
    const QString symbol = colon < 0 ? key : key.mid(colon + 1);
    return { venue, symbol, symbol };
}

void Workspace::followSelectedCandles()
{
    m_feedController->followCandles(m_selected, m_interval);
    if (m_hub) {
        const bool streamed = m_feedController->streamsCandles(m_selected, m_interval);
        m_hub->buildCandlesFromTrades(m_selected.key(), streamed ? QString() : m_interval);
    }
}

void Workspace::requestHistory()
{
    if (!m_feedController || m_selected.symbol.isEmpty())
        return;
    const std::optional<std::int64_t> barMs = CandleAggregator::intervalMs(m_interval);
    if (!barMs)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_feedController->requestCandleHistory(m_selected, m_interval, now - *barMs * HistoryBars, now);
}

} // namespace tapescope
