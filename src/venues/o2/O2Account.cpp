// The trade account's streams and REST bodies (docs/protocols/o2.md §4.3, §4.5, §4.6, §8) in normalized events.

#include "O2Account.h"

#include "O2ChainNumber.h"

#include <QtCore/QJsonArray>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

std::optional<QString> normalizedTradeAccount(const QString &text)
{
    static const QRegularExpression pattern(u"^0[xX][0-9a-fA-F]{64}$"_s);
    const QString trimmed = text.trimmed();
    if (!pattern.match(trimmed).hasMatch())
        return std::nullopt;
    return trimmed.toLower();
}

QString tradeAccountRule()
{
    return u"an O2 trade account is its contract id: 0x followed by 64 hex digits "
           "(0x1f2e…, as GET /v1/accounts?owner= lists it as trade_account_id)"_s;
}

namespace {

// A chain integer's digits: a JSON string ("1500000", "0x16e360") or a non-negative integral JSON number.
std::optional<std::string> chainText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().toStdString();
    if (value.isDouble()) {
        const double number = value.toDouble();
        if (number < 0 || std::floor(number) != number || number > 9.007199254740992e15)
            return std::nullopt;
        return QString::number(value.toInteger()).toStdString();
    }
    return std::nullopt;
}

// A chain integer scaled by `decimals`; *error says which field failed.
std::optional<Decimal> scaled(const QJsonValue &value, int decimals, const char *field, QString *error)
{
    const auto text = chainText(value);
    ChainNumberError why = ChainNumberError::None;
    const auto number = text ? chainToDecimal(*text, decimals, &why) : std::nullopt;
    if (!number)
        *error
            = u"%1 is %2"_s.arg(QLatin1String(field),
                                why == ChainNumberError::OutOfRange ? u"beyond the exact decimal range"_s
                                                                    : u"not an unsigned integer (string or number)"_s);
    return number;
}

// A venue time (string or number, unit by magnitude, docs/protocols/o2.md §4.0) in Unix ms; 0 when absent.
std::optional<std::int64_t> venueTime(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return 0;
    const auto text = chainText(value);
    const auto raw = text ? chainToUInt64(*text) : std::nullopt;
    if (!raw)
        return std::nullopt;
    return unixMillisFromVenueTime(*raw);
}

std::optional<std::int64_t> frameTime(const QJsonObject &frame, QString *error)
{
    for (const auto key : { "onchain_timestamp"_L1, "seen_timestamp"_L1 }) {
        const auto ts = venueTime(frame.value(key));
        if (!ts) {
            *error = QString(key) + u" is not an unsigned integer"_s;
            return std::nullopt;
        }
        if (*ts != 0)
            return ts;
    }
    return 0;
}

QString orderTypeName(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject() && !value.toObject().isEmpty())
        return value.toObject().begin().key(); // {"Limit":[...]}, {"BoundedMarket":{...}}
    return QString();
}

} // namespace

AccountDecoder::AccountDecoder(QString account)
    : m_account(std::move(account))
    , m_venue(venueName())
{ }

bool AccountDecoder::isAccountAction(std::string_view action)
{
    return action == "subscribe_orders" || action == "subscribe_balances" || action == "subscribe_nonce"
        || action == "nonce";
}

QString AccountDecoder::assetName(const QString &assetId) const
{
    const QString id = normaliseId(assetId);
    for (const Market &market : m_markets.markets()) {
        if (market.base.assetId == id)
            return market.base.symbol;
        if (market.quote.assetId == id)
            return market.quote.symbol;
    }
    return id;
}

std::vector<QString> AccountDecoder::assetIds() const
{
    std::vector<QString> ids;
    QSet<QString> seen;
    for (const Market &market : m_markets.markets()) {
        for (const MarketAsset *asset : { &market.base, &market.quote }) {
            if (!seen.contains(asset->assetId)) {
                seen.insert(asset->assetId);
                ids.push_back(asset->assetId);
            }
        }
    }
    return ids;
}

