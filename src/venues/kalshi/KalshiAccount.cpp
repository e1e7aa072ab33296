#include "venues/kalshi/KalshiAccount.h"

#include "core/TimeUnits.h"
#include "venues/kalshi/KalshiCodec.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

// A field read in both generations (§8): nullopt when absent, *bad set when present but unreadable.
struct Reader
{
    const QJsonObject &object;
    QString bad; // the first field that could not be read

    bool has(const char *key) const
    {
        const QJsonValue value = object.value(QLatin1String(key));
        return !value.isUndefined() && !value.isNull();
    }

    QString text(const char *key) const { return object.value(QLatin1String(key)).toString(); }

    // A decimal string ("0.7500", "278.00"); numbers are refused (they would have gone through a double).
    std::optional<Decimal> decimal(const char *key)
    {
        if (!has(key))
            return std::nullopt;
        const QJsonValue value = object.value(QLatin1String(key));
        std::optional<Decimal> parsed = value.isString() ? Decimal::parse(value.toString()) : std::nullopt;
        if (!parsed && bad.isEmpty())
            bad = QLatin1String(key);
        return parsed;
    }

    // An integer amount with `scale` fraction digits: cents (2), centi-cents (4), contracts (0).
    std::optional<Decimal> scaled(const char *key, int scale)
    {
        if (!has(key))
            return std::nullopt;
        const QJsonValue value = object.value(QLatin1String(key));
        const double number = value.toDouble();
        if (!value.isDouble() || number != static_cast<double>(value.toInteger()) || std::abs(number) > 9.0e15) {
            if (bad.isEmpty())
                bad = QLatin1String(key);
            return std::nullopt;
        }
        return Decimal::fromRaw(value.toInteger(), scale);
    }

    // The new string field, else the old integer one.
    std::optional<Decimal> either(const char *newKey, const char *oldKey, int oldScale)
    {
        if (has(newKey))
            return decimal(newKey);
        return scaled(oldKey, oldScale);
    }

    // Unix ms from an ISO 8601 text ("2024-12-01T10:00:00Z"), else 0.
    std::int64_t isoTime(const char *key) const
    {
        const QString value = text(key);
        if (value.isEmpty())
            return 0;
        const QDateTime time = QDateTime::fromString(value, Qt::ISODateWithMs);
        return time.isValid() ? time.toMSecsSinceEpoch() : 0;
    }

    // Unix seconds (or ms when it is that large) as ms, else 0.
    std::int64_t unixTime(const char *key) const
    {
        const QJsonValue value = object.value(QLatin1String(key));
        if (!value.isDouble())
            return 0;
        const std::int64_t number = value.toInteger();
        const std::optional<std::int64_t> ms
            = number > 100'000'000'000LL ? time_units::millisToMs(number) : time_units::secondsToMs(number);
        return ms.value_or(0); // out of the window: no time
    }
};

std::optional<Decimal> oneMinus(const std::optional<Decimal> &noPrice)
{
    if (!noPrice)
        return std::nullopt;
    return Decimal::fromInteger(1).checkedSub(*noPrice);
}

// The YES price: yes_price_dollars, else 1 − no_price_dollars, else the cents of either.
std::optional<Decimal> yesPrice(Reader &r)
{
    if (r.has("yes_price_dollars"))
        return r.decimal("yes_price_dollars");
    if (r.has("no_price_dollars"))
        return oneMinus(r.decimal("no_price_dollars"));
    if (r.has("yes_price"))
        return r.scaled("yes_price", 2);
    if (r.has("no_price"))
        return oneMinus(r.scaled("no_price", 2));
    return std::nullopt;
}

