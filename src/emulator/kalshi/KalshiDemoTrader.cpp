#include "KalshiDemoTrader.h"

#include "KalshiRestApi.h"
#include "KalshiWireFrames.h"
#include "NflMarketSimulator.h"

#include "core/Decimal.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>
#include <QtCore/QUrlQuery>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::kalshi {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Cents as fixed-point dollars with 4 places ("-12.3400").
QByteArray money(qint64 cents)
{
    return QByteArray::fromStdString(Decimal::fromRaw(cents, 2).rescaled(4).value_or(Decimal {}).toStdString());
}

QByteArray iso(qint64 ms)
{
    // toUTC(): Qt 6.4 writes a QTimeZone::utc() time as "+00:00", the UTC time spec as "Z" (what Kalshi sends).
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toUTC().toString(Qt::ISODateWithMs).toUtf8();
}

QByteArray quoted(const QString &text)
{
    return '"' + text.toUtf8() + '"';
}

// Kalshi's fee shape: rate × contracts × p × (1 − p), rounded up to the cent (maker rate 0.0175 here).
int feeCents(qint64 count, int priceCents)
{
    const qint64 numerator = 175 * count * priceCents * (100 - priceCents);
    return static_cast<int>((numerator + 999'999) / 1'000'000);
}

} // namespace

KalshiDemoTrader::KalshiDemoTrader(NflMarketSimulator &simulator, Options options, QObject *parent)
    : QObject(parent)
    , m_simulator(simulator)
    , m_options(std::move(options))
    , m_balanceCents(m_options.startingBalanceCents)
{
    if (m_options.automatic) {
        connect(&simulator, &NflMarketSimulator::traded, this, &KalshiDemoTrader::onTraded);
        connect(&m_timer, &QTimer::timeout, this, &KalshiDemoTrader::step);
        m_timer.start(std::max(m_options.intervalMs, 10));
    }
}

QString KalshiDemoTrader::placeOrder(const QString &ticker, bool yes, int priceCents, qint64 count,
                                     const QString &clientId)
{
    if (priceCents < 1 || priceCents > 99 || count <= 0 || !m_simulator.market(ticker))
        return {};
    Order order;
    order.id = u"demo-order-%1"_s.arg(m_nextId++);
    order.clientId = clientId;
    order.ticker = ticker;
    order.yes = yes;
    order.priceCents = priceCents;
    order.count = count;
    order.createdMs = order.updatedMs = nowMs();
    m_orders[order.id] = order;
    publishOrder(order);
    return order.id;
}

bool KalshiDemoTrader::fillOrder(const QString &orderId, qint64 count)
{
    const auto found = m_orders.find(orderId);
    if (found == m_orders.end() || found->second.status != u"resting"_s || count <= 0)
        return false;
    Order &order = found->second;
    count = std::min(count, order.count - order.filled);
    const qint64 ts = nowMs();
    order.filled += count;
    order.updatedMs = ts;
    if (order.filled == order.count)
        order.status = u"executed"_s;

    Fill fill { u"demo-trade-%1"_s.arg(m_nextId++),
                order.id,
                order.ticker,
                order.yes,
                order.priceCents,
                count,
                feeCents(count, order.priceCents),
                false,
                ts };
    m_fills.push_back(fill);
    if (m_fills.size() > KeptFills)
        m_fills.erase(m_fills.begin(), m_fills.begin() + static_cast<std::ptrdiff_t>(m_fills.size() - KeptFills));

    // Buying the side held adds to it; buying the other side closes pairs, each redeemed for $1.
    Position &position = m_positions[order.ticker];
    const qint64 signedCount = order.yes ? count : -count;
    const qint64 cost = count * order.priceCents;
    m_balanceCents -= cost + fill.feeCents;
    const bool closes = position.contracts != 0 && ((position.contracts > 0) != order.yes);
    if (closes) {
        const qint64 held = std::abs(position.contracts);
        const qint64 closed = std::min(count, held);
        const qint64 released = position.costCents * closed / held;
        position.realizedCents += closed * 100 - closed * order.priceCents - released;
        position.costCents -= released;
        m_balanceCents += closed * 100;
        position.contracts += order.yes ? closed : -closed;
        const qint64 opened = count - closed;
        position.contracts += order.yes ? opened : -opened;
        position.costCents += opened * order.priceCents;
    } else {
        position.contracts += signedCount;
        position.costCents += cost;
    }
    position.feesCents += fill.feeCents;
    position.volume += count;
    position.updatedMs = ts;

    Q_EMIT accountMessage(u"fill"_s, "fill", fillJson(fill, false));
    publishOrder(order);
    Q_EMIT accountMessage(u"market_positions"_s, "market_position", positionJson(order.ticker, position, false));
    if (order.status != u"resting"_s)
        orderEnded(orderId);
    return true;
}

bool KalshiDemoTrader::cancelOrder(const QString &orderId)
{
    const auto found = m_orders.find(orderId);
    if (found == m_orders.end() || found->second.status != u"resting"_s)
        return false;
    found->second.status = u"canceled"_s;
    found->second.updatedMs = nowMs();
    publishOrder(found->second);
    orderEnded(orderId);
    return true;
}

void KalshiDemoTrader::orderEnded(const QString &orderId)
{
    m_ended.push_back(orderId);
    while (m_ended.size() > KeptEndedOrders) {
        m_orders.erase(m_ended.front());
        m_ended.pop_front();
    }
}

void KalshiDemoTrader::publishOrder(const Order &order)
{
    Q_EMIT accountMessage(u"user_orders"_s, "user_order", orderJson(order, false));
}

// The simulated flow crosses resting orders: a taker selling YES at or below a YES bid fills it, one buying YES at
// or above 100 − a NO bid fills that.
void KalshiDemoTrader::onTraded(const SimTrade &trade)
{
    for (auto &[id, order] : m_orders) {
        if (order.ticker != trade.marketTicker || order.status != u"resting"_s)
            continue;
        const bool crosses = order.yes ? (!trade.takerYes && trade.yesPriceCents <= order.priceCents)
                                       : (trade.takerYes && 100 - trade.yesPriceCents <= order.priceCents);
        if (crosses) {
            const qint64 remaining = order.count - order.filled;
            fillOrder(id, std::min<qint64>(remaining, std::max<qint64>(1, remaining / 2 + 1)));
            return; // one fill per trade
        }
    }
}

// One action per interval: keep two orders resting near the inside, cancel the oldest when there are more.
void KalshiDemoTrader::step()
{
    const auto &markets = m_simulator.markets();
    if (markets.empty())
        return;
    std::vector<QString> resting;
    for (const auto &[id, order] : m_orders) {
        if (order.status == u"resting"_s)
            resting.push_back(id);
    }
    if (resting.size() >= 3) {
        cancelOrder(resting.front());
        return;
    }
    const SimMarket &market = markets[m_nextId % markets.size()];
    const bool yes = (m_nextId % 3) != 0;
    const int price = yes ? std::clamp(market.bestYesBid(), 1, 99) : std::clamp(100 - market.bestYesAsk(), 1, 99);
    placeOrder(market.ticker, yes, price, 2 + static_cast<qint64>(m_nextId % 4) * 3,
               (m_nextId % 2) ? u"demo-client-%1"_s.arg(m_nextId) : QString());
}

QByteArray KalshiDemoTrader::orderJson(const Order &order, bool rest) const
{
    const int yesCents = order.yes ? order.priceCents : 100 - order.priceCents;
    QByteArray json = "{\"order_id\":" + quoted(order.id) + ",\"user_id\":" + quoted(m_options.userId);
    if (!order.clientId.isEmpty())
        json += ",\"client_order_id\":" + quoted(order.clientId);
    json += ",\"ticker\":" + quoted(order.ticker) + ",\"status\":" + quoted(order.status) + ",\"side\":\""
        + (order.yes ? "yes" : "no") + '"';
    if (rest)
        json += ",\"action\":\"buy\",\"type\":\"limit\"";
    else
        json += ",\"is_yes\":" + QByteArray(order.yes ? "true" : "false");
    json += ",\"yes_price_dollars\":\"" + frames::dollars(yesCents) + "\",\"no_price_dollars\":\""
        + frames::dollars(100 - yesCents) + "\",\"fill_count_fp\":\"" + frames::contracts(order.filled)
        + "\",\"remaining_count_fp\":\""
        + frames::contracts(order.status == u"resting"_s ? order.count - order.filled : 0)
        + "\",\"initial_count_fp\":\"" + frames::contracts(order.count) + "\",\"created_time\":\""
        + iso(order.createdMs) + '"';
    if (rest)
        json += ",\"last_update_time\":\"" + iso(order.updatedMs) + '"';
    return json + '}';
}

QByteArray KalshiDemoTrader::fillJson(const Fill &fill, bool rest) const
{
    const int yesCents = fill.yes ? fill.priceCents : 100 - fill.priceCents;
    const QByteArray side = fill.yes ? "yes" : "no";
    QByteArray json = "{\"trade_id\":" + quoted(fill.tradeId) + ",\"order_id\":" + quoted(fill.orderId);
    if (rest)
        json += ",\"fill_id\":" + quoted(fill.tradeId) + ",\"ticker\":" + quoted(fill.ticker);
    json += ",\"market_ticker\":" + quoted(fill.ticker) + ",\"is_taker\":" + (fill.taker ? "true" : "false")
        + ",\"side\":\"" + side + "\",\"action\":\"buy\",\"yes_price_dollars\":\"" + frames::dollars(yesCents)
        + "\",\"no_price_dollars\":\"" + frames::dollars(100 - yesCents) + "\",\"count_fp\":\""
        + frames::contracts(fill.count) + "\",\"fee_cost\":\"" + money(fill.feeCents)
        + "\",\"ts\":" + QByteArray::number(fill.tsMs / 1000);
    if (rest)
        json += ",\"created_time\":\"" + iso(fill.tsMs) + '"';
    else
        json += ",\"ts_ms\":" + QByteArray::number(fill.tsMs) + ",\"outcome_side\":\"" + side + '"';
    return json + '}';
}

QByteArray KalshiDemoTrader::positionJson(const QString &ticker, const Position &position, bool rest) const
{
    const QByteArray contracts = (position.contracts < 0 ? "-" : "") + frames::contracts(std::abs(position.contracts));
    if (rest)
        return "{\"ticker\":" + quoted(ticker) + ",\"position_fp\":\"" + contracts + "\",\"market_exposure_dollars\":\""
            + money(position.costCents) + "\",\"realized_pnl_dollars\":\"" + money(position.realizedCents)
            + "\",\"fees_paid_dollars\":\"" + money(position.feesCents) + "\",\"total_traded_dollars\":\""
            + money(position.costCents) + "\",\"last_updated_ts\":\"" + iso(position.updatedMs) + "\"}";
    return "{\"user_id\":" + quoted(m_options.userId) + ",\"market_ticker\":" + quoted(ticker) + ",\"position_fp\":\""
        + contracts + "\",\"position_cost_dollars\":\"" + money(position.costCents) + "\",\"realized_pnl_dollars\":\""
        + money(position.realizedCents) + "\",\"fees_paid_dollars\":\"" + money(position.feesCents)
        + "\",\"volume_fp\":\"" + frames::contracts(position.volume) + "\"}";
}

HttpResponse KalshiDemoTrader::handle(const QByteArray &pathAndQuery) const
{
    const qsizetype q = pathAndQuery.indexOf('?');
    const QByteArray path = q < 0 ? pathAndQuery : pathAndQuery.left(q);
    const QUrlQuery query(QString::fromUtf8(q < 0 ? QByteArray() : pathAndQuery.mid(q + 1)));
    const int limit
        = std::clamp(query.queryItemValue(u"limit"_s).toInt() > 0 ? query.queryItemValue(u"limit"_s).toInt() : 100, 1,
                     std::max(m_options.pageSize, 1));
    const int offset = std::max(0, query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded).toInt());
    // One page of `items` from the cursor (an offset), and the next cursor.
    const auto page = [&](const char *key, const std::vector<QByteArray> &items, const QByteArray &extra = {}) {
        QByteArray body = "{\"" + QByteArray(key) + "\":[";
        const int end = std::min<int>(offset + limit, static_cast<int>(items.size()));
        for (int i = offset; i < end; ++i)
            body += (i > offset ? "," : "") + items[static_cast<std::size_t>(i)];
        body += "]" + extra + ",\"cursor\":\"" + (end < static_cast<int>(items.size()) ? QByteArray::number(end) : "")
            + "\"}";
        return HttpResponse { 200, body, {} };
    };
    if (path == "/trade-api/v2/portfolio/balance") {
        qint64 value = 0;
        for (const auto &[ticker, position] : m_positions)
            value += position.costCents;
        return { 200,
                 "{\"balance\":" + QByteArray::number(m_balanceCents) + ",\"portfolio_value\":"
                     + QByteArray::number(value) + ",\"updated_ts\":" + QByteArray::number(nowMs() / 1000) + '}',
                 {} };
    }
    if (path == "/trade-api/v2/portfolio/positions") {
        std::vector<QByteArray> items;
        for (const auto &[ticker, position] : m_positions) {
            if (position.contracts != 0 || query.queryItemValue(u"count_filter"_s).isEmpty())
                items.push_back(positionJson(ticker, position, true));
        }
        return page("market_positions", items, ",\"event_positions\":[]");
    }
    if (path == "/trade-api/v2/portfolio/orders") {
        const QString status = query.queryItemValue(u"status"_s);
        std::vector<QByteArray> items;
        for (auto it = m_orders.rbegin(); it != m_orders.rend(); ++it) {
            if (status.isEmpty() || it->second.status == status)
                items.push_back(orderJson(it->second, true));
        }
        return page("orders", items);
    }
    if (path.startsWith("/trade-api/v2/portfolio/orders/")) {
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(31)));
        const auto found = m_orders.find(id);
        if (found == m_orders.end())
            return { 404, errorBody(u"not_found"_s, u"order not found"_s), {} };
        return { 200, "{\"order\":" + orderJson(found->second, true) + '}', {} };
    }
    if (path == "/trade-api/v2/portfolio/fills") {
        std::vector<QByteArray> items;
        for (auto it = m_fills.rbegin(); it != m_fills.rend(); ++it) // newest first
            items.push_back(fillJson(*it, true));
        return page("fills", items);
    }
    return { 404, errorBody(u"not_found"_s, u"no such portfolio call"_s), {} };
}

} // namespace tapescope::emulator::kalshi