std::optional<QString> AccountDecoder::order(const QJsonObject &object, const QString &fallbackMarket,
                                             std::int64_t frameTs, bool snapshot, std::vector<OrderUpdate> &out,
                                             std::vector<FeedError> &errors) const
{
    const QJsonValue idValue = object.value("order_id"_L1);
    if (!idValue.isString() || idValue.toString().isEmpty())
        return u"order lacks order_id"_s;
    const QString marketText
        = object.contains("market_id"_L1) ? object.value("market_id"_L1).toString() : fallbackMarket;
    if (marketText.isEmpty())
        return u"order %1 names no market"_s.arg(idValue.toString());
    const Market *market = m_markets.byId(marketText);
    if (!market) {
        FeedError error { m_venue, u"unknown_market"_s,
                          u"order %1 of a market missing from /v1/markets: %2"_s.arg(idValue.toString(), marketText) };
        error.symbol = normaliseId(marketText);
        errors.push_back(std::move(error));
        return std::nullopt;
    }
    OrderUpdate update;
    AccountOrder &order = update.order;
    order.venue = m_venue;
    order.account = m_account;
    order.symbol = market->marketId;
    order.id = idValue.toString();
    order.snapshot = snapshot;
    QString error;
    if (const QJsonValue side = object.value("side"_L1); !side.isUndefined()) {
        const QString word = side.toString().toLower();
        if (word == u"buy"_s)
            order.side = Side::Buy;
        else if (word == u"sell"_s)
            order.side = Side::Sell;
        else
            return u"order side is not buy or sell"_s;
    }
    order.orderType = orderTypeName(object.value("order_type"_L1));
    if (object.contains("price"_L1)) {
        order.price = scaled(object.value("price"_L1), market->quote.decimals, "price", &error);
        if (!order.price)
            return error;
    }
    if (object.contains("quantity"_L1)) {
        order.size = scaled(object.value("quantity"_L1), market->base.decimals, "quantity", &error);
        if (!order.size)
            return error;
    }
    if (object.contains("quantity_fill"_L1)) {
        order.filled = scaled(object.value("quantity_fill"_L1), market->base.decimals, "quantity_fill", &error);
        if (!order.filled)
            return error;
        update.filledChain = QString::fromStdString(*chainText(object.value("quantity_fill"_L1)));
    }
    if (object.contains("price_fill"_L1)) {
        const auto fillPrice = scaled(object.value("price_fill"_L1), market->quote.decimals, "price_fill", &error);
        if (!fillPrice)
            return error;
        if (!fillPrice->isZero())
            update.fillPrice = fillPrice;
    }
    const auto created = venueTime(object.value("timestamp"_L1));
    if (!created)
        return u"order timestamp is not an unsigned integer"_s;
    order.ts = frameTs != 0 ? frameTs : *created;
    for (const auto key : { "close"_L1, "cancel"_L1, "partially_filled"_L1 }) {
        const QJsonValue flag = object.value(key);
        if (!flag.isUndefined() && !flag.isNull() && !flag.isBool())
            return QString(key) + u" is not a boolean"_s;
    }
    const bool close = object.value("close"_L1).toBool();
    const bool cancel = object.value("cancel"_L1).toBool();
    const bool someFilled = (order.filled && !order.filled->isZero()) || object.value("partially_filled"_L1).toBool();
    if (close && cancel)
        order.status = u"canceled"_s;
    else if (close && order.filled && order.size && *order.filled >= *order.size)
        order.status = u"filled"_s;
    else if (close)
        order.status = u"closed"_s;
    else if (someFilled)
        order.status = u"partially_filled"_s;
    else
        order.status = u"open"_s;
    out.push_back(std::move(update));
    return std::nullopt;
}

std::optional<QString> AccountDecoder::balance(const QJsonObject &object, const QString &assetId, std::int64_t ts,
                                               bool snapshot, AccountBalance &out) const
{
    if (assetId.isEmpty())
        return u"balance lacks asset_id"_s;
    const QString id = normaliseId(assetId);
    int decimals = -1;
    for (const Market &market : m_markets.markets()) {
        if (market.base.assetId == id)
            decimals = market.base.decimals;
        else if (market.quote.assetId == id)
            decimals = market.quote.decimals;
        if (decimals >= 0)
            break;
    }
    if (decimals < 0)
        decimals = 0; // an asset no market lists: its scale is unknown, the chain integer is kept as it is
    QString error;
    const auto locked = scaled(object.value("total_locked"_L1), decimals, "total_locked", &error);
    if (!locked)
        return error;
    const auto unlocked = scaled(object.value("total_unlocked"_L1), decimals, "total_unlocked", &error);
    if (!unlocked)
        return error;
    // A zero side adds nothing (and must not force a common scale that a large other side cannot take).
    const auto total = locked->isZero() ? unlocked : unlocked->isZero() ? locked : locked->checkedAdd(*unlocked);
    if (!total)
        return u"total_locked + total_unlocked is beyond the exact decimal range"_s;
    out = AccountBalance { m_venue, m_account, assetName(id), total, unlocked, locked, ts, snapshot };
    return std::nullopt;
}

