// Kalshi's private channels and portfolio REST bodies, field by field: every account fixture line
// (tests/data/kalshi/ws-server.jsonl lines 31-35: fill old/new/third-party, market_position, user_order), the old
// integer-cent / centi-cent shapes, the NO-side conversions, and the /portfolio/ bodies (docs/protocols/kalshi.md
// "Account"). rest.jsonl has no portfolio bodies: those here are spelled after the OpenAPI schemas (GetBalanceResponse,
// GetPositionsResponse/MarketPosition, GetOrdersResponse/Order, GetFillsResponse/Fill).

#include "core/AccountJson.h"
#include "core/AccountState.h"
#include "support/FixtureLines.h"
#include "venues/kalshi/KalshiAccount.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::kalshi;

namespace {

const QString kAccount = u"member-1"_s;
constexpr std::int64_t kNow = 1'760'000'000'000;

QJsonObject wsLine(int line)
{
    return QJsonDocument::fromJson(test::fixtureLine(u"kalshi/ws-server.jsonl"_s, line)).object();
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QStringList lines(const AccountEventBatch &events)
{
    QStringList out;
    for (const AccountEvent &event : events)
        out.append(QString::fromUtf8(toNormalizedJson(event)));
    return out;
}

QStringList decoded(const QJsonObject &message)
{
    AccountEventBatch events;
    const auto error = AccountDecoder(kAccount).decodeMessage(message, kNow, events);
    return error ? QStringList { u"error: "_s + *error } : lines(events);
}

// The message with `keys` removed from its msg (to read the old integer fields alone).
QJsonObject without(QJsonObject message, const QStringList &keys)
{
    QJsonObject msg = message.value("msg"_L1).toObject();
    for (const QString &key : keys)
        msg.remove(key);
    message.insert(u"msg"_s, msg);
    return message;
}

} // namespace

class TestKalshiAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillOldShape()
    {
        QCOMPARE(
            decoded(wsLine(31)),
            QStringList {
                uR"({"venue":"kalshi","type":"fill","account":"member-1","symbol":"HIGHNY-22DEC23-B53.5",)"
                uR"("id":"d91bc706-ee49-470d-82d8-11418bda6fed","order_id":"ee587a1c-8b87-4dcf-b721-9f6f790619fa",)"
                uR"("side":"buy","price":"0.750","size":"278.00","liquidity":"taker","ts":1671899397000})"_s });
        // Only the integer fields: cents → dollars exactly, whole contracts.
        QCOMPARE(
            decoded(without(wsLine(31), { u"yes_price_dollars"_s, u"count_fp"_s })),
            QStringList {
                uR"({"venue":"kalshi","type":"fill","account":"member-1","symbol":"HIGHNY-22DEC23-B53.5",)"
                uR"("id":"d91bc706-ee49-470d-82d8-11418bda6fed","order_id":"ee587a1c-8b87-4dcf-b721-9f6f790619fa",)"
                uR"("side":"buy","price":"0.75","size":"278","liquidity":"taker","ts":1671899397000})"_s });
    }

    void fillNewShape()
    {
        QCOMPARE(
            decoded(wsLine(32)),
            QStringList {
                uR"({"venue":"kalshi","type":"fill","account":"member-1","symbol":"HIGHNY-22DEC23-B53.5",)"
                uR"("id":"d91bc706-ee49-470d-82d8-11418bda6fed","order_id":"ee587a1c-8b87-4dcf-b721-9f6f790619fa",)"
                uR"("side":"buy","price":"0.7500","size":"278.00","fee":"0.010000","fee_asset":"USD",)"
                uR"("liquidity":"taker","ts":1671899397000})"_s });
        QCOMPARE(
            decoded(wsLine(33)),
            QStringList {
                uR"({"venue":"kalshi","type":"fill","account":"member-1","symbol":"KXNBAGAME-26MAR22BKNSAC-SAC",)"
                uR"("id":"7c101b39-01c1-7db0-b018-63cc06278365","order_id":"3ded933f-469f-4fcd-8575-46261fd8c1b8",)"
                uR"("side":"buy","price":"0.7200","size":"18.00","fee":"0.2600","fee_asset":"USD",)"
                uR"("liquidity":"taker","ts":1774223390000})"_s });
    }

