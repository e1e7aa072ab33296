#include "HyperliquidDemoTrader.h"

#include "HyperliquidEmulatorLog.h"
#include "HyperliquidFrames.h"
#include "HyperliquidMarketSimulator.h"

#include "emulator/WireText.h"

#include <QtCore/QRegularExpression>
#include <QtCore/QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::hyperliquid {

namespace {

constexpr int kUsdScale = 6; // USDC amounts are kept in micro-USDC
constexpr std::int64_t kMakerFeePerMillion = 150; // 0.015 %
// The venue's userFills answers at most the 2,000 most recent fills (QuickNode's userFills reference, "returns up to
// 2,000 recent fills"); keeping more only made the demo's memory grow for hours at high demo speeds. Ended orders
// answer orderStatus for orders no longer open; 5,000 covers every order the app can still show (its order history
// keeps 500).
constexpr std::size_t kKeptFills = 2000;
constexpr std::size_t kKeptEndedOrders = 5000;
const QByteArray kZeroHash = "0x" + QByteArray(64, '0'); // funding entries carry no transaction

std::int64_t pow10(int exponent)
{
    std::int64_t value = 1;
    while (exponent-- > 0)
        value *= 10;
    return value;
}

QByteArray usd(std::int64_t micro)
{
    return decimalText(micro, kUsdScale, IntegralDecimal::PointZero);
}

// mantissa x 10^-scale in micro-units, rounded half away from zero.
std::int64_t toMicro(std::int64_t mantissa, int scale)
{
    if (scale <= kUsdScale)
        return mantissa * pow10(kUsdScale - scale);
    const std::int64_t divisor = pow10(scale - kUsdScale);
    return mantissa >= 0 ? (mantissa + divisor / 2) / divisor : -((-mantissa + divisor / 2) / divisor);
}

int notionalScale(const MarketState &market)
{
    return market.spec.priceScale + market.spec.szDecimals;
}

std::int64_t markTicks(const MarketState &market)
{
    return std::clamp(market.lastTradeTicks, market.book.bestBid(), market.book.bestAsk()); // as activeAssetCtx
}

QByteArray side(bool buy)
{
    return buy ? QByteArrayLiteral("\"B\"") : QByteArrayLiteral("\"A\"");
}

// "12.5" at scale 2 -> 1250; nullopt when not a plain positive decimal or finer than the scale.
std::optional<std::int64_t> parseScaled(const QString &text, int scale)
{
    static const QRegularExpression pattern(u"^([0-9]{1,15})(?:\\.([0-9]*))?$"_s);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    QString fraction = match.captured(2);
    while (fraction.size() > scale && fraction.endsWith(u'0'))
        fraction.chop(1);
    if (fraction.size() > scale)
        return std::nullopt;
    fraction = fraction.leftJustified(scale, u'0');
    const std::int64_t value = match.captured(1).toLongLong() * pow10(scale) + (scale > 0 ? fraction.toLongLong() : 0);
    return value > 0 ? std::optional(value) : std::nullopt;
}

quint32 addressSeed(const QString &address, quint32 seed)
{
    quint32 hash = 2166136261u; // FNV-1a: stable across runs, unlike qHash
    for (const char c : address.toLatin1()) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 16777619u;
    }
    return hash ^ (seed * 2654435761u);
}

QString baseTokenName(const HyperliquidMarketSimulator &simulator, const MarketState &market)
{
    const SpotToken *token = simulator.catalog().token(market.spec.baseToken);
    return token ? token->name : QString();
}

// What one position shows in clearinghouseState; every amount in micro-USDC.
struct PositionView
{
    const TraderPosition *position = nullptr;
    const MarketState *market = nullptr;
    std::int64_t mark = 0;
    std::int64_t value = 0; // |szi| x mark
    std::int64_t signedNotional = 0;
    std::int64_t unrealized = 0;
    std::int64_t margin = 0;
    std::int64_t entry = 0;
};

struct Summary
{
    std::vector<PositionView> positions;
    std::int64_t accountValue = 0, totalNtl = 0, totalRaw = 0, totalMargin = 0, maintenance = 0, withdrawable = 0;
};

Summary summarize(const TraderAccount &account, const HyperliquidMarketSimulator &simulator)
{
    Summary summary;
    std::int64_t unrealized = 0, signedNotional = 0;
    for (const TraderPosition &position : account.positions) {
        const MarketState *market = simulator.market(position.coin);
        if (position.sziLots == 0 || !market)
            continue;
        PositionView view;
        view.position = &position;
        view.market = market;
        view.mark = markTicks(*market);
        const int scale = notionalScale(*market);
        const std::int64_t value = std::abs(position.sziLots) * view.mark;
        view.value = toMicro(value, scale);
        view.signedNotional = position.sziLots > 0 ? view.value : -view.value;
        view.unrealized
            = toMicro(position.sziLots > 0 ? value - position.entryNotional : position.entryNotional - value, scale);
        view.margin = view.value / std::max(position.leverage, 1);
        view.entry = toMicro(position.entryNotional, scale);
        unrealized += view.unrealized;
        signedNotional += view.signedNotional;
        summary.totalNtl += view.value;
        summary.totalMargin += view.margin;
        summary.positions.push_back(view);
    }
    summary.accountValue = account.usdc + unrealized;
    summary.totalRaw = summary.accountValue - signedNotional;
    summary.maintenance = summary.totalMargin / 2;
    summary.withdrawable = std::max<std::int64_t>(summary.accountValue - summary.totalMargin, 0);
    return summary;
}

