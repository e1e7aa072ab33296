// Hyperliquid's user streams and account REST bodies (docs/protocols/hyperliquid.md §6, §7.6–7.16, §10).
// Account frames are few (a fill, an order update), so they are read with Qt's JSON rather than the simdjson
// path the market channels need; 64-bit ids stay exact through QJsonValue::toInteger().

#include "HyperliquidAccount.h"

#include "core/EventJson.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::hyperliquid {

namespace {

const QString kVenue = u"hyperliquid"_s;

// Field readers: false when the key is there with the wrong type; an absent or null key leaves `out` empty.
bool optionalDecimal(const QJsonObject &object, QLatin1StringView key, std::optional<Decimal> &out)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isString()) {
        out = Decimal::parse(value.toString());
        return out.has_value();
    }
    if (value.isDouble()) { // the docs type some of these as numbers; integral ones are exact
        const qint64 integer = value.toInteger(std::numeric_limits<qint64>::min());
        if (integer == std::numeric_limits<qint64>::min())
            return false;
        out = Decimal::fromInteger(integer);
        return true;
    }
    return false;
}

bool requiredDecimal(const QJsonObject &object, QLatin1StringView key, Decimal &out)
{
    std::optional<Decimal> value;
    if (!optionalDecimal(object, key, value) || !value)
        return false;
    out = *value;
    return true;
}

bool integer(const QJsonValue &value, std::int64_t &out)
{
    if (!value.isDouble())
        return false;
    const qint64 parsed = value.toInteger(std::numeric_limits<qint64>::min());
    if (parsed == std::numeric_limits<qint64>::min())
        return false;
    out = parsed;
    return true;
}

