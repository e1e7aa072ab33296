#pragma once

#include "AccountBook.h"
#include "CandleModel.h"
#include "FeedState.h"
#include "FeedStatusModel.h"
#include "NflBoard.h"
#include "OrderBookModel.h"
#include "RecordingControl.h"
#include "ReplayControl.h"
#include "TradeTapeModel.h"
#include "WatchlistModel.h"
#include "core/Events.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QStringList>
#include <QtCore/QVariantList>
#include <QtQml/qqmlregistration.h>

#include <optional>

class QQmlEngine;
class QJSEngine;

namespace tapescope {

class AccountHub;
class FeedController;
class MarketHub;

// What the QML panels bind to: the models plus the few choices a trader makes (instrument,
// chart interval, ladder grouping, tape filter). Each choice is turned into subscriptions through
// the FeedController, so neither this class nor the models touch the network.
// Built in main(); QML gets that instance through create().
class Workspace : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(tapescope::WatchlistModel *watchlist READ watchlist CONSTANT)
    Q_PROPERTY(tapescope::OrderBookModel *orderBook READ orderBook CONSTANT)
    Q_PROPERTY(tapescope::TradeTapeModel *trades READ trades CONSTANT)
    Q_PROPERTY(tapescope::CandleModel *candles READ candles CONSTANT)
    Q_PROPERTY(tapescope::FeedStatusModel *feeds READ feeds CONSTANT)
    Q_PROPERTY(tapescope::NflBoard *nfl READ nfl CONSTANT)
    Q_PROPERTY(tapescope::AccountBook *accounts READ accounts CONSTANT)
    // A recording being played instead of the live feeds (inactive otherwise).
    Q_PROPERTY(tapescope::ReplayControl *replay READ replay CONSTANT)
    // Recording the live feeds into the sessions folder.
    Q_PROPERTY(tapescope::RecordingControl *recording READ recording CONSTANT)
    Q_PROPERTY(View view READ view WRITE setView NOTIFY viewChanged)
    Q_PROPERTY(QString selectedKey READ selectedKey NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedName READ selectedName NOTIFY selectionChanged)
    // False when the selected instrument's venue has no order book / no trades for it (FIML).
    Q_PROPERTY(bool selectedHasBook READ selectedHasBook NOTIFY selectionChanged)
    Q_PROPERTY(bool selectedHasTrades READ selectedHasTrades NOTIFY selectionChanged)
    Q_PROPERTY(QString interval READ interval WRITE setInterval NOTIFY intervalChanged)
    Q_PROPERTY(QStringList intervals READ intervals CONSTANT)
    Q_PROPERTY(QString grouping READ grouping WRITE setGrouping NOTIFY groupingChanged)
    Q_PROPERTY(QString minimumTradeSize READ minimumTradeSize WRITE setMinimumTradeSize NOTIFY minimumTradeSizeChanged)
    Q_PROPERTY(tapescope::FeedState::Value feedState READ feedState NOTIFY selectedFeedChanged)
    Q_PROPERTY(QString feedStateLabel READ feedStateLabel NOTIFY selectedFeedChanged)
    Q_PROPERTY(bool feedLive READ feedLive NOTIFY selectedFeedChanged)
    Q_PROPERTY(QString feedDetail READ feedDetail NOTIFY selectedFeedChanged)
    Q_PROPERTY(bool demoMode READ demoMode NOTIFY demoModeChanged)
    // The default QLocale's name ("de_DE"), for what QML formats itself: the charts' axes, Qt.locale(localeName).
    Q_PROPERTY(QString localeName READ localeName NOTIFY languageChanged)
    // The trader's marks on the selected instrument, for the chart: the position's entry price and the fills
    // ([{time (ms), price, isBuy}], newest first, at most MaxChartFills).
    Q_PROPERTY(bool selectedHasEntry READ selectedHasEntry NOTIFY ownMarksChanged)
    Q_PROPERTY(double selectedEntryPrice READ selectedEntryPrice NOTIFY ownMarksChanged)
    Q_PROPERTY(QVariantList selectedFills READ selectedFills NOTIFY ownMarksChanged)

public:
    // What the window shows: the markets (watchlist, chart, ladder, tape) or the NFL games; Settings opens
    // the dialog over the markets. QML compares `Workspace.view === Workspace.Nfl`.
    enum class View { Markets, Nfl, Settings };
    Q_ENUM(View)

