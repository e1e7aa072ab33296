#include "O2DemoTrader.h"

#include "O2MarketBoard.h"

#include "emulator/WireText.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

namespace {

std::int64_t nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString text(std::uint64_t value)
{
    return QString::number(value);
}

QJsonObject orderJson(const DemoOrder &order, const QString &marketId)
{
    // Shape of the SDK's full order object (REST#5), with the market id each order may carry (§4.3).
    return { { u"order_id"_s, order.id },
             { u"side"_s, order.buy ? u"Buy"_s : u"Sell"_s },
             { u"order_type"_s, u"Spot"_s },
             { u"quantity"_s, text(order.quantity) },
             { u"quantity_fill"_s, text(order.filled) },
             { u"price"_s, text(order.price) },
             { u"price_fill"_s, text(order.filled > 0 ? order.price : 0) },
             { u"timestamp"_s, text(std::uint64_t(order.timestampMs)) },
             { u"close"_s, order.close },
             { u"partially_filled"_s, order.filled > 0 && order.filled < order.quantity },
             { u"cancel"_s, order.cancel },
             { u"market_id"_s, marketId } };
}

QJsonObject balanceJson(const DemoBalance &balance)
{
    // total_unlocked already includes trading_account_balance (§4.5): here all unlocked funds sit in the account.
    return { { u"order_books"_s, QJsonObject {} },
             { u"total_locked"_s, text(balance.locked) },
             { u"total_unlocked"_s, text(balance.unlocked) },
             { u"trading_account_balance"_s, text(balance.unlocked) } };
}

QByteArray withAction(const QString &action, QJsonObject frame)
{
    const QString ts = QString::number(nowMs());
    frame.insert(u"action"_s, action);
    frame.insert(u"onchain_timestamp"_s, ts);
    frame.insert(u"seen_timestamp"_s, ts);
    return compactJson(frame);
}

} // namespace