std::optional<QString> AccountDecoder::decodeFrame(const QJsonObject &frame, AccountFrame &out) const
{
    const QString action = frame.value("action"_L1).toString();
    QString error;
    const auto ts = frameTime(frame, &error);
    if (!ts)
        return error;
    AccountFrame result;
    if (action == u"subscribe_orders"_s) {
        const QJsonValue orders = frame.value("orders"_L1);
        if (!orders.isArray())
            return u"subscribe_orders lacks the orders list"_s;
        for (const QJsonValue &value : orders.toArray()) {
            if (!value.isObject())
                return u"an order is not an object"_s;
            if (auto problem = order(value.toObject(), QString(), *ts, false, result.orders, result.errors))
                return problem;
        }
    } else if (action == u"subscribe_balances"_s) {
        const QJsonValue balances = frame.value("balance"_L1);
        if (!balances.isArray())
            return u"subscribe_balances lacks the balance list"_s;
        for (const QJsonValue &value : balances.toArray()) {
            if (!value.isObject())
                return u"a balance entry is not an object"_s;
            const QJsonObject entry = value.toObject();
            AccountBalance balance;
            if (auto problem = this->balance(entry, entry.value("asset_id"_L1).toString(), *ts, false, balance))
                return problem;
            result.balances.push_back(std::move(balance));
        }
    } else if (action == u"subscribe_nonce"_s || action == u"nonce"_s) {
        const auto text = chainText(frame.value("nonce"_L1));
        const auto nonce = text ? chainToUInt64(*text) : std::nullopt;
        if (!nonce)
            return u"nonce is not an unsigned integer"_s;
        const QString contract = frame.value("contract_id"_L1).toString();
        if (!contract.isEmpty() && normaliseId(contract) != normaliseId(m_account)) {
            result.foreign = true;
        } else {
            result.nonce = AccountNonce { m_venue, m_account, QString::number(*nonce), *ts, false };
        }
    } else {
        return u"not an account action: "_s + action;
    }
    out = std::move(result);
    return std::nullopt;
}

std::optional<QString> AccountDecoder::ordersBody(const QJsonDocument &body, const QString &marketId,
                                                  std::vector<OrderUpdate> &out) const
{
    QJsonArray list;
    QString market = marketId;
    if (body.isArray()) {
        list = body.array();
    } else if (body.isObject()) {
        const QJsonObject object = body.object();
        if (object.value("orders"_L1).isArray()) {
            list = object.value("orders"_L1).toArray();
            if (object.value("market_id"_L1).isString())
                market = object.value("market_id"_L1).toString();
        } else if (object.value("order"_L1).isObject()) {
            list.append(object.value("order"_L1)); // GET /v1/order, wrapped in some versions (§8)
        } else if (object.contains("order_id"_L1)) {
            list.append(object);
        } else {
            return u"orders body lacks orders"_s;
        }
    } else {
        return u"orders body is not JSON"_s;
    }
    std::vector<OrderUpdate> orders;
    std::vector<FeedError> errors;
    for (const QJsonValue &value : list) {
        if (!value.isObject())
            return u"an order is not an object"_s;
        if (auto problem = order(value.toObject(), market, 0, true, orders, errors))
            return problem;
    }
    if (!errors.empty())
        return errors.front().message;
    out.insert(out.end(), orders.begin(), orders.end());
    return std::nullopt;
}

std::optional<QString> AccountDecoder::balanceBody(const QJsonObject &body, const QString &assetId,
                                                   AccountBalance &out) const
{
    return balance(body, assetId, 0, true, out);
}

std::optional<QString> AccountDecoder::accountBody(const QJsonObject &body, AccountNonce &out) const
{
    const QJsonObject account = body.value("trade_account"_L1).toObject();
    const auto text = chainText(account.value("nonce"_L1));
    const auto nonce = text ? chainToUInt64(*text) : std::nullopt;
    if (!nonce)
        return u"trade_account.nonce is missing or not an unsigned integer"_s;
    const auto ts = venueTime(account.value("last_modification"_L1));
    if (!ts)
        return u"trade_account.last_modification is not an unsigned integer"_s;
    out = AccountNonce { m_venue, m_account, QString::number(*nonce), *ts, true };
    return std::nullopt;
}

std::optional<AccountFill> impliedFill(const std::optional<AccountOrder> &known, const OrderUpdate &update)
{
    const AccountOrder &order = update.order;
    if (!order.filled || order.filled->isZero() || update.filledChain.isEmpty())
        return std::nullopt;
    const Decimal before = known && known->filled ? *known->filled : Decimal::fromInteger(0);
    if (*order.filled <= before)
        return std::nullopt;
    const auto size = order.filled->checkedSub(before);
    const auto price = update.fillPrice ? update.fillPrice : order.price;
    if (!size || !price)
        return std::nullopt;
    AccountFill fill;
    fill.venue = order.venue;
    fill.account = order.account;
    fill.symbol = order.symbol;
    fill.id = order.id + u':' + update.filledChain;
    fill.orderId = order.id;
    fill.side = order.side ? order.side : (known ? known->side : std::nullopt);
    fill.price = *price;
    fill.size = *size;
    fill.ts = order.ts;
    fill.snapshot = order.snapshot;
    return fill;
}

} // namespace tapescope::o2
