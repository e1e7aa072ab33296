#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QTimer;

namespace tapescope::emulator::hyperliquid {

class HyperliquidMarketSimulator;
struct MarketState;
struct PrintedTrade;

// One order of a demo trader, resting or ended. Prices in the market's ticks, sizes in its lots.
struct TraderOrder
{
    qint64 oid = 0;
    QString coin;
    bool buy = true;
    std::int64_t priceTicks = 0;
    std::int64_t origLots = 0;
    std::int64_t remainingLots = 0;
    QByteArray cloid; // "0x" + 32 hex, or empty
    QByteArray tif = "Gtc"; // "Gtc" or "Alo"
    qint64 timestamp = 0;
    QByteArray status = "open"; // open, filled, canceled
    qint64 statusTimestamp = 0;
};

struct TraderPosition
{
    QString coin;
    std::int64_t sziLots = 0; // signed
    std::int64_t entryNotional = 0; // |size| x entry price, in lots x ticks (scale priceScale + szDecimals)
    int leverage = 10;
    std::int64_t fundingAllTime = 0; // micro-USDC paid (positive = paid), like the venue's cumFunding
    std::int64_t fundingSinceOpen = 0;
    std::int64_t fundingSinceChange = 0;
};

struct TraderBalance
{
    QString coin; // token name: USDC, HYPE, PURR
    int token = 0; // token index
    int decimals = 6; // the scale `total` is kept in (USDC: micro-units; others: the token's szDecimals)
    std::int64_t total = 0;
    std::int64_t entryNotional = 0; // micro-USDC
};

struct TraderFill
{
    qint64 time = 0;
    qint64 tid = 0;
    QByteArray json; // the WsFill object as the venue writes it
};

struct TraderFunding
{
    qint64 time = 0;
    QString coin;
    QByteArray usdc, szi, fundingRate;
};

struct TraderLedgerEntry
{
    qint64 time = 0;
    QByteArray hash;
    QByteArray delta; // {"type":"deposit","usdc":"..."}
};

// The account the venue would report for one address. An unknown address is a default TraderAccount.
struct TraderAccount
{
    QString address; // lower case
    std::int64_t usdc = 0; // perp cash: deposits + realized PnL - fees + funding, micro-USDC
    std::vector<TraderPosition> positions;
    std::vector<TraderBalance> balances;
    std::vector<TraderOrder> openOrders; // oldest first
    std::map<qint64, TraderOrder> endedOrders; // by oid, for orderStatus
    std::deque<TraderFill> fills; // oldest first
    std::deque<TraderFunding> fundings; // oldest first, the newest HyperliquidDemoTrader::KeptFundings
    std::deque<TraderLedgerEntry> ledger; // oldest first, the newest HyperliquidDemoTrader::KeptLedgerEntries
};

// The venue's JSON for an account (protocol reference §7.6-§7.16, §10), compact, in the venue's key order.
namespace account {
QByteArray clearinghouseState(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, qint64 now);
QByteArray spotState(const TraderAccount &account, const HyperliquidMarketSimulator &simulator); // {"balances":[...]}
QByteArray openOrders(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, bool frontend);
QByteArray userFills(const TraderAccount &account, std::size_t limit = 2000); // array, newest first
QByteArray fundingHistory(const TraderAccount &account, qint64 start, qint64 end); // REST userFunding
QByteArray ledgerHistory(const TraderAccount &account, qint64 start, qint64 end); // REST userNonFundingLedgerUpdates
QByteArray fundingSnapshot(const TraderAccount &account); // WS userFundings' fundings array
QByteArray ledgerSnapshot(const TraderAccount &account); // WS nonFundingLedgerUpdates array
// By oid, or by cloid when `cloid` is not empty (lower case); {"status":"unknownOid"} when neither is known.
QByteArray orderStatus(const TraderAccount &account, const HyperliquidMarketSimulator &simulator, qint64 oid,
                       const QByteArray &cloid = {});
// activeAssetData's data for `user` (lower case); perps only: nullopt for a spot or unknown coin.
std::optional<QByteArray> activeAssetData(const TraderAccount &account, const HyperliquidMarketSimulator &simulator,
                                          const QString &user, const QString &coin);
QByteArray wsOrder(const TraderOrder &order, const MarketState &market); // one orderUpdates element
QByteArray fundingObject(const TraderFunding &funding); // {time, coin, usdc, szi, fundingRate, nSamples}
QByteArray ledgerObject(const TraderLedgerEntry &entry); // {time, hash, delta}
} // namespace account

// A simulated trader at one address, driven by the simulator's market: it quotes limit orders at the inside
// of the simulated book (some with a cloid), they fill partially and then fully when the trade flow crosses
// their price, it cancels and re-quotes, holds BTC and ETH perp positions and USDC, HYPE and PURR spot, and
// pays funding every `fundingIntervalMs`. Its random choices come from its own generator, seeded by the
// emulator's seed and the address. Every change is announced by the signals below, which carry the address.
class HyperliquidDemoTrader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        quint32 seed = 1;
        int intervalMs = 1500; // one automatic order action per interval
        int fundingIntervalMs = 60000; // the accelerated funding clock (the venue's is an hour)
        bool automatic = true;
    };
    // What a long session keeps: the newest funding entries and ledger entries (one funding entry per open
    // position per funding interval, so the list would grow for as long as the emulator runs).
    static constexpr std::size_t KeptFundings = 1000;
    static constexpr std::size_t KeptLedgerEntries = 1000;

    HyperliquidDemoTrader(const QString &address, HyperliquidMarketSimulator &simulator, Options options,
                          QObject *parent = nullptr);
    ~HyperliquidDemoTrader() override;

    const QString &address() const { return m_account.address; }
    const TraderAccount &account() const { return m_account; }

    void setAutomatic(bool automatic);

    // Deterministic actions (test hooks). Prices and sizes are decimal strings; a price off the tick, a size
    // off the lot or an unknown coin is refused (0 / false).
    qint64 placeOrder(const QString &coin, bool buy, const QString &price, const QString &size,
                      const QString &cloid = {});
    bool fillOrder(qint64 oid, const QString &size); // at the order's limit price, as the maker
    bool cancelOrder(qint64 oid); // the trader's cancel
    bool venueCancelOrder(qint64 oid); // the venue cancels it: nonUserCancel on the user channel
    bool payFunding(); // one funding payment on every open position, now
    bool deposit(const QString &usdc); // a deposit to the perp account: a ledger entry