QByteArray marginSummary(const Summary &summary)
{
    return "{\"accountValue\":\"" + usd(summary.accountValue) + "\",\"totalNtlPos\":\"" + usd(summary.totalNtl)
        + "\",\"totalRawUsd\":\"" + usd(summary.totalRaw) + "\",\"totalMarginUsed\":\"" + usd(summary.totalMargin)
        + "\"}";
}

QByteArray positionJson(const PositionView &view, const Summary &summary)
{
    const TraderPosition &position = *view.position;
    const MarketState &market = *view.market;
    const InstrumentSpec &spec = market.spec;
    const std::int64_t absLots = std::abs(position.sziLots);
    const std::int64_t entryPx = (position.entryNotional * 100 + absLots / 2) / absLots; // scale priceScale + 2
    const std::int64_t roe = view.entry > 0
        ? std::llround(static_cast<double>(view.unrealized) * position.leverage * 1e6 / static_cast<double>(view.entry))
        : 0;
    // Cross margin: the price at which the account value falls to the maintenance margin.
    const double units = static_cast<double>(position.sziLots) / static_cast<double>(pow10(spec.szDecimals));
    const double markPx = static_cast<double>(view.mark) / static_cast<double>(pow10(spec.priceScale));
    const double cushion = static_cast<double>(summary.accountValue - summary.maintenance) / 1e6;
    const double liquidation = markPx - cushion / units;
    QByteArray liquidationPx = "null";
    if (std::isfinite(liquidation) && liquidation > 0 && liquidation < markPx * 1000) {
        liquidationPx = '"'
            + decimalText(std::llround(liquidation * static_cast<double>(pow10(spec.priceScale))), spec.priceScale,
                          IntegralDecimal::PointZero)
            + '"';
    }
    return "{\"type\":\"oneWay\",\"position\":{\"coin\":" + jsonString(spec.coin) + ",\"szi\":\""
        + frames::size(market, position.sziLots)
        + "\",\"leverage\":{\"type\":\"cross\",\"value\":" + QByteArray::number(position.leverage) + "},\"entryPx\":\""
        + decimalText(entryPx, spec.priceScale + 2, IntegralDecimal::PointZero) + "\",\"positionValue\":\""
        + usd(view.value) + "\",\"unrealizedPnl\":\"" + usd(view.unrealized) + "\",\"returnOnEquity\":\""
        + decimalText(roe, 6, IntegralDecimal::PointZero) + "\",\"liquidationPx\":" + liquidationPx
        + ",\"marginUsed\":\"" + usd(view.margin) + "\",\"maxLeverage\":" + QByteArray::number(spec.maxLeverage)
        + ",\"cumFunding\":{\"allTime\":\"" + usd(position.fundingAllTime) + "\",\"sinceOpen\":\""
        + usd(position.fundingSinceOpen) + "\",\"sinceChange\":\"" + usd(position.fundingSinceChange) + "\"}}}";
}

QByteArray frontendOrder(const TraderOrder &order, const MarketState &market)
{
    return "{\"coin\":" + jsonString(order.coin) + ",\"side\":" + side(order.buy) + ",\"limitPx\":\""
        + frames::price(market, order.priceTicks) + "\",\"sz\":\"" + frames::size(market, order.remainingLots)
        + "\",\"oid\":" + QByteArray::number(order.oid) + ",\"timestamp\":" + QByteArray::number(order.timestamp)
        + ",\"triggerCondition\":\"N/A\",\"isTrigger\":false,\"triggerPx\":\"0.0\",\"children\":[],"
          "\"isPositionTpsl\":false,\"reduceOnly\":false,\"orderType\":\"Limit\",\"origSz\":\""
        + frames::size(market, order.origLots) + "\",\"tif\":\"" + order.tif
        + "\",\"cloid\":" + (order.cloid.isEmpty() ? QByteArrayLiteral("null") : jsonString(order.cloid)) + '}';
}

QByteArray plainOrder(const TraderOrder &order, const MarketState &market)
{
    QByteArray out = "{\"coin\":" + jsonString(order.coin) + ",\"limitPx\":\"" + frames::price(market, order.priceTicks)
        + "\",\"oid\":" + QByteArray::number(order.oid) + ",\"side\":" + side(order.buy) + ",\"sz\":\""
        + frames::size(market, order.remainingLots) + "\",\"timestamp\":" + QByteArray::number(order.timestamp)
        + ",\"origSz\":\"" + frames::size(market, order.origLots) + '"';
    if (!order.cloid.isEmpty())
        out += ",\"cloid\":" + jsonString(order.cloid);
    out += '}';
    return out;
}

