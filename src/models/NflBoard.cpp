#include "NflBoard.h"

#include "FeedStatusModel.h"
#include "UiLanguage.h"
#include "market/AccountHub.h"
#include "market/FeedController.h"
#include "market/MarketHub.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

const QString KalshiVenue = u"kalshi"_s;

InstrumentId marketId(const kalshi::TeamMarket &team)
{
    return { KalshiVenue, team.marketTicker, team.team };
}

} // namespace

NflBoard::NflBoard(MarketHub *hub, FeedController *feeds, AccountHub *accounts, QObject *parent)
    : QObject(parent)
    , m_hub(hub)
    , m_accounts(accounts)
    , m_feeds(feeds)
    , m_games(new NflGamesModel(hub, accounts, this))
    , m_history(new ProbabilityHistoryModel(m_games, this))
    , m_awayBook(new OrderBookModel(hub, this))
    , m_homeBook(new OrderBookModel(hub, this))
    , m_tape(new TradeTapeModel(hub, this))
    , m_position(new NflPosition(this))
{
    // Two ladders share the panel's height: fewer rows each than the main ladder.
    m_awayBook->setLevels(8);
    m_homeBook->setLevels(8);
    connect(UiLanguage::instance(), &UiLanguage::changed, this, &NflBoard::feedChanged);
    if (hub) {
        auto onFeed = [this](const QString &venue) {
            if (venue == KalshiVenue)
                Q_EMIT feedChanged();
        };
        connect(hub, &MarketHub::feedStatusChanged, this, onFeed);
        connect(hub, &MarketHub::feedRemoved, this, onFeed);
    }
    // The position moves with the accounts' positions and with the selected game's prices and results.
    if (accounts) {
        connect(accounts, &AccountHub::accountsChanged, this, [this](AccountHub::Changes changes) {
            if (changes & (AccountHub::Positions | AccountHub::Accounts))
                refreshPosition();
        });
    }
    connect(m_games, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &from, const QModelIndex &to) {
        const int row = m_games->rowOf(m_selected);
        if (row >= from.row() && row <= to.row())
            refreshPosition();
    });
    connect(m_games, &QAbstractItemModel::modelReset, this, &NflBoard::refreshPosition);
    connect(this, &NflBoard::selectedGameChanged, this, &NflBoard::refreshPosition);
}

NflBoard::~NflBoard() = default;

void NflBoard::setGames(const std::vector<kalshi::NflGame> &games, const std::vector<kalshi::EventListing> &events)
{
    // Team codes are what a trader reads on a ladder and a tape, not market tickers.
    if (m_hub) {
        QList<Instrument> listing;
        for (const kalshi::NflGame &game : games) {
            for (const kalshi::TeamMarket *team : { &game.away(), &game.home() })
                listing.append({ marketId(*team), Instrument::Kind::Prediction, 0 }); // whole contracts
        }
        m_hub->setInstruments(listing);
    }
    m_games->setGames(games, events);
    Q_EMIT marketsChanged();
    const QString keep = m_games->rowOf(m_selected) >= 0 ? m_selected : QString();
    if (!keep.isEmpty()) {
        m_history->setGame(keep);
        return;
    }
    selectGame(m_games->count() > 0 ? m_games->data(m_games->index(0), NflGamesModel::EventTickerRole).toString()
                                    : QString());
}

QList<InstrumentId> NflBoard::marketInstruments() const
{
    QList<InstrumentId> instruments;
    for (int row = 0; row < m_games->count(); ++row) {
        const QString eventTicker = m_games->data(m_games->index(row), NflGamesModel::EventTickerRole).toString();
        if (const kalshi::NflGame *game = m_games->game(eventTicker))
            instruments << marketId(game->away()) << marketId(game->home());
    }
    return instruments;
}

QString NflBoard::selectedAway() const
{
    const kalshi::NflGame *game = m_games->game(m_selected);
    return game ? game->away().team : QString();
}

QString NflBoard::selectedHome() const
{
    const kalshi::NflGame *game = m_games->game(m_selected);
    return game ? game->home().team : QString();
}

void NflBoard::selectGame(const QString &eventTicker)
{
    if (eventTicker == m_selected && !m_following.isEmpty())
        return;
    if (!eventTicker.isEmpty() && m_games->rowOf(eventTicker) < 0)
        return;
    for (const InstrumentId &market : std::as_const(m_following)) {
        if (m_feeds)
            m_feeds->unfollowMarket(market);
        if (m_hub)
            m_hub->forgetMarketData(market.key());
    }
    m_selected = eventTicker;
    m_following = selectedMarkets();
    for (const InstrumentId &market : std::as_const(m_following)) {
        if (m_feeds)
            m_feeds->followMarket(market);
    }
    m_awayBook->setInstrument(m_following.size() == 2 ? m_following.at(0).key() : QString());
    m_homeBook->setInstrument(m_following.size() == 2 ? m_following.at(1).key() : QString());
    QStringList keys;
    for (const InstrumentId &market : std::as_const(m_following))
        keys << market.key();
    m_tape->setInstruments(keys);
    m_history->setGame(m_selected);
    Q_EMIT selectedGameChanged();
}

FeedState::Value NflBoard::feedState() const
{
    return FeedState::of(m_hub ? m_hub->feed(KalshiVenue) : nullptr);
}

QString NflBoard::feedStateLabel() const
{
    return FeedStatusModel::stateLabel(feedState());
}

bool NflBoard::feedLive() const
{
    const FeedHealth *health = m_hub ? m_hub->feed(KalshiVenue) : nullptr;
    return health && health->hasStatus && health->status.isLive();
}

void NflBoard::refreshPosition()
{
    const kalshi::NflGame *game = m_games->game(m_selected);
    if (!game || !m_accounts) {
        m_position->clear();
        return;
    }
    m_position->set(NflPositionFigures::of(*game, NflHolding::of(m_accounts, game->away().marketTicker),
                                           NflHolding::of(m_accounts, game->home().marketTicker)));
}

QList<InstrumentId> NflBoard::selectedMarkets() const
{
    const kalshi::NflGame *game = m_games->game(m_selected);
    if (!game)
        return {};
    return { marketId(game->away()), marketId(game->home()) };
}

} // namespace tapescope