Q_SIGNALS:
    void orderUpdates(const QString &user, const QByteArray &wsOrders); // JSON array of WsOrder
    void fills(const QString &user, const QByteArray &wsFills); // JSON array of WsFill
    void funding(const QString &user, const QByteArray &fundingObject);
    void nonUserCancel(const QString &user, const QByteArray &cancels); // JSON array of {coin, oid}
    void ledgerUpdate(const QString &user, const QByteArray &entry); // {time, hash, delta}
    void perpStateChanged(const QString &user);
    void spotStateChanged(const QString &user);

private:
    void seedHistory();
    void onTick();
    void onTradesPrinted(const QString &coin, const std::vector<PrintedTrade> &prints);
    void onContextsTick();
    void placeRandomOrder();
    qint64 addOrder(const MarketState &market, bool buy, std::int64_t priceTicks, std::int64_t lots,
                    const QByteArray &cloid, qint64 now);
    void executeFill(std::size_t orderIndex, std::int64_t lots, qint64 now);
    bool endOrder(qint64 oid, bool byVenue);
    void applyPerpFill(const MarketState &market, const TraderOrder &order, std::int64_t lots,
                       QByteArray &startPosition, QByteArray &dir, std::int64_t &closedPnl, std::int64_t &fee);
    void applySpotFill(const MarketState &market, const TraderOrder &order, std::int64_t lots,
                       QByteArray &startPosition, QByteArray &dir, std::int64_t &closedPnl, std::int64_t &fee);
    TraderPosition &position(const QString &coin);
    TraderBalance *balance(const QString &coin);
    std::int64_t available(const TraderBalance &balance) const; // total minus what resting orders hold
    std::int64_t perpExposureMicro(const QString &coin) const;
    qint64 nextOid();
    QByteArray randomHex(int digits);

    HyperliquidMarketSimulator &m_simulator;
    Options m_options;
    QRandomGenerator m_rng;
    TraderAccount m_account;
    qint64 m_lastOid = 0;
    std::int64_t m_lastPnlSignature = 0;
    QTimer *m_tickTimer;
    QTimer *m_fundingTimer;
};

// The demo traders of one emulator, by address (compared case-insensitively).
class HyperliquidTraders
{
public:
    HyperliquidTraders(HyperliquidMarketSimulator &simulator, const QStringList &addresses,
                       HyperliquidDemoTrader::Options options, QObject *parent);

    HyperliquidDemoTrader *find(const QString &address) const;
    // The trader's account, or an empty one for any other address (the venue answers those too).
    const TraderAccount &account(const QString &address) const;
    const std::vector<HyperliquidDemoTrader *> &traders() const { return m_traders; }
    const HyperliquidMarketSimulator &simulator() const { return m_simulator; }

    static bool isAddress(const QString &text); // "0x" + 40 hex digits, any case

private:
    HyperliquidMarketSimulator &m_simulator;
    std::vector<HyperliquidDemoTrader *> m_traders; // owned by the parent QObject
    TraderAccount m_empty;
};

} // namespace tapescope::emulator::hyperliquid