// What resting spot orders lock of a balance: quote for bids, base for asks.
std::int64_t holdOf(const TraderAccount &account, const HyperliquidMarketSimulator &simulator,
                    const TraderBalance &balance)
{
    std::int64_t hold = 0;
    for (const TraderOrder &order : account.openOrders) {
        const MarketState *market = simulator.market(order.coin);
        if (!market || !market->spec.spot)
            continue;
        if (order.buy && balance.coin == "USDC"_L1)
            hold += toMicro(order.remainingLots * order.priceTicks, notionalScale(*market));
        else if (!order.buy && baseTokenName(simulator, *market) == balance.coin)
            hold += order.remainingLots;
    }
    return hold;
}

template<typename Entries, typename Render>
QByteArray arrayOf(const Entries &entries, qint64 start, qint64 end, Render render)
{
    QByteArray out = "[";
    int count = 0;
    for (const auto &entry : entries) {
        if (entry.time < start || entry.time > end)
            continue;
        if (count++ > 0)
            out += ',';
        out += render(entry);
        if (count == 500) // time-ranged answers stop at 500 (§10)
            break;
    }
    out += ']';
    return out;
}

} // namespace

namespace account {

QByteArray clearinghouseState(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, qint64 now)
{
    const Summary summary = summarize(account, simulator);
    QByteArray positions = "[";
    for (const PositionView &view : summary.positions) {
        if (positions.size() > 1)
            positions += ',';
        positions += positionJson(view, summary);
    }
    positions += ']';
    const QByteArray margin = marginSummary(summary);
    return "{\"marginSummary\":" + margin + ",\"crossMarginSummary\":" + margin + ",\"crossMaintenanceMarginUsed\":\""
        + usd(summary.maintenance) + "\",\"withdrawable\":\"" + usd(summary.withdrawable)
        + "\",\"assetPositions\":" + positions + ",\"time\":" + QByteArray::number(now) + '}';
}

QByteArray spotState(const TraderAccount &account, const HyperliquidMarketSimulator &simulator)
{
    QByteArray out = "{\"balances\":[";
    for (std::size_t i = 0; i < account.balances.size(); ++i) {
        const TraderBalance &balance = account.balances[i];
        if (i > 0)
            out += ',';
        out += "{\"coin\":" + jsonString(balance.coin) + ",\"token\":" + QByteArray::number(balance.token)
            + ",\"total\":\"" + decimalText(balance.total, balance.decimals, IntegralDecimal::PointZero)
            + "\",\"hold\":\""
            + decimalText(holdOf(account, simulator, balance), balance.decimals, IntegralDecimal::PointZero)
            + "\",\"entryNtl\":\"" + usd(balance.entryNotional) + "\"}";
    }
    out += "]}";
    return out;
}

QByteArray openOrders(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, bool frontend)
{
    QByteArray out = "[";
    for (auto it = account.openOrders.rbegin(); it != account.openOrders.rend(); ++it) { // newest first
        const MarketState *market = simulator.market(it->coin);
        if (!market)
            continue;
        if (out.size() > 1)
            out += ',';
        out += frontend ? frontendOrder(*it, *market) : plainOrder(*it, *market);
    }
    out += ']';
    return out;
}

QByteArray userFills(const TraderAccount &account, std::size_t limit)
{
    QByteArray out = "[";
    std::size_t count = 0;
    for (auto it = account.fills.rbegin(); it != account.fills.rend() && count < limit; ++it, ++count) {
        if (count > 0)
            out += ',';
        out += it->json;
    }
    out += ']';
    return out;
}

QByteArray fundingObject(const TraderFunding &funding)
{
    return "{\"time\":" + QByteArray::number(funding.time) + ",\"coin\":" + jsonString(funding.coin) + ",\"usdc\":\""
        + funding.usdc + "\",\"szi\":\"" + funding.szi + "\",\"fundingRate\":\"" + funding.fundingRate
        + "\",\"nSamples\":null}";
}

QByteArray ledgerObject(const TraderLedgerEntry &entry)
{
    return "{\"time\":" + QByteArray::number(entry.time) + ",\"hash\":" + jsonString(entry.hash)
        + ",\"delta\":" + entry.delta + '}';
}

QByteArray fundingHistory(const TraderAccount &account, qint64 start, qint64 end)
{
    return arrayOf(account.fundings, start, end, [](const TraderFunding &funding) -> QByteArray {
        return "{\"time\":" + QByteArray::number(funding.time) + ",\"hash\":\"" + kZeroHash
            + "\",\"delta\":{\"type\":\"funding\",\"coin\":" + jsonString(funding.coin) + ",\"usdc\":\"" + funding.usdc
            + "\",\"szi\":\"" + funding.szi + "\",\"fundingRate\":\"" + funding.fundingRate + "\",\"nSamples\":null}}";
    });
}

QByteArray ledgerHistory(const TraderAccount &account, qint64 start, qint64 end)
{
    return arrayOf(account.ledger, start, end, [](const TraderLedgerEntry &entry) { return ledgerObject(entry); });
}

QByteArray fundingSnapshot(const TraderAccount &account)
{
    return arrayOf(account.fundings, 0, std::numeric_limits<qint64>::max(),
                   [](const TraderFunding &funding) { return fundingObject(funding); });
}

QByteArray ledgerSnapshot(const TraderAccount &account)
{
    return arrayOf(account.ledger, 0, std::numeric_limits<qint64>::max(),
                   [](const TraderLedgerEntry &entry) { return ledgerObject(entry); });
}

QByteArray orderStatus(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, qint64 oid,
                       const QByteArray &cloid)
{
    auto matches = [&](const TraderOrder &order) { return cloid.isEmpty() ? order.oid == oid : order.cloid == cloid; };
    const TraderOrder *order = nullptr;
    for (const TraderOrder &open : account.openOrders) {
        if (matches(open))
            order = &open;
    }
    if (!order && cloid.isEmpty()) {
        const auto ended = account.endedOrders.find(oid);
        if (ended != account.endedOrders.end())
            order = &ended->second;
    }
    for (auto it = account.endedOrders.rbegin(); !order && it != account.endedOrders.rend(); ++it) {
        if (matches(it->second))
            order = &it->second;
    }
    const MarketState *market = order ? simulator.market(order->coin) : nullptr;
    if (!market)
        return QByteArrayLiteral("{\"status\":\"unknownOid\"}");
    return "{\"status\":\"order\",\"order\":{\"order\":" + frontendOrder(*order, *market) + ",\"status\":\""
        + order->status + "\",\"statusTimestamp\":" + QByteArray::number(order->statusTimestamp) + "}}";
}

std::optional<QByteArray> activeAssetData(const TraderAccount &account, const HyperliquidMarketSimulator &simulator,
                                          const QString &user, const QString &coin)
{
    const MarketState *market = simulator.market(coin);
    if (!market || market->spec.spot)
        return std::nullopt;
    const InstrumentSpec &spec = market->spec;
    int leverage = std::min(20, spec.maxLeverage);
    for (const TraderPosition &position : account.positions) {
        if (position.coin == coin)
            leverage = position.leverage;
    }
    const Summary summary = summarize(account, simulator);
    const std::int64_t available = summary.withdrawable * leverage;
    const std::int64_t mark = markTicks(*market);
    // Lots that `available` buys at the mark: available[micro] / (mark x 10^(6 - priceScale)) x 10^szDecimals.
    const double lots = static_cast<double>(available) * static_cast<double>(pow10(spec.szDecimals))
        / (static_cast<double>(mark) * static_cast<double>(pow10(kUsdScale - spec.priceScale)));
    const QByteArray maxSize = frames::size(*market, static_cast<std::int64_t>(std::floor(lots)));
    return "{\"user\":" + jsonString(user) + ",\"coin\":" + jsonString(coin)
        + ",\"leverage\":{\"type\":\"cross\",\"value\":" + QByteArray::number(leverage) + "},\"maxTradeSzs\":[\""
        + maxSize + "\",\"" + maxSize + "\"],\"availableToTrade\":[\"" + usd(available) + "\",\"" + usd(available)
        + "\"],\"markPx\":\"" + frames::price(*market, mark) + "\"}";
}

QByteArray wsOrder(const TraderOrder &order, const MarketState &market)
{
    QByteArray out = "{\"order\":{\"coin\":" + jsonString(order.coin) + ",\"side\":" + side(order.buy)
        + ",\"limitPx\":\"" + frames::price(market, order.priceTicks) + "\",\"sz\":\""
        + frames::size(market, order.remainingLots) + "\",\"oid\":" + QByteArray::number(order.oid) + ",\"timestamp\":"
        + QByteArray::number(order.timestamp) + ",\"origSz\":\"" + frames::size(market, order.origLots) + '"';
    if (!order.cloid.isEmpty())
        out += ",\"cloid\":" + jsonString(order.cloid);
    out += "},\"status\":\"" + order.status + "\",\"statusTimestamp\":" + QByteArray::number(order.statusTimestamp)
        + '}';
    return out;
}

} // namespace account

