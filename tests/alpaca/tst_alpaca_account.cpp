// Alpaca's trading stream and account REST bodies, field by field, over every trading-stream fixture line
// (tests/data/alpaca/trading-ws-server.jsonl 1-6, trading-ws-client.jsonl 1-3) and the REST account lines
// (rest.jsonl 1-3); docs/protocols/alpaca.md §9, §10.

#include "core/AccountJson.h"
#include "core/AccountState.h"
#include "support/FixtureLines.h"
#include "venues/alpaca/AlpacaAccount.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::alpaca;

namespace {

QByteArray serverLine(int line)
{
    return test::fixtureLine(u"alpaca/trading-ws-server.jsonl"_s, line);
}

QJsonDocument restLine(int line)
{
    return QJsonDocument::fromJson(test::fixtureLine(u"alpaca/rest.jsonl"_s, line));
}

QStringList lines(const AccountEventBatch &events)
{
    QStringList out;
    for (const AccountEvent &event : events)
        out.append(QString::fromUtf8(toNormalizedJson(event)));
    return out;
}

const QString kAccount = u"e6fe16f3-64a4-4921-8928-cadf02f92f98"_s; // rest.jsonl line 1's id

// A trade update around `order` (an order object's JSON) for the lifecycle cases.
QByteArray update(const QByteArray &event, const QByteArray &status, const QByteArray &filled,
                  const QByteArray &extra = {})
{
    return R"({"stream":"trade_updates","data":{"event":")" + event + R"(",)" + extra
        + R"("timestamp":"2024-05-01T14:00:00.5Z","order":{"id":"o-1","client_order_id":"c-1","symbol":"AAPL","side":"buy","type":"limit","time_in_force":"day","qty":"10","filled_qty":")"
        + filled + R"(","limit_price":"189.5","stop_price":null,"status":")" + status
        + R"(","updated_at":"2024-05-01T14:00:00.4Z"}}})";
}

} // namespace

class TestAlpacaAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urls()
    {
        QCOMPARE(tradingBaseUrl(true).toString(), u"https://paper-api.alpaca.markets"_s);
        QCOMPARE(tradingBaseUrl(false).toString(), u"https://api.alpaca.markets"_s);
        QCOMPARE(tradingStreamUrl(tradingBaseUrl(true)).toString(), u"wss://paper-api.alpaca.markets/stream"_s);
        QCOMPARE(tradingStreamUrl(tradingBaseUrl(false)).toString(), u"wss://api.alpaca.markets/stream"_s);
        QCOMPARE(tradingStreamUrl(QUrl(u"http://127.0.0.1:8080"_s)).toString(), u"ws://127.0.0.1:8080/stream"_s);
        QVERIFY(!tradingStreamUrl(QUrl(u"ftp://x"_s)).isValid());
    }

    // trading-ws-client.jsonl: what we send is the documented request, key for key.
    void clientFrames()
    {
        const auto same = [](const QByteArray &ours, int line) {
            const QJsonObject fixture
                = QJsonDocument::fromJson(test::fixtureLine(u"alpaca/trading-ws-client.jsonl"_s, line)).object();
            return QJsonDocument::fromJson(ours).object() == fixture;
        };
        QVERIFY(same(tradingAuthFrame(TradingAuthForm::Auth, u"{YOUR_API_KEY_ID}"_s, u"{YOUR_API_SECRET_KEY}"_s), 1));
        QVERIFY(same(
            tradingAuthFrame(TradingAuthForm::Authenticate, u"{YOUR_API_KEY_ID}"_s, u"{YOUR_API_SECRET_KEY}"_s), 2));
        QVERIFY(same(tradingListenFrame(), 3));
    }

    void controlMessages()
    {
        const AccountDecoder decoder(kAccount);
        QString error;
        auto m = decoder.decodeFrame(serverLine(1), &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->kind, TradingMessage::Kind::Authorization);
        QVERIFY(m->authorized);
        QCOMPARE(m->status, u"authorized"_s);
        QCOMPARE(m->action, u"authenticate"_s);

        m = decoder.decodeFrame(serverLine(2), &error);
        QVERIFY(m && m->kind == TradingMessage::Kind::Authorization && !m->authorized);
        QCOMPARE(m->status, u"unauthorized"_s);
        QCOMPARE(m->action, u"authenticate"_s);

        m = decoder.decodeFrame(serverLine(3), &error);
        QVERIFY(m && m->kind == TradingMessage::Kind::Authorization && !m->authorized);
        QCOMPARE(m->action, u"listen"_s);

        m = decoder.decodeFrame(serverLine(4), &error);
        QVERIFY(m && m->kind == TradingMessage::Kind::Listening);
        QCOMPARE(m->streams, QStringList { u"trade_updates"_s });

        m = decoder.decodeFrame(serverLine(6), &error);
        QVERIFY(m && m->kind == TradingMessage::Kind::Error);
        QCOMPARE(m->errorMessage, u"internal server error"_s);
    }

    // TWS#5: a crypto market order filled in one execution; -04:00 offsets in the order's own times.
    void fillUpdate()
    {
        const AccountDecoder decoder(kAccount);
        QString error;
        const auto m = decoder.decodeFrame(serverLine(5), &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->kind, TradingMessage::Kind::TradeUpdate);
        QCOMPARE(m->event, u"fill"_s);
        QCOMPARE(
            lines(m->events),
            QStringList({
                uR"({"venue":"alpaca","type":"order","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","symbol":"SOLUSD","id":"a5be8f5e-fdfa-41f5-a644-7a74fe947a8f","client_id":"4642fd68-d59a-47d7-a9ac-e22f536828d1","side":"sell","order_type":"market","size":"1790.86","filled":"1790.86","status":"filled","tif":"gtc","ts":1650390305024})"_s,
                uR"({"venue":"alpaca","type":"fill","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","symbol":"SOLUSD","id":"2f63ea93-423d-4169-b3f6-3fdafc10c418","order_id":"a5be8f5e-fdfa-41f5-a644-7a74fe947a8f","side":"sell","price":"105.8988475","size":"1790.86","ts":1650390305024})"_s,
            }));
        const auto &fill = std::get<AccountFill>(m->events[1]);
        QCOMPARE(fill.identity(), u"a5be8f5e-fdfa-41f5-a644-7a74fe947a8f@1790.86"_s);
    }

    // Every documented event maps to an order event; statuses as README "Account events" says; unknown words as sent.
    void everyEvent_data()
    {
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<QByteArray>("venueWord");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("venueStatus");
        QTest::addColumn<int>("fills");
        const auto row = [](const char *event, const char *word, const QString &status, const QString &venueStatus,
                            int fills = 0) {
            QTest::newRow(event) << QByteArray(event) << QByteArray(word) << status << venueStatus << fills;
        };
        row("new", "new", u"open"_s, u"new"_s);
        row("accepted", "accepted", u"open"_s, u"accepted"_s);
        row("pending_new", "pending_new", u"open"_s, u"pending_new"_s);
        row("partial_fill", "partially_filled", u"partially_filled"_s, {}, 1);
        row("fill", "filled", u"filled"_s, {}, 1);
        row("canceled", "canceled", u"canceled"_s, {});
        row("expired", "expired", u"expired"_s, {});
        row("rejected", "rejected", u"rejected"_s, {});
        row("done_for_day", "done_for_day", u"done_for_day"_s, {});
        row("replaced", "replaced", u"canceled"_s, u"replaced"_s); // over: a new order carries on
        row("stopped", "stopped", u"stopped"_s, {});
        row("pending_cancel", "pending_cancel", u"pending_cancel"_s, {});
        row("pending_replace", "pending_replace", u"pending_replace"_s, {});
        row("calculated", "calculated", u"calculated"_s, {});
        row("suspended", "suspended", u"suspended"_s, {});
        row("order_replace_rejected", "new", u"open"_s, u"new"_s); // the order's own status stands
        row("order_cancel_rejected", "partially_filled", u"partially_filled"_s, {});
        row("restated", "new", u"open"_s, u"new"_s);
        row("something_new", "", u"something_new"_s, {}); // no word of the order's: the event as sent
    }

    void everyEvent()
    {
        QFETCH(QByteArray, event);
        QFETCH(QByteArray, venueWord);
        QFETCH(QString, status);
        QFETCH(QString, venueStatus);
        QFETCH(int, fills);
        const QByteArray extra
            = fills ? R"("execution_id":"x-1","price":"189.4","qty":"4","position_qty":"4",)"_ba : QByteArray();
        const AccountDecoder decoder(kAccount);
        QString error;
        const auto m = decoder.decodeFrame(update(event, venueWord, fills ? "4" : "0", extra), &error);
        QVERIFY2(m, qPrintable(error));
        QCOMPARE(m->event, QString::fromLatin1(event));
        QCOMPARE(int(m->events.size()), 1 + fills);
        const auto &order = std::get<AccountOrder>(m->events[0]);
        QCOMPARE(order.status, status);
        QCOMPARE(order.venueStatus, venueStatus);
        QCOMPARE(order.id, u"o-1"_s);
        QCOMPARE(order.clientId, u"c-1"_s);
        QCOMPARE(order.price->toString(), u"189.5"_s);
        QCOMPARE(order.size->toString(), u"10"_s);
        QCOMPARE(order.orderType, u"limit"_s);
        QCOMPARE(order.tif, u"day"_s);
        QCOMPARE(order.ts, 1714572000500); // the event's timestamp, not the order's updated_at
        if (fills) {
            const auto &fill = std::get<AccountFill>(m->events[1]);
            QCOMPARE(fill.id, u"x-1"_s);
            QCOMPARE(fill.price.toString(), u"189.4"_s);
            QCOMPARE(fill.size.toString(), u"4"_s);
            QCOMPARE(fill.side, std::optional(Side::Buy));
            QCOMPARE(fill.identity(), executionKey(u"o-1"_s, Decimal::parse("4.00")));
        }
    }

    void malformedFrames()
    {
        const AccountDecoder decoder(kAccount);
        QString error;
        QVERIFY(!decoder.decodeFrame("not json", &error));
        QVERIFY(!decoder.decodeFrame(R"({"stream":"trade_updates","data":{"event":"fill"}})", &error));
        QVERIFY(error.contains(u"order"_s));
        QVERIFY(!decoder.decodeFrame(update("fill", "filled", "4", R"("execution_id":"x","qty":"4",)"), &error));
        QVERIFY(!decoder.decodeFrame(R"({"stream":"authorization","data":{}})", &error));
        // Unknown streams and fields are tolerated.
        const auto other = decoder.decodeFrame(R"({"stream":"news","data":{"x":1},"extra":true})", &error);
        QVERIFY(other && other->kind == TradingMessage::Kind::Other);
    }

    // REST#1: /v2/account.
    void account()
    {
        const QJsonObject body = restLine(1).object();
        QCOMPARE(AccountDecoder::accountIdOf(body), kAccount);
        QString error;
        const auto summary = AccountDecoder(kAccount).accountSummary(body, 1700000000000, true, &error);
        QVERIFY2(summary, qPrintable(error));
        QCOMPARE(
            QString::fromUtf8(toNormalizedJson(*summary)),
            uR"({"venue":"alpaca","type":"account","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","equity":"103820.56","buying_power":"262113.632","cash":"-23140.2","currency":"USD","ts":1700000000000,"snapshot":true})"_s);
    }

    // REST#2: /v2/positions; a short with an unsigned qty becomes negative.
    void positions()
    {
        QString error;
        const AccountDecoder decoder(kAccount);
        const auto list = decoder.positions(restLine(2).array(), 1700000000000, true, &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(int(list->size()), 1);
        QCOMPARE(
            QString::fromUtf8(toNormalizedJson(list->front())),
            uR"({"venue":"alpaca","type":"position","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","symbol":"AAPL","size":"5","entry_price":"100.0","mark":"120.0","unrealized_pnl":"100.0","ts":1700000000000,"snapshot":true})"_s);
        QCOMPARE(list->front().value->toString(), u"600.0"_s);

        const auto shorts = decoder.positions(
            QJsonDocument::fromJson(
                R"([{"symbol":"TSLA","qty":"3","side":"short"},{"symbol":"F","qty":"-2","side":"short"}])")
                .array(),
            1, false, &error);
        QVERIFY(shorts);
        QCOMPARE((*shorts)[0].size.toString(), u"-3"_s);
        QCOMPARE((*shorts)[1].size.toString(), u"-2"_s);
        QVERIFY(!decoder.positions(QJsonValue(QJsonObject()), 1, false, &error));
    }

    // REST#3: an order entity (a notional market order: no qty, so no size).
    void order()
    {
        QString error;
        const auto order = AccountDecoder(kAccount).order(restLine(3).object(), true, &error);
        QVERIFY2(order, qPrintable(error));
        QCOMPARE(
            QString::fromUtf8(toNormalizedJson(*order)),
            uR"({"venue":"alpaca","type":"order","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","symbol":"AAPL","id":"61e69015-8549-4bfd-b9c3-01e75843f47d","client_id":"eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4","side":"buy","order_type":"market","filled":"0","status":"open","venue_status":"accepted","tif":"day","ts":1615919881942,"snapshot":true})"_s);
        const auto list = AccountDecoder(kAccount).orders(QJsonArray { restLine(3).object() }, true, &error);
        QVERIFY(list && list->size() == 1);
        // qty as a JSON number (SDK mocks, docs/protocols/alpaca.md §9.3)
        const auto numeric = AccountDecoder(kAccount).order(
            QJsonDocument::fromJson(R"({"id":"n","qty":1,"filled_qty":"0","status":"new"})").object(), false, &error);
        QVERIFY(numeric && numeric->size->toString() == u"1"_s);
    }

    // /v2/account/activities/FILL (the documented TradeActivity sample): the same execution key as the stream's.
    void fillActivities()
    {
        const QByteArray body
            = R"([{"activity_type":"FILL","cum_qty":"1","id":"20190524113406977::8efc7b9a-8b2b-4000-9955-d36e7db0df74","leaves_qty":"0","price":"1.63","qty":"1","side":"buy","symbol":"LPCN","transaction_time":"2019-05-24T15:34:06.977Z","order_id":"904837e3-3b76-47ec-b432-046db621571b","type":"fill"},
            {"activity_type":"FILL","cum_qty":"100","id":"20210127144930176::ddc0a142-ebfd-4890-9021-641d33e58742","price":"31.6","qty":"100","side":"sell_short","symbol":"QQQJ","transaction_time":"2021-01-27T19:49:30.176Z","order_id":"ee8058e5","type":"partial_fill"},
            {"activity_type":"DIV","id":"20210101::x","net_amount":"1"}])";
        QString error;
        QString last;
        const auto fills
            = AccountDecoder(kAccount).fillActivities(QJsonDocument::fromJson(body).array(), true, &last, &error);
        QVERIFY2(fills, qPrintable(error));
        QCOMPARE(last, u"20210101::x"_s); // the page token: the last entry listed, whatever its type
        QCOMPARE(int(fills->size()), 2);
        QCOMPARE(
            QString::fromUtf8(toNormalizedJson(fills->front())),
            uR"({"venue":"alpaca","type":"fill","account":"e6fe16f3-64a4-4921-8928-cadf02f92f98","symbol":"LPCN","id":"20190524113406977::8efc7b9a-8b2b-4000-9955-d36e7db0df74","order_id":"904837e3-3b76-47ec-b432-046db621571b","side":"buy","price":"1.63","size":"1","ts":1558712046977,"snapshot":true})"_s);
        QCOMPARE(fills->front().identity(), u"904837e3-3b76-47ec-b432-046db621571b@1"_s);
        QCOMPARE((*fills)[1].side, std::optional(Side::Sell));
    }

    // A live fill and the same execution listed later by the activities are one fill in the state.
    void fillOnceAcrossStreamAndRest()
    {
        const AccountDecoder decoder(kAccount);
        QString error;
        const auto live
            = decoder.decodeFrame(update("partial_fill", "partially_filled", "4.0",
                                         R"("execution_id":"e-9","price":"189.4","qty":"4","position_qty":"4",)"),
                                  &error);
        QVERIFY2(live, qPrintable(error));
        QString last;
        const auto listed = decoder.fillActivities(
            QJsonDocument::fromJson(
                R"([{"activity_type":"FILL","id":"20240501100000500::e-9","cum_qty":"4","qty":"4","price":"189.4","side":"buy","symbol":"AAPL","order_id":"o-1","transaction_time":"2024-05-01T14:00:00.5Z"}])")
                .array(),
            true, &last, &error);
        QVERIFY(listed);
        AccountState state;
        QVERIFY(state.apply(live->events[1]));
        QVERIFY(!state.apply(listed->front()));
        QCOMPARE(int(state.fills().size()), 1);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaAccount)
#include "tst_alpaca_account.moc"
