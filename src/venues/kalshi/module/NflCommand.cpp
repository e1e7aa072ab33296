// `tapescope-cli nfl`: the open NFL games on Kalshi with their win probabilities, one JSON line per game; with
// --watch (or --count beyond the first listing) live updates follow over the signed WebSocket.
#include "cli/StreamPrinter.h"
#include "venues/kalshi/module/KalshiCliSupport.h"
#include "venues/kalshi/module/NflGameLine.h"

#include "core/EventJson.h"
#include "venues/kalshi/KalshiService.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <map>

using namespace Qt::StringLiterals;

namespace tapescope::cli {

namespace {

// Keeps every listed game up to date from the service's events and prints a line whenever one changes.
class NflWatcher : public QObject
{
public:
    NflWatcher(kalshi::KalshiService &service, quint64 count, bool watch)
        : m_service(service)
        , m_count(count)
        , m_live(watch || count > 0)
    {
        connect(&service, &kalshi::KalshiService::nflGamesReady, this, &NflWatcher::onGames);
        connect(&service, &VenueFeed::eventsReady, this, &NflWatcher::onEvents);
        connect(&service, &VenueFeed::feedStatusChanged, this, &NflWatcher::onStatus);
    }

    int exitCode() const { return m_exitCode; }

private:
    struct Entry
    {
        kalshi::NflGame game;
        Decimal volume;
        QByteArray lastLine;
    };

    void onGames(const kalshi::NflDiscovery &discovery)
    {
        if (!discovery.error.isEmpty() && m_games.empty()) {
            finish(2, u"NFL discovery failed: "_s + discovery.error);
            return;
        }
        QStringList newMarkets;
        for (const kalshi::NflGame &game : discovery.games) {
            const QString event = game.ticker().eventTicker;
            if (m_games.count(event))
                continue;
            Decimal volume;
            for (const kalshi::EventListing &listing : discovery.events) {
                if (listing.eventTicker != event)
                    continue;
                for (const kalshi::MarketListing &market : listing.markets)
                    volume = volume + market.volume.value_or(Decimal());
            }
            m_games.emplace(event, Entry { game, volume, {} });
            for (const QString &market : { game.away().marketTicker, game.home().marketTicker }) {
                m_eventOfMarket.insert(market, event);
                newMarkets << market;
            }
            if (!print(m_games.at(event)))
                return;
        }
        if (!m_live) {
            finish(0, QString());
            return;
        }
        const QStringList channels = { QLatin1String(kalshi::channel::Ticker), QLatin1String(kalshi::channel::Trade),
                                       QLatin1String(kalshi::channel::MarketLifecycle) };
        for (const QString &market : std::as_const(newMarkets))
            m_service.subscribeMarket(market, channels);
        if (!m_started) {
            m_started = true;
            m_service.start();
        }
    }

    void onEvents(const EventBatch &batch)
    {
        for (const MarketEvent &event : batch) {
            if (std::holds_alternative<FeedError>(event)) {
                StreamPrinter::writeLine(stderr, toNormalizedJson(event));
                continue;
            }
            const QString symbol = eventSymbol(event);
            const QString gameEvent = m_eventOfMarket.value(symbol);
            if (gameEvent.isEmpty())
                continue;
            Entry &entry = m_games.at(gameEvent);
            bool changed = entry.game.apply(event);
            if (const auto *trade = std::get_if<Trade>(&event)) {
                entry.volume = entry.volume + trade->size;
                changed = true;
            }
            if (changed && !print(entry))
                return;
        }
    }

    void onStatus(const FeedStatus &status)
    {
        if (m_finished || !m_started)
            return;
        const QString state = FeedStatus::stateName(status.state);
        const QString detail = englishText(status.reason);
        if (state != m_lastState)
            StreamPrinter::writeLine(stderr, statusJson(status.venue, state, detail));
        m_lastState = state;
        if (status.state == ConnectionState::Live)
            m_wasLive = true;
        else if (status.state == ConnectionState::Down)
            finish(m_wasLive ? 3 : 2, u"the Kalshi feed stopped: "_s + detail);
        else if (status.state == ConnectionState::BackingOff && !m_wasLive)
            finish(2, u"cannot connect to %1: %2"_s.arg(m_service.endpoints().wsUrl.toString(), detail));
    }

    // Prints the game's line if it changed; false once --count is reached (and the command is finishing).
    bool print(Entry &entry)
    {
        if (m_finished)
            return false;
        QByteArray line = nflGameLine(entry.game, entry.volume);
        if (line == entry.lastLine)
            return true;
        entry.lastLine = line;
        StreamPrinter::writeLine(stdout, line);
        if (m_count > 0 && ++m_printed >= m_count) {
            finish(0, QString());
            return false;
        }
        return true;
    }

    void finish(int code, const QString &message)
    {
        if (m_finished)
            return;
        m_finished = true;
        m_exitCode = code;
        if (!message.isEmpty())
            StreamPrinter::writeLine(stderr, fatalJson(u"nfl"_s, 1, message));
        m_service.stop();
        QCoreApplication::exit(code);
    }

    kalshi::KalshiService &m_service;
    quint64 m_count;
    bool m_live;
    bool m_started = false;
    bool m_finished = false;
    bool m_wasLive = false;
    int m_exitCode = 0;
    quint64 m_printed = 0;
    QString m_lastState;
    std::map<QString, Entry> m_games;
    QHash<QString, QString> m_eventOfMarket;
};

int usageError(const QString &message)
{
    StreamPrinter::writeLine(stderr, fatalJson(u"nfl"_s, 1, message));
    return 1;
}

} // namespace

int runNfl(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Print the open NFL games on Kalshi (KXNFLGAME) as one JSON line per game: teams, normalised win "
        "probabilities, overround, volume and status. --watch keeps printing a game's line whenever it changes."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"nfl"_s, u"The command."_s);
    parser.addOption({ u"url"_s,
                       u"Kalshi URL: WebSocket (ws://host:port/trade-api/ws/v2) or REST base (http://host:port)."_s,
                       u"url"_s });
    parser.addOption({ u"environment"_s, u"production (default) or demo."_s, u"name"_s });
    parser.addOption(
        { u"count"_s, u"Exit 0 after this many lines (the listing, then live updates)."_s, u"n"_s, u"0"_s });
    parser.addOption({ u"watch"_s, u"Keep printing live updates until interrupted."_s });
    kalshicli::addCredentialOptions(parser);
    parser.process(args);

    bool ok = false;
    const quint64 count = parser.value(u"count"_s).toULongLong(&ok);
    if (!ok)
        return usageError(u"--count must be a non-negative number"_s);
    if (count > 0 && parser.isSet(u"watch"_s))
        return usageError(u"give --count N or --watch, not both"_s);
    QString error;
    const auto endpoints = kalshicli::endpoints(parser.value(u"url"_s), parser.value(u"environment"_s), &error);
    if (!endpoints)
        return usageError(error);
    // The listing is public REST (docs/protocols/kalshi.md §13.3); live updates need the signed WebSocket.
    const bool live = count > 0 || parser.isSet(u"watch"_s);
    const auto credentials = kalshicli::credentials(parser, live, &error);
    if (!credentials)
        return usageError(error);

    kalshi::KalshiService service(*endpoints, *credentials);
    NflWatcher watcher(service, count, parser.isSet(u"watch"_s));
    QTimer::singleShot(0, &service, &kalshi::KalshiService::discoverNflGames);
    const int code = QCoreApplication::exec();
    return code != 0 ? code : watcher.exitCode();
}

} // namespace tapescope::cli
