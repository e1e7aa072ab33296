#include "AlpacaTrader.h"

#include "AlpacaWire.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtCore/QTimer>
#include <QtCore/QUrlQuery>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::alpaca {

namespace {

// A signed amount in 1/10^scale units as a decimal string with trailing fraction zeros dropped ("120", "-0.5").
QByteArray amount(std::int64_t value, int scale)
{
    const bool negative = value < 0;
    const std::uint64_t magnitude = negative ? std::uint64_t(0) - std::uint64_t(value) : std::uint64_t(value);
    std::uint64_t unit = 1;
    for (int i = 0; i < scale; ++i)
        unit *= 10;
    QByteArray text = QByteArray::number(magnitude / unit);
    QByteArray fraction = QByteArray::number(magnitude % unit).rightJustified(scale, '0');
    while (fraction.endsWith('0'))
        fraction.chop(1);
    if (!fraction.isEmpty())
        text += '.' + fraction;
    return (negative && text != "0" ? "-" : "") + text;
}

QByteArray cents(std::int64_t value)
{
    return amount(value, 2);
}

QByteArray money4(std::int64_t value)
{
    return amount(value, 4);
}

QByteArray quoted(const QByteArray &text)
{
    return '"' + text + '"';
}

QByteArray quoted(const QString &text)
{
    return quoted(text.toUtf8());
}

QByteArray timeOrNull(std::int64_t ms)
{
    return ms > 0 ? quoted(rfc3339(ms)) : QByteArray("null");
}

const QStringList kSymbols = { u"AAPL"_s, u"MSFT"_s, u"NVDA"_s };

} // namespace

AlpacaTrader::AlpacaTrader(quint32 seed, AlpacaTraderOptions options, QObject *parent)
    : QObject(parent)
    , m_random(seed ^ 0x7a11ace5u)
    , m_options(options)
    , m_timer(new QTimer(this))
    , m_cashCents(options.startingCashCents)
{
    m_marks.insert(u"AAPL"_s, 19000);
    m_marks.insert(u"MSFT"_s, 41000);
    m_marks.insert(u"NVDA"_s, 12000);
    connect(m_timer, &QTimer::timeout, this, &AlpacaTrader::onTick);
    if (m_options.automatic)
        m_timer->start(std::max(50, m_options.intervalMs));
}

AlpacaTrader::~AlpacaTrader() = default;

QString AlpacaTrader::accountId() const
{
    return u"e6fe16f3-64a4-4921-8928-cadf02f9e000"_s;
}

QString AlpacaTrader::nextUuid()
{
    ++m_ids;
    return u"%1-%2-4%3-8%4-%5"_s.arg(m_random.generate(), 8, 16, QLatin1Char('0'))
        .arg(m_random.bounded(0x10000), 4, 16, QLatin1Char('0'))
        .arg(m_random.bounded(0x1000), 3, 16, QLatin1Char('0'))
        .arg(m_random.bounded(0x1000), 3, 16, QLatin1Char('0'))
        .arg(m_ids, 12, 16, QLatin1Char('0'));
}

void AlpacaTrader::onTick()
{
    // The marks walk a little; then one order action.
    for (auto it = m_marks.begin(); it != m_marks.end(); ++it)
        it.value() = std::max<std::int64_t>(100, it.value() + std::int64_t(m_random.bounded(11)) - 5);
    std::vector<Order *> open;
    for (Order &order : m_orders) {
        if (order.status == u"new"_s || order.status == u"partially_filled"_s)
            open.push_back(&order);
    }
    const int roll = int(m_random.bounded(100));
    if (open.size() < 2 || roll < 25) {
        const QString symbol = kSymbols.at(int(m_random.bounded(kSymbols.size())));
        const bool buy = m_random.bounded(2) == 0;
        const std::int64_t mark = m_marks.value(symbol);
        const std::int64_t limit = mark + (buy ? -1 : 1) * std::int64_t(m_random.bounded(20));
        const QString client = m_random.bounded(2) == 0 ? QString() : u"tapescope-demo-%1"_s.arg(m_ids + 1);
        placeOrder(symbol, buy, 10 * (1 + int(m_random.bounded(10))), limit, client);
        return;
    }
    Order *order = open.at(m_random.bounded(int(open.size())));
    if (roll < 85) {
        const int left = order->qty - order->filled;
        fillOrder(order->id, left >= 2 && m_random.bounded(2) == 0 ? left / 2 : left);
    } else {
        cancelOrder(order->id);
    }
}