// Toward YES (buy) = bought YES or sold NO. `side` (deprecated) or `outcome_side` names the contract, `action` what
// was done with it ("buy", "sell", "sell_partial", "sell_to_close"). Without an action: `book_side` bid/ask on the
// YES book, else (user_order carries none) the order buys the contract it names.
std::optional<Side> yesViewSide(const Reader &r)
{
    QString contract = r.text("outcome_side");
    if (contract.isEmpty())
        contract = r.text("side");
    const QString action = r.text("action");
    const bool yes = contract == u"yes"_s;
    if (!yes && contract != u"no"_s) {
        const QString bookSide = r.text("book_side");
        if (bookSide == u"bid"_s)
            return Side::Buy;
        if (bookSide == u"ask"_s)
            return Side::Sell;
        return std::nullopt;
    }
    if (action.isEmpty()) {
        const QString bookSide = r.text("book_side");
        if (bookSide == u"bid"_s)
            return Side::Buy;
        if (bookSide == u"ask"_s)
            return Side::Sell;
        return yes ? Side::Buy : Side::Sell;
    }
    const bool sells = action.startsWith(u"sell"_s);
    if (!sells && action != u"buy"_s)
        return std::nullopt;
    return yes != sells ? Side::Buy : Side::Sell;
}

QString symbolOf(const Reader &r)
{
    const QString ticker = r.text("market_ticker");
    return ticker.isEmpty() ? r.text("ticker") : ticker;
}

QString missing(const char *what, const char *field)
{
    return u"%1 without %2"_s.arg(QLatin1String(what), QLatin1String(field));
}

} // namespace

QString normalizedOrderStatus(const QString &status, bool partiallyFilled, QString *venueWord)
{
    QString normalized = status;
    if (status == u"resting"_s || status == u"pending"_s)
        normalized = partiallyFilled ? u"partially_filled"_s : u"open"_s;
    else if (status == u"executed"_s)
        normalized = u"filled"_s;
    else if (status == u"cancelled"_s)
        normalized = u"canceled"_s;
    if (venueWord)
        *venueWord = normalized == status ? QString() : status;
    return normalized;
}

QByteArray portfolioPath(const QString &what, const QString &cursor, int limit, const QString &extraQuery)
{
    QByteArray path = "/trade-api/v2/portfolio/" + what.toUtf8() + "?limit=" + QByteArray::number(limit);
    if (!extraQuery.isEmpty())
        path += '&' + extraQuery.toUtf8();
    if (!cursor.isEmpty())
        path += "&cursor=" + QUrl::toPercentEncoding(cursor); // a cursor may hold '+', '/', '='
    return path;
}

AccountDecoder::AccountDecoder(QString account)
    : m_account(std::move(account))
    , m_venue(QString::fromLatin1(VenueName))
{ }

bool AccountDecoder::isAccountMessage(const QString &type)
{
    return type == u"fill"_s || type == u"market_position"_s || type == u"user_order"_s;
}

std::optional<AccountFill> AccountDecoder::fill(const QJsonObject &object, bool snapshot, QString *error) const
{
    Reader r { object, {} };
    AccountFill fill;
    fill.venue = m_venue;
    fill.account = m_account;
    fill.symbol = symbolOf(r);
    fill.id = r.text("trade_id");
    if (fill.id.isEmpty())
        fill.id = r.text("fill_id");
    fill.orderId = r.text("order_id");
    fill.side = yesViewSide(r);
    const std::optional<Decimal> price = yesPrice(r);
    const std::optional<Decimal> size = r.either("count_fp", "count", 0);
    fill.fee = r.decimal("fee_cost");
    if (fill.fee)
        fill.feeAsset = u"USD"_s;
    if (object.value("is_taker"_L1).isBool())
        fill.liquidity
            = object.value("is_taker"_L1).toBool() ? AccountFill::Liquidity::Taker : AccountFill::Liquidity::Maker;
    fill.ts = r.has("ts_ms") ? r.object.value("ts_ms"_L1).toInteger() : r.isoTime("created_time");
    if (fill.ts == 0)
        fill.ts = r.unixTime("ts");
    fill.snapshot = snapshot;
    if (!r.bad.isEmpty()) {
        *error = u"fill: unreadable %1"_s.arg(r.bad);
        return std::nullopt;
    }
    if (fill.id.isEmpty() || fill.symbol.isEmpty() || !price || !size) {
        *error = missing("fill",
                         fill.id.isEmpty()           ? "trade_id"
                             : fill.symbol.isEmpty() ? "market_ticker"
                             : !price                ? "a price"
                                                     : "count_fp");
        return std::nullopt;
    }
    fill.price = *price;
    fill.size = *size;
    return fill;
}

