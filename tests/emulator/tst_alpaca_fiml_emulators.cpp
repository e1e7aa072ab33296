// The Alpaca and FIML emulators driven through a plain QWebSocket (not the project's codecs or services):
// they must speak the documented wire protocol (docs/protocols/alpaca.md §3-§6, docs/protocols/fiml.md §3-§6).
#include "emulator/alpaca/AlpacaEmulator.h"
#include "emulator/fiml/FimlEmulator.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>

#include <functional>

using namespace Qt::StringLiterals;
using tapescope::emulator::alpaca::AlpacaEmulator;
using tapescope::emulator::fiml::FimlEmulator;

namespace {

// A bare client keeping every frame as JSON; Alpaca frames are arrays, FIML frames objects.
class Client
{
public:
    explicit Client(const QUrl &url)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &message) {
            raw.append(message.toUtf8());
            frames.append(QJsonDocument::fromJson(message.toUtf8()));
        });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { closed = true; });
        socket.open(url);
    }
    bool waitConnected()
    {
        return QTest::qWaitFor([this] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    void send(const QByteArray &json) { socket.sendTextMessage(QString::fromUtf8(json)); }
    // Index of the first frame at or after `from` that matches; -1 after the timeout.
    qsizetype waitFor(const std::function<bool(const QJsonDocument &)> &matches, qsizetype from = 0,
                      int timeoutMs = 5000)
    {
        qsizetype found = -1;
        const bool matched = QTest::qWaitFor(
            [&] {
                for (qsizetype i = from; i < frames.size(); ++i) {
                    if (matches(frames[i])) {
                        found = i;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return matched ? found : -1;
    }
    // Alpaca: the first element of an array frame with this T (and code, for errors).
    qsizetype waitForType(const QString &type, qsizetype from = 0, int code = 0, int timeoutMs = 5000)
    {
        return waitFor(
            [&](const QJsonDocument &d) {
                for (const QJsonValue &m : d.array()) {
                    if (m[u"T"_s].toString() == type && (code == 0 || m[u"code"_s].toInt() == code))
                        return true;
                }
                return false;
            },
            from, timeoutMs);
    }
    qsizetype waitForFiml(const QString &type, qsizetype from = 0, int timeoutMs = 5000)
    {
        return waitFor([&](const QJsonDocument &d) { return d.object()[u"type"_s].toString() == type; }, from,
                       timeoutMs);
    }
    QWebSocket socket;
    QList<QJsonDocument> frames;
    QList<QByteArray> raw;
    bool closed = false;
};

QByteArray auth(const AlpacaEmulator &emu)
{
    return QJsonDocument(QJsonObject { { u"action"_s, u"auth"_s },
                                       { u"key"_s, emu.options().keyId },
                                       { u"secret"_s, emu.options().secret } })
        .toJson(QJsonDocument::Compact);
}

// What the server answers a WebSocket upgrade to `path` with: status line, headers and body (a refusal
// closes the connection after it; a 101 keeps it, until this returns).
QByteArray upgradeReply(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write("GET " + path
                 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    QByteArray reply;
    const auto answered = [&] {
        reply += socket.readAll();
        const bool switched = reply.startsWith("HTTP/1.1 101 ") && reply.contains("\r\n\r\n");
        return switched || socket.state() == QAbstractSocket::UnconnectedState;
    };
    return QTest::qWaitFor(answered, 3000) ? reply + socket.readAll() : QByteArray();
}

QJsonObject bodyOf(const QByteArray &reply)
{
    return QJsonDocument::fromJson(reply.mid(reply.indexOf("\r\n\r\n") + 4)).object();
}

AlpacaEmulator::Options fast()
{
    AlpacaEmulator::Options options;
    options.timing.tickIntervalMs = 30;
    options.timing.barIntervalMs = 100;
    options.timing.bookIntervalMs = 50;
    return options;
}

} // namespace

class TestAlpacaFimlEmulators : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void alpacaWelcomesSignsInAndStreamsMixedArrays()
    {
        AlpacaEmulator emu(fast());
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v2/test"_s));
        QVERIFY(client.waitFor([](const QJsonDocument &d) {
            return d.array().size() == 1 && d.array()[0][u"T"_s] == u"success"_s
                && d.array()[0][u"msg"_s] == u"connected"_s;
        }) == 0);
        client.send(R"({"action":"subscribe","trades":["FAKEPACA"]})");
        QVERIFY(client.waitForType(u"error"_s, 0, 401) > 0); // not before the sign-in
        client.send(auth(emu));
        QVERIFY(client.waitFor([](const QJsonDocument &d) { return d.array()[0][u"msg"_s] == u"authenticated"_s; })
                > 0);
        client.send(auth(emu));
        QVERIFY(client.waitForType(u"error"_s, 0, 403) > 0);

        const qsizetype from = client.frames.size();
        client.send(R"({"action":"subscribe","trades":["FAKEPACA"],"quotes":["FAKEPACA"],"bars":["FAKEPACA"]})");
        const qsizetype reply = client.waitForType(u"subscription"_s, from);
        QVERIFY(reply >= 0);
        const QJsonObject set = client.frames[reply].array()[0].toObject();
        QCOMPARE(set[u"trades"_s].toArray(), QJsonArray { u"FAKEPACA"_s });
        QCOMPARE(set[u"cancelErrors"_s].toArray(), QJsonArray { u"FAKEPACA"_s }); // follows trades
        QCOMPARE(set[u"updatedBars"_s].toArray(), QJsonArray {});
        // Data: arrays with more than one message type in one frame.
        QVERIFY(client.waitFor(
                    [](const QJsonDocument &d) {
                        QSet<QString> types;
                        for (const QJsonValue &m : d.array())
                            types.insert(m[u"T"_s].toString());
                        return types.contains(u"t"_s) && types.contains(u"q"_s);
                    },
                    reply)
                > 0);
        QVERIFY(client.waitForType(u"b"_s, reply) > 0);
        // Nine fraction digits and a Z on every data time (docs/protocols/alpaca.md §8.1).
        static const QRegularExpression rfc3339(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$"_s);
        const qsizetype trade = client.waitForType(u"t"_s, reply);
        for (const QJsonValue &m : client.frames[trade].array()) {
            QVERIFY2(rfc3339.match(m[u"t"_s].toString()).hasMatch(), qPrintable(m[u"t"_s].toString()));
            QCOMPARE(m[u"S"_s].toString(), u"FAKEPACA"_s);
        }

        const qsizetype beforeUnsubscribe = client.frames.size();
        client.send(R"({"action":"unsubscribe","quotes":["FAKEPACA"]})");
        const qsizetype after = client.waitForType(u"subscription"_s, beforeUnsubscribe);
        QCOMPARE(client.frames[after].array()[0][u"quotes"_s].toArray(), QJsonArray {});
    }

    void alpacaRefusesBadKeysAndClosesTheSocket()
    {
        AlpacaEmulator emu(fast());
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v2/iex"_s));
        QVERIFY(client.waitForType(u"success"_s) == 0);
        client.send(R"({"action":"auth","key":"TAPESCOPE-EMULATOR","secret":"guess"})");
        const qsizetype error = client.waitForType(u"error"_s, 0, 402);
        QVERIFY(error > 0);
        QCOMPARE(client.frames[error].array()[0][u"msg"_s].toString(), u"auth failed"_s);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 3000);
    }

    void alpacaSecondSessionOnAnEndpointGets406()
    {
        AlpacaEmulator emu(fast());
        QVERIFY(emu.listen());
        Client first(emu.streamUrl(u"/v2/sip"_s));
        QVERIFY(first.waitForType(u"success"_s) == 0);
        first.send(auth(emu));
        QVERIFY(first.waitFor([](const QJsonDocument &d) { return d.array()[0][u"msg"_s] == u"authenticated"_s; }) > 0);
        // Another endpoint is another slot (docs/protocols/alpaca.md §3).
        Client other(emu.streamUrl(u"/v2/iex"_s));
        QVERIFY(other.waitForType(u"success"_s) == 0);
        other.send(auth(emu));
        QVERIFY(other.waitFor([](const QJsonDocument &d) { return d.array()[0][u"msg"_s] == u"authenticated"_s; }) > 0);

        Client second(emu.streamUrl(u"/v2/sip"_s));
        QVERIFY(second.waitForType(u"success"_s) == 0);
        second.send(auth(emu));
        const qsizetype error = second.waitForType(u"error"_s, 0, 406);
        QVERIFY(error > 0);
        QCOMPARE(second.frames[error].array()[0][u"msg"_s].toString(), u"connection limit exceeded"_s);
        QTRY_VERIFY_WITH_TIMEOUT(second.closed, 3000);
        QCOMPARE(emu.authenticatedCount(), 2);
    }

    void alpacaChannelSymbolAndLimitErrors()
    {
        AlpacaEmulator::Options options = fast();
        options.symbolLimit = 1;
        AlpacaEmulator emu(options);
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v2/iex"_s));
        QVERIFY(client.waitForType(u"success"_s) == 0);
        client.send(auth(emu));
        QVERIFY(client.waitFor([](const QJsonDocument &d) { return d.array()[0][u"msg"_s] == u"authenticated"_s; })
                > 0);
        client.send(R"({"action":"subscribe","orderbooks":["AAPL"]})");
        QVERIFY(client.waitForType(u"error"_s, 0, 410) > 0);
        client.send(R"({"action":"subscribe","trades":["not a symbol"]})");
        QVERIFY(client.waitForType(u"error"_s, 0, 400) > 0);
        client.send(R"({"action":"subscribe","trades":["AAPL","MSFT"]})");
        QVERIFY(client.waitForType(u"error"_s, 0, 405) > 0);
        client.send("not json");
        QTRY_COMPARE_WITH_TIMEOUT(
            std::count_if(client.frames.begin(), client.frames.end(),
                          [](const QJsonDocument &d) { return d.array()[0][u"code"_s].toInt() == 400; }),
            2, 3000);
        // Any documented code on command, closing when asked.
        emu.sendErrorToAll(407, true);
        QVERIFY(client.waitForType(u"error"_s, 0, 407) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 3000);
    }

    void alpacaAuthTimeout()
    {
        AlpacaEmulator::Options options = fast();
        options.authTimeoutMs = 200;
        AlpacaEmulator emu(options);
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v2/delayed_sip"_s));
        const qsizetype error = client.waitForType(u"error"_s, 0, 404);
        QVERIFY(error > 0);
        QCOMPARE(client.frames[error].array()[0][u"msg"_s].toString(), u"auth timeout"_s);
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 3000);
    }

    void alpacaCryptoBookSnapshotThenDeltas()
    {
        AlpacaEmulator emu(fast());
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v1beta3/crypto/us"_s));
        QVERIFY(client.waitForType(u"success"_s) == 0);
        client.send(auth(emu));
        QVERIFY(client.waitFor([](const QJsonDocument &d) { return d.array()[0][u"msg"_s] == u"authenticated"_s; })
                > 0);
        client.send(R"({"action":"subscribe","orderbooks":["ETH/USD"],"statuses":["ETH/USD"]})");
        QVERIFY(client.waitForType(u"error"_s, 0, 410) > 0); // no statuses on crypto
        client.send(R"({"action":"subscribe","orderbooks":["ETH/USD"],"trades":["ETH/USD"]})");
        const qsizetype snapshot = client.waitForType(u"o"_s);
        QVERIFY(snapshot > 0);
        const QJsonObject book = client.frames[snapshot].array()[0].toObject();
        QCOMPARE(book[u"r"_s].toBool(), true);
        QCOMPARE(book[u"b"_s].toArray().size(), 20);
        QVERIFY(book[u"b"_s][0][u"p"_s].toDouble() < book[u"a"_s][0][u"p"_s].toDouble());
        const qsizetype delta = client.waitForType(u"o"_s, snapshot + 1);
        QVERIFY(delta > snapshot);
        for (const QJsonValue &m : client.frames[delta].array()) {
            if (m[u"T"_s] == u"o"_s)
                QVERIFY(!m.toObject().contains(u"r"_s));
        }
        const qsizetype trade = client.waitForType(u"t"_s, snapshot);
        QVERIFY(trade > 0);
        QVERIFY(client.raw[trade].contains("\"tks\":"));
    }

    void alpacaUnknownPathIsClosed()
    {
        AlpacaEmulator emu(fast());
        QVERIFY(emu.listen());
        Client client(emu.streamUrl(u"/v2/nasdaq"_s));
        QTRY_VERIFY_WITH_TIMEOUT(client.closed, 3000);
        QVERIFY(client.frames.isEmpty());
    }

    // The real host answers a wrong path with HTTP 404 on the upgrade (docs/protocols/alpaca.md §2); FIML (FastAPI)
    // too.
    void unknownPathsGetHttp404WithJson()
    {
        AlpacaEmulator alpaca(fast());
        QVERIFY(alpaca.listen());
        const QByteArray alpacaReply = upgradeReply(alpaca.port(), "/v2/nasdaq");
        QVERIFY2(alpacaReply.startsWith("HTTP/1.1 404 "), alpacaReply.constData());
        QCOMPARE(bodyOf(alpacaReply)[u"code"_s].toInt(), 40410000);
        QVERIFY(bodyOf(alpacaReply)[u"message"_s].toString().contains(u"/v2/nasdaq"_s));
        QVERIFY(upgradeReply(alpaca.port(), "/v2/test").startsWith("HTTP/1.1 101 "));

        FimlEmulator fiml(FimlEmulator::Options { 1, 1000 });
        QVERIFY(fiml.listen());
        const QByteArray fimlReply = upgradeReply(fiml.port(), "/ws/nowhere");
        QVERIFY2(fimlReply.startsWith("HTTP/1.1 404 "), fimlReply.constData());
        QCOMPARE(bodyOf(fimlReply)[u"detail"_s].toString(), u"Not Found"_s);
        QVERIFY(upgradeReply(fiml.port(), "/ws/stream").startsWith("HTTP/1.1 101 "));
        QTRY_COMPARE(alpaca.clientCount() + fiml.clientCount(), 0); // those raw sockets went away
    }

    void fimlBadPricesPathClosesWithoutAFrame()
    {
        FimlEmulator emu(FimlEmulator::Options { 1, 100 });
        QVERIFY(emu.listen());
        QStringList many;
        for (int i = 0; i < 51; ++i)
            many.append(u"S%1"_s.arg(i));
        for (const QString &symbols : { many.join(u','), u","_s }) {
            QUrl prices = emu.streamUrl();
            prices.setPath(u"/ws/prices/"_s + symbols);
            Client client(prices);
            QTRY_VERIFY_WITH_TIMEOUT(client.closed, 3000);
            QVERIFY(client.frames.isEmpty());
        }
        QCOMPARE(emu.clientCount(), 0);
    }

    void listenFailureSaysWhere()
    {
        FimlEmulator first;
        QVERIFY(first.listen());
        FimlEmulator second;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^cannot listen on 127.0.0.1:\\d+: "_s));
        QVERIFY(!second.listen(QHostAddress::LocalHost, first.port()));
        QCOMPARE(second.listenError(), u"cannot listen on 127.0.0.1:%1"_s.arg(first.port()));
    }

    void fimlAcksDataHeartbeatsAndUnsubscribe()
    {
        FimlEmulator emu(FimlEmulator::Options { 1, 150 });
        QVERIFY(emu.listen());
        Client client(emu.streamUrl());
        QVERIFY(client.waitConnected());
        client.send(R"({"type":"subscribe","stream_type":"quote","symbols":["AAPL","TSLA"],"interval_ms":100})");
        const qsizetype ack = client.waitForFiml(u"subscription_ack"_s);
        QVERIFY(ack >= 0);
        const QJsonObject a = client.frames[ack].object();
        QCOMPARE(a[u"stream_type"_s].toString(), u"quote"_s);
        QCOMPARE(a[u"interval_ms"_s].toInt(), 100);
        QVERIFY(
            QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-4"_s).match(a[u"subscription_id"_s].toString()).hasMatch());
        QVERIFY(a[u"disclaimer"_s].toString().startsWith(QString::fromUtf8("\u26a0\ufe0f DISCLAIMER")));
        QVERIFY(client.raw[ack].startsWith(R"({"type":"subscription_ack","stream_type":"quote","symbols":)"));
        // quote data is labelled "price" (docs/protocols/fiml.md §4.3)
        const qsizetype data = client.waitForFiml(u"data"_s, ack);
        const QJsonObject d = client.frames[data].object();
        QCOMPARE(d[u"stream_type"_s].toString(), u"price"_s);
        QCOMPARE(d[u"subscription_id"_s], a[u"subscription_id"_s]);
        QCOMPARE(d[u"data"_s].toArray().size(), 2);
        const QJsonObject price = d[u"data"_s][0].toObject();
        for (const char *key :
             { "symbol", "price", "change", "change_percent", "volume", "timestamp", "provider", "confidence" })
            QVERIFY2(price.contains(QLatin1String(key)), key);
        QVERIFY(client.raw[data].contains(".0,") || client.raw[data].contains(".0}")); // Python floats
        const qsizetype beat = client.waitForFiml(u"heartbeat"_s);
        QCOMPARE(client.frames[beat].object()[u"active_subscriptions"_s].toInt(), 1);

        client.send(R"({"type":"unsubscribe","stream_type":"quote","symbols":null})");
        const qsizetype unack = client.waitForFiml(u"unsubscribe_ack"_s);
        QVERIFY(unack > 0);
        QVERIFY(client.frames[unack].object()[u"symbols"_s].isNull());
        QTRY_COMPARE_WITH_TIMEOUT(emu.subscriptionCount(), 0, 2000);
    }

    void fimlErrorFramesForBadRequests()
    {
        FimlEmulator emu;
        QVERIFY(emu.listen());
        Client client(emu.streamUrl());
        QVERIFY(client.waitConnected());
        QStringList many;
        for (int i = 0; i < 51; ++i)
            many.append(u"\"SYM%1\""_s.arg(i));
        const QList<QPair<QByteArray, QString>> cases = {
            { "{\"type\":\"subscribe\",\"stream_type\":\"price\",\"symbols\":[" + many.join(u',').toUtf8() + "]}",
              u"SUBSCRIPTION_ERROR"_s },
            { R"({"type":"subscribe","stream_type":"price","symbols":["AAPL"],"interval_ms":50})",
              u"SUBSCRIPTION_ERROR"_s },
            { R"({"type":"subscribe","stream_type":"depth","symbols":["AAPL"]})", u"SUBSCRIPTION_ERROR"_s },
            { R"({"type":"unsubscribe"})", u"UNSUBSCRIBE_ERROR"_s },
            { R"({"type":"SUBSCRIBE"})", u"INVALID_MESSAGE_TYPE"_s },
            { "not json", u"INVALID_JSON"_s },
            { "[]", u"PROCESSING_ERROR"_s },
        };
        for (const auto &[request, code] : cases) {
            const qsizetype from = client.frames.size();
            client.send(request);
            const qsizetype error = client.waitForFiml(u"error"_s, from);
            QVERIFY2(error >= from, request.constData());
            QCOMPARE(client.frames[error].object()[u"error_code"_s].toString(), code);
        }
        const QString tooMany = client.frames[0].object()[u"message"_s].toString();
        QVERIFY2(tooMany.contains(u"List should have at most 50 items after validation, not 51"_s),
                 qPrintable(tooMany));
        QVERIFY(client.socket.state() == QAbstractSocket::ConnectedState); // errors never close /ws/stream
        QCOMPARE(emu.subscriptionCount(), 0);
    }

    void fimlSilentModeAndPricesPath()
    {
        FimlEmulator emu(FimlEmulator::Options { 1, 100 });
        QVERIFY(emu.listen());
        QUrl prices = emu.streamUrl();
        prices.setPath(u"/ws/prices/aapl,msft"_s);
        Client shortcut(prices);
        const qsizetype ack = shortcut.waitForFiml(u"subscription_ack"_s);
        QCOMPARE(ack, 0); // the first frame on /ws/prices (docs/protocols/fiml.md §2)
        QCOMPARE(shortcut.frames[0].object()[u"symbols"_s].toArray(), (QJsonArray { u"AAPL"_s, u"MSFT"_s }));

        emu.setSilent(true);
        QTest::qWait(100);
        const qsizetype before = shortcut.frames.size();
        QTest::qWait(400);
        QCOMPARE(shortcut.frames.size(), before);
        emu.setSilent(false);
        QVERIFY(shortcut.waitForFiml(u"heartbeat"_s, before) >= before);
    }
};

QTEST_GUILESS_MAIN(TestAlpacaFimlEmulators)
#include "tst_alpaca_fiml_emulators.moc"