QString AlpacaTrader::placeOrder(const QString &symbol, bool buy, int qty, std::int64_t limitCents,
                                 const QString &clientId)
{
    if (qty <= 0 || limitCents <= 0 || symbol.isEmpty())
        return {};
    const qint64 now = std::max<std::int64_t>(QDateTime::currentMSecsSinceEpoch(), m_lastMs + 1);
    m_lastMs = now;
    Order order;
    order.id = nextUuid();
    order.clientId = clientId.isEmpty() ? nextUuid() : clientId;
    order.symbol = symbol;
    order.buy = buy;
    order.qty = qty;
    order.limitCents = limitCents;
    order.status = u"new"_s;
    order.createdMs = now;
    order.updatedMs = now;
    m_orders.push_back(order);
    if (!m_marks.contains(symbol))
        m_marks.insert(symbol, limitCents);
    publish("new", order, nullptr);
    return order.id;
}

bool AlpacaTrader::fillOrder(const QString &id, int qty, std::int64_t priceCents)
{
    auto it = std::find_if(m_orders.begin(), m_orders.end(), [&](const Order &order) { return order.id == id; });
    if (it == m_orders.end() || (it->status != u"new"_s && it->status != u"partially_filled"_s) || qty <= 0)
        return false;
    Order &order = *it;
    qty = std::min(qty, order.qty - order.filled);
    const std::int64_t price = priceCents > 0 ? priceCents : order.limitCents;
    const qint64 now = std::max<std::int64_t>(QDateTime::currentMSecsSinceEpoch(), m_lastMs + 1);
    m_lastMs = now;
    order.filled += qty;
    order.filledNotionalCents += price * qty;
    order.updatedMs = now;
    order.status = order.filled == order.qty ? u"filled"_s : u"partially_filled"_s;
    if (order.filled == order.qty)
        order.filledMs = now;

    // Cash and the position follow the fill.
    const std::int64_t signedQty = order.buy ? qty : -qty;
    m_cashCents -= signedQty * price;
    Position &position = m_positions[order.symbol];
    const std::int64_t price4 = price * 100;
    if (position.qty == 0 || (position.qty > 0) == (signedQty > 0)) {
        position.cost4 += signedQty * price4;
        position.qty += signedQty;
    } else {
        const std::int64_t closing = std::min(std::abs(position.qty), std::abs(signedQty));
        const std::int64_t remaining = std::abs(position.qty) - closing;
        // The cost of what stays open keeps its average.
        position.cost4 = remaining == 0 ? 0 : position.cost4 / std::abs(position.qty) * remaining;
        position.qty += signedQty;
        if (remaining == 0 && position.qty != 0)
            position.cost4 = position.qty * price4; // flipped: the rest opened at this price
    }
    if (position.qty == 0)
        m_positions.erase(order.symbol);
    m_marks.insert(order.symbol, price);

    Execution execution;
    execution.executionId = nextUuid();
    execution.activityId = QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()).toString(u"yyyyMMddHHmmsszzz"_s)
        + u"::"_s + execution.executionId;
    execution.orderId = order.id;
    execution.symbol = order.symbol;
    execution.buy = order.buy;
    execution.qty = qty;
    execution.cumulative = order.filled;
    execution.leaves = order.qty - order.filled;
    execution.priceCents = price;
    execution.ms = now;
    m_executions.push_back(execution);
    publish(order.filled == order.qty ? "fill" : "partial_fill", order, &m_executions.back());
    forgetOldest();
    return true;
}

