// Alpaca's trading stream and account REST bodies (docs/protocols/alpaca.md §9, §10). Trading frames are few (an
// order event, a fill), so they are read with Qt's JSON; money values are decimal strings there (§9), read as text
// into Decimal.

#include "AlpacaAccount.h"

#include "core/IsoTime.h"
#include "core/TimeUnits.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::alpaca {

namespace {

const QString kVenue = u"alpaca"_s;

// Field readers: false when the key is there with the wrong type; an absent or null key leaves `out` empty.
bool optionalDecimal(const QJsonObject &object, QLatin1StringView key, std::optional<Decimal> &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString()) {
        if (value.toString().isEmpty())
            return true; // mleg orders send "" for what does not apply
        out = Decimal::parse(value.toString());
        return out.has_value();
    }
    if (value.isDouble()) { // SDK mocks send "qty": 1 (§9.3)
        const double number = value.toDouble();
        if (!std::isfinite(number))
            return false;
        const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
        out = integer != std::numeric_limits<qint64>::min() ? std::optional(Decimal::fromInteger(integer))
                                                            : Decimal::parse(QString::number(number, 'g', 15));
        return out.has_value();
    }
    return false;
}

bool optionalString(const QJsonObject &object, QLatin1StringView key, QString &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    out = value.toString();
    return true;
}

// RFC 3339 with 0-9 fraction digits and a zone (§8); 0 when absent or null.
bool optionalTime(const QJsonObject &object, QLatin1StringView key, std::int64_t &ms)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isString())
        return false;
    const QByteArray text = value.toString().toUtf8();
    const auto parsed = parseIsoTimestamp(std::string_view(text.constData(), std::size_t(text.size())));
    if (!parsed || !time_units::inWindow(parsed->ms))
        return false;
    ms = parsed->ms;
    return true;
}

// "buy", "sell"; activities also say "sell_short" (a sell that opens a short). Anything else (mleg's "") is no side.
std::optional<Side> sideOf(const QString &text)
{
    if (text == u"buy"_s)
        return Side::Buy;
    if (text == u"sell"_s || text == u"sell_short"_s)
        return Side::Sell;
    return std::nullopt;
}

template<typename T> std::optional<T> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QUrl tradingBaseUrl(bool paper)
{
    return QUrl(paper ? u"https://paper-api.alpaca.markets"_s : u"https://api.alpaca.markets"_s);
}

