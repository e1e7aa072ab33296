#pragma once

#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>
#include <vector>

namespace tapescope::kalshi {

class NflGame;

// One market from a REST body (docs/protocols/kalshi.md §13.3 `Market`). Prices in dollars, counts in contracts;
// an empty side (bid 0, ask 1) is nullopt, as on the socket.
struct MarketListing
{
    QString ticker; // "KXNFLGAME-26SEP21NYGLAR-NYG"
    QString eventTicker; // "KXNFLGAME-26SEP21NYGLAR"
    QString teamCode; // suffix after the last '-': "NYG" (the team whose win pays YES)
    QString title;
    QString yesSubTitle; // "New York G" (may be truncated; not an identity)
    QString status; // as sent: "active", "closed", "determined", "finalized", ...
    MarketState state = MarketState::Unknown;
    QString result;
    std::optional<Decimal> yesBid;
    std::optional<Decimal> yesAsk;
    std::optional<Decimal> yesBidSize;
    std::optional<Decimal> yesAskSize;
    std::optional<Decimal> lastPrice;
    std::optional<Decimal> volume;
    std::optional<Decimal> openInterest;
    // `occurrence_datetime` (optional Market field, docs/protocols/kalshi.md §13.3): when the event happens — for a
    // game market the scheduled kickoff; both markets of a game carry the same. UTC; invalid when not sent.
    QDateTime occurrenceTime;
};

struct EventListing
{
    QString eventTicker;
    QString seriesTicker;
    QString title;
    QString subTitle;
    std::vector<MarketListing> markets; // with_nested_markets=true
};

// A page of GET /trade-api/v2/events or /markets. `cursor` is empty on the last page; `error` is
// non-empty (and the lists empty) when the body is not what the endpoint documents.
struct EventsPage
{
    std::vector<EventListing> events;
    QString cursor;
    QString error;
};

struct MarketsPage
{
    std::vector<MarketListing> markets;
    QString cursor;
    QString error;
};

namespace discovery {

// Path and query of the open-NFL-games discovery call (docs/protocols/kalshi.md §13.3, §15 step 1). Sign only the path.
QByteArray nflEventsPath(const QString &cursor = {}, const QString &status = QStringLiteral("open"));

EventsPage parseEventsPage(const QByteArray &body);
MarketsPage parseMarketsPage(const QByteArray &body);
// A single Market object; nullopt without a ticker.
std::optional<MarketListing> parseMarket(const QJsonObject &market);

// Market `status` as REST returns it, or a status query word, as a MarketState (docs/protocols/kalshi.md §13.3).
MarketState marketStateFromRest(const QString &status);

// The KXNFLGAME games of a page, seeded with their listed prices and states. Events that do not have
// exactly two team markets are skipped and named in *skipped.
std::vector<NflGame> nflGames(const EventsPage &page, QStringList *skipped = nullptr);

} // namespace discovery

} // namespace tapescope::kalshi