bool AlpacaTrader::cancelOrder(const QString &id)
{
    auto it = std::find_if(m_orders.begin(), m_orders.end(), [&](const Order &order) { return order.id == id; });
    if (it == m_orders.end() || (it->status != u"new"_s && it->status != u"partially_filled"_s))
        return false;
    const qint64 now = std::max<std::int64_t>(QDateTime::currentMSecsSinceEpoch(), m_lastMs + 1);
    m_lastMs = now;
    it->status = u"canceled"_s;
    it->updatedMs = now;
    it->canceledMs = now;
    publish("canceled", *it, nullptr);
    forgetOldest();
    return true;
}

void AlpacaTrader::forgetOldest()
{
    const auto isOpen
        = [](const Order &order) { return order.status == u"new"_s || order.status == u"partially_filled"_s; };
    auto ended = static_cast<std::size_t>(std::count_if(m_orders.begin(), m_orders.end(), std::not_fn(isOpen)));
    for (auto it = m_orders.begin(); ended > KeptEndedOrders && it != m_orders.end();) {
        if (isOpen(*it)) {
            ++it;
        } else {
            it = m_orders.erase(it);
            --ended;
        }
    }
    if (m_executions.size() > KeptExecutions)
        m_executions.erase(m_executions.begin(),
                           m_executions.begin() + static_cast<std::ptrdiff_t>(m_executions.size() - KeptExecutions));
}

std::int64_t AlpacaTrader::equity4() const
{
    std::int64_t equity = m_cashCents * 100;
    for (const auto &[symbol, position] : m_positions)
        equity += position.qty * m_marks.value(symbol) * 100;
    return equity;
}

AlpacaTraderSnapshot AlpacaTrader::snapshot() const
{
    AlpacaTraderSnapshot snapshot;
    snapshot.accountId = accountId();
    for (const Order &order : m_orders) {
        snapshot.orderStatus.insert(order.id, order.status);
        snapshot.filledQty.insert(order.id, QString::number(order.filled));
        if (order.status == u"new"_s || order.status == u"partially_filled"_s)
            snapshot.openOrderIds.append(order.id);
    }
    for (const auto &[symbol, position] : m_positions)
        snapshot.positionQty.insert(symbol, QString::number(position.qty));
    for (const Execution &execution : m_executions)
        snapshot.executionIds.append(execution.executionId);
    snapshot.cash = QString::fromLatin1(cents(m_cashCents));
    snapshot.equity = QString::fromLatin1(money4(equity4()));
    return snapshot;
}

QByteArray AlpacaTrader::orderJson(const Order &o) const
{
    const bool done = o.status == u"filled"_s;
    QByteArray json = "{\"id\":" + quoted(o.id) + ",\"client_order_id\":" + quoted(o.clientId)
        + ",\"created_at\":" + quoted(rfc3339(o.createdMs)) + ",\"updated_at\":" + quoted(rfc3339(o.updatedMs))
        + ",\"submitted_at\":" + quoted(rfc3339(o.createdMs)) + ",\"filled_at\":" + timeOrNull(done ? o.filledMs : 0)
        + ",\"expired_at\":null,\"canceled_at\":" + timeOrNull(o.canceledMs)
        + ",\"failed_at\":null,\"replaced_at\":null,\"replaced_by\":null,\"replaces\":null"
        + ",\"asset_id\":\"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415\",\"symbol\":" + quoted(o.symbol)
        + ",\"asset_class\":\"us_equity\",\"notional\":null,\"qty\":" + quoted(QByteArray::number(o.qty))
        + ",\"filled_qty\":" + quoted(QByteArray::number(o.filled)) + ",\"filled_avg_price\":";
    if (o.filled > 0)
        json += quoted(money4(o.filledNotionalCents * 100 / o.filled));
    else
        json += "null";
    json += ",\"order_class\":\"\",\"order_type\":\"limit\",\"type\":\"limit\",\"side\":"
        + quoted(QByteArray(o.buy ? "buy" : "sell")) + ",\"time_in_force\":\"day\",\"limit_price\":"
        + quoted(cents(o.limitCents)) + ",\"stop_price\":null,\"status\":" + quoted(o.status)
        + ",\"extended_hours\":false,\"legs\":null,\"trail_percent\":null,\"trail_price\":null,\"hwm\":null}";
    return json;
}