// Ids are JSON integers up to ~2^50 (§11); kept as text. A string id is taken as sent.
bool idText(const QJsonValue &value, QString &out)
{
    if (value.isString()) {
        out = value.toString();
        return !out.isEmpty();
    }
    std::int64_t number = 0;
    if (!integer(value, number))
        return false;
    out = QString::number(number);
    return true;
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

// "B" = buy (bid), "A" = sell (ask) (§7.6).
bool side(const QJsonValue &value, std::optional<Side> &out)
{
    const QString text = value.toString();
    if (text == u"B"_s)
        out = Side::Buy;
    else if (text == u"A"_s)
        out = Side::Sell;
    else
        return false;
    return true;
}

template<typename T> std::optional<T> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

bool sameAddress(const QJsonValue &user, const QString &account)
{
    return user.isUndefined() || user.isNull() || user.toString().compare(account, Qt::CaseInsensitive) == 0;
}

// An order object as openOrders/frontendOpenOrders list it and as orderUpdates/orderStatus wrap it (§7.6, §10).
bool readOrder(const QJsonObject &o, const QString &account, AccountOrder &order)
{
    order.venue = kVenue;
    order.account = account;
    if (!o.value("coin"_L1).isString() || !idText(o.value("oid"_L1), order.id) || !side(o.value("side"_L1), order.side))
        return false;
    order.symbol = o.value("coin"_L1).toString();
    std::optional<Decimal> remaining;
    if (!optionalDecimal(o, "limitPx"_L1, order.price) || !optionalDecimal(o, "sz"_L1, remaining)
        || !optionalDecimal(o, "origSz"_L1, order.size) || !optionalString(o, "cloid"_L1, order.clientId)
        || !optionalString(o, "orderType"_L1, order.orderType) || !optionalString(o, "tif"_L1, order.tif))
        return false;
    if (!remaining)
        return false;
    if (order.size) {
        order.filled = order.size->checkedSub(*remaining);
        if (!order.filled)
            return false;
    } else {
        order.size = remaining; // openOrders without origSz: only the remainder is known, not what filled
    }
    const QJsonValue reduceOnly = o.value("reduceOnly"_L1);
    if (reduceOnly.isBool())
        order.reduceOnly = reduceOnly.toBool();
    // A trigger price only means something on a trigger order (frontendOpenOrders sends "0.0" otherwise).
    if (o.value("isTrigger"_L1).toBool() && !optionalDecimal(o, "triggerPx"_L1, order.triggerPrice))
        return false;
    std::int64_t created = 0;
    if (integer(o.value("timestamp"_L1), created))
        order.ts = created;
    return true;
}

void setStatus(AccountOrder &order, const QString &venueStatus)
{
    const bool partial = order.filled && !order.filled->isZero();
    order.status = normalizedOrderStatus(venueStatus, partial, &order.venueStatus);
}

bool readFill(const QJsonObject &f, const QString &account, bool snapshot, AccountFill &fill)
{
    fill.venue = kVenue;
    fill.account = account;
    fill.snapshot = snapshot;
    std::int64_t time = 0;
    if (!f.value("coin"_L1).isString() || !idText(f.value("tid"_L1), fill.id) || !integer(f.value("time"_L1), time)
        || !side(f.value("side"_L1), fill.side) || !requiredDecimal(f, "px"_L1, fill.price)
        || !requiredDecimal(f, "sz"_L1, fill.size) || !optionalDecimal(f, "fee"_L1, fill.fee)
        || !optionalDecimal(f, "closedPnl"_L1, fill.closedPnl) || !optionalString(f, "feeToken"_L1, fill.feeAsset))
        return false;
    fill.symbol = f.value("coin"_L1).toString();
    fill.ts = time;
    if (f.contains("oid"_L1) && !idText(f.value("oid"_L1), fill.orderId))
        return false;
    const QJsonValue crossed = f.value("crossed"_L1);
    if (crossed.isBool())
        fill.liquidity = crossed.toBool() ? AccountFill::Liquidity::Taker : AccountFill::Liquidity::Maker;
    // §12.4: one tid can appear twice for one user (a self-trade); tid, oid and time together are unique.
    fill.key = fill.id + u'/' + fill.orderId + u'/' + QString::number(time);
    return true;
}

bool readFunding(const QJsonObject &f, const QString &account, bool snapshot, FundingPayment &funding)
{
    funding.venue = kVenue;
    funding.account = account;
    funding.snapshot = snapshot;
    if (!f.value("coin"_L1).isString() || !integer(f.value("time"_L1), funding.ts)
        || !requiredDecimal(f, "usdc"_L1, funding.amount) || !optionalDecimal(f, "fundingRate"_L1, funding.rate)
        || !optionalDecimal(f, "szi"_L1, funding.size))
        return false;
    funding.symbol = f.value("coin"_L1).toString();
    return true;
}

// {time, hash, delta:{type, ...}} (§7.10). The amount is the delta's `usdc` (deposit, withdraw, transfers,
// vault moves) or `amount` with its `token` (spotTransfer); a liquidation carries neither. A withdrawal is
// negative for the account.
bool readLedger(const QJsonObject &l, const QString &account, bool snapshot, LedgerEntry &entry)
{
    entry.venue = kVenue;
    entry.account = account;
    entry.snapshot = snapshot;
    const QJsonObject delta = l.value("delta"_L1).toObject();
    if (!integer(l.value("time"_L1), entry.ts) || !delta.value("type"_L1).isString()
        || !optionalString(l, "hash"_L1, entry.id))
        return false;
    entry.kind = delta.value("type"_L1).toString();
    if (delta.contains("usdc"_L1)) {
        if (!optionalDecimal(delta, "usdc"_L1, entry.amount))
            return false;
        entry.asset = u"USDC"_s;
    } else if (delta.contains("amount"_L1)) {
        if (!optionalDecimal(delta, "amount"_L1, entry.amount) || !optionalString(delta, "token"_L1, entry.asset))
            return false;
    }
    if (entry.amount && entry.kind == u"withdraw"_s && !entry.amount->isNegative())
        entry.amount = -*entry.amount;
    // One transaction can carry several entries (a batch): the hash, the kind and the time together are unique.
    entry.key = entry.id + u'/' + entry.kind + u'/' + QString::number(entry.ts) + u'/'
        + (entry.amount ? entry.amount->toString() : QString());
    return true;
}

} // namespace

