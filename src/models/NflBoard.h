#pragma once

#include "FeedState.h"
#include "NflGamesModel.h"
#include "NflPosition.h"
#include "OrderBookModel.h"
#include "ProbabilityHistoryModel.h"
#include "TradeTapeModel.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

class AccountHub;
class FeedController;
class MarketHub;

// What the NFL panel binds to: the games, and for the selected game its probability history, both teams'
// YES ladders (dollars, 0–1) and one tape over both markets. Selecting a game moves the book and trade
// subscriptions to its two markets through the FeedController; the games' tickers are watched all along.
// `position` is the trader's position in the selected game (both teams' markets, every Kalshi account of the
// AccountHub), valued at the live YES mids.
class NflBoard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NflBoard is provided by Workspace")
    Q_PROPERTY(tapescope::NflGamesModel *games READ games CONSTANT)
    Q_PROPERTY(tapescope::ProbabilityHistoryModel *history READ history CONSTANT)
    Q_PROPERTY(tapescope::OrderBookModel *awayBook READ awayBook CONSTANT)
    Q_PROPERTY(tapescope::OrderBookModel *homeBook READ homeBook CONSTANT)
    Q_PROPERTY(tapescope::TradeTapeModel *tape READ tape CONSTANT)
    Q_PROPERTY(tapescope::NflPosition *position READ position CONSTANT)
    Q_PROPERTY(QString selectedGame READ selectedGame NOTIFY selectedGameChanged)
    Q_PROPERTY(QString selectedAway READ selectedAway NOTIFY selectedGameChanged)
    Q_PROPERTY(QString selectedHome READ selectedHome NOTIFY selectedGameChanged)
    Q_PROPERTY(tapescope::FeedState::Value feedState READ feedState NOTIFY feedChanged)
    Q_PROPERTY(QString feedStateLabel READ feedStateLabel NOTIFY feedChanged)
    Q_PROPERTY(bool feedLive READ feedLive NOTIFY feedChanged)

public:
    // `accounts`: the trader's accounts, for the position; nullptr shows none.
    NflBoard(MarketHub *hub, FeedController *feeds, AccountHub *accounts = nullptr, QObject *parent = nullptr);
    ~NflBoard() override;

    NflGamesModel *games() const { return m_games; }
    ProbabilityHistoryModel *history() const { return m_history; }
    OrderBookModel *awayBook() const { return m_awayBook; }
    OrderBookModel *homeBook() const { return m_homeBook; }
    TradeTapeModel *tape() const { return m_tape; }
    NflPosition *position() const { return m_position; }

    // Kalshi's discovery: the games and their listings. Keeps the selection when the game is still listed,
    // otherwise selects the first game.
    void setGames(const std::vector<kalshi::NflGame> &games, const std::vector<kalshi::EventListing> &events = {});
    // Both markets of every game: what the feed must stream tickers for.
    QList<InstrumentId> marketInstruments() const;

    QString selectedGame() const { return m_selected; }
    QString selectedAway() const;
    QString selectedHome() const;
    Q_INVOKABLE void selectGame(const QString &eventTicker);

    // Kalshi's feed, which every NFL panel shows (Disconnected when Kalshi is not running).
    FeedState::Value feedState() const;
    QString feedStateLabel() const;
    bool feedLive() const;

Q_SIGNALS:
    void selectedGameChanged();
    void marketsChanged(); // the set of games' markets changed: the tickers to watch changed
    void feedChanged();

private:
    QList<InstrumentId> selectedMarkets() const;
    void refreshPosition();

    QPointer<MarketHub> m_hub;
    QPointer<AccountHub> m_accounts;
    FeedController *m_feeds;
    NflGamesModel *m_games;
    ProbabilityHistoryModel *m_history;
    OrderBookModel *m_awayBook;
    OrderBookModel *m_homeBook;
    TradeTapeModel *m_tape;
    NflPosition *m_position;
    QString m_selected;
    QList<InstrumentId> m_following; // the two markets whose books and trades are streamed
};

} // namespace tapescope