HyperliquidDemoTrader::HyperliquidDemoTrader(const QString &address, HyperliquidMarketSimulator &simulator,
                                             Options options, QObject *parent)
    : QObject(parent)
    , m_simulator(simulator)
    , m_options(options)
    , m_rng(addressSeed(address.toLower(), options.seed))
    , m_tickTimer(new QTimer(this))
    , m_fundingTimer(new QTimer(this))
{
    m_account.address = address.toLower();
    m_lastOid = 566617000000LL + static_cast<qint64>(m_rng.bounded(1u << 30));
    seedHistory();
    connect(&m_simulator, &HyperliquidMarketSimulator::tradesPrinted, this, &HyperliquidDemoTrader::onTradesPrinted);
    connect(&m_simulator, &HyperliquidMarketSimulator::contextsTick, this, &HyperliquidDemoTrader::onContextsTick);
    connect(m_tickTimer, &QTimer::timeout, this, &HyperliquidDemoTrader::onTick);
    connect(m_fundingTimer, &QTimer::timeout, this, [this] {
        if (m_options.automatic)
            payFunding();
    });
    m_tickTimer->start(std::max(options.intervalMs, 1));
    m_fundingTimer->start(std::max(options.fundingIntervalMs, 1));
}

HyperliquidDemoTrader::~HyperliquidDemoTrader() = default;

void HyperliquidDemoTrader::setAutomatic(bool automatic)
{
    m_options.automatic = automatic;
}