std::optional<AccountOrder> AccountDecoder::order(const QJsonObject &object, bool snapshot, QString *error) const
{
    Reader r { object, {} };
    AccountOrder order;
    order.venue = m_venue;
    order.account = m_account;
    order.symbol = symbolOf(r);
    order.id = r.text("order_id");
    order.clientId = r.text("client_order_id");
    order.side = yesViewSide(r);
    order.orderType = r.text("type");
    order.price = yesPrice(r);
    order.size = r.either("initial_count_fp", "initial_count", 0);
    order.filled = r.either("fill_count_fp", "fill_count", 0);
    if (!order.size) {
        const std::optional<Decimal> remaining = r.either("remaining_count_fp", "remaining_count", 0);
        if (remaining && order.filled)
            order.size = remaining->checkedAdd(*order.filled);
    }
    const QString status = r.text("status");
    const bool partially = order.filled && !order.filled->isZero();
    order.status = normalizedOrderStatus(status, partially, &order.venueStatus);
    order.tif = r.text("time_in_force");
    order.ts = r.isoTime("last_update_time");
    if (order.ts == 0)
        order.ts = r.isoTime("created_time");
    order.snapshot = snapshot;
    if (!r.bad.isEmpty()) {
        *error = u"order: unreadable %1"_s.arg(r.bad);
        return std::nullopt;
    }
    if (order.id.isEmpty() || order.symbol.isEmpty() || status.isEmpty()) {
        *error = missing("order", order.id.isEmpty() ? "order_id" : order.symbol.isEmpty() ? "ticker" : "status");
        return std::nullopt;
    }
    return order;
}

std::optional<AccountPosition> AccountDecoder::position(const QJsonObject &object, std::int64_t ts, bool centiCents,
                                                        bool snapshot, QString *error) const
{
    Reader r { object, {} };
    const int amountScale = centiCents ? 4 : 2;
    AccountPosition position;
    position.venue = m_venue;
    position.account = m_account;
    position.symbol = symbolOf(r);
    const std::optional<Decimal> size = r.either("position_fp", "position", 0);
    // What the contracts cost: position_cost (message) / market_exposure (REST) → margin.
    position.margin = r.has("position_cost_dollars") || r.has("position_cost")
        ? r.either("position_cost_dollars", "position_cost", amountScale)
        : r.either("market_exposure_dollars", "market_exposure", amountScale);
    position.realizedPnl = r.either("realized_pnl_dollars", "realized_pnl", amountScale);
    position.fees = r.either("fees_paid_dollars", "fees_paid", amountScale);
    const std::int64_t updated = r.isoTime("last_updated_ts");
    position.ts = updated != 0 ? updated : ts;
    position.snapshot = snapshot;
    if (!r.bad.isEmpty()) {
        *error = u"position: unreadable %1"_s.arg(r.bad);
        return std::nullopt;
    }
    if (position.symbol.isEmpty() || !size) {
        *error = missing("position", position.symbol.isEmpty() ? "market_ticker" : "position_fp");
        return std::nullopt;
    }
    position.size = *size;
    return position;
}