QByteArray AlpacaTrader::positionJson(const QString &symbol, const Position &p) const
{
    const std::int64_t mark4 = m_marks.value(symbol) * 100;
    const std::int64_t value4 = p.qty * mark4;
    const std::int64_t avg4 = p.qty != 0 ? p.cost4 / p.qty : 0;
    return "{\"asset_id\":\"904837e3-3b76-47ec-b432-046db621571b\",\"symbol\":" + quoted(symbol)
        + ",\"exchange\":\"NASDAQ\",\"asset_class\":\"us_equity\",\"asset_marginable\":true,\"avg_entry_price\":"
        + quoted(money4(avg4)) + ",\"qty\":" + quoted(QByteArray::number(p.qty)) + ",\"qty_available\":"
        + quoted(QByteArray::number(p.qty)) + ",\"side\":" + quoted(QByteArray(p.qty < 0 ? "short" : "long"))
        + ",\"market_value\":" + quoted(money4(value4)) + ",\"cost_basis\":" + quoted(money4(p.cost4))
        + ",\"unrealized_pl\":" + quoted(money4(value4 - p.cost4)) + ",\"current_price\":" + quoted(money4(mark4))
        + ",\"lastday_price\":" + quoted(money4(mark4)) + ",\"change_today\":\"0\"}";
}

QByteArray AlpacaTrader::accountJson() const
{
    std::int64_t longValue = 0;
    std::int64_t shortValue = 0;
    for (const auto &[symbol, position] : m_positions)
        (position.qty > 0 ? longValue : shortValue) += position.qty * m_marks.value(symbol) * 100;
    const QByteArray equity = quoted(money4(equity4()));
    return "{\"id\":" + quoted(accountId())
        + ",\"account_number\":\"PA3EMULATOR1\",\"status\":\"ACTIVE\",\"crypto_status\":\"ACTIVE\","
          "\"currency\":\"USD\",\"buying_power\":"
        + quoted(cents(std::max<std::int64_t>(0, m_cashCents)))
        + ",\"regt_buying_power\":" + quoted(cents(std::max<std::int64_t>(0, m_cashCents)))
        + ",\"cash\":" + quoted(cents(m_cashCents)) + ",\"portfolio_value\":" + equity + ",\"equity\":" + equity
        + ",\"last_equity\":" + quoted(cents(m_options.startingCashCents)) + ",\"long_market_value\":"
        + quoted(money4(longValue)) + ",\"short_market_value\":" + quoted(money4(shortValue))
        + ",\"multiplier\":\"1\",\"initial_margin\":\"0\",\"maintenance_margin\":\"0\",\"sma\":\"0\","
          "\"accrued_fees\":\"0\",\"pattern_day_trader\":false,\"trading_blocked\":false,\"transfers_blocked\":false,"
          "\"account_blocked\":false,\"trade_suspended_by_user\":false,\"shorting_enabled\":true,"
          "\"created_at\":\"2024-01-02T14:30:00Z\"}";
}

QByteArray AlpacaTrader::activityJson(const Execution &e) const
{
    return "{\"id\":" + quoted(e.activityId) + ",\"activity_type\":\"FILL\",\"transaction_time\":"
        + quoted(rfc3339(e.ms)) + ",\"type\":" + quoted(QByteArray(e.leaves == 0 ? "fill" : "partial_fill"))
        + ",\"price\":" + quoted(cents(e.priceCents)) + ",\"qty\":" + quoted(QByteArray::number(e.qty))
        + ",\"side\":" + quoted(QByteArray(e.buy ? "buy" : "sell")) + ",\"symbol\":" + quoted(e.symbol)
        + ",\"leaves_qty\":" + quoted(QByteArray::number(e.leaves)) + ",\"order_id\":" + quoted(e.orderId)
        + ",\"cum_qty\":" + quoted(QByteArray::number(e.cumulative))
        + ",\"order_status\":" + quoted(QByteArray(e.leaves == 0 ? "filled" : "partially_filled")) + '}';
}

