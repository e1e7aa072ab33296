// AccountState: the README's rules for account events (replace by id/symbol/asset, append-only once by identity,
// ended orders to the history) and its bounds.

#include "core/AccountState.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;

namespace {

Decimal dec(const char *text)
{
    return *Decimal::parse(text);
}

AccountOrder order(const QString &id, const QString &status, std::int64_t ts, const char *filled = "0")
{
    AccountOrder o;
    o.venue = u"test"_s;
    o.account = u"a"_s;
    o.symbol = u"BTC"_s;
    o.id = id;
    o.side = Side::Buy;
    o.price = dec("100");
    o.size = dec("2");
    o.filled = dec(filled);
    o.status = status;
    o.ts = ts;
    return o;
}

AccountFill fill(const QString &id, std::int64_t ts)
{
    AccountFill f;
    f.venue = u"test"_s;
    f.account = u"a"_s;
    f.symbol = u"BTC"_s;
    f.id = id;
    f.price = dec("100");
    f.size = dec("1");
    f.ts = ts;
    return f;
}

AccountPosition position(const char *size, const char *entry)
{
    AccountPosition p;
    p.venue = u"test"_s;
    p.account = u"a"_s;
    p.symbol = u"ETH"_s;
    p.size = dec(size);
    p.entryPrice = dec(entry);
    return p;
}

} // namespace

class TestAccountState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderLifecycle();
    void endedOrderStaysEnded();
    void fillsOnceNewestFirst();
    void fillBoundDropsOlderArrivals();
    void positionsReplaceAndFlatRemoves();
    void balancesAndSummaryChangeOnlyOnContent();
    void fundingAndLedgerOnce();
    void syncedFlag();
    void pnlExact();
};

void TestAccountState::orderLifecycle()
{
    AccountState state;
    QVERIFY(state.apply(order(u"1"_s, u"open"_s, 10)));
    QVERIFY(!state.apply(order(u"1"_s, u"open"_s, 11))); // same content: no change
    QVERIFY(state.apply(order(u"1"_s, u"partially_filled"_s, 12, "0.5")));
    QCOMPARE(state.openOrders().value(u"1"_s).filled, dec("0.5"));
    QVERIFY(state.apply(order(u"1"_s, u"filled"_s, 13, "2")));
    QVERIFY(state.openOrders().isEmpty());
    QCOMPARE(state.orderHistory().size(), 1u);
    QCOMPARE(state.orderHistory().front().status, u"filled"_s);
    QCOMPARE(state.order(u"1"_s)->status, u"filled"_s);

    QVERIFY(state.apply(order(u"2"_s, u"open"_s, 20)));
    QVERIFY(state.apply(order(u"3"_s, u"open"_s, 30)));
    QCOMPARE(state.openOrdersByTime().front().id, u"3"_s);
    QVERIFY(state.apply(order(u"2"_s, u"canceled"_s, 31)));
    QCOMPARE(state.openOrders().keys(), QList<QString> { u"3"_s });
    QCOMPARE(state.orderHistory().front().id, u"2"_s); // newest first
}

void TestAccountState::endedOrderStaysEnded()
{
    AccountState state;
    state.apply(order(u"1"_s, u"closed"_s, 10));
    QVERIFY(!state.apply(order(u"1"_s, u"open"_s, 9))); // a bootstrap racing the stream
    QVERIFY(state.openOrders().isEmpty());
    QVERIFY(state.apply(order(u"1"_s, u"filled"_s, 11, "2"))); // the venue's own final word replaces "closed"
    QCOMPARE(state.orderHistory().size(), 1u);
    QCOMPARE(state.orderHistory().front().status, u"filled"_s);
}

void TestAccountState::fillsOnceNewestFirst()
{
    AccountState state;
    QVERIFY(state.apply(fill(u"a"_s, 10)));
    QVERIFY(state.apply(fill(u"c"_s, 30)));
    QVERIFY(state.apply(fill(u"b"_s, 20))); // a snapshot replayed out of order lands in order
    QVERIFY(!state.apply(fill(u"b"_s, 20))); // exactly once
    QCOMPARE(state.fills().size(), 3u);
    QCOMPARE(state.fills().at(0).id, u"c"_s);
    QCOMPARE(state.fills().at(1).id, u"b"_s);
    QCOMPARE(state.fills().at(2).id, u"a"_s);
    // The identity can be more than the id (a self-trade: one tid, two fills).
    AccountFill other = fill(u"b"_s, 20);
    other.key = u"b/2/20"_s;
    QVERIFY(state.apply(other));
}