DemoTrader::DemoTrader(MarketBoard &board, QString account, quint32 seed, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_board(board)
    , m_account(std::move(account))
    , m_owner(u"0x"_s
              + QString::fromLatin1(
                  QCryptographicHash::hash((u"owner:"_s + m_account).toUtf8(), QCryptographicHash::Sha256).toHex()))
    , m_random(seed ^ 0x0de0de00u)
    , m_timer(new QTimer(this))
    , m_intervalMs(intervalMs)
{
    // Starting funds: 100 000 fUSDC and some of every base asset, in chain units of each asset's decimals.
    for (int i = 0; i < m_board.size(); ++i) {
        const MarketSpec &spec = m_board.market(i).spec();
        m_balances[normalisedId(spec.quote.assetId)].unlocked = 100'000 * pow10u(spec.quote.decimals);
        const std::uint64_t baseUnits = spec.base.symbol.contains(u"BTC"_s) ? 2
            : spec.base.symbol.contains(u"ETH"_s)                           ? 40
                                                                            : 2'000'000;
        m_balances[normalisedId(spec.base.assetId)].unlocked = baseUnits * pow10u(spec.base.decimals);
    }
    m_nonce = 1;
    m_lastModificationMs = nowMs();
    connect(&m_board, &MarketBoard::traded, this, &DemoTrader::onTraded);
    connect(m_timer, &QTimer::timeout, this, &DemoTrader::onTick);
    if (intervalMs > 0)
        m_timer->start(intervalMs);
}

DemoTrader::~DemoTrader() = default;

bool DemoTrader::isAccount(const QString &id) const
{
    return normalisedId(id) == m_account;
}

void DemoTrader::setAutomatic(bool automatic)
{
    if (!automatic)
        m_timer->stop();
    else if (!m_timer->isActive() && m_intervalMs > 0)
        m_timer->start(m_intervalMs);
}

QString DemoTrader::quoteAsset(int market) const
{
    return normalisedId(m_board.market(market).spec().quote.assetId);
}

QString DemoTrader::baseAsset(int market) const
{
    return normalisedId(m_board.market(market).spec().base.assetId);
}

// price * quantity / 10^base.decimals, exact because every price is a multiple of 10^base.maxPrecision.
std::uint64_t DemoTrader::quoteCost(int market, std::uint64_t price, std::uint64_t quantity) const
{
    const MarketSpec &spec = m_board.market(market).spec();
    return price / pow10u(spec.base.maxPrecision) * (quantity / spec.lot());
}

DemoOrder *DemoTrader::find(const QString &id)
{
    for (DemoOrder &order : m_orders) {
        if (order.id == id)
            return &order;
    }
    return nullptr;
}

void DemoTrader::bumpNonce()
{
    ++m_nonce;
    m_lastModificationMs = nowMs();
    Q_EMIT nonceChanged(
        withAction(u"subscribe_nonce"_s, { { u"contract_id"_s, m_account }, { u"nonce"_s, text(m_nonce) } }));
}

void DemoTrader::sendOrders(const std::vector<const DemoOrder *> &orders)
{
    QJsonArray list;
    for (const DemoOrder *order : orders)
        list.append(orderJson(*order, m_board.market(order->market).spec().marketId));
    Q_EMIT ordersChanged(withAction(u"subscribe_orders"_s, { { u"orders"_s, list } }));
}

void DemoTrader::sendBalances(const std::vector<QString> &assets)
{
    QJsonArray list;
    for (const QString &asset : assets) {
        QJsonObject entry = balanceJson(m_balances[asset]);
        entry.insert(u"identity"_s, QJsonObject { { u"ContractId"_s, m_account } });
        entry.insert(u"asset_id"_s, asset);
        list.append(entry);
    }
    Q_EMIT balancesChanged(withAction(u"subscribe_balances"_s, { { u"balance"_s, list } }));
}

QString DemoTrader::placeOrder(int market, bool buy, std::uint64_t price, std::uint64_t quantity)
{
    if (market < 0 || market >= m_board.size() || price == 0 || quantity == 0)
        return QString();
    const MarketSpec &spec = m_board.market(market).spec();
    if (price % spec.priceTick() != 0 || quantity % spec.lot() != 0)
        return QString();
    const QString asset = buy ? quoteAsset(market) : baseAsset(market);
    const std::uint64_t lock = buy ? quoteCost(market, price, quantity) : quantity;
    DemoBalance &balance = m_balances[asset];
    if (lock == 0 || balance.unlocked < lock)
        return QString();
    balance.unlocked -= lock;
    balance.locked += lock;
    DemoOrder order;
    order.id = u"0x"_s
        + QString::fromLatin1(QCryptographicHash::hash((m_account + u':' + QString::number(m_nextOrder++)).toUtf8(),
                                                       QCryptographicHash::Sha256)
                                  .toHex());
    order.market = market;
    order.buy = buy;
    order.price = price;
    order.quantity = quantity;
    order.timestampMs = nowMs();
    m_orders.push_back(order);
    bumpNonce();
    sendOrders({ &m_orders.back() });
    sendBalances({ asset });
    return order.id;
}

void DemoTrader::applyFill(DemoOrder &order, std::uint64_t quantity)
{
    const std::uint64_t cost = quoteCost(order.market, order.price, quantity);
    DemoBalance &quote = m_balances[quoteAsset(order.market)];
    DemoBalance &base = m_balances[baseAsset(order.market)];
    if (order.buy) {
        quote.locked -= std::min(quote.locked, cost);
        base.unlocked += quantity;
    } else {
        base.locked -= std::min(base.locked, quantity);
        quote.unlocked += cost;
    }
    order.filled += quantity;
    if (order.filled >= order.quantity)
        order.close = true;
    sendOrders({ &order });
    sendBalances({ baseAsset(order.market), quoteAsset(order.market) });
}

bool DemoTrader::fillOrder(const QString &id, std::uint64_t quantity)
{
    DemoOrder *order = find(id);
    if (!order || order->close || quantity == 0)
        return false;
    applyFill(*order, std::min(quantity, order->quantity - order->filled));
    forgetOldest();
    return true;
}

bool DemoTrader::cancelOrder(const QString &id)
{
    DemoOrder *order = find(id);
    if (!order || order->close)
        return false;
    const std::uint64_t rest = order->quantity - order->filled;
    const QString asset = order->buy ? quoteAsset(order->market) : baseAsset(order->market);
    const std::uint64_t unlock = order->buy ? quoteCost(order->market, order->price, rest) : rest;
    DemoBalance &balance = m_balances[asset];
    balance.locked -= std::min(balance.locked, unlock);
    balance.unlocked += unlock;
    order->close = true;
    order->cancel = true;
    bumpNonce();
    sendOrders({ order });
    sendBalances({ asset });
    forgetOldest();
    return true;
}

void DemoTrader::forgetOldest()
{
    auto closed = static_cast<std::size_t>(
        std::count_if(m_orders.begin(), m_orders.end(), [](const DemoOrder &order) { return order.close; }));
    for (auto it = m_orders.begin(); closed > KeptClosedOrders && it != m_orders.end();) {
        if (it->close) {
            it = m_orders.erase(it);
            --closed;
        } else {
            ++it;
        }
    }
}

DemoTraderSnapshot DemoTrader::snapshot() const
{
    return { m_orders, m_balances, m_nonce };
}

void DemoTrader::onTraded(int market, const SimulatedTrade &trade)
{
    // A taker who sells hits bids at or above the print; one who buys lifts offers at or below it. Our resting
    // orders at those prices fill first, up to the print's size.
    std::uint64_t left = trade.quantity;
    for (DemoOrder &order : m_orders) {
        if (left == 0)
            break;
        if (order.close || order.market != market || order.buy == trade.takerBuys)
            continue;
        const bool crossed = order.buy ? order.price >= trade.price : order.price <= trade.price;
        if (!crossed)
            continue;
        const std::uint64_t quantity = std::min(left, order.quantity - order.filled);
        left -= quantity;
        applyFill(order, quantity);
    }
    forgetOldest();
}

void DemoTrader::onTick()
{
    std::vector<DemoOrder *> open;
    for (DemoOrder &order : m_orders) {
        if (!order.close)
            open.push_back(&order);
    }
    if (open.size() >= 4 || (!open.empty() && m_random.bounded(4) == 0)) {
        cancelOrder(open.front()->id);
        return;
    }
    const int market = m_random.bounded(2); // fFUEL/fUSDC and fETH/fUSDC
    const DepthView book = m_board.market(market).view(0);
    const bool buy = m_random.bounded(2) == 0;
    const auto &side = buy ? book.bids : book.asks;
    if (side.empty())
        return;
    const std::uint64_t lot = m_board.market(market).spec().lot();
    const std::uint64_t lots = std::max<std::uint64_t>(1, (side.front().second / lot) / 4);
    placeOrder(market, buy, side.front().first, (1 + m_random.bounded(quint64(lots))) * lot);
}

QByteArray DemoTrader::ordersBody(int market, bool openOnly, int count) const
{
    QJsonArray list;
    const QString marketId = m_board.market(market).spec().marketId;
    for (auto it = m_orders.rbegin(); it != m_orders.rend() && list.size() < count; ++it) {
        if (it->market == market && !(openOnly && it->close))
            list.append(orderJson(*it, marketId));
    }
    return compactJson({ { u"identity"_s, QJsonObject { { u"ContractId"_s, m_account } } },
                         { u"market_id"_s, marketId },
                         { u"orders"_s, list } });
}

std::optional<QByteArray> DemoTrader::orderBody(int market, const QString &orderId) const
{
    for (const DemoOrder &order : m_orders) {
        if (order.market == market && order.id == normalisedId(orderId))
            return compactJson({ { u"order"_s, orderJson(order, m_board.market(market).spec().marketId) } });
    }
    return std::nullopt;
}

QByteArray DemoTrader::balanceBody(const QString &assetId) const
{
    const auto it = m_balances.find(normalisedId(assetId));
    return compactJson(balanceJson(it == m_balances.end() ? DemoBalance {} : it->second));
}

QByteArray DemoTrader::accountBody() const
{
    return compactJson({ { u"trade_account_id"_s, m_account },
                         { u"trade_account"_s,
                           QJsonObject { { u"last_modification"_s, double(m_lastModificationMs / 1000) },
                                         { u"nonce"_s, text(m_nonce) },
                                         { u"owner"_s, QJsonObject { { u"Address"_s, m_owner } } } } } });
}

QByteArray DemoTrader::emptyOrdersBody(const QString &account, const QString &marketId)
{
    return compactJson({ { u"identity"_s, QJsonObject { { u"ContractId"_s, normalisedId(account) } } },
                         { u"market_id"_s, marketId },
                         { u"orders"_s, QJsonArray {} } });
}

QByteArray DemoTrader::emptyBalanceBody()
{
    return compactJson(balanceJson(DemoBalance {}));
}

} // namespace tapescope::emulator::o2