QUrl tradingStreamUrl(const QUrl &base)
{
    QUrl url = base;
    const QString scheme = base.scheme();
    if (scheme == u"http"_s || scheme == u"ws"_s)
        url.setScheme(u"ws"_s);
    else if (scheme == u"https"_s || scheme == u"wss"_s)
        url.setScheme(u"wss"_s);
    else
        return {};
    url.setPath(u"/stream"_s);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QByteArray tradingAuthFrame(TradingAuthForm form, const QString &keyId, const QString &secret)
{
    QJsonObject frame;
    if (form == TradingAuthForm::Auth) {
        frame.insert("action"_L1, u"auth"_s);
        frame.insert("key"_L1, keyId);
        frame.insert("secret"_L1, secret);
    } else {
        frame.insert("action"_L1, u"authenticate"_s);
        frame.insert("data"_L1, QJsonObject { { u"key_id"_s, keyId }, { u"secret_key"_s, secret } });
    }
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

QByteArray tradingListenFrame(const QStringList &streams)
{
    const QJsonObject frame { { u"action"_s, u"listen"_s },
                              { u"data"_s, QJsonObject { { u"streams"_s, QJsonArray::fromStringList(streams) } } } };
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

QString normalizedOrderStatus(const QString &status, QString *venueWord)
{
    venueWord->clear();
    if (status == u"new"_s || status == u"accepted"_s || status == u"pending_new"_s) {
        *venueWord = status;
        return u"open"_s;
    }
    // A replaced order is over: a new order (its `replaced_by`) carries on (docs/protocols/alpaca.md §10).
    if (status == u"replaced"_s) {
        *venueWord = status;
        return u"canceled"_s;
    }
    return status; // partially_filled, filled, canceled, expired, rejected, and every other word as sent
}

QString executionKey(const QString &orderId, const std::optional<Decimal> &cumulative)
{
    if (orderId.isEmpty() || !cumulative)
        return {};
    QString quantity = cumulative->toString();
    if (quantity.contains(u'.')) {
        while (quantity.endsWith(u'0'))
            quantity.chop(1);
        if (quantity.endsWith(u'.'))
            quantity.chop(1);
    }
    return orderId + u'@' + quantity;
}

AccountDecoder::AccountDecoder(QString account)
    : m_account(std::move(account))
{ }

QString AccountDecoder::accountIdOf(const QJsonObject &body)
{
    const QString id = body.value("id"_L1).toString();
    return id.isEmpty() ? body.value("account_number"_L1).toString() : id;
}

std::optional<AccountOrder> AccountDecoder::order(const QJsonObject &o, bool snapshot, QString *error) const
{
    AccountOrder order;
    order.venue = kVenue;
    order.account = m_account;
    order.snapshot = snapshot;
    if (!o.value("id"_L1).isString() || o.value("id"_L1).toString().isEmpty())
        return failed<AccountOrder>(error, u"order without an id"_s);
    order.id = o.value("id"_L1).toString();
    QString side;
    QString status;
    QString orderType;
    QString legacyType;
    std::int64_t updated = 0;
    std::int64_t submitted = 0;
    std::int64_t created = 0;
    if (!optionalString(o, "symbol"_L1, order.symbol) || !optionalString(o, "client_order_id"_L1, order.clientId)
        || !optionalString(o, "side"_L1, side) || !optionalString(o, "type"_L1, orderType)
        || !optionalString(o, "order_type"_L1, legacyType) || !optionalString(o, "time_in_force"_L1, order.tif)
        || !optionalString(o, "status"_L1, status) || !optionalDecimal(o, "qty"_L1, order.size)
        || !optionalDecimal(o, "filled_qty"_L1, order.filled) || !optionalDecimal(o, "limit_price"_L1, order.price)
        || !optionalDecimal(o, "stop_price"_L1, order.triggerPrice) || !optionalTime(o, "updated_at"_L1, updated)
        || !optionalTime(o, "submitted_at"_L1, submitted) || !optionalTime(o, "created_at"_L1, created))
        return failed<AccountOrder>(error, u"order %1: a field has the wrong type"_s.arg(order.id));
    order.side = sideOf(side);
    order.orderType = orderType.isEmpty() ? legacyType : orderType;
    order.status = normalizedOrderStatus(status, &order.venueStatus);
    order.ts = updated != 0 ? updated : submitted != 0 ? submitted : created;
    return order;
}

std::optional<std::vector<AccountOrder>> AccountDecoder::orders(const QJsonValue &body, bool snapshot,
                                                                QString *error) const
{
    if (!body.isArray())
        return failed<std::vector<AccountOrder>>(error, u"orders: not an array"_s);
    std::vector<AccountOrder> out;
    for (const QJsonValue &item : body.toArray()) {
        auto parsed = order(item.toObject(), snapshot, error);
        if (!parsed)
            return std::nullopt;
        out.push_back(std::move(*parsed));
    }
    return out;
}

std::optional<AccountEventBatch> AccountDecoder::tradeUpdate(const QJsonObject &data, QString *event,
                                                             QString *error) const
{
    *event = data.value("event"_L1).toString();
    if (event->isEmpty())
        return failed<AccountEventBatch>(error, u"trade update without an event"_s);
    if (!data.value("order"_L1).isObject())
        return failed<AccountEventBatch>(error, u"trade update '%1' without an order"_s.arg(*event));
    const QJsonObject o = data.value("order"_L1).toObject();
    auto order = this->order(o, false, error);
    if (!order)
        return std::nullopt;
    if (o.value("status"_L1).toString().isEmpty()) // no word of the order's own: the event's, as sent
        order->status = normalizedOrderStatus(*event, &order->venueStatus);
    std::int64_t timestamp = 0;
    std::int64_t at = 0;
    if (!optionalTime(data, "timestamp"_L1, timestamp) || !optionalTime(data, "at"_L1, at))
        return failed<AccountEventBatch>(error, u"trade update '%1': bad time"_s.arg(*event));
    const std::int64_t when = timestamp != 0 ? timestamp : at;
    if (when != 0)
        order->ts = when;

    AccountEventBatch events;
    if (*event == u"fill"_s || *event == u"partial_fill"_s) {
        AccountFill fill;
        fill.venue = kVenue;
        fill.account = m_account;
        fill.symbol = order->symbol;
        fill.orderId = order->id;
        fill.side = order->side;
        fill.ts = when != 0 ? when : order->ts;
        std::optional<Decimal> price;
        std::optional<Decimal> qty;
        if (!optionalString(data, "execution_id"_L1, fill.id) || !optionalDecimal(data, "price"_L1, price)
            || !optionalDecimal(data, "qty"_L1, qty) || !price || !qty)
            return failed<AccountEventBatch>(
                error, u"%1 of order %2: price, qty or execution_id missing or wrong"_s.arg(*event, order->id));
        fill.price = *price;
        fill.size = *qty;
        fill.key = executionKey(order->id, order->filled);
        if (fill.id.isEmpty()) {
            if (fill.key.isEmpty())
                return failed<AccountEventBatch>(error,
                                                 u"%1 of order %2 without execution_id"_s.arg(*event, order->id));
            fill.id = fill.key;
        }
        if (fill.key.isEmpty())
            fill.key = fill.id;
        events.emplace_back(std::move(*order));
        events.emplace_back(std::move(fill));
    } else {
        events.emplace_back(std::move(*order));
    }
    return events;
}

std::optional<TradingMessage> AccountDecoder::decodeFrame(QByteArrayView frame, QString *error) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return failed<TradingMessage>(error,
                                      parseError.error != QJsonParseError::NoError
                                          ? u"not JSON: "_s + parseError.errorString()
                                          : u"not a JSON object"_s);
    const QJsonObject object = document.object();
    const QString stream = object.value("stream"_L1).toString();
    const QJsonObject data = object.value("data"_L1).toObject();
    TradingMessage message;
    if (stream == u"authorization"_s) {
        message.kind = TradingMessage::Kind::Authorization;
        message.status = data.value("status"_L1).toString();
        message.action = data.value("action"_L1).toString();
        if (message.status.isEmpty())
            return failed<TradingMessage>(error, u"authorization without a status"_s);
        message.authorized = message.status == u"authorized"_s;
    } else if (stream == u"listening"_s) {
        message.kind = TradingMessage::Kind::Listening;
        const QJsonValue streams = data.value("streams"_L1);
        if (!streams.isArray())
            return failed<TradingMessage>(error, u"listening without streams"_s);
        for (const QJsonValue &name : streams.toArray())
            message.streams.append(name.toString());
    } else if (stream == u"trade_updates"_s) {
        message.kind = TradingMessage::Kind::TradeUpdate;
        if (!object.value("data"_L1).isObject())
            return failed<TradingMessage>(error, u"trade_updates without data"_s);
        auto events = tradeUpdate(data, &message.event, error);
        if (!events)
            return std::nullopt;
        message.events = std::move(*events);
    } else if (object.value("action"_L1).toString() == u"error"_s) {
        message.kind = TradingMessage::Kind::Error;
        message.errorMessage = data.value("error_message"_L1).toString();
        if (message.errorMessage.isEmpty())
            message.errorMessage
                = object.value("data"_L1).isString() ? object.value("data"_L1).toString() : u"(no message)"_s;
    }
    return message;
}

std::optional<AccountSummary> AccountDecoder::accountSummary(const QJsonObject &body, std::int64_t receivedAtMs,
                                                             bool snapshot, QString *error) const
{
    AccountSummary summary;
    summary.venue = kVenue;
    summary.account = m_account;
    summary.ts = receivedAtMs; // the body carries no time of its own
    summary.snapshot = snapshot;
    if (!optionalDecimal(body, "equity"_L1, summary.equity) || !optionalDecimal(body, "cash"_L1, summary.cash)
        || !optionalDecimal(body, "buying_power"_L1, summary.buyingPower)
        || !optionalString(body, "currency"_L1, summary.currency))
        return failed<AccountSummary>(error, u"account: a field has the wrong type"_s);
    if (!summary.equity && !summary.cash && !summary.buyingPower)
        return failed<AccountSummary>(error, u"account: no equity, cash or buying_power"_s);
    return summary;
}

std::optional<std::vector<AccountPosition>> AccountDecoder::positions(const QJsonValue &body, std::int64_t receivedAtMs,
                                                                      bool snapshot, QString *error) const
{
    if (!body.isArray())
        return failed<std::vector<AccountPosition>>(error, u"positions: not an array"_s);
    std::vector<AccountPosition> out;
    for (const QJsonValue &item : body.toArray()) {
        const QJsonObject p = item.toObject();
        AccountPosition position;
        position.venue = kVenue;
        position.account = m_account;
        position.ts = receivedAtMs;
        position.snapshot = snapshot;
        std::optional<Decimal> qty;
        QString side;
        if (!optionalString(p, "symbol"_L1, position.symbol) || position.symbol.isEmpty()
            || !optionalDecimal(p, "qty"_L1, qty) || !qty || !optionalString(p, "side"_L1, side)
            || !optionalDecimal(p, "avg_entry_price"_L1, position.entryPrice)
            || !optionalDecimal(p, "current_price"_L1, position.mark)
            || !optionalDecimal(p, "unrealized_pl"_L1, position.unrealizedPnl)
            || !optionalDecimal(p, "market_value"_L1, position.value))
            return failed<std::vector<AccountPosition>>(error, u"position: symbol, qty or a field missing or wrong"_s);
        // Short positions come with a negative qty; a short given unsigned is made negative.
        position.size = side == u"short"_s && !qty->isNegative() ? -*qty : *qty;
        out.push_back(std::move(position));
    }
    return out;
}

std::optional<std::vector<AccountFill>> AccountDecoder::fillActivities(const QJsonValue &body, bool snapshot,
                                                                       QString *lastId, QString *error) const
{
    lastId->clear();
    if (!body.isArray())
        return failed<std::vector<AccountFill>>(error, u"activities: not an array"_s);
    std::vector<AccountFill> out;
    for (const QJsonValue &item : body.toArray()) {
        const QJsonObject a = item.toObject();
        const QString id = a.value("id"_L1).toString();
        if (id.isEmpty())
            return failed<std::vector<AccountFill>>(error, u"activity without an id"_s);
        *lastId = id;
        const QString type = a.value("activity_type"_L1).toString();
        if (!type.isEmpty() && type != u"FILL"_s)
            continue;
        AccountFill fill;
        fill.venue = kVenue;
        fill.account = m_account;
        fill.id = id;
        fill.snapshot = snapshot;
        QString side;
        std::optional<Decimal> price;
        std::optional<Decimal> qty;
        std::optional<Decimal> cumulative;
        if (!optionalString(a, "symbol"_L1, fill.symbol) || !optionalString(a, "order_id"_L1, fill.orderId)
            || !optionalString(a, "side"_L1, side) || !optionalDecimal(a, "price"_L1, price)
            || !optionalDecimal(a, "qty"_L1, qty) || !optionalDecimal(a, "cum_qty"_L1, cumulative)
            || !optionalTime(a, "transaction_time"_L1, fill.ts) || !price || !qty)
            return failed<std::vector<AccountFill>>(error,
                                                    u"activity %1: price, qty or a field missing or wrong"_s.arg(id));
        fill.side = sideOf(side);
        fill.price = *price;
        fill.size = *qty;
        fill.key = executionKey(fill.orderId, cumulative);
        if (fill.key.isEmpty())
            fill.key = id;
        out.push_back(std::move(fill));
    }
    return out;
}

} // namespace tapescope::alpaca
