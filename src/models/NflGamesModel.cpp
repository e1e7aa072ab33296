#include "NflGamesModel.h"

#include "core/EventJson.h"

#include "DisplayFormat.h"
#include "NflPosition.h"
#include "UiLanguage.h"
#include "market/AccountHub.h"
#include "market/MarketHub.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>

#include <tuple>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

const QString KalshiVenue = u"kalshi"_s;

double percentOf(const Decimal &fraction)
{
    return fraction.toDouble() * 100.0;
}

QString statusText(MarketState state)
{
    switch (state) {
    case MarketState::Created:
        return NflGamesModel::tr("CREATED");
    case MarketState::Open:
        return NflGamesModel::tr("OPEN");
    case MarketState::Paused:
        return NflGamesModel::tr("PAUSED");
    case MarketState::Closed:
        return NflGamesModel::tr("CLOSED");
    case MarketState::Determined:
        return NflGamesModel::tr("DETERMINED");
    case MarketState::Settled:
        return NflGamesModel::tr("SETTLED");
    case MarketState::Unknown:
        break;
    }
    return NflGamesModel::tr("UNKNOWN");
}

QString compactCount(double contracts)
{
    if (contracts >= 1e6)
        return display::localized(QString::number(contracts / 1e6, 'f', 1)) + u'M';
    if (contracts >= 1e3)
        return display::localized(QString::number(contracts / 1e3, 'f', 1)) + u'K';
    return display::localized(QString::number(contracts, 'f', 0));
}

} // namespace

NflGamesModel::NflGamesModel(MarketHub *hub, AccountHub *accounts, QObject *parent)
    : QAbstractListModel(parent)
    , m_hub(hub)
    , m_accounts(accounts)
    , m_nowMs([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    if (hub) {
        connect(hub, &MarketHub::bookChanged, this, &NflGamesModel::onMarketChanged);
        connect(hub, &MarketHub::tickerChanged, this, &NflGamesModel::onMarketChanged);
        connect(hub, &MarketHub::marketStatusChanged, this, &NflGamesModel::onMarketChanged);
        connect(hub, &MarketHub::tradesAppended, this, [this](const QString &key, int) { onMarketChanged(key); });
    }
    if (accounts) {
        connect(accounts, &AccountHub::accountsChanged, this, [this](AccountHub::Changes changes) {
            if (count() > 0 && (changes & (AccountHub::Positions | AccountHub::Accounts)))
                Q_EMIT dataChanged(index(0), index(count() - 1), { HasPositionRole });
        });
    }
    refreshOnLanguageChange(this);
}

int NflGamesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant NflGamesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_games[static_cast<std::size_t>(index.row())];
    const kalshi::NflGame &game = entry.game;
    const auto probabilities = game.probabilities();
    switch (role) {
    case EventTickerRole:
        return game.ticker().eventTicker;
    case AwayTeamRole:
        return game.away().team;
    case HomeTeamRole:
        return game.home().team;
    case Qt::DisplayRole:
    case TitleRole:
        return tr("%1 at %2").arg(game.away().team, game.home().team);
    case KickoffRole:
        // The kickoff in the user's time zone when the venue sent it; else the ticker's (US) game date. The
        // patterns are the translators' (QLocale writes the day and month names), so each language orders them.
        return game.kickoff().isValid()
            ? QLocale().toString(
                game.kickoff().toLocalTime(),
                //: QDateTime format of a game's kickoff (ddd = weekday, MMM = month): "Sat 5 Sep 00:20"
                tr("ddd d MMM HH:mm"))
            : QLocale().toString(game.ticker().date,
                                 //: QDate format of a game's day when the venue sent no time: "Sat 5 Sep"
                                 tr("ddd d MMM"));
    case HasProbabilityRole:
        return probabilities.has_value();
    case AwayProbabilityRole:
        return probabilities ? percentOf(probabilities->away) : 50.0;
    case HomeProbabilityRole:
        return probabilities ? percentOf(probabilities->home) : 50.0;
    case AwayPercentRole:
        return probabilities ? display::localized(kalshi::NflGame::percentText(probabilities->away)) : QString();
    case HomePercentRole:
        return probabilities ? display::localized(kalshi::NflGame::percentText(probabilities->home)) : QString();
    case OverroundRole: {
        if (!probabilities)
            return QString();
        const QString points = kalshi::NflGame::percentText(probabilities->overround);
        return QString(display::localized((probabilities->overround.isNegative() ? QString() : u"+"_s) + points)
                       + u" %"_s);
    }
    case HomeChangeRole:
        return probabilities && entry.openHome ? percentOf(probabilities->home) - *entry.openHome : 0.0;
    case HomeChangeTextRole: {
        if (!probabilities || !entry.openHome)
            return QString();
        const double change = percentOf(probabilities->home) - *entry.openHome;
        return QString(display::localized((change >= 0 ? u"+"_s : QString()) + QString::number(change, 'f', 2))
                       + tr(" pts"));
    }
    case VolumeRole:
        return volumeOf(entry);
    case StatusRole:
        return marketStateName(game.state());
    case StatusTextRole:
        return statusText(game.state());
    case SettledRole:
        return game.state() == MarketState::Determined || game.state() == MarketState::Settled;
    case WinnerRole:
        return game.winner();
    case HasPositionRole:
        return NflHolding::of(m_accounts, game.away().marketTicker).held()
            || NflHolding::of(m_accounts, game.home().marketTicker).held();
    default:
        return {};
    }
}

