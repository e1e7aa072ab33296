#include "MarketFixtures.h"
#include "market/AccountHub.h"
#include "market/MarketHub.h"
#include "models/AccountBook.h"
#include "models/AccountModels.h"
#include "models/DisplayFormat.h"

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace tapescope;
using namespace fixtures;

namespace {

const QString Trader = QStringLiteral("0xdec0de0000000000000000000000000000000001");
const QString Other = QStringLiteral("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");

AccountOrder order(const QString &account, const QString &id, const char *px, Side side, std::int64_t ts,
                   const QString &status = QStringLiteral("open"))
{
    AccountOrder o;
    o.venue = Venue;
    o.account = account;
    o.symbol = QStringLiteral("BTC");
    o.id = id;
    o.side = side;
    o.orderType = QStringLiteral("Limit");
    o.price = dec(px);
    o.size = dec("0.5");
    o.filled = dec("0");
    o.status = status;
    o.ts = ts;
    return o;
}

AccountFill fill(const QString &account, const QString &id, const char *px, std::int64_t ts, const char *closedPnl)
{
    AccountFill f;
    f.venue = Venue;
    f.account = account;
    f.symbol = QStringLiteral("BTC");
    f.id = id;
    f.orderId = QStringLiteral("9");
    f.side = Side::Sell;
    f.price = dec(px);
    f.size = dec("0.1");
    f.fee = dec("0.0123");
    f.feeAsset = QStringLiteral("USDC");
    f.closedPnl = dec(closedPnl);
    f.ts = ts;
    return f;
}

AccountPosition position(const QString &account, const QString &symbol, const char *size, const char *entry)
{
    AccountPosition p;
    p.venue = Venue;
    p.account = account;
    p.symbol = symbol;
    p.size = dec(size);
    p.entryPrice = dec(entry);
    p.mark = dec(entry);
    p.unrealizedPnl = dec("0");
    return p;
}

AccountSummary summary(const QString &account, const char *equity, const char *margin)
{
    AccountSummary s;
    s.venue = Venue;
    s.account = account;
    s.equity = dec(equity);
    s.marginUsed = dec(margin);
    s.withdrawable = dec("1000");
    s.currency = QStringLiteral("USDC");
    return s;
}

// Applies a batch and lets the next frame go out, as the window would.
void apply(AccountHub &accounts, MarketHub &market, AccountEventBatch batch)
{
    accounts.ingest(batch);
    market.flush();
}

} // namespace

class TestAccountModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aBatchIsOneNotificationAndOneFrame()
    {
        MarketHub market;
        AccountHub accounts(&market);
        QSignalSpy batches(&accounts, &AccountHub::batchApplied);
        QSignalSpy frames(&accounts, &AccountHub::accountsChanged);
        accounts.ingest({ order(Trader, QStringLiteral("1"), "100", Side::Buy, 1000),
                          order(Trader, QStringLiteral("2"), "101", Side::Sell, 1001),
                          fill(Trader, QStringLiteral("f1"), "100", 1002, "0") });
        QCOMPARE(batches.count(), 1);
        QCOMPARE(frames.count(), 0); // not before the frame
        accounts.ingest({ order(Trader, QStringLiteral("3"), "99", Side::Buy, 1003) });
        QCOMPARE(batches.count(), 2);
        market.flush();
        QCOMPARE(frames.count(), 1);
        const auto changes = frames.at(0).at(0).value<AccountHub::Changes>();
        QVERIFY(changes.testFlag(AccountHub::OpenOrders));
        QVERIFY(changes.testFlag(AccountHub::Fills));
        QVERIFY(!changes.testFlag(AccountHub::Positions));
        QCOMPARE(accounts.account(Venue, Trader)->state.openOrders().size(), 3);
        // Nothing new: no notification at all.
        accounts.ingest({ fill(Trader, QStringLiteral("f1"), "100", 1002, "0") });
        QCOMPARE(batches.count(), 2);
    }

    void openOrdersAreRangedChangesNewestFirst()
    {
        MarketHub market;
        AccountHub accounts(&market);
        AccountTableModel model(&accounts, AccountTableModel::Kind::OpenOrders);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        apply(accounts, market,
              { order(Trader, QStringLiteral("1"), "100", Side::Buy, 1000),
                order(Trader, QStringLiteral("2"), "101", Side::Sell, 2000) });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.value(0, QStringLiteral("orderId")).toString(), QStringLiteral("2"));
        QCOMPARE(model.value(0, QStringLiteral("side")).toString(), QStringLiteral("sell"));
        QCOMPARE(model.value(0, QStringLiteral("isBuy")).toBool(), false);
        QCOMPARE(model.value(0, QStringLiteral("instrumentKey")).toString(), keyOf(QStringLiteral("BTC")));
        QCOMPARE(model.value(1, QStringLiteral("price")).toString(), QStringLiteral("100"));

        // A partial fill changes one row in place.
        AccountOrder partial = order(Trader, QStringLiteral("1"), "100", Side::Buy, 1000, QStringLiteral("open"));
        partial.filled = dec("0.2");
        apply(accounts, market, { partial });
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(model.value(1, QStringLiteral("filled")).toString(), QStringLiteral("0.2"));

        // A cancel removes it; a new order goes in at the top.
        apply(accounts, market,
              { order(Trader, QStringLiteral("1"), "100", Side::Buy, 3000, QStringLiteral("canceled")),
                order(Trader, QStringLiteral("3"), "102", Side::Buy, 4000) });
        QCOMPARE(removes.count(), 1);
        QCOMPARE(inserts.count(), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.value(0, QStringLiteral("orderId")).toString(), QStringLiteral("3"));
        QCOMPARE(resets.count(), 0);

        AccountTableModel history(&accounts, AccountTableModel::Kind::OrderHistory);
        QAbstractItemModelTester historyTester(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(history.rowCount(), 1);
        QCOMPARE(history.value(0, QStringLiteral("status")).toString(), QStringLiteral("canceled"));
    }

    void theFilterPicksAnAccountAndTheModelsCoverAll()
    {
        MarketHub market;
        AccountHub accounts(&market);
        accounts.addAccount(Venue, Trader, QStringLiteral("Main"));
        accounts.addAccount(Venue, Other);
        AccountTableModel fills(&accounts, AccountTableModel::Kind::Fills);
        QAbstractItemModelTester tester(&fills, QAbstractItemModelTester::FailureReportingMode::QtTest);
        apply(accounts, market,
              { fill(Trader, QStringLiteral("a"), "100", 1000, "1.5"),
                fill(Trader, QStringLiteral("b"), "101", 3000, "-2") });
        apply(accounts, market, { fill(Other, QStringLiteral("c"), "102", 2000, "0") });
        QCOMPARE(fills.rowCount(), 3);
        // Newest first across accounts.
        QCOMPARE(fills.value(0, QStringLiteral("price")).toString(), QStringLiteral("101"));
        QCOMPARE(fills.value(1, QStringLiteral("accountName")).toString(), QStringLiteral("0x7099…79c8"));
        QCOMPARE(fills.value(2, QStringLiteral("accountName")).toString(), QStringLiteral("Main"));
        // closed_pnl as the venue sent it.
        QCOMPARE(fills.value(0, QStringLiteral("closedPnl")).toString(), QStringLiteral("-2"));
        QCOMPARE(fills.value(0, QStringLiteral("closedPnlSign")).toInt(), -1);

        fills.setAccount(Venue + QLatin1Char(':') + Other);
        QCOMPARE(fills.rowCount(), 1);
        QCOMPARE(fills.value(0, QStringLiteral("price")).toString(), QStringLiteral("102"));
        fills.setAccount(Venue);
        QCOMPARE(fills.rowCount(), 3);
        fills.setAccount(QStringLiteral("kalshi"));
        QCOMPARE(fills.rowCount(), 0);
    }

    // Three accounts with 600 fills each (more than the table shows): the table holds the 500 newest across them, in
    // the order a stable sort of every row would give -- time, then the fill's identity, then the accounts' order and
    // each account's own -- with the cells of those fills. Timestamps repeat within and across accounts and one fill
    // is in every account, so ties decide who is shown at the cut. Checked against that sort of every fill.
    void theNewestFillsAcrossAccountsAreShown()
    {
        MarketHub market;
        AccountHub accounts(&market);
        const QStringList traders { Trader, Other, QStringLiteral("0x00000000000000000000000000000000000000aa") };
        for (const QString &trader : traders)
            accounts.addAccount(Venue, trader);
        AccountTableModel fills(&accounts, AccountTableModel::Kind::Fills);
        QAbstractItemModelTester tester(&fills, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int a = 0; a < traders.size(); ++a) {
            AccountEventBatch batch;
            for (int i = 0; i < 600; ++i) {
                // Times 1000..1899 (each twice in an account), the accounts interleaved; the last fill of every account
                // is the same fill ("shared", time 1649), which falls at rows 499-501: on the cut.
                const bool shared = i == 599;
                const std::int64_t ts = shared ? 1649 : 1000 + (i % 300) * 3 + a;
                AccountFill f = fill(traders[a], QStringLiteral("f%1-%2").arg(a).arg(i % 7), "100", ts, "0");
                f.price = dec(QByteArray::number(1000 + a * 1000 + i).constData());
                f.key = shared ? QStringLiteral("shared")
                               : f.id + QLatin1Char('@') + QString::number(ts) + QLatin1Char('#') + QString::number(i);
                batch.push_back(f);
            }
            apply(accounts, market, batch);
        }
        struct Expected
        {
            std::int64_t ts;
            QString identity;
            std::size_t account, index;
            QString rowId, price;
        };
        std::vector<Expected> all;
        const QStringList keys = accounts.accountKeys();
        for (std::size_t a = 0; a < std::size_t(keys.size()); ++a) {
            const auto &list = accounts.account(keys[qsizetype(a)])->state.fills();
            for (std::size_t i = 0; i < list.size(); ++i)
                all.push_back({ list[i].ts, list[i].identity(), a, i,
                                keys[qsizetype(a)] + QLatin1Char('|') + list[i].identity(), list[i].price.toString() });
        }
        QCOMPARE(all.size(), std::size_t(1800));
        std::stable_sort(all.begin(), all.end(), [](const Expected &x, const Expected &y) {
            if (x.ts != y.ts)
                return x.ts > y.ts;
            return x.identity < y.identity;
        });
        // The case this is about: rows that tie in everything but their account, across the cut.
        QCOMPARE(all[499].identity, QStringLiteral("shared"));
        QCOMPARE(all[500].identity, QStringLiteral("shared"));
        QCOMPARE(fills.rowCount(), AccountTableModel::Capacity);
        for (int row = 0; row < fills.rowCount(); ++row) {
            const Expected &want = all[std::size_t(row)];
            QCOMPARE(fills.value(row, QStringLiteral("rowId")).toString(), want.rowId);
            QCOMPARE(fills.value(row, QStringLiteral("price")).toString(), want.price);
            QCOMPARE(fills.value(row, QStringLiteral("timestamp")).toLongLong(), qint64(want.ts));
        }
    }

    void positionsAreValuedAtTheLiveMarkExactly()
    {
        MarketHub market;
        AccountHub accounts(&market);
        AccountTableModel positions(&accounts, AccountTableModel::Kind::Positions);
        AccountBook book(&accounts);
        QAbstractItemModelTester tester(&positions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        apply(accounts, market,
              { position(Trader, QStringLiteral("BTC"), "0.3", "100000.1"),
                position(Trader, QStringLiteral("ETH"), "-2", "3000"), summary(Trader, "25000.125", "1200") });
        QCOMPARE(positions.rowCount(), 2);
        QCOMPARE(positions.value(0, QStringLiteral("symbol")).toString(), QStringLiteral("BTC"));
        QCOMPARE(positions.value(0, QStringLiteral("unrealizedPnl")).toString(), QStringLiteral("0.00"));
        QCOMPARE(positions.value(1, QStringLiteral("side")).toString(), QStringLiteral("short"));
        QCOMPARE(positions.value(1, QStringLiteral("size")).toString(), QStringLiteral("2"));
        QCOMPARE(book.equity(), QStringLiteral("25000.13"));
        QCOMPARE(book.marginUsed(), QStringLiteral("1200.00"));

        // The market moves: the BTC row is revalued in the same frame, with one dataChanged.
        QSignalSpy changes(&positions, &QAbstractItemModel::dataChanged);
        Ticker ticker;
        ticker.venue = Venue;
        ticker.symbol = QStringLiteral("BTC");
        ticker.mark = dec("100100.2");
        feed(market, { ticker });
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(0).value<QModelIndex>().row(), 0);
        // 0.3 x (100100.2 - 100000.1) = 30.03; |0.3| x 100100.2 = 30030.06
        QCOMPARE(positions.value(0, QStringLiteral("unrealizedPnl")).toString(), QStringLiteral("+30.03"));
        QCOMPARE(positions.value(0, QStringLiteral("value")).toString(), QStringLiteral("30030.06"));
        QCOMPARE(positions.value(0, QStringLiteral("markLive")).toBool(), true);
        QCOMPARE(positions.value(0, QStringLiteral("pnlSign")).toInt(), 1);
        QCOMPARE(book.unrealizedPnl(), QStringLiteral("+30.03"));

        // The ETH book's mid values the short: -2 x (2990.5 - 3000) = +19.
        feed(market, { snapshot(QStringLiteral("ETH"), { { "2990", "1" } }, { { "2991", "1" } }) });
        QCOMPARE(positions.value(1, QStringLiteral("markPrice")).toString(), QStringLiteral("2990.5"));
        QCOMPARE(positions.value(1, QStringLiteral("unrealizedPnl")).toString(), QStringLiteral("+19.00"));
        QCOMPARE(book.unrealizedPnl(), QStringLiteral("+49.03"));

        // Flat: the row goes.
        apply(accounts, market, { position(Trader, QStringLiteral("ETH"), "0", "3000") });
        QCOMPARE(positions.rowCount(), 1);
    }

    void balancesFundingAndLedgerFollowTheirEvents()
    {
        MarketHub market;
        AccountHub accounts(&market);
        AccountTableModel balances(&accounts, AccountTableModel::Kind::Balances);
        AccountTableModel funding(&accounts, AccountTableModel::Kind::Funding);
        AccountTableModel ledger(&accounts, AccountTableModel::Kind::Ledger);
        QAbstractItemModelTester t1(&balances, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&funding, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&ledger, QAbstractItemModelTester::FailureReportingMode::QtTest);
        AccountBalance usdc;
        usdc.venue = Venue;
        usdc.account = Trader;
        usdc.asset = QStringLiteral("USDC");
        usdc.total = dec("1500.5");
        usdc.available = dec("1400");
        usdc.locked = dec("100.5");
        FundingPayment paid;
        paid.venue = Venue;
        paid.account = Trader;
        paid.symbol = QStringLiteral("BTC");
        paid.amount = dec("-0.42");
        paid.rate = dec("0.0000125");
        paid.ts = 5000;
        LedgerEntry deposit;
        deposit.venue = Venue;
        deposit.account = Trader;
        deposit.kind = QStringLiteral("deposit");
        deposit.asset = QStringLiteral("USDC");
        deposit.amount = dec("1000");
        deposit.id = QStringLiteral("0xabc");
        deposit.ts = 4000;
        apply(accounts, market, { usdc, paid, deposit });
        QCOMPARE(balances.rowCount(), 1);
        QCOMPARE(balances.value(0, QStringLiteral("locked")).toString(), QStringLiteral("100.5"));
        QCOMPARE(funding.rowCount(), 1);
        QCOMPARE(funding.value(0, QStringLiteral("amountSign")).toInt(), -1);
        QCOMPARE(ledger.rowCount(), 1);
        QCOMPARE(ledger.value(0, QStringLiteral("kind")).toString(), QStringLiteral("deposit"));
        apply(accounts, market, { paid }); // repeated: once
        QCOMPARE(funding.rowCount(), 1);
    }

    void feedStatusIsPerAccount()
    {
        MarketHub market;
        AccountHub accounts(&market);
        AccountBook book(&accounts);
        QCOMPARE(book.feedState(), FeedState::Disconnected);
        accounts.addAccount(Venue, Trader, QStringLiteral("Demo"));
        QCOMPARE(book.feedState(), FeedState::Connecting);
        FeedStatus status;
        status.venue = Venue;
        status.state = ConnectionState::Live;
        accounts.setFeedStatus(Trader, status);
        QCOMPARE(book.feedState(), FeedState::Resyncing); // live but not bootstrapped
        AccountSynced synced;
        synced.venue = Venue;
        synced.account = Trader;
        apply(accounts, market, { synced });
        QCOMPARE(book.feedState(), FeedState::Live);
        QVERIFY(book.synced());
        status.state = ConnectionState::BackingOff;
        accounts.setFeedStatus(Trader, status);
        QCOMPARE(book.feedState(), FeedState::BackingOff);
        QVERIFY(!book.synced());
        QCOMPARE(book.accountCount(), 1);
        QCOMPARE(book.accounts().at(0).toMap().value(QStringLiteral("name")).toString(), QStringLiteral("Demo"));
    }

    void moneyIsRoundedInTheTextOnly()
    {
        QCOMPARE(display::rounded(dec("12.345"), 2), QStringLiteral("12.35"));
        QCOMPARE(display::rounded(dec("-0.004"), 2), QStringLiteral("0.00"));
        QCOMPARE(display::rounded(dec("9.995"), 2), QStringLiteral("10.00"));
        QCOMPARE(display::rounded(dec("-99.999"), 2), QStringLiteral("-100.00"));
        QCOMPARE(display::rounded(dec("5"), 2), QStringLiteral("5.00"));
    }
};

QTEST_MAIN(TestAccountModels)
#include "tst_accountmodels.moc"
