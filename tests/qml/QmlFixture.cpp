#include "QmlFixture.h"

#include "app/credentials/MemorySecretBackend.h"
#include "venues/api/VenueModule.h"
#include "venues/kalshi/NflGame.h"

#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>

using namespace tapescope;

namespace {

const QString Venue = QStringLiteral("hyperliquid");
const QString Symbol = QStringLiteral("BTC");

Decimal dec(const QVariant &text)
{
    return Decimal::parse(text.toString()).value_or(Decimal());
}

std::vector<Level> levelsOf(const QVariantList &pairs)
{
    std::vector<Level> levels;
    for (const QVariant &pair : pairs) {
        const QVariantList values = pair.toList();
        levels.push_back({ dec(values.value(0)), dec(values.value(1)), 1 });
    }
    return levels;
}

} // namespace

QmlFixture::QmlFixture()
    : m_credentials(std::make_unique<MemorySecretBackend>(), venueCredentialVariables(), QProcessEnvironment())
{
    SettingsController::Hooks hooks;
    hooks.applyVenue = [this](const VenueSettings &venue, const VenueCredentials &, QString *) {
        m_lastApplied = venue.venue;
        return true;
    };
    hooks.applyDisplay = [this](const DisplaySettings &display) {
        m_translations.use(display.language);
        if (m_engine)
            m_engine->retranslate();
    };
    m_settingsController = std::make_unique<SettingsController>(&m_settings, &m_credentials, hooks);
    SettingsController::setInstance(m_settingsController.get());
    Workspace::setInstance(&m_workspace);
    m_workspace.setWatchlist({ { Venue, Symbol, Symbol } });
    m_workspace.selectInstrument(Venue + QLatin1Char(':') + Symbol);
}

QmlFixture::~QmlFixture()
{
    Workspace::setInstance(nullptr);
    SettingsController::setInstance(nullptr);
}

void QmlFixture::setNflGames()
{
    const QString first = QStringLiteral("KXNFLGAME-25SEP04DALPHI");
    const QString second = QStringLiteral("KXNFLGAME-25SEP07GBDET");
    m_workspace.nfl()->setGames(
        { *kalshi::NflGame::fromMarkets(first, { first + QStringLiteral("-DAL"), first + QStringLiteral("-PHI") }),
          *kalshi::NflGame::fromMarkets(second, { second + QStringLiteral("-GB"), second + QStringLiteral("-DET") }) });
}

void QmlFixture::setNflQuote(const QString &market, const QString &bid, const QString &ask)
{
    m_hub.ingest({ BookSnapshot { QStringLiteral("kalshi"),
                                  market,
                                  1000,
                                  { { dec(bid), dec(QStringLiteral("10")), -1 } },
                                  { { dec(ask), dec(QStringLiteral("12")), -1 } },
                                  -1 },
                   Bbo { QStringLiteral("kalshi"), market, 1000, Level { dec(bid), dec(QStringLiteral("10")), -1 },
                         Level { dec(ask), dec(QStringLiteral("12")), -1 } } });
    m_hub.flush();
}

void QmlFixture::settleNfl(const QString &winnerMarket, const QString &loserMarket)
{
    m_hub.ingest({ MarketStatus { QStringLiteral("kalshi"), winnerMarket, 5000, MarketState::Settled,
                                  QStringLiteral("yes"), std::nullopt },
                   MarketStatus { QStringLiteral("kalshi"), loserMarket, 5000, MarketState::Settled,
                                  QStringLiteral("no"), std::nullopt } });
    m_hub.flush();
}

void QmlFixture::setKalshiFeedState(const QString &state)
{
    FeedStatus status;
    status.venue = QStringLiteral("kalshi");
    status.state = state == u"live" ? ConnectionState::Live : ConnectionState::Stale;
    m_hub.setFeedStatus(status);
    m_hub.flush();
}

void QmlFixture::setKalshiPosition(const QString &account, const QString &market, const QString &size,
                                   const QString &cost)
{
    AccountPosition position;
    position.venue = QStringLiteral("kalshi");
    position.account = account;
    position.symbol = market;
    position.size = dec(size);
    position.margin = dec(cost);
    m_accounts.ingest({ position });
    m_hub.flush();
}