void TestAccountState::fillBoundDropsOlderArrivals()
{
    AccountState::Limits limits;
    limits.fills = 3;
    AccountState state(limits);
    for (int i = 1; i <= 5; ++i)
        QVERIFY(state.apply(fill(QString::number(i), i * 10)));
    QCOMPARE(state.fills().size(), 3u);
    QCOMPARE(state.fills().back().id, u"3"_s);
    // An old fill replayed by a snapshot after it fell off is not new again.
    QVERIFY(!state.apply(fill(u"1"_s, 10)));
    QVERIFY(!state.hasFill(u"1"_s));
    QVERIFY(state.apply(fill(u"6"_s, 60)));
    QCOMPARE(state.fills().front().id, u"6"_s);
}

void TestAccountState::positionsReplaceAndFlatRemoves()
{
    AccountState state;
    QVERIFY(state.apply(position("-2.5", "3702.1")));
    AccountPosition later = position("-2.5", "3702.1");
    later.ts = 99; // time alone is no change
    QVERIFY(!state.apply(later));
    QVERIFY(state.apply(position("-1", "3702.1")));
    QCOMPARE(state.positions().value(u"ETH"_s).size, dec("-1"));
    QVERIFY(state.apply(position("0", "3702.1")));
    QVERIFY(state.positions().isEmpty());
    QVERIFY(!state.apply(position("0.0", "1"))); // flat again: nothing to remove
}

void TestAccountState::balancesAndSummaryChangeOnlyOnContent()
{
    AccountState state;
    AccountBalance usdc { u"test"_s, u"a"_s, u"USDC"_s, dec("10"), dec("8"), dec("2"), 1, false };
    QVERIFY(state.apply(usdc));
    usdc.ts = 2;
    QVERIFY(!state.apply(usdc));
    usdc.locked = dec("3");
    QVERIFY(state.apply(usdc));
    QCOMPARE(state.balances().value(u"USDC"_s).locked, dec("3"));

    AccountSummary summary;
    summary.equity = dec("100");
    QVERIFY(state.apply(summary));
    QVERIFY(!state.apply(summary));
    summary.equity = dec("101");
    QVERIFY(state.apply(summary));
    QCOMPARE(state.summary()->equity, dec("101"));
}

void TestAccountState::fundingAndLedgerOnce()
{
    AccountState state;
    FundingPayment funding { u"test"_s, u"a"_s, u"BTC"_s, dec("-0.6"), dec("0.0000125"), dec("0.5"), 3600000, true };
    QVERIFY(state.apply(funding));
    funding.snapshot = false;
    QVERIFY(!state.apply(funding)); // the same payment from the user channel
    LedgerEntry deposit;
    deposit.kind = u"deposit"_s;
    deposit.id = u"0xab"_s;
    deposit.ts = 5;
    QVERIFY(state.apply(deposit));
    QVERIFY(!state.apply(deposit));
    QCOMPARE(state.ledger().size(), 1u);
    QCOMPARE(state.funding().size(), 1u);
}

void TestAccountState::syncedFlag()
{
    AccountState state;
    QVERIFY(!state.isSynced());
    QVERIFY(state.apply(AccountSynced { u"test"_s, u"a"_s, 1 }));
    QVERIFY(state.isSynced());
    state.markUnsynced();
    QVERIFY(!state.isSynced());
}

void TestAccountState::pnlExact()
{
    QCOMPARE(unrealizedPnlAt(dec("0.5"), dec("100.1"), dec("100.35"))->toString(), u"0.125"_s);
    QCOMPARE(unrealizedPnlAt(dec("-2"), dec("10"), dec("12"))->toString(), u"-4"_s);
    QCOMPARE(positionValueAt(dec("-2"), dec("12.5"))->toString(), u"25.0"_s);
    QVERIFY(!unrealizedPnlAt(dec("9000000000"), dec("0"), dec("9000000000.5")));
}

QTEST_GUILESS_MAIN(TestAccountState)
#include "tst_accountstate.moc"
