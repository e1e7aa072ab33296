#include "QmlFixture.h"

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
        levels.push_back({dec(values.value(0)), dec(values.value(1)), 1});
    }
    return levels;
}

} // namespace

QmlFixture::QmlFixture()
{
    Workspace::setInstance(&m_workspace);
    m_workspace.setWatchlist({{Venue, Symbol, Symbol}});
    m_workspace.selectInstrument(Venue + QLatin1Char(':') + Symbol);
}

QmlFixture::~QmlFixture()
{
    Workspace::setInstance(nullptr);
}

void QmlFixture::qmlEngineAvailable(QQmlEngine *engine)
{
    engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    // Test-only hook for pushing data; the app itself uses no context properties.
    engine->rootContext()->setContextProperty(QStringLiteral("fixture"), this);
}

void QmlFixture::setBook(const QVariantList &bids, const QVariantList &asks)
{
    m_hub.ingest({BookSnapshot{Venue, Symbol, 1000, levelsOf(bids), levelsOf(asks), -1}});
    m_hub.flush();
}

void QmlFixture::setLevel(bool bid, const QString &price, const QString &size)
{
    m_hub.ingest({BookDelta{Venue, Symbol, 2000, {{bid ? Side::Buy : Side::Sell, dec(price), dec(size)}}, -1}});
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
    m_hub.ingest({candle});
    m_hub.flush();
}

void QmlFixture::setFeedState(const QString &state)
{
    FeedStatus status;
    status.venue = Venue;
    status.state = state == u"live" ? VenueConnection::State::Live : VenueConnection::State::Stale;
    m_hub.setFeedStatus(status);
    m_hub.flush();
}
