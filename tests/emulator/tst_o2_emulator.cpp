// The O2 emulator's wire, checked with a plain QWebSocket and QNetworkAccessManager (not the project's codec).
#include "emulator/o2/O2Emulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;
using tapescope::emulator::o2::O2Emulator;

namespace {

struct Client
{
    explicit Client(const QUrl &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived,
                         [this](const QString &m) { frames.append(m.toUtf8()); });
        socket.open(url);
    }
    QJsonObject last(const QString &action) const
    {
        for (auto it = frames.crbegin(); it != frames.crend(); ++it) {
            const QJsonObject o = QJsonDocument::fromJson(*it).object();
            if (o.value(u"action"_s).toString() == action)
                return o;
        }
        return {};
    }
    QWebSocket socket;
    QList<QByteArray> frames;
};

QByteArray httpGet(const QUrl &url, int *status)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QElapsedTimer timer;
    timer.start();
    while (!reply->isFinished() && timer.elapsed() < 5000)
        QTest::qWait(10);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

} // namespace

class TestO2Emulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marketsListRealisticDecimals()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        int status = 0;
        const QJsonObject body
            = QJsonDocument::fromJson(httpGet(QUrl(emu.restBaseUrl().toString() + u"/v1/markets"_s), &status)).object();
        QCOMPARE(status, 200);
        const QJsonArray markets = body.value(u"markets"_s).toArray();
        QCOMPARE(markets.size(), 3);
        const QJsonObject fuel = markets.first().toObject();
        QCOMPARE(fuel[u"base"_s][u"symbol"_s].toString() + u'/' + fuel[u"quote"_s][u"symbol"_s].toString(),
                 u"fFUEL/fUSDC"_s);
        QCOMPARE(fuel[u"base"_s][u"decimals"_s].toInt(), 9);
        QCOMPARE(fuel[u"base"_s][u"max_precision"_s].toInt(), 3);
        QVERIFY(fuel[u"market_id"_s].toString().startsWith(u"0x"_s));
        QCOMPARE(fuel[u"market_id"_s].toString().size(), 66);
        QVERIFY(body.value(u"chain_id"_s).isString());

        const QByteArray missing = httpGet(
            QUrl(emu.restBaseUrl().toString() + u"/v1/bars?market_id=0xdead&from=0&to=1&resolution=1m"_s), &status);
        QCOMPARE(status, 404);
        QCOMPARE(QJsonDocument::fromJson(missing).object().value(u"code"_s).toInt(), 2000);
    }

    void depthSnapshotDeltasAndHeartbeat()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        const QString fuel = emu.marketId(u"fFUEL/fUSDC"_s);
        Client client(emu.wsUrl());
        QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::ConnectedState, 3000);
        client.socket.sendTextMessage(
            u"{\"action\":\"subscribe_depth\",\"market_id\":\"%1\",\"precision\":\"10\"}"_s.arg(fuel.toUpper().mid(2)));
        QTRY_VERIFY_WITH_TIMEOUT(!client.last(u"subscribe_depth"_s).isEmpty(), 3000);
        const QJsonObject snapshot = client.last(u"subscribe_depth"_s);
        QCOMPARE(snapshot.value(u"market_id"_s).toString(), fuel);
        const QJsonArray buys = snapshot[u"orders"_s][u"buys"_s].toArray();
        const QJsonArray sells = snapshot[u"orders"_s][u"sells"_s].toArray();
        QVERIFY(!buys.isEmpty() && !sells.isEmpty());
        QVERIFY(buys.first()[u"price"_s].isString()
                && buys.first()[u"quantity"_s].isString()); // chain integers as strings
        QVERIFY(buys.first()[u"price"_s].toString().toULongLong() < sells.first()[u"price"_s].toString().toULongLong());
        QVERIFY(buys.first()[u"price"_s].toString().toULongLong() > buys.last()[u"price"_s].toString().toULongLong());
        QTRY_VERIFY_WITH_TIMEOUT(!client.last(u"subscribe_depth_update"_s).isEmpty(), 3000);
        QVERIFY(client.last(u"subscribe_depth_update"_s).value(u"changes"_s).isObject());

        // A second depth consumer on the same connection is refused (docs/protocols/o2.md §2.2). Depth updates keep
        // coming, so the refusal need not be the last frame when the check runs.
        client.frames.clear();
        client.socket.sendTextMessage(
            u"{\"action\":\"subscribe_depth\",\"market_id\":\"%1\",\"precision\":\"10\"}"_s.arg(fuel));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(client.frames.cbegin(), client.frames.cend(),
                                             [](const QByteArray &frame) { return frame.contains("\"code\":6000"); }),
                                 3000);

        client.frames.clear();
        client.socket.sendTextMessage(u"PING"_s);
        QTRY_VERIFY_WITH_TIMEOUT(client.frames.contains("PONG"), 3000);

        emu.setSilent(true);
        QTest::qWait(200); // depth updates written before the silence still arrive: not what is checked
        client.frames.clear();
        client.socket.sendTextMessage(u"PING"_s);
        QTest::qWait(400);
        QVERIFY(client.frames.isEmpty());
    }

    void tradesCarryTheMakerSide()
    {
        O2Emulator emu;
        QVERIFY(emu.listen());
        const QString eth = emu.marketId(u"fETH/fUSDC"_s);
        Client client(emu.wsUrl());
        QTRY_COMPARE_WITH_TIMEOUT(client.socket.state(), QAbstractSocket::ConnectedState, 3000);
        // Watch the book and the trades: a maker "sell" means a taker lifted the best offer.
        client.socket.sendTextMessage(
            u"{\"action\":\"subscribe_depth\",\"market_id\":\"%1\",\"precision\":\"10\"}"_s.arg(eth));
        client.socket.sendTextMessage(u"{\"action\":\"subscribe_trades\",\"market_id\":\"%1\"}"_s.arg(eth));
        QTRY_VERIFY_WITH_TIMEOUT(client.frames.size() > 1 && !client.last(u"subscribe_trades"_s).isEmpty(), 5000);
        const QJsonObject trade = client.last(u"subscribe_trades"_s)[u"trades"_s].toArray().first().toObject();
        QVERIFY(trade[u"side"_s].toString() == u"buy"_s || trade[u"side"_s].toString() == u"sell"_s);
        for (const auto *field : { "trade_id", "price", "quantity", "total", "timestamp" })
            QVERIFY2(trade[QLatin1String(field)].isString(), field);
        // total = price * quantity / 10^base.decimals, in quote chain units.
        const double price = trade[u"price"_s].toString().toDouble();
        const double quantity = trade[u"quantity"_s].toString().toDouble();
        QCOMPARE(trade[u"total"_s].toString().toDouble(), price * quantity / 1e9);

        emu.setPaused(true);
        QCOMPARE(emu.requireResync(eth), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!client.last(u"error"_s).isEmpty(), 3000);
        const QJsonObject resync = client.last(u"error"_s);
        QVERIFY(resync.value(u"resync_required"_s).toBool());
        QCOMPARE(resync.value(u"market_id"_s).toString().toLower(), eth);
    }
};

QTEST_GUILESS_MAIN(TestO2Emulator)
#include "tst_o2_emulator.moc"