void QmlFixture::qmlEngineAvailable(QQmlEngine *engine)
{
    m_engine = engine;
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    // Test-only hook for pushing data; the app itself uses no context properties.
    engine->rootContext()->setContextProperty(QStringLiteral("fixture"), this);
}

void QmlFixture::setBook(const QVariantList &bids, const QVariantList &asks)
{
    m_hub.ingest({ BookSnapshot { Venue, Symbol, 1000, levelsOf(bids), levelsOf(asks), -1 } });
    m_hub.flush();
}

void QmlFixture::setLevel(bool bid, const QString &price, const QString &size)
{
    m_hub.ingest(
        { BookDelta { Venue, Symbol, 2000, { { bid ? Side::Buy : Side::Sell, dec(price), dec(size) } }, -1 } });
    m_hub.flush();
}

void QmlFixture::addCandle(const QString &interval, double startMs, const QString &open, const QString &high,
                           const QString &low, const QString &close, const QString &volume)
{
    Candle candle;
    candle.venue = Venue;
    candle.symbol = Symbol;
    candle.interval = interval;
    candle.start = static_cast<std::int64_t>(startMs);
    candle.end = candle.start + 59999;
    candle.open = dec(open);
    candle.high = dec(high);
    candle.low = dec(low);
    candle.close = dec(close);
    candle.volume = dec(volume);
    m_hub.ingest({ candle });
    m_hub.flush();
}

void QmlFixture::setAccount()
{
    const QString trader = QStringLiteral("0xdec0de0000000000000000000000000000000001");
    m_accounts.addAccount(Venue, trader, QStringLiteral("Demo trader"));
    const auto order = [&](const QString &id, Side side, const char *price, std::int64_t ts) {
        AccountOrder o;
        o.venue = Venue;
        o.account = trader;
        o.symbol = Symbol;
        o.id = id;
        o.side = side;
        o.orderType = QStringLiteral("Limit");
        o.price = Decimal::parse(price);
        o.size = Decimal::parse("0.4");
        o.filled = Decimal::parse("0");
        o.status = QStringLiteral("open");
        o.ts = ts;
        return o;
    };
    AccountPosition position;
    position.venue = Venue;
    position.account = trader;
    position.symbol = Symbol;
    position.size = *Decimal::parse("0.3");
    position.entryPrice = Decimal::parse("100.25");
    AccountFill fill;
    fill.venue = Venue;
    fill.account = trader;
    fill.symbol = Symbol;
    fill.id = QStringLiteral("7");
    fill.orderId = QStringLiteral("3");
    fill.side = Side::Buy;
    fill.price = *Decimal::parse("100.25");
    fill.size = *Decimal::parse("0.3");
    fill.ts = 1000;
    AccountSummary summary;
    summary.venue = Venue;
    summary.account = trader;
    summary.equity = Decimal::parse("10000");
    summary.marginUsed = Decimal::parse("30.07");
    summary.withdrawable = Decimal::parse("9969.93");
    AccountSynced synced;
    synced.venue = Venue;
    synced.account = trader;
    FeedStatus status;
    status.venue = Venue;
    status.state = ConnectionState::Live;
    m_accounts.setFeedStatus(trader, status);
    m_accounts.ingest({ order(QStringLiteral("1"), Side::Buy, "100.0", 2000),
                        order(QStringLiteral("2"), Side::Sell, "101.5", 3000), position, fill, summary, synced });
    m_hub.flush();
}

void QmlFixture::clearAccount()
{
    m_accounts.removeAccount(Venue, QStringLiteral("0xdec0de0000000000000000000000000000000001"));
    m_hub.flush();
}

void QmlFixture::setFeedState(const QString &state)
{
    FeedStatus status;
    status.venue = Venue;
    status.state = state == u"live" ? ConnectionState::Live : ConnectionState::Stale;
    m_hub.setFeedStatus(status);
    m_hub.flush();
}
