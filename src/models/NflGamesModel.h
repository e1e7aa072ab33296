#pragma once

#include "venues/kalshi/KalshiDiscovery.h"
#include "venues/kalshi/NflGame.h"

#include <QtCore/QAbstractListModel>
#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtQml/qqmlregistration.h>

#include <deque>
#include <vector>

namespace tapescope {

class AccountHub;
class MarketHub;

// One row per NFL game (docs/protocols/kalshi.md §13): teams, kickoff, both win probabilities normalised to 100 % with
// the pair's overround, the change since the game's first probability this session, volume and status
// (settled games name the winner). Games come from Kalshi's discovery; prices from the MarketHub's state of
// the two markets. Each game also keeps a bounded probability history for the chart. With an AccountHub, a row
// says whether the trader holds a position in either of its markets (any Kalshi account).
class NflGamesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NflGamesModel is provided by Workspace.nfl")
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        EventTickerRole = Qt::UserRole + 1,
        AwayTeamRole,
        HomeTeamRole,
        TitleRole, // "DAL at PHI"
        KickoffRole, // "Thu 4 Sep 20:20" in local time; "Thu 4 Sep" when the venue sent no time
        HasProbabilityRole,
        AwayProbabilityRole, // 0..100, normalised
        HomeProbabilityRole,
        AwayPercentRole, // "42.10"
        HomePercentRole,
        OverroundRole, // "+1.50 %": what the two legs sum to above 100 %
        HomeChangeRole, // percentage points since the first probability this session (double)
        HomeChangeTextRole, // "+3.20 pts"
        VolumeRole, // contracts traded, compact: "1.2M"
        StatusRole, // "open", "closed", "determined", "settled", "paused", "unknown"
        SettledRole,
        WinnerRole, // team code once settled; empty before (and for a tie)
        HasPositionRole, // the trader holds contracts in either market of the game
        StatusTextRole, // the status as the games list shows it, in the UI's language: "OPEN", "CLOSED", ...
    };
    Q_ENUM(Role)

    // One point of a game's probability history.
    struct Point
    {
        qint64 timeMs = 0;
        double away = 0; // percent
        double home = 0;
    };
    static constexpr std::size_t HistoryCapacity = 3600; // points per game (an hour of one-second points)
    static constexpr qint64 HistoryResolutionMs = 1000; // changes within this of the last point replace it

    explicit NflGamesModel(MarketHub *hub, AccountHub *accounts = nullptr, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_games.size()); }

    // Replaces the games with a discovery's (kept: prices and histories of games that stay).
    void setGames(const std::vector<kalshi::NflGame> &games, const std::vector<kalshi::EventListing> &events = {});

    int rowOf(const QString &eventTicker) const;
    const kalshi::NflGame *game(const QString &eventTicker) const;
    const std::deque<Point> *history(const QString &eventTicker) const;
    static QString keyOf(const QString &marketTicker); // "kalshi:" + ticker

    // For tests and clocks that are not the wall clock.
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }

Q_SIGNALS:
    void countChanged();
    void historyChanged(const QString &eventTicker, bool appended);
    // Around dropping a full history's oldest point, so views can remove the row before it is gone.
    void historyTrimming(const QString &eventTicker);
    void historyTrimmed(const QString &eventTicker);

private:
    struct Entry
    {
        kalshi::NflGame game;
        std::optional<Decimal> listedVolume; // from discovery: both markets summed
        std::optional<double> openHome; // the first home probability seen this session, percent
        std::deque<Point> history;
    };
    void onMarketChanged(const QString &key);
    bool refresh(Entry &entry, const QString &marketTicker);
    void recordHistory(Entry &entry);
    QVariant volumeOf(const Entry &entry) const;

    QPointer<MarketHub> m_hub;
    QPointer<AccountHub> m_accounts;
    std::vector<Entry> m_games;
    QHash<QString, int> m_rowOfMarket; // market ticker -> row
    std::function<qint64()> m_nowMs;
};

} // namespace tapescope