QByteArray HyperliquidDemoTrader::randomHex(int digits)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out(digits, '0');
    for (int i = 0; i < digits; ++i)
        out[i] = hex[m_rng.bounded(16)];
    return out;
}

qint64 HyperliquidDemoTrader::nextOid()
{
    m_lastOid += 1 + static_cast<qint64>(m_rng.bounded(40));
    return m_lastOid;
}

void HyperliquidDemoTrader::seedHistory()
{
    // An hour ago a deposit; since then a few fills that opened the positions and bought spot.
    const qint64 now = HyperliquidMarketSimulator::nowMs();
    const std::int64_t deposit = 100000LL * 1000000;
    m_account.usdc = deposit;
    m_account.ledger.push_back(
        { now - 3600000, "0x" + randomHex(64), "{\"type\":\"deposit\",\"usdc\":\"" + usd(deposit) + "\"}" });
    m_account.balances
        = { { u"USDC"_s, 0, kUsdScale, 25000LL * 1000000, 0 }, { u"HYPE"_s, 150, 2, 0, 0 }, { u"PURR"_s, 1, 0, 0, 0 } };
    struct Opening
    {
        QString coin;
        bool buy;
        std::int64_t lots;
        qint64 ago;
    };
    const Opening openings[] = {
        { u"BTC"_s, true, 4000, 2400000 }, // 0.04 BTC long
        { u"ETH"_s, false, 6000, 1800000 }, // 0.6 ETH short
        { u"@107"_s, true, 4000, 1200000 }, // 40 HYPE
        { u"PURR/USDC"_s, true, 8000, 600000 }, // 8000 PURR
    };
    for (const Opening &opening : openings) {
        const MarketState *market = m_simulator.market(opening.coin);
        if (!market)
            continue;
        const qint64 time = now - opening.ago;
        const QByteArray cloid = opening.buy ? "0x" + randomHex(32) : QByteArray();
        addOrder(*market, opening.buy, market->spec.startTicks, opening.lots, cloid, time);
        executeFill(m_account.openOrders.size() - 1, opening.lots, time + 800);
    }
}

TraderPosition &HyperliquidDemoTrader::position(const QString &coin)
{
    for (TraderPosition &position : m_account.positions) {
        if (position.coin == coin)
            return position;
    }
    TraderPosition position;
    position.coin = coin;
    const MarketState *market = m_simulator.market(coin);
    position.leverage = std::min(20, market ? market->spec.maxLeverage : 20);
    m_account.positions.push_back(position);
    return m_account.positions.back();
}

TraderBalance *HyperliquidDemoTrader::balance(const QString &coin)
{
    for (TraderBalance &balance : m_account.balances) {
        if (balance.coin == coin)
            return &balance;
    }
    return nullptr;
}

std::int64_t HyperliquidDemoTrader::available(const TraderBalance &balance) const
{
    return balance.total - holdOf(m_account, m_simulator, balance);
}

std::int64_t HyperliquidDemoTrader::perpExposureMicro(const QString &coin) const
{
    for (const TraderPosition &position : m_account.positions) {
        if (position.coin != coin)
            continue;
        const MarketState *market = m_simulator.market(coin);
        return market ? toMicro(position.sziLots * markTicks(*market), notionalScale(*market)) : 0;
    }
    return 0;
}

qint64 HyperliquidDemoTrader::addOrder(const MarketState &market, bool buy, std::int64_t priceTicks, std::int64_t lots,
                                       const QByteArray &cloid, qint64 now)
{
    TraderOrder order;
    order.oid = nextOid();
    order.coin = market.spec.coin;
    order.buy = buy;
    order.priceTicks = priceTicks;
    order.origLots = lots;
    order.remainingLots = lots;
    order.cloid = cloid;
    order.tif = m_rng.bounded(4) == 0 ? "Alo" : "Gtc";
    order.timestamp = now;
    order.statusTimestamp = now;
    m_account.openOrders.push_back(order);
    Q_EMIT orderUpdates(m_account.address, '[' + account::wsOrder(order, market) + ']');
    if (market.spec.spot)
        Q_EMIT spotStateChanged(m_account.address);
    return order.oid;
}

void HyperliquidDemoTrader::applyPerpFill(const MarketState &market, const TraderOrder &order, std::int64_t lots,
                                          QByteArray &startPosition, QByteArray &dir, std::int64_t &closedPnl,
                                          std::int64_t &fee)
{
    TraderPosition &pos = position(order.coin);
    const int scale = notionalScale(market);
    const std::int64_t start = pos.sziLots;
    const std::int64_t px = order.priceTicks;
    startPosition = frames::size(market, start);
    closedPnl = 0;
    if (start == 0 || (start > 0) == order.buy) {
        dir = order.buy ? "Open Long" : "Open Short";
        if (start == 0)
            pos.fundingSinceOpen = 0;
        pos.entryNotional += lots * px;
    } else {
        const std::int64_t absStart = std::abs(start);
        const std::int64_t closing = std::min(lots, absStart);
        const std::int64_t basis = pos.entryNotional * closing / absStart;
        closedPnl = toMicro(start > 0 ? closing * px - basis : basis - closing * px, scale);
        pos.entryNotional -= basis;
        if (lots > absStart) {
            dir = start > 0 ? "Long > Short" : "Short > Long";
            pos.entryNotional = (lots - absStart) * px;
            pos.fundingSinceOpen = 0;
        } else {
            dir = start > 0 ? "Close Long" : "Close Short";
            if (lots == absStart)
                pos.entryNotional = 0;
        }
    }
    pos.sziLots = start + (order.buy ? lots : -lots);
    pos.fundingSinceChange = 0;
    fee = toMicro(lots * px, scale) * kMakerFeePerMillion / 1000000;
    m_account.usdc += closedPnl - fee;
}