std::optional<QString> normalizedAddress(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() != 42 || !trimmed.startsWith(u"0x"_s, Qt::CaseInsensitive))
        return std::nullopt;
    for (qsizetype i = 2; i < trimmed.size(); ++i) {
        const QChar c = trimmed.at(i);
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (!hex)
            return std::nullopt;
    }
    return trimmed.toLower();
}

QString addressRule()
{
    return u"an address is 0x followed by 40 hexadecimal digits, e.g. 0x70997970c51812dc3a010c7d01b50e0d17dc79c8"_s;
}

QString AccountSubscription::typeName(Type type)
{
    switch (type) {
    case Type::UserFills:
        return u"userFills"_s;
    case Type::OrderUpdates:
        return u"orderUpdates"_s;
    case Type::UserEvents:
        return u"userEvents"_s;
    case Type::UserFundings:
        return u"userFundings"_s;
    case Type::LedgerUpdates:
        return u"userNonFundingLedgerUpdates"_s;
    case Type::ClearinghouseState:
        return u"clearinghouseState"_s;
    case Type::SpotState:
        return u"spotState"_s;
    case Type::ActiveAssetData:
        return u"activeAssetData"_s;
    }
    return {};
}

QString AccountSubscription::key() const
{
    return type == Type::ActiveAssetData ? typeName(type) + u':' + coin : typeName(type) + u':' + user;
}

namespace {

QByteArray subscriptionFrame(const char *method, const AccountSubscription &subscription)
{
    QByteArray frame = "{\"method\":\"";
    frame.append(method).append("\",\"subscription\":{\"type\":");
    appendJsonString(frame, AccountSubscription::typeName(subscription.type));
    frame.append(",\"user\":");
    appendJsonString(frame, subscription.user);
    if (subscription.type == AccountSubscription::Type::ActiveAssetData) {
        frame.append(",\"coin\":");
        appendJsonString(frame, subscription.coin);
    }
    frame.append("}}");
    return frame;
}

} // namespace

QByteArray AccountSubscription::subscribeFrame() const
{
    return subscriptionFrame("subscribe", *this);
}

QByteArray AccountSubscription::unsubscribeFrame() const
{
    return subscriptionFrame("unsubscribe", *this);
}

QString normalizedOrderStatus(const QString &status, bool partiallyFilled, QString *venueWord)
{
    venueWord->clear();
    if (status == u"open"_s)
        return partiallyFilled ? u"partially_filled"_s : status;
    if (status == u"filled"_s || status == u"canceled"_s || status == u"rejected"_s || status == u"triggered"_s
        || status == u"expired"_s)
        return status;
    // marginCanceled, selfTradeCanceled, reduceOnlyCanceled, ..., scheduledCancel; tickRejected, ... (§7.6).
    if (status.endsWith(u"Canceled"_s) || status == u"scheduledCancel"_s) {
        *venueWord = status;
        return u"canceled"_s;
    }
    if (status.endsWith(u"Rejected"_s)) {
        *venueWord = status;
        return u"rejected"_s;
    }
    return status;
}

AccountDecoder::AccountDecoder(QString account)
    : m_account(std::move(account))
    , m_venue(kVenue)
{ }

bool AccountDecoder::isAccountChannel(std::string_view channel)
{
    return channel == "userFills" || channel == "orderUpdates" || channel == "user" || channel == "userFundings"
        || channel == "userNonFundingLedgerUpdates" || channel == "clearinghouseState" || channel == "spotState"
        || channel == "activeAssetData";
}

bool AccountDecoder::isPositionState(const QJsonObject &frame)
{
    return frame.value("channel"_L1).toString() == u"clearinghouseState"_s;
}

bool AccountDecoder::isBalanceState(const QJsonObject &frame)
{
    return frame.value("channel"_L1).toString() == u"spotState"_s;
}