void AlpacaTrader::publish(const QByteArray &event, const Order &order, const Execution *execution)
{
    QByteArray data = "{\"event\":" + quoted(event);
    if (execution) {
        const Position position = m_positions.count(order.symbol) ? m_positions.at(order.symbol) : Position {};
        data += ",\"execution_id\":" + quoted(execution->executionId) + ",\"price\":"
            + quoted(cents(execution->priceCents)) + ",\"qty\":" + quoted(QByteArray::number(execution->qty))
            + ",\"position_qty\":" + quoted(QByteArray::number(position.qty));
    }
    data += ",\"timestamp\":" + quoted(rfc3339(order.updatedMs)) + ",\"order\":" + orderJson(order) + '}';
    Q_EMIT tradeUpdate("{\"stream\":\"trade_updates\",\"data\":" + data + '}');
}

QByteArray AlpacaTrader::handleGet(const QByteArray &path, const QByteArray &queryText, int *status) const
{
    const QUrlQuery query(QString::fromUtf8(queryText));
    *status = 200;
    if (path == "/v2/account")
        return accountJson();
    if (path == "/v2/positions") {
        QByteArrayList items;
        for (const auto &[symbol, position] : m_positions)
            items.append(positionJson(symbol, position));
        return '[' + items.join(',') + ']';
    }
    if (path == "/v2/orders") {
        const QString which = query.hasQueryItem(u"status"_s) ? query.queryItemValue(u"status"_s) : u"open"_s;
        const int limit = query.hasQueryItem(u"limit"_s) ? query.queryItemValue(u"limit"_s).toInt() : 50;
        QByteArrayList items;
        for (auto it = m_orders.rbegin(); it != m_orders.rend() && items.size() < std::clamp(limit, 1, 500); ++it) {
            const bool open = it->status == u"new"_s || it->status == u"partially_filled"_s;
            if (which == u"all"_s || (which == u"open"_s) == open)
                items.append(orderJson(*it));
        }
        return '[' + items.join(',') + ']'; // newest first (direction desc, the default)
    }
    if (path.startsWith("/v2/orders/")) {
        const QString id = QString::fromUtf8(path.mid(int(qstrlen("/v2/orders/"))));
        for (const Order &order : m_orders) {
            if (order.id == id)
                return orderJson(order);
        }
        *status = 404;
        return "{\"code\":40410000,\"message\":\"order not found\"}";
    }
    if (path == "/v2/account/activities/FILL" || path == "/v2/account/activities") {
        const bool asc = query.queryItemValue(u"direction"_s) == u"asc"_s;
        int pageSize = query.hasQueryItem(u"page_size"_s) ? query.queryItemValue(u"page_size"_s).toInt() : 100;
        pageSize = std::clamp(pageSize, 1, 100);
        const QString token = query.queryItemValue(u"page_token"_s);
        std::vector<const Execution *> ordered;
        for (const Execution &execution : m_executions)
            ordered.push_back(&execution);
        if (!asc)
            std::reverse(ordered.begin(), ordered.end());
        auto from = ordered.begin();
        if (!token.isEmpty()) {
            from = std::find_if(ordered.begin(), ordered.end(),
                                [&](const Execution *execution) { return execution->activityId == token; });
            if (from != ordered.end())
                ++from;
        }
        QByteArrayList items;
        for (; from != ordered.end() && items.size() < pageSize; ++from)
            items.append(activityJson(**from));
        return '[' + items.join(',') + ']';
    }
    *status = 404;
    return "{\"code\":40410000,\"message\":\"endpoint not found\"}";
}

} // namespace tapescope::emulator::alpaca