void HyperliquidDemoTrader::applySpotFill(const MarketState &market, const TraderOrder &order, std::int64_t lots,
                                          QByteArray &startPosition, QByteArray &dir, std::int64_t &closedPnl,
                                          std::int64_t &fee)
{
    TraderBalance *base = balance(baseTokenName(m_simulator, market));
    TraderBalance *quote = balance(u"USDC"_s);
    if (!base || !quote)
        return;
    const std::int64_t cost = toMicro(lots * order.priceTicks, notionalScale(market));
    startPosition = decimalText(base->total, base->decimals, IntegralDecimal::PointZero);
    fee = cost * kMakerFeePerMillion / 1000000;
    closedPnl = 0;
    if (order.buy) {
        dir = "Buy";
        base->total += lots;
        base->entryNotional += cost;
        quote->total -= cost + fee;
    } else {
        dir = "Sell";
        const std::int64_t basis
            = base->total > 0 ? base->entryNotional * std::min(lots, base->total) / base->total : 0;
        base->entryNotional -= basis;
        base->total -= lots;
        quote->total += cost - fee;
        closedPnl = cost - basis;
    }
}

void HyperliquidDemoTrader::executeFill(std::size_t orderIndex, std::int64_t lots, qint64 now)
{
    TraderOrder &order = m_account.openOrders[orderIndex];
    const MarketState *market = m_simulator.market(order.coin);
    if (!market)
        return;
    lots = std::clamp<std::int64_t>(lots, 1, order.remainingLots);
    QByteArray startPosition, dir;
    std::int64_t closedPnl = 0, fee = 0;
    if (market->spec.spot)
        applySpotFill(*market, order, lots, startPosition, dir, closedPnl, fee);
    else
        applyPerpFill(*market, order, lots, startPosition, dir, closedPnl, fee);
    order.remainingLots -= lots;

    TraderFill fill;
    fill.time = now;
    fill.tid = static_cast<qint64>((m_rng.generate64() & ((quint64(1) << 49) - 1)) | (quint64(1) << 49));
    fill.json = "{\"coin\":" + jsonString(order.coin) + ",\"px\":\"" + frames::price(*market, order.priceTicks)
        + "\",\"sz\":\"" + frames::size(*market, lots) + "\",\"side\":" + side(order.buy)
        + ",\"time\":" + QByteArray::number(now) + ",\"startPosition\":\"" + startPosition + "\",\"dir\":\"" + dir
        + "\",\"closedPnl\":\"" + usd(closedPnl) + "\",\"hash\":\"0x" + randomHex(64)
        + "\",\"oid\":" + QByteArray::number(order.oid) + ",\"crossed\":false,\"fee\":\"" + usd(fee)
        + "\",\"tid\":" + QByteArray::number(fill.tid);
    if (!order.cloid.isEmpty())
        fill.json += ",\"cloid\":" + jsonString(order.cloid);
    fill.json += ",\"feeToken\":\"USDC\",\"twapId\":null}";
    m_account.fills.push_back(fill);
    while (m_account.fills.size() > kKeptFills)
        m_account.fills.pop_front();
    Q_EMIT fills(m_account.address, '[' + fill.json + ']');

    if (order.remainingLots == 0) {
        order.status = "filled";
        order.statusTimestamp = now;
        const TraderOrder ended = order;
        m_account.openOrders.erase(m_account.openOrders.begin() + static_cast<std::ptrdiff_t>(orderIndex));
        m_account.endedOrders[ended.oid] = ended;
        while (m_account.endedOrders.size() > kKeptEndedOrders)
            m_account.endedOrders.erase(m_account.endedOrders.begin());
        Q_EMIT orderUpdates(m_account.address, '[' + account::wsOrder(ended, *market) + ']');
    }
    if (market->spec.spot)
        Q_EMIT spotStateChanged(m_account.address);
    else
        Q_EMIT perpStateChanged(m_account.address);
}

bool HyperliquidDemoTrader::endOrder(qint64 oid, bool byVenue)
{
    const auto it = std::find_if(m_account.openOrders.begin(), m_account.openOrders.end(),
                                 [oid](const TraderOrder &order) { return order.oid == oid; });
    if (it == m_account.openOrders.end())
        return false;
    const MarketState *market = m_simulator.market(it->coin);
    TraderOrder ended = *it;
    ended.status = "canceled";
    ended.statusTimestamp = HyperliquidMarketSimulator::nowMs();
    m_account.openOrders.erase(it);
    m_account.endedOrders[oid] = ended;
    while (m_account.endedOrders.size() > kKeptEndedOrders)
        m_account.endedOrders.erase(m_account.endedOrders.begin());
    if (!market)
        return true;
    if (byVenue) {
        Q_EMIT nonUserCancel(m_account.address,
                             "[{\"coin\":" + jsonString(ended.coin) + ",\"oid\":" + QByteArray::number(oid) + "}]");
    }
    Q_EMIT orderUpdates(m_account.address, '[' + account::wsOrder(ended, *market) + ']');
    if (market->spec.spot)
        Q_EMIT spotStateChanged(m_account.address);
    return true;
}