QHash<int, QByteArray> NflGamesModel::roleNames() const
{
    return {
        { EventTickerRole, "eventTicker" },
        { AwayTeamRole, "awayTeam" },
        { HomeTeamRole, "homeTeam" },
        { TitleRole, "title" },
        { KickoffRole, "kickoff" },
        { HasProbabilityRole, "hasProbability" },
        { AwayProbabilityRole, "awayProbability" },
        { HomeProbabilityRole, "homeProbability" },
        { AwayPercentRole, "awayPercent" },
        { HomePercentRole, "homePercent" },
        { OverroundRole, "overround" },
        { HomeChangeRole, "homeChange" },
        { HomeChangeTextRole, "homeChangeText" },
        { VolumeRole, "volume" },
        { StatusRole, "status" },
        { StatusTextRole, "statusText" },
        { SettledRole, "settled" },
        { WinnerRole, "winner" },
        { HasPositionRole, "hasPosition" },
    };
}

void NflGamesModel::setGames(const std::vector<kalshi::NflGame> &games, const std::vector<kalshi::EventListing> &events)
{
    // A new discovery is a different list of games: a reset, but what was learnt about games that stay is kept.
    std::vector<Entry> next;
    next.reserve(games.size());
    for (const kalshi::NflGame &game : games) {
        Entry entry { game, {}, {}, {} };
        const int previous = rowOf(game.ticker().eventTicker);
        if (previous >= 0) {
            entry.openHome = m_games[static_cast<std::size_t>(previous)].openHome;
            entry.history = std::move(m_games[static_cast<std::size_t>(previous)].history);
        }
        for (const kalshi::EventListing &event : events) {
            if (event.eventTicker != game.ticker().eventTicker)
                continue;
            for (const kalshi::MarketListing &market : event.markets) {
                if (market.volume)
                    entry.listedVolume
                        = entry.listedVolume ? entry.listedVolume->checkedAdd(*market.volume) : market.volume;
            }
        }
        next.push_back(std::move(entry));
    }
    // By game day, then kickoff (unknown first), then ticker.
    std::sort(next.begin(), next.end(), [](const Entry &a, const Entry &b) {
        const auto key = [](const kalshi::NflGame &game) {
            return std::tuple(game.ticker().date, game.kickoff().isValid() ? game.kickoff().toMSecsSinceEpoch() : 0,
                              game.ticker().eventTicker);
        };
        return key(a.game) < key(b.game);
    });
    beginResetModel();
    m_games = std::move(next);
    m_rowOfMarket.clear();
    for (std::size_t row = 0; row < m_games.size(); ++row) {
        Entry &entry = m_games[row];
        m_rowOfMarket.insert(entry.game.away().marketTicker, static_cast<int>(row));
        m_rowOfMarket.insert(entry.game.home().marketTicker, static_cast<int>(row));
        // The hub may already know these markets (a re-discovery, or streams that started first).
        refresh(entry, entry.game.away().marketTicker);
        refresh(entry, entry.game.home().marketTicker);
        recordHistory(entry);
    }
    endResetModel();
    Q_EMIT countChanged();
}