    void fillSidesInTheYesView()
    {
        // side × action → toward YES or not; a NO price p is the YES price 1 − p.
        const struct
        {
            const char *msg;
            const char *side;
            const char *price;
        } cases[] = {
            { R"({"side":"yes","action":"sell","yes_price_dollars":"0.4000"})", "sell", "0.4000" },
            { R"({"side":"no","action":"buy","no_price_dollars":"0.3000"})", "sell", "0.7000" },
            { R"({"side":"no","action":"sell","no_price":30})", "buy", "0.70" },
            { R"({"side":"no","action":"sell_to_close","no_price_dollars":"0.25"})", "buy", "0.75" },
            { R"({"outcome_side":"no","side":"yes","action":"buy","yes_price_dollars":"0.6100"})", "sell", "0.6100" },
        };
        for (const auto &c : cases) {
            QJsonObject msg = json(c.msg);
            msg.insert(u"trade_id"_s, u"t"_s);
            msg.insert(u"market_ticker"_s, u"M"_s);
            msg.insert(u"count_fp"_s, u"1.00"_s);
            QString error;
            const auto fill = AccountDecoder(kAccount).fill(msg, false, &error);
            QVERIFY2(fill, qPrintable(error));
            QCOMPARE(*fill->side == Side::Buy ? "buy" : "sell", c.side);
            QCOMPARE(fill->price.toString(), QString::fromLatin1(c.price));
        }
    }

    void marketPosition()
    {
        AccountEventBatch events;
        QVERIFY(!AccountDecoder(kAccount).decodeMessage(wsLine(34), kNow, events));
        QCOMPARE(
            lines(events),
            QStringList { uR"({"venue":"kalshi","type":"position","account":"member-1","symbol":"FED-23DEC-T3.00",)"
                          uR"("size":"100.00","realized_pnl":"10.0000","margin":"50.0000","ts":1760000000000})"_s });
        const auto &position = std::get<AccountPosition>(events.front());
        QCOMPARE(position.fees->toString(), u"1.0000"_s);
        // The old shape: integer contracts, amounts in centi-cents (1/10,000 $); a NO position is negative.
        QCOMPARE(
            decoded(
                json(R"({"type":"market_position","sid":14,"msg":{"user_id":"u","market_ticker":"FED-23DEC-T3.00",)"
                     R"("position":-100,"position_cost":500000,"realized_pnl":-2500,"fees_paid":10000,"volume":15}})")),
            QStringList { uR"({"venue":"kalshi","type":"position","account":"member-1","symbol":"FED-23DEC-T3.00",)"
                          uR"("size":"-100","realized_pnl":"-0.2500","margin":"50.0000","ts":1760000000000})"_s });
    }

    void userOrder()
    {
        QCOMPARE(decoded(wsLine(35)),
                 QStringList {
                     uR"({"venue":"kalshi","type":"order","account":"member-1","symbol":"FED-23DEC-T3.00",)"
                     uR"("id":"ee587a1c-8b87-4dcf-b721-9f6f790619fa","client_id":"my-order-1","side":"buy",)"
                     uR"("price":"0.3500","size":"10.00","filled":"0.00","status":"open","venue_status":"resting",)"
                     uR"("ts":1733047200000})"_s });
    }

    void malformedAndForeign()
    {
        QVERIFY(decoded(json(R"({"type":"fill","sid":1,"msg":{"trade_id":"t"}})")).value(0).startsWith(u"error"_s));
        QVERIFY(decoded(json(R"({"type":"fill","sid":1,"msg":{"trade_id":"t","market_ticker":"M","count_fp":1.5,)"
                             R"("yes_price_dollars":"0.5"}})"))
                    .value(0)
                    .startsWith(u"error"_s)); // a count as a JSON number is not the documented string
        QVERIFY(decoded(json(R"({"type":"market_position","msg":[]})")).value(0).startsWith(u"error"_s));
        QVERIFY(!AccountDecoder::isAccountMessage(u"order_group_updates"_s));
        QVERIFY(AccountDecoder::isAccountMessage(u"user_order"_s));
    }

    void restBalance()
    {
        QString error;
        const auto balance = AccountDecoder(kAccount).balance(
            json(R"({"balance":123456,"portfolio_value":5000,"updated_ts":1760000001})"), kNow, true, &error);
        QVERIFY2(balance, qPrintable(error));
        QCOMPARE(lines({ balance->balance, balance->summary }),
                 (QStringList { uR"({"venue":"kalshi","type":"balance","account":"member-1","asset":"USD",)"
                                uR"("available":"1234.56","ts":1760000001000,"snapshot":true})"_s,
                                uR"({"venue":"kalshi","type":"account","account":"member-1","buying_power":"1234.56",)"
                                uR"("cash":"1234.56","currency":"USD","ts":1760000001000,"snapshot":true})"_s }));
        const auto dollars
            = AccountDecoder(kAccount).balance(json(R"({"balance_dollars":"10.5000"})"), kNow, false, &error);
        QCOMPARE(dollars->balance.available->toString(), u"10.5000"_s);
        QCOMPARE(dollars->balance.ts, kNow);
        QVERIFY(!AccountDecoder(kAccount).balance(json(R"({"portfolio_value":1})"), kNow, true, &error));
    }

