#pragma once

#include "app/AppSettings.h"
#include "app/Translations.h"
#include "app/credentials/CredentialStore.h"
#include "app/settings/SettingsController.h"
#include "market/AccountHub.h"
#include "market/FeedController.h"
#include "market/MarketHub.h"
#include "models/Workspace.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTemporaryDir>
#include <QtCore/QVariantList>

class QQmlEngine;

// Drives the real Workspace and MarketHub from the QML tests: the panels under test bind to the
// same singleton as in the app, and the tests push synthetic market data through the hub.
class QmlFixture : public QObject
{
    Q_OBJECT

public:
    QmlFixture();
    ~QmlFixture() override;

    // Venue requests are not under test here; the model tests cover them.
    class NoFeeds : public tapescope::FeedController
    {
    public:
        void watchTickers(const QList<tapescope::InstrumentId> &) override { }
        void followMarket(const tapescope::InstrumentId &) override { }
        void unfollowMarket(const tapescope::InstrumentId &) override { }
        void followCandles(const tapescope::InstrumentId &, const QString &) override { }
        void unfollowCandles(const tapescope::InstrumentId &, const QString &) override { }
        void requestCandleHistory(const tapescope::InstrumentId &, const QString &, qint64, qint64) override { }
    };

    // levels: [[price, size], ...] as strings, best first
    Q_INVOKABLE void setBook(const QVariantList &bids, const QVariantList &asks);
    Q_INVOKABLE void setLevel(bool bid, const QString &price, const QString &size);
    Q_INVOKABLE void addCandle(const QString &interval, double startMs, const QString &open, const QString &high,
                               const QString &low, const QString &close, const QString &volume);
    Q_INVOKABLE void setFeedState(const QString &state);

    // NFL: two games (DAL at PHI on 4 Sep, GB at DET on 7 Sep) as Kalshi's discovery would list them.
    Q_INVOKABLE void setNflGames();
    Q_INVOKABLE void setNflQuote(const QString &market, const QString &bid, const QString &ask);
    Q_INVOKABLE void settleNfl(const QString &winnerMarket, const QString &loserMarket);
    Q_INVOKABLE void setKalshiFeedState(const QString &state);
    // The trader's Kalshi position in `market` (size signed: YES positive, NO negative; "0" closes it).
    Q_INVOKABLE void setKalshiPosition(const QString &account, const QString &market, const QString &size,
                                       const QString &cost);
    // Accounts: a trader with a BTC long (entry 100.25), two resting BTC orders (buy 100.0, sell 101.5) and a fill,
    // its account feed live and synced; clearAccount() takes it away again.
    Q_INVOKABLE void setAccount();
    Q_INVOKABLE void clearAccount();
    // Settings: the venue the settings dialog last applied to the (fake) session.
    Q_INVOKABLE QString lastAppliedVenue() const { return m_lastApplied; }

public Q_SLOTS:
    // Quick Test's setup hook: called for every test file's fresh engine.
    void qmlEngineAvailable(QQmlEngine *engine);

private:
    tapescope::MarketHub m_hub;
    NoFeeds m_feeds;
    tapescope::AccountHub m_accounts { &m_hub };
    tapescope::Workspace m_workspace { &m_hub, &m_feeds, &m_accounts };
    QTemporaryDir m_settingsDir;
    tapescope::AppSettings m_settings { m_settingsDir.filePath(QStringLiteral("tapescope.ini")) };
    tapescope::CredentialStore m_credentials;
    std::unique_ptr<tapescope::SettingsController> m_settingsController;
    QString m_lastApplied;
    // The language as the app switches it (main.cpp's applyDisplay hook): catalogue and locale, then retranslate.
    tapescope::Translations m_translations;
    QPointer<QQmlEngine> m_engine;
};