    // `accounts`: the trader's accounts (the Account panel); nullptr shows none.
    Workspace(MarketHub *hub, FeedController *feeds, AccountHub *accounts = nullptr, QObject *parent = nullptr);
    ~Workspace() override;

    // The QML singleton hook: returns the instance registered with setInstance().
    static Workspace *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);
    static void setInstance(Workspace *workspace);
    static Workspace *instance();

    WatchlistModel *watchlist() const { return m_watchlist; }
    OrderBookModel *orderBook() const { return m_orderBook; }
    TradeTapeModel *trades() const { return m_trades; }
    CandleModel *candles() const { return m_candles; }
    FeedStatusModel *feeds() const { return m_feedStatus; }
    NflBoard *nfl() const { return m_nfl; }
    AccountBook *accounts() const { return m_accounts; }
    ReplayControl *replay() const { return m_replay; }
    RecordingControl *recording() const { return m_recording; }

    // The instruments of the watchlist; their tickers are subscribed at once.
    void setWatchlist(const QList<InstrumentId> &instruments);
    // The selected instrument's venue got a new feed: ask it again for the book, trades, candles and history.
    void resubscribeSelection();

    View view() const { return m_view; }
    Q_INVOKABLE void setView(tapescope::Workspace::View view);
    // The view a command line names: "markets", "nfl" or "settings".
    static std::optional<View> viewNamed(QStringView name);

    QString selectedKey() const { return m_selected.key(); }
    bool selectedHasBook() const;
    bool selectedHasTrades() const;
    QString selectedName() const;
    Q_INVOKABLE void selectInstrument(const QString &key);

    QString interval() const { return m_interval; }
    QStringList intervals() const;
    Q_INVOKABLE void setInterval(const QString &interval);

    QString grouping() const;
    Q_INVOKABLE void setGrouping(const QString &step);
    QString minimumTradeSize() const;
    Q_INVOKABLE void setMinimumTradeSize(const QString &size);

    FeedState::Value feedState() const;
    QString feedStateLabel() const;
    bool feedLive() const;
    QString feedDetail() const; // why the feed is not live, in the user's language

    bool demoMode() const { return m_demoMode; }
    QString localeName() const;
    bool selectedHasEntry() const { return m_entryPrice.has_value(); }
    double selectedEntryPrice() const { return m_entryPrice ? m_entryPrice->toDouble() : 0.0; }
    QVariantList selectedFills() const { return m_selectedFills; }
    static constexpr int MaxChartFills = 200;
    void setDemoMode(bool demo);

    static constexpr int HistoryBars = 240; // REST history asked for on every chart change

Q_SIGNALS:
    void selectionChanged();
    void intervalChanged();
    void groupingChanged();
    void minimumTradeSizeChanged();
    void selectedFeedChanged();
    void demoModeChanged();
    void languageChanged();
    void ownMarksChanged();
    void viewChanged();

private:
    InstrumentId idFor(const QString &key) const;
    void followSelectedCandles(); // the chart's bars: streamed by the venue, or built from its trades
    void requestHistory();
    void watchTickers();
    void markOwnOrders(); // the trader's working orders and entry on the ladder (and chart) of the selection

    QPointer<MarketHub> m_hub;
    FeedController *m_feedController;
    WatchlistModel *m_watchlist;
    OrderBookModel *m_orderBook;
    TradeTapeModel *m_trades;
    CandleModel *m_candles;
    FeedStatusModel *m_feedStatus;
    NflBoard *m_nfl;
    AccountBook *m_accounts;
    ReplayControl *m_replay;
    RecordingControl *m_recording;
    QPointer<AccountHub> m_accountHub;
    std::optional<Decimal> m_entryPrice;
    QVariantList m_selectedFills;
    View m_view = View::Markets;
    InstrumentId m_selected;
    QString m_interval = QStringLiteral("1m");
    bool m_demoMode = false;
};

} // namespace tapescope
