#pragma once

#include "core/AccountEvents.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>
#include <vector>

namespace tapescope::kalshi {

// The private channels of one member (docs/protocols/kalshi.md §6, §7.6, §7.7, §7.10).
namespace accountchannel {
inline constexpr char Fill[] = "fill";
inline constexpr char MarketPositions[] = "market_positions";
inline constexpr char UserOrders[] = "user_orders";
} // namespace accountchannel

// Normalizes Kalshi's portfolio data into account events for `account` (README "Account events", Kalshi paragraph).
// Pure. Orders and fills use the YES view like the book: side buy = toward YES (bought YES or sold NO), price = the
// YES price in dollars (a NO price p becomes 1 − p). Both wire generations are read (§8): dollar strings and `_fp`
// counts first, else the integer cents (prices, REST amounts) or centi-cents (market_position amounts of 2026-03).
class AccountDecoder
{
public:
    explicit AccountDecoder(QString account);

    const QString &account() const { return m_account; }

    // fill, market_position, user_order: the message types this decoder reads.
    static bool isAccountMessage(const QString &type);

    // One WebSocket message ({"type","sid","msg"}) of an account channel: its events appended to `out`. Returns
    // nullopt on success, else what was wrong (then nothing is appended). `receivedAtMs` stamps what carries no time
    // (market_position).
    std::optional<QString> decodeMessage(const QJsonObject &message, std::int64_t receivedAtMs,
                                         AccountEventBatch &out) const;

    // The objects the messages and REST bodies list. `centiCents`: integer amounts are 1/10,000 $ (the old
    // market_position message) rather than cents (the old REST MarketPosition).
    std::optional<AccountFill> fill(const QJsonObject &object, bool snapshot, QString *error) const;
    std::optional<AccountOrder> order(const QJsonObject &object, bool snapshot, QString *error) const;
    std::optional<AccountPosition> position(const QJsonObject &object, std::int64_t ts, bool centiCents, bool snapshot,
                                            QString *error) const;

    // REST bodies under /trade-api/v2/portfolio/ (docs/protocols/kalshi.md "Account"): each page's objects and
    // its `cursor` (empty: the last page). Events carry snapshot = true.
    template<typename T> struct Page
    {
        std::vector<T> items;
        QString cursor;
    };
    std::optional<Page<AccountFill>> fillsPage(const QJsonObject &body, QString *error) const;
    std::optional<Page<AccountOrder>> ordersPage(const QJsonObject &body, QString *error) const;
    std::optional<Page<AccountPosition>> positionsPage(const QJsonObject &body, std::int64_t receivedAtMs,
                                                       QString *error) const;
    struct Balance
    {
        AccountBalance balance; // asset USD, available = balance
        AccountSummary summary; // cash = buying_power = balance
    };
    std::optional<Balance> balance(const QJsonObject &body, std::int64_t receivedAtMs, bool snapshot,
                                   QString *error) const;

private:
    QString m_account;
    QString m_venue;
};

// An order status in Tapescope's words: resting → open (partially_filled once some of it filled), executed → filled,
// canceled; anything else as sent. `venueWord` gets Kalshi's word when it differs from the result.
QString normalizedOrderStatus(const QString &status, bool partiallyFilled, QString *venueWord);

// Paths (with query) of the portfolio calls: "/trade-api/v2/portfolio/<what>?limit=…[&status=…][&cursor=…]".
QByteArray portfolioPath(const QString &what, const QString &cursor, int limit, const QString &extraQuery = {});

} // namespace tapescope::kalshi