std::optional<QString> AccountDecoder::decodeFrame(const QJsonObject &frame, AccountEventBatch &out) const
{
    const QString channel = frame.value("channel"_L1).toString();
    const QJsonValue dataValue = frame.value("data"_L1);
    const QJsonObject data = dataValue.toObject();
    AccountEventBatch events;
    // Channels whose data names the user (§7.8–7.10, §7.13, §7.16) are checked against this account: with one
    // socket per account a mismatch means a misbehaving server, and its data must not land in this account.
    if (dataValue.isObject() && !sameAddress(data.value("user"_L1), m_account))
        return u"%1 frame for another user (%2)"_s.arg(channel, data.value("user"_L1).toString());
    // `isSnapshot` may be true, false or absent (= false) (§3).
    const bool snapshot = data.value("isSnapshot"_L1).toBool(false);

    if (channel == u"userFills"_s) {
        QString error;
        auto fills = this->fills(data.value("fills"_L1), snapshot, &error);
        if (!fills)
            return error;
        for (AccountFill &fill : *fills)
            events.emplace_back(std::move(fill));
    } else if (channel == u"orderUpdates"_s) {
        if (!dataValue.isArray())
            return u"orderUpdates data is not an array"_s;
        for (const QJsonValue &item : dataValue.toArray()) {
            const QJsonObject update = item.toObject();
            AccountOrder order;
            if (!readOrder(update.value("order"_L1).toObject(), m_account, order)
                || !update.value("status"_L1).isString())
                return u"orderUpdates entry without coin, oid, side, sizes or status"_s;
            setStatus(order, update.value("status"_L1).toString());
            std::int64_t at = 0;
            if (integer(update.value("statusTimestamp"_L1), at))
                order.ts = at;
            events.emplace_back(std::move(order));
        }
    } else if (channel == u"user"_s) {
        // Exactly one key per frame (§7.7); unknown keys (twapSliceFills, ...) are ignored.
        if (data.contains("fills"_L1)) {
            QString error;
            auto fills = this->fills(data.value("fills"_L1), false, &error);
            if (!fills)
                return error;
            for (AccountFill &fill : *fills)
                events.emplace_back(std::move(fill));
        } else if (data.contains("funding"_L1)) {
            FundingPayment funding;
            if (!readFunding(data.value("funding"_L1).toObject(), m_account, false, funding))
                return u"user funding without time, coin or usdc"_s;
            events.emplace_back(std::move(funding));
        } else if (data.contains("liquidation"_L1)) {
            const QJsonObject l = data.value("liquidation"_L1).toObject();
            LedgerEntry entry;
            entry.venue = kVenue;
            entry.account = m_account;
            entry.kind = u"liquidation"_s;
            if (!idText(l.value("lid"_L1), entry.id))
                return u"user liquidation without lid"_s;
            entry.key = u"lid/"_s + entry.id;
            events.emplace_back(std::move(entry));
        } else if (data.contains("nonUserCancel"_L1)) {
            for (const QJsonValue &item : data.value("nonUserCancel"_L1).toArray()) {
                const QJsonObject cancel = item.toObject();
                AccountOrder order;
                order.venue = kVenue;
                order.account = m_account;
                if (!cancel.value("coin"_L1).isString() || !idText(cancel.value("oid"_L1), order.id))
                    return u"nonUserCancel entry without coin or oid"_s;
                order.symbol = cancel.value("coin"_L1).toString();
                order.status = u"canceled"_s;
                order.venueStatus = u"nonUserCancel"_s;
                events.emplace_back(std::move(order));
            }
        }
    } else if (channel == u"userFundings"_s) {
        for (const QJsonValue &item : data.value("fundings"_L1).toArray()) {
            FundingPayment funding;
            if (!readFunding(item.toObject(), m_account, snapshot, funding))
                return u"userFundings entry without time, coin or usdc"_s;
            events.emplace_back(std::move(funding));
        }
    } else if (channel == u"userNonFundingLedgerUpdates"_s) {
        for (const QJsonValue &item : data.value("nonFundingLedgerUpdates"_L1).toArray()) {
            LedgerEntry entry;
            if (!readLedger(item.toObject(), m_account, snapshot, entry))
                return u"ledger update without time or delta type"_s;
            events.emplace_back(std::move(entry));
        }
    } else if (channel == u"clearinghouseState"_s) {
        // Builder dexes have their own clearinghouse (§7.16); the main one has dex "" (or none).
        if (!data.value("dex"_L1).toString().isEmpty())
            return std::nullopt;
        QString error;
        auto state = clearinghouseState(data.value("clearinghouseState"_L1).toObject(), false, &error);
        if (!state)
            return error;
        for (AccountPosition &position : state->positions)
            events.emplace_back(std::move(position));
        events.emplace_back(std::move(state->summary));
    } else if (channel == u"spotState"_s) {
        QString error;
        auto balances = spotBalances(data.value("spotState"_L1).toObject(), 0, false, &error);
        if (!balances)
            return error;
        for (AccountBalance &balance : *balances)
            events.emplace_back(std::move(balance));
    } else if (channel == u"activeAssetData"_s) {
        AccountAssetLimits limits;
        limits.venue = kVenue;
        limits.account = m_account;
        limits.symbol = data.value("coin"_L1).toString();
        const QJsonObject leverage = data.value("leverage"_L1).toObject();
        limits.leverageType = leverage.value("type"_L1).toString();
        const QJsonArray maxSizes = data.value("maxTradeSzs"_L1).toArray();
        const QJsonArray available = data.value("availableToTrade"_L1).toArray();
        const auto tupleDecimal = [](const QJsonArray &pair, int index, std::optional<Decimal> &value) {
            return pair.size() != 2 || optionalDecimal(QJsonObject { { u"v"_s, pair.at(index) } }, "v"_L1, value);
        };
        if (limits.symbol.isEmpty() || !optionalDecimal(leverage, "value"_L1, limits.leverage)
            || !tupleDecimal(maxSizes, 0, limits.maxBuySize) || !tupleDecimal(maxSizes, 1, limits.maxSellSize)
            || !tupleDecimal(available, 0, limits.availableToBuy) || !tupleDecimal(available, 1, limits.availableToSell)
            || !optionalDecimal(data, "markPx"_L1, limits.mark))
            return u"activeAssetData without coin or with non-decimal values"_s;
        events.emplace_back(std::move(limits));
    }
    for (AccountEvent &event : events)
        out.emplace_back(std::move(event));
    return std::nullopt;
}