int NflGamesModel::rowOf(const QString &eventTicker) const
{
    for (std::size_t row = 0; row < m_games.size(); ++row) {
        if (m_games[row].game.ticker().eventTicker == eventTicker)
            return static_cast<int>(row);
    }
    return -1;
}

const kalshi::NflGame *NflGamesModel::game(const QString &eventTicker) const
{
    const int row = rowOf(eventTicker);
    return row < 0 ? nullptr : &m_games[static_cast<std::size_t>(row)].game;
}

const std::deque<NflGamesModel::Point> *NflGamesModel::history(const QString &eventTicker) const
{
    const int row = rowOf(eventTicker);
    return row < 0 ? nullptr : &m_games[static_cast<std::size_t>(row)].history;
}

QString NflGamesModel::keyOf(const QString &marketTicker)
{
    return KalshiVenue + u':' + marketTicker;
}

void NflGamesModel::onMarketChanged(const QString &key)
{
    if (!key.startsWith(KalshiVenue + u':'))
        return;
    const QString marketTicker = key.mid(KalshiVenue.size() + 1);
    const auto it = m_rowOfMarket.constFind(marketTicker);
    if (it == m_rowOfMarket.cend())
        return;
    Entry &entry = m_games[static_cast<std::size_t>(*it)];
    if (!refresh(entry, marketTicker))
        return;
    recordHistory(entry);
    const QModelIndex changed = index(*it);
    Q_EMIT dataChanged(changed, changed);
}

// Rebuilds one team's prices from the hub: YES bid/ask from the book that passed its check, the last price
// from the ticker or the tape, and the market's lifecycle.
bool NflGamesModel::refresh(Entry &entry, const QString &marketTicker)
{
    const InstrumentState *state = m_hub ? m_hub->instrument(keyOf(marketTicker)) : nullptr;
    if (!state)
        return false;
    bool changed = false;
    // The streamed book where there is one (the selected game), else the ticker's best bid and offer.
    Bbo bbo { KalshiVenue, marketTicker, 0, state->displayBook.bestBid(), state->displayBook.bestAsk() };
    if (!bbo.bid && !bbo.ask && state->bbo) {
        bbo.bid = state->bbo->bid;
        bbo.ask = state->bbo->ask;
    }
    changed |= entry.game.apply(MarketEvent(bbo));
    std::optional<Decimal> last = state->ticker.last;
    if (!last && state->trades.size() > 0)
        last = state->trades.at(0).price;
    if (last) {
        Ticker ticker;
        ticker.venue = KalshiVenue;
        ticker.symbol = marketTicker;
        ticker.last = last;
        changed |= entry.game.apply(MarketEvent(ticker));
    }
    if (state->status)
        changed |= entry.game.apply(MarketEvent(*state->status));
    return changed;
}

void NflGamesModel::recordHistory(Entry &entry)
{
    const auto probabilities = entry.game.probabilities();
    if (!probabilities)
        return;
    const Point point { m_nowMs(), percentOf(probabilities->away), percentOf(probabilities->home) };
    if (!entry.openHome)
        entry.openHome = point.home;
    const QString eventTicker = entry.game.ticker().eventTicker;
    if (!entry.history.empty() && point.timeMs - entry.history.back().timeMs < HistoryResolutionMs) {
        entry.history.back() = { entry.history.back().timeMs, point.away, point.home };
        Q_EMIT historyChanged(eventTicker, false);
        return;
    }
    if (entry.history.size() >= HistoryCapacity) {
        Q_EMIT historyTrimming(eventTicker);
        entry.history.pop_front();
        Q_EMIT historyTrimmed(eventTicker);
    }
    entry.history.push_back(point);
    Q_EMIT historyChanged(eventTicker, true);
}

QVariant NflGamesModel::volumeOf(const Entry &entry) const
{
    double contracts = 0;
    bool known = false;
    for (const kalshi::TeamMarket *team : { &entry.game.away(), &entry.game.home() }) {
        const InstrumentState *state = m_hub ? m_hub->instrument(keyOf(team->marketTicker)) : nullptr;
        if (state && state->ticker.volume) {
            contracts += state->ticker.volume->toDouble();
            known = true;
        }
    }
    if (!known && entry.listedVolume) {
        contracts = entry.listedVolume->toDouble();
        known = true;
    }
    return known ? compactCount(contracts) : QString();
}

} // namespace tapescope