qint64 HyperliquidDemoTrader::placeOrder(const QString &coin, bool buy, const QString &price, const QString &size,
                                         const QString &cloid)
{
    const MarketState *market = m_simulator.market(coin);
    if (!market)
        return 0;
    const auto ticks = parseScaled(price, market->spec.priceScale);
    const auto lots = parseScaled(size, market->spec.szDecimals);
    static const QRegularExpression cloidPattern(u"^0x[0-9a-fA-F]{32}$"_s);
    if (!ticks || !lots || (!cloid.isEmpty() && !cloidPattern.match(cloid).hasMatch()))
        return 0;
    return addOrder(*market, buy, *ticks, *lots, cloid.toLower().toLatin1(), HyperliquidMarketSimulator::nowMs());
}

bool HyperliquidDemoTrader::fillOrder(qint64 oid, const QString &size)
{
    for (std::size_t i = 0; i < m_account.openOrders.size(); ++i) {
        const TraderOrder &order = m_account.openOrders[i];
        if (order.oid != oid)
            continue;
        const MarketState *market = m_simulator.market(order.coin);
        const auto lots = market ? parseScaled(size, market->spec.szDecimals) : std::nullopt;
        if (!lots || *lots > order.remainingLots)
            return false;
        executeFill(i, *lots, HyperliquidMarketSimulator::nowMs());
        return true;
    }
    return false;
}

bool HyperliquidDemoTrader::cancelOrder(qint64 oid)
{
    return endOrder(oid, false);
}

bool HyperliquidDemoTrader::venueCancelOrder(qint64 oid)
{
    return endOrder(oid, true);
}

bool HyperliquidDemoTrader::payFunding()
{
    const qint64 now = HyperliquidMarketSimulator::nowMs();
    bool paid = false;
    for (TraderPosition &position : m_account.positions) {
        const MarketState *market = m_simulator.market(position.coin);
        if (position.sziLots == 0 || !market)
            continue;
        const std::int64_t notional = toMicro(position.sziLots * markTicks(*market), notionalScale(*market));
        // A long pays a positive rate: the account receives -notional x rate.
        const std::int64_t delta
            = std::llround(-static_cast<double>(notional) * static_cast<double>(market->fundingE10) / 1e10);
        m_account.usdc += delta;
        position.fundingAllTime -= delta;
        position.fundingSinceOpen -= delta;
        position.fundingSinceChange -= delta;
        const TraderFunding entry { now, position.coin, usd(delta), frames::size(*market, position.sziLots),
                                    decimalText(market->fundingE10, 10, IntegralDecimal::PointZero) };
        m_account.fundings.push_back(entry);
        while (m_account.fundings.size() > KeptFundings)
            m_account.fundings.pop_front();
        Q_EMIT funding(m_account.address, account::fundingObject(entry));
        paid = true;
    }
    if (paid)
        Q_EMIT perpStateChanged(m_account.address);
    return paid;
}

bool HyperliquidDemoTrader::deposit(const QString &usdc)
{
    const auto amount = parseScaled(usdc, kUsdScale);
    if (!amount)
        return false;
    m_account.usdc += *amount;
    const TraderLedgerEntry entry { HyperliquidMarketSimulator::nowMs(), "0x" + randomHex(64),
                                    "{\"type\":\"deposit\",\"usdc\":\"" + usd(*amount) + "\"}" };
    m_account.ledger.push_back(entry);
    while (m_account.ledger.size() > KeptLedgerEntries)
        m_account.ledger.pop_front();
    Q_EMIT ledgerUpdate(m_account.address, account::ledgerObject(entry));
    Q_EMIT perpStateChanged(m_account.address);
    return true;
}

void HyperliquidDemoTrader::onTick()
{
    if (!m_options.automatic)
        return;
    const int roll = static_cast<int>(m_rng.bounded(1000));
    if (roll == 0) { // now and then a top-up, so the ledger stream has live entries too
        deposit(QString::number(500 + m_rng.bounded(4500)));
        return;
    }
    auto &open = m_account.openOrders;
    if (!open.empty() && roll >= 960) {
        venueCancelOrder(open[m_rng.bounded(static_cast<quint32>(open.size()))].oid); // e.g. a margin check
    } else if (open.size() >= 6 || (open.size() >= 2 && roll < 400)) {
        cancelOrder(open.front().oid); // re-quote the oldest at the current inside
        placeRandomOrder();
    } else {
        placeRandomOrder();
    }
}