std::optional<AccountDecoder::ClearinghouseState>
AccountDecoder::clearinghouseState(const QJsonObject &state, bool snapshot, QString *error) const
{
    ClearinghouseState result;
    std::int64_t time = 0;
    integer(state.value("time"_L1), time);
    const QJsonObject margin = state.value("marginSummary"_L1).toObject();
    AccountSummary &summary = result.summary;
    summary.venue = kVenue;
    summary.account = m_account;
    summary.ts = time;
    summary.snapshot = snapshot;
    if (!state.value("marginSummary"_L1).isObject() || !optionalDecimal(margin, "accountValue"_L1, summary.equity)
        || !optionalDecimal(margin, "totalMarginUsed"_L1, summary.marginUsed)
        || !optionalDecimal(state, "withdrawable"_L1, summary.withdrawable))
        return failed<ClearinghouseState>(error, u"clearinghouseState without a readable marginSummary"_s);
    for (const QJsonValue &item : state.value("assetPositions"_L1).toArray()) {
        const QJsonObject p = item.toObject().value("position"_L1).toObject();
        AccountPosition position;
        position.venue = kVenue;
        position.account = m_account;
        position.ts = time;
        position.snapshot = snapshot;
        if (!p.value("coin"_L1).isString() || !requiredDecimal(p, "szi"_L1, position.size)
            || !optionalDecimal(p, "entryPx"_L1, position.entryPrice)
            || !optionalDecimal(p, "unrealizedPnl"_L1, position.unrealizedPnl)
            || !optionalDecimal(p, "liquidationPx"_L1, position.liquidationPrice)
            || !optionalDecimal(p, "marginUsed"_L1, position.margin)
            || !optionalDecimal(p, "positionValue"_L1, position.value)
            || !optionalDecimal(p.value("leverage"_L1).toObject(), "value"_L1, position.leverage))
            return failed<ClearinghouseState>(error, u"clearinghouseState position without coin or szi"_s);
        position.symbol = p.value("coin"_L1).toString();
        if (!position.size.isZero())
            result.positions.push_back(std::move(position));
    }
    return result;
}