    void restPositions()
    {
        QString error;
        const auto page = AccountDecoder(kAccount).positionsPage(
            json(
                R"({"cursor":"c2","market_positions":[{"ticker":"KXNFLGAME-25SEP04DALPHI-PHI","position_fp":"-12.00",)"
                R"("market_exposure_dollars":"4.2000","realized_pnl_dollars":"0.5000","fees_paid_dollars":"0.0700",)"
                R"("total_traded_dollars":"9.0000","last_updated_ts":"2025-09-05T00:20:00Z"},)"
                R"({"ticker":"OLD","position":3,"market_exposure":150,"realized_pnl":-20,"fees_paid":7}],"event_positions":[]})"),
            kNow, &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->cursor, u"c2"_s);
        AccountEventBatch events(page->items.begin(), page->items.end());
        QCOMPARE(
            lines(events),
            (QStringList {
                uR"({"venue":"kalshi","type":"position","account":"member-1","symbol":"KXNFLGAME-25SEP04DALPHI-PHI",)"
                uR"("size":"-12.00","realized_pnl":"0.5000","margin":"4.2000","ts":1757031600000,"snapshot":true})"_s,
                uR"({"venue":"kalshi","type":"position","account":"member-1","symbol":"OLD","size":"3",)"
                uR"("realized_pnl":"-0.20","margin":"1.50","ts":1760000000000,"snapshot":true})"_s }));
        QCOMPARE(page->items[0].fees->toString(), u"0.0700"_s);
        QCOMPARE(page->items[1].fees->toString(), u"0.07"_s); // old REST amounts are cents
    }

    void restOrders()
    {
        QString error;
        const auto page = AccountDecoder(kAccount).ordersPage(
            json(
                R"({"cursor":"","orders":[{"order_id":"o1","user_id":"u","client_order_id":"c1","ticker":"M-1",)"
                R"("side":"no","action":"buy","type":"limit","status":"resting","yes_price_dollars":"0.4200",)"
                R"("no_price_dollars":"0.5800","fill_count_fp":"2.00","remaining_count_fp":"3.00","initial_count_fp":"5.00",)"
                R"("created_time":"2025-09-05T00:00:00Z","last_update_time":"2025-09-05T00:01:00.250Z"},)"
                R"({"order_id":"o2","ticker":"M-1","side":"yes","action":"sell","type":"limit","status":"executed",)"
                R"("no_price":40,"fill_count":4,"remaining_count":0}]})"),
            &error);
        QVERIFY2(page, qPrintable(error));
        QVERIFY(page->cursor.isEmpty());
        AccountEventBatch events(page->items.begin(), page->items.end());
        QCOMPARE(
            lines(events),
            (QStringList {
                uR"({"venue":"kalshi","type":"order","account":"member-1","symbol":"M-1","id":"o1","client_id":"c1",)"
                uR"("side":"sell","order_type":"limit","price":"0.4200","size":"5.00","filled":"2.00",)"
                uR"("status":"partially_filled","venue_status":"resting","ts":1757030460250,"snapshot":true})"_s,
                uR"({"venue":"kalshi","type":"order","account":"member-1","symbol":"M-1","id":"o2",)"
                uR"("side":"sell","order_type":"limit","price":"0.60","size":"4","filled":"4",)"
                uR"("status":"filled","venue_status":"executed","ts":0,"snapshot":true})"_s }));
    }

    void restFills()
    {
        QString error;
        const auto page = AccountDecoder(kAccount).fillsPage(
            json(
                R"({"cursor":"next","fills":[{"fill_id":"f1","trade_id":"f1","order_id":"o1","ticker":"M-1",)"
                R"("market_ticker":"M-1","side":"no","action":"buy","count_fp":"2.00","yes_price_dollars":"0.4200",)"
                R"("no_price_dollars":"0.5800","is_taker":false,"created_time":"2025-09-05T00:01:00Z","fee_cost":"0.0000",)"
                R"("ts":1757030460}]})"),
            &error);
        QVERIFY2(page, qPrintable(error));
        QCOMPARE(page->cursor, u"next"_s);
        QCOMPARE(
            lines({ page->items.at(0) }),
            QStringList {
                uR"({"venue":"kalshi","type":"fill","account":"member-1","symbol":"M-1","id":"f1","order_id":"o1",)"
                uR"("side":"sell","price":"0.4200","size":"2.00","fee":"0.0000","fee_asset":"USD",)"
                uR"("liquidity":"maker","ts":1757030460000,"snapshot":true})"_s });
        QVERIFY(!AccountDecoder(kAccount).fillsPage(json(R"({"fills":{}})"), &error));
    }

    void paths()
    {
        QCOMPARE(portfolioPath(u"orders"_s, {}, 100, u"status=resting"_s),
                 QByteArray("/trade-api/v2/portfolio/orders?limit=100&status=resting"));
        QCOMPARE(portfolioPath(u"fills"_s, u"a b+c"_s, 50),
                 QByteArray("/trade-api/v2/portfolio/fills?limit=50&cursor=a%20b%2Bc"));
    }
};

QTEST_GUILESS_MAIN(TestKalshiAccount)
#include "tst_kalshi_account.moc"