void HyperliquidDemoTrader::placeRandomOrder()
{
    static const QString coins[] = { u"BTC"_s, u"ETH"_s, u"@107"_s, u"PURR/USDC"_s };
    const MarketState *market = m_simulator.market(coins[m_rng.bounded(4)]);
    if (!market)
        return;
    const InstrumentSpec &spec = market->spec;
    bool buy = m_rng.bounded(2) == 0;
    const std::int64_t lots = std::max<std::int64_t>(
        1,
        spec.levelLots / 40 + static_cast<std::int64_t>(m_rng.bounded(static_cast<quint32>(spec.levelLots / 14 + 1))));
    const auto jitter = static_cast<std::int64_t>(m_rng.bounded(3));
    auto priceFor = [&](bool bid) {
        return std::max<std::int64_t>(bid ? market->book.bestBid() - jitter : market->book.bestAsk() + jitter, 1);
    };
    if (spec.spot) {
        const TraderBalance *base = balance(baseTokenName(m_simulator, *market));
        const TraderBalance *quote = balance(u"USDC"_s);
        if (!base || !quote)
            return;
        const std::int64_t cost = toMicro(lots * priceFor(true), notionalScale(*market)) * 102 / 100;
        if (!buy && available(*base) < lots)
            buy = true;
        if (buy && available(*quote) < cost) {
            if (available(*base) < lots)
                return;
            buy = false;
        }
    } else {
        constexpr std::int64_t kExposureLimit = 40000LL * 1000000; // keep each position under $40k
        const std::int64_t exposure = perpExposureMicro(spec.coin);
        if (exposure > kExposureLimit)
            buy = false;
        else if (exposure < -kExposureLimit)
            buy = true;
    }
    const QByteArray cloid = m_rng.bounded(2) == 0 ? "0x" + randomHex(32) : QByteArray();
    addOrder(*market, buy, priceFor(buy), lots, cloid, HyperliquidMarketSimulator::nowMs());
}

void HyperliquidDemoTrader::onTradesPrinted(const QString &coin, const std::vector<PrintedTrade> &prints)
{
    if (!m_options.automatic || prints.empty())
        return;
    const MarketState *market = m_simulator.market(coin);
    if (!market)
        return;
    std::vector<qint64> oids;
    for (const TraderOrder &order : m_account.openOrders) {
        if (order.coin == coin)
            oids.push_back(order.oid);
    }
    for (const qint64 oid : oids) {
        const auto it = std::find_if(m_account.openOrders.begin(), m_account.openOrders.end(),
                                     [oid](const TraderOrder &order) { return order.oid == oid; });
        if (it == m_account.openOrders.end())
            continue;
        // Crossed when the flow printed at or through the order's price, or the book moved through it.
        bool crossed = it->buy ? market->book.bestAsk() <= it->priceTicks : market->book.bestBid() >= it->priceTicks;
        for (const PrintedTrade &print : prints) {
            if (it->buy ? (!print.buyAggressor && print.priceTicks <= it->priceTicks)
                        : (print.buyAggressor && print.priceTicks >= it->priceTicks))
                crossed = true;
        }
        if (!crossed)
            continue;
        std::int64_t lots = it->remainingLots;
        if (it->remainingLots == it->origLots && it->origLots > 1) // a first touch fills part of it
            lots = std::max<std::int64_t>(1, it->origLots * (30 + static_cast<std::int64_t>(m_rng.bounded(41))) / 100);
        executeFill(static_cast<std::size_t>(it - m_account.openOrders.begin()), lots, prints.back().time);
    }
}

void HyperliquidDemoTrader::onContextsTick()
{
    // The mark moved: positions' value and PnL changed, so the venue would push clearinghouseState again.
    std::int64_t signature = 0;
    for (const TraderPosition &position : m_account.positions) {
        if (const MarketState *market = m_simulator.market(position.coin))
            signature += position.sziLots * markTicks(*market);
    }
    if (signature != m_lastPnlSignature) {
        m_lastPnlSignature = signature;
        Q_EMIT perpStateChanged(m_account.address);
    }
}

HyperliquidTraders::HyperliquidTraders(HyperliquidMarketSimulator &simulator, const QStringList &addresses,
                                       HyperliquidDemoTrader::Options options, QObject *parent)
    : m_simulator(simulator)
{
    for (const QString &address : addresses) {
        if (!isAddress(address)) {
            qCWarning(lcHyperliquidEmulator) << "ignoring a demo trader with a malformed address" << address;
            continue;
        }
        if (find(address))
            continue;
        m_traders.push_back(new HyperliquidDemoTrader(address, simulator, options, parent));
    }
}

HyperliquidDemoTrader *HyperliquidTraders::find(const QString &address) const
{
    for (HyperliquidDemoTrader *trader : m_traders) {
        if (trader->address().compare(address, Qt::CaseInsensitive) == 0)
            return trader;
    }
    return nullptr;
}

const TraderAccount &HyperliquidTraders::account(const QString &address) const
{
    const HyperliquidDemoTrader *trader = find(address);
    return trader ? trader->account() : m_empty;
}

bool HyperliquidTraders::isAddress(const QString &text)
{
    static const QRegularExpression pattern(u"^0x[0-9a-fA-F]{40}$"_s);
    return pattern.match(text).hasMatch();
}

} // namespace tapescope::emulator::hyperliquid