std::optional<std::vector<AccountBalance>> AccountDecoder::spotBalances(const QJsonObject &state, std::int64_t ts,
                                                                        bool snapshot, QString *error) const
{
    std::vector<AccountBalance> balances;
    if (!state.value("balances"_L1).isArray())
        return failed<std::vector<AccountBalance>>(error, u"spot state without a balances array"_s);
    for (const QJsonValue &item : state.value("balances"_L1).toArray()) {
        const QJsonObject b = item.toObject();
        AccountBalance balance;
        balance.venue = kVenue;
        balance.account = m_account;
        balance.ts = ts;
        balance.snapshot = snapshot;
        if (!b.value("coin"_L1).isString() || !optionalDecimal(b, "total"_L1, balance.total)
            || !optionalDecimal(b, "hold"_L1, balance.locked))
            return failed<std::vector<AccountBalance>>(error, u"spot balance without coin, total or hold"_s);
        balance.asset = b.value("coin"_L1).toString();
        // `hold` is what resting orders lock; the rest of the total is free to trade or withdraw.
        if (balance.total && balance.locked)
            balance.available = balance.total->checkedSub(*balance.locked);
        balances.push_back(std::move(balance));
    }
    return balances;
}

std::optional<std::vector<AccountOrder>> AccountDecoder::openOrders(const QJsonValue &orders, std::int64_t ts,
                                                                    QString *error) const
{
    if (!orders.isArray())
        return failed<std::vector<AccountOrder>>(error, u"open orders: expected a JSON array"_s);
    std::vector<AccountOrder> result;
    for (const QJsonValue &item : orders.toArray()) {
        AccountOrder order;
        if (!readOrder(item.toObject(), m_account, order))
            return failed<std::vector<AccountOrder>>(error, u"open order without coin, oid, side or sizes"_s);
        setStatus(order, u"open"_s);
        if (order.ts == 0)
            order.ts = ts;
        order.snapshot = true;
        result.push_back(std::move(order));
    }
    return result;
}

std::optional<std::vector<AccountFill>> AccountDecoder::fills(const QJsonValue &fills, bool snapshot,
                                                              QString *error) const
{
    if (!fills.isArray())
        return failed<std::vector<AccountFill>>(error, u"fills: expected a JSON array"_s);
    std::vector<AccountFill> result;
    for (const QJsonValue &item : fills.toArray()) {
        AccountFill fill;
        if (!readFill(item.toObject(), m_account, snapshot, fill))
            return failed<std::vector<AccountFill>>(error, u"fill without coin, px, sz, side, time or tid"_s);
        result.push_back(std::move(fill));
    }
    return result;
}

std::optional<AccountOrder> AccountDecoder::orderStatus(const QJsonObject &body, bool *unknown, QString *error) const
{
    *unknown = false;
    const QString status = body.value("status"_L1).toString();
    if (status == u"unknownOid"_s) {
        *unknown = true;
        return std::nullopt;
    }
    const QJsonObject wrapper = body.value("order"_L1).toObject();
    AccountOrder order;
    if (status != u"order"_s || !readOrder(wrapper.value("order"_L1).toObject(), m_account, order)
        || !wrapper.value("status"_L1).isString())
        return failed<AccountOrder>(error, u"orderStatus: neither an order nor unknownOid"_s);
    setStatus(order, wrapper.value("status"_L1).toString());
    std::int64_t at = 0;
    if (integer(wrapper.value("statusTimestamp"_L1), at))
        order.ts = at;
    return order;
}

QByteArray userInfoRequestBody(const QString &type, const QString &user)
{
    return QJsonDocument(QJsonObject { { u"type"_s, type }, { u"user"_s, user } }).toJson(QJsonDocument::Compact);
}

QByteArray orderStatusRequestBody(const QString &user, const QString &oid)
{
    QByteArray body = "{\"type\":\"orderStatus\",\"user\":";
    appendJsonString(body, user);
    body.append(",\"oid\":");
    bool numeric = false;
    oid.toLongLong(&numeric);
    if (numeric)
        body.append(oid.toUtf8()); // the oid goes back as the integer it came as
    else
        appendJsonString(body, oid); // a cloid
    body.append('}');
    return body;
}

} // namespace tapescope::hyperliquid