std::optional<QString> AccountDecoder::decodeMessage(const QJsonObject &message, std::int64_t receivedAtMs,
                                                     AccountEventBatch &out) const
{
    const QString type = message.value("type"_L1).toString();
    const QJsonValue msg = message.value("msg"_L1);
    if (!msg.isObject())
        return u"%1 without msg"_s.arg(type);
    QString error;
    if (type == u"fill"_s) {
        auto fill = this->fill(msg.toObject(), false, &error);
        if (!fill)
            return error;
        out.emplace_back(std::move(*fill));
    } else if (type == u"market_position"_s) {
        auto position = this->position(msg.toObject(), receivedAtMs, true, false, &error);
        if (!position)
            return error;
        out.emplace_back(std::move(*position));
    } else if (type == u"user_order"_s) {
        auto order = this->order(msg.toObject(), false, &error);
        if (!order)
            return error;
        if (order->ts == 0)
            order->ts = receivedAtMs;
        out.emplace_back(std::move(*order));
    } else {
        return u"not an account message: %1"_s.arg(type);
    }
    return std::nullopt;
}

namespace {

template<typename T, typename Decode>
std::optional<AccountDecoder::Page<T>> page(const QJsonObject &body, const char *listKey, QString *error,
                                            Decode &&decode)
{
    const QJsonValue list = body.value(QLatin1String(listKey));
    if (!list.isArray() && !list.isNull()) {
        *error = u"no %1 list"_s.arg(QLatin1String(listKey));
        return std::nullopt;
    }
    AccountDecoder::Page<T> result;
    result.cursor = body.value("cursor"_L1).toString();
    for (const QJsonValue &item : list.toArray()) {
        if (!item.isObject()) {
            *error = u"%1: an entry that is not an object"_s.arg(QLatin1String(listKey));
            return std::nullopt;
        }
        auto decoded = decode(item.toObject(), error);
        if (!decoded)
            return std::nullopt;
        result.items.push_back(std::move(*decoded));
    }
    return result;
}

} // namespace

std::optional<AccountDecoder::Page<AccountFill>> AccountDecoder::fillsPage(const QJsonObject &body,
                                                                           QString *error) const
{
    return page<AccountFill>(body, "fills", error,
                             [this](const QJsonObject &o, QString *e) { return fill(o, true, e); });
}

std::optional<AccountDecoder::Page<AccountOrder>> AccountDecoder::ordersPage(const QJsonObject &body,
                                                                             QString *error) const
{
    return page<AccountOrder>(body, "orders", error,
                              [this](const QJsonObject &o, QString *e) { return order(o, true, e); });
}

std::optional<AccountDecoder::Page<AccountPosition>>
AccountDecoder::positionsPage(const QJsonObject &body, std::int64_t receivedAtMs, QString *error) const
{
    return page<AccountPosition>(
        body, "market_positions", error,
        [this, receivedAtMs](const QJsonObject &o, QString *e) { return position(o, receivedAtMs, false, true, e); });
}

std::optional<AccountDecoder::Balance> AccountDecoder::balance(const QJsonObject &body, std::int64_t receivedAtMs,
                                                               bool snapshot, QString *error) const
{
    Reader r { body, {} };
    const std::optional<Decimal> cash = r.either("balance_dollars", "balance", 2);
    if (!r.bad.isEmpty() || !cash) {
        *error = r.bad.isEmpty() ? u"balance without balance"_s : u"balance: unreadable %1"_s.arg(r.bad);
        return std::nullopt;
    }
    std::int64_t ts = r.unixTime("updated_ts");
    if (ts == 0)
        ts = receivedAtMs;
    Balance result;
    result.balance = AccountBalance { m_venue, m_account, u"USD"_s, std::nullopt, cash, std::nullopt, ts, snapshot };
    result.summary.venue = m_venue;
    result.summary.account = m_account;
    result.summary.cash = cash;
    result.summary.buyingPower = cash;
    result.summary.currency = u"USD"_s;
    result.summary.ts = ts;
    result.summary.snapshot = snapshot;
    return result;
}

} // namespace tapescope::kalshi
