// Alpaca requests, URLs and error meanings, and the RFC 3339 reader the codec relies on.

#include "support/FixtureLines.h"
#include "venues/alpaca/AlpacaProtocol.h"

#include "core/IsoTime.h"

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using namespace tapescope::alpaca;

namespace {

QList<QByteArray> clientLines()
{
    return test::fixtureLines(QStringLiteral("alpaca/ws-client.jsonl"));
}

QJsonObject objectOf(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("not a JSON object: %s", json.constData());
    return document.object();
}

// An empty channel list adds or removes nothing, so the builder leaves it out (REQ#10 has "bars":[]).
QJsonObject withoutEmptyLists(QJsonObject object)
{
    const QStringList keys = object.keys();
    for (const QString &key : keys) {
        if (object.value(key).isArray() && object.value(key).toArray().isEmpty())
            object.remove(key);
    }
    return object;
}

std::int64_t ms(const char *text, NaiveTime naive = NaiveTime::Reject)
{
    const auto parsed = parseIsoTimestamp(text, naive);
    return parsed ? parsed->ms : -1;
}

} // namespace

class TestAlpacaProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyClientRequestLine();
    void requestFramesExactly();
    void emptyRequestHasNothingToSend();
    void correctionsAreNeverRequested();
    void subscriptionSet();
    void streamUrls();
    void errorClassification();
    void errorWordsAndTokens();
    void timestamps();
    void timestampRejects();
};

void TestAlpacaProtocol::everyClientRequestLine()
{
    // Rebuild every documented client message (REQ#1..12) from its meaning and compare as JSON.
    const QList<QByteArray> lines = clientLines();
    QCOMPARE(lines.size(), 12);
    for (const QByteArray &line : lines) {
        const QJsonObject want = objectOf(line);
        const QString action = want.value(u"action"_s).toString();
        QByteArray built;
        if (action == u"auth"_s) {
            built = authFrame(want.value(u"key"_s).toString(), want.value(u"secret"_s).toString());
        } else {
            SubscriptionSet set;
            for (auto it = want.begin(); it != want.end(); ++it) {
                if (it.key() == u"action"_s)
                    continue;
                const auto channel = channelFromKey(it.key().toStdString());
                QVERIFY2(channel, line.constData());
                for (const QJsonValue &symbol : it.value().toArray())
                    set.add(*channel, symbol.toString());
            }
            QVERIFY2(action == u"subscribe"_s || action == u"unsubscribe"_s, line.constData());
            built = action == u"subscribe"_s ? subscribeFrame(set) : unsubscribeFrame(set);
        }
        QVERIFY2(objectOf(built) == withoutEmptyLists(want), QByteArray(line + " -> " + built).constData());
    }
}

void TestAlpacaProtocol::requestFramesExactly()
{
    QCOMPARE(authFrame(u"AK123"_s, u"s\"ecret"_s), R"({"action":"auth","key":"AK123","secret":"s\"ecret"})"_ba);
    SubscriptionSet set;
    set.add(Channel::Trades, u"AAPL"_s);
    set.add(Channel::Quotes, u"AMD"_s);
    set.add(Channel::Quotes, u"CLDR"_s);
    set.add(Channel::Bars, u"*"_s);
    set.add(Channel::UpdatedBars, u"SPY"_s);
    set.add(Channel::DailyBars, u"VOO"_s);
    set.add(Channel::Statuses, u"*"_s);
    set.add(Channel::Orderbooks, u"BTC/USD"_s);
    QCOMPARE(
        objectOf(subscribeFrame(set)),
        objectOf(
            R"({"action":"subscribe","trades":["AAPL"],"quotes":["AMD","CLDR"],"bars":["*"],"updatedBars":["SPY"],)"
            R"("dailyBars":["VOO"],"statuses":["*"],"orderbooks":["BTC/USD"]})"));
    // Symbol order is kept: the server answers with its own full list anyway.
    QCOMPARE(objectOf(unsubscribeFrame(set)).value(u"quotes"_s).toArray(), QJsonArray({ u"AMD"_s, u"CLDR"_s }));
    QCOMPARE(objectOf(unsubscribeFrame(set)).value(u"action"_s).toString(), u"unsubscribe"_s);
}

void TestAlpacaProtocol::emptyRequestHasNothingToSend()
{
    QVERIFY(subscribeFrame(SubscriptionSet {}).isEmpty());
    QVERIFY(unsubscribeFrame(SubscriptionSet {}).isEmpty());
}

void TestAlpacaProtocol::correctionsAreNeverRequested()
{
    // They follow `trades` automatically (docs/protocols/alpaca.md §4); naming them in a request is an error.
    SubscriptionSet set;
    set.add(Channel::Corrections, u"AAPL"_s);
    set.add(Channel::CancelErrors, u"AAPL"_s);
    QVERIFY(subscribeFrame(set).isEmpty());
    QVERIFY(!isRequestable(Channel::Corrections));
    QVERIFY(!isRequestable(Channel::CancelErrors));
    QVERIFY(isRequestable(Channel::Trades));
}

void TestAlpacaProtocol::subscriptionSet()
{
    SubscriptionSet a;
    QVERIFY(a.isEmpty());
    a.add(Channel::Quotes, u"AMD"_s);
    a.add(Channel::Quotes, u"AMD"_s);
    a.add(Channel::Quotes, u"CLDR"_s);
    QCOMPARE(a.symbols(Channel::Quotes), QStringList({ u"AMD"_s, u"CLDR"_s }));
    QVERIFY(a.contains(Channel::Quotes, u"CLDR"_s));
    QVERIFY(!a.contains(Channel::Trades, u"CLDR"_s));
    SubscriptionSet b;
    b.setSymbols(Channel::Quotes, { u"CLDR"_s, u"AMD"_s });
    QVERIFY(a == b); // order does not matter
    b.add(Channel::Trades, u"AMD"_s);
    QVERIFY(!(a == b)); // the channel does
    b.remove(Channel::Trades, u"AMD"_s);
    QVERIFY(a == b);
    a.remove(Channel::Quotes, u"AMD"_s);
    a.remove(Channel::Quotes, u"CLDR"_s);
    QVERIFY(a.isEmpty());
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        const auto channel = static_cast<Channel>(i);
        QCOMPARE(channelFromKey(channelKey(channel)), channel);
    }
    QCOMPARE(channelFromKey("nope"), std::nullopt);
}

void TestAlpacaProtocol::streamUrls()
{
    QCOMPARE(streamUrl(Feed::Iex), QUrl(u"wss://stream.data.alpaca.markets/v2/iex"_s));
    QCOMPARE(streamUrl(Feed::Sip), QUrl(u"wss://stream.data.alpaca.markets/v2/sip"_s));
    QCOMPARE(streamUrl(Feed::DelayedSip), QUrl(u"wss://stream.data.alpaca.markets/v2/delayed_sip"_s));
    QCOMPARE(streamUrl(Feed::Test), QUrl(u"wss://stream.data.alpaca.markets/v2/test"_s));
    QCOMPARE(streamUrl(Feed::CryptoUs), QUrl(u"wss://stream.data.alpaca.markets/v1beta3/crypto/us"_s));
    QCOMPARE(streamUrl(Feed::Sip, true), QUrl(u"wss://stream.data.sandbox.alpaca.markets/v2/sip"_s));
    for (const Feed feed : { Feed::Iex, Feed::Sip, Feed::DelayedSip, Feed::Test, Feed::CryptoUs })
        QCOMPARE(feedFromName(feedName(feed)), feed);
    QCOMPARE(feedFromName(u"otc"_s), std::nullopt);
    QVERIFY(isCrypto(Feed::CryptoUs));
    QVERIFY(!isCrypto(Feed::Test));
}

void TestAlpacaProtocol::errorClassification()
{
    // Credentials, plan and scope problems never fix themselves: stop, do not reconnect.
    for (const int code : { 402, 408, 409, 411, 412 })
        QCOMPARE(classifyError(code), ErrorAction::Stop);
    // The connection limit: a fast retry only meets the same limit.
    QCOMPARE(classifyError(406), ErrorAction::BackOffLong);
    for (const int code : { 401, 404, 407, 500 })
        QCOMPARE(classifyError(code), ErrorAction::Reconnect);
    // A refused request leaves the session (and the previous subscriptions) in force.
    for (const int code : { 400, 403, 405, 410, 413, 499, 0 })
        QCOMPARE(classifyError(code), ErrorAction::Report);
}

void TestAlpacaProtocol::errorWordsAndTokens()
{
    const QString unknownText = errorText(999);
    QSet<QString> tokens;
    for (const int code : { 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 500 }) {
        QVERIFY(errorText(code) != unknownText);
        QVERIFY(!errorText(code).contains(u"Alpaca 4"_s)); // words, not the code again
        const QString token = errorToken(code);
        QVERIFY(token != u"venue_error"_s);
        QVERIFY(!tokens.contains(token));
        tokens.insert(token);
    }
    QCOMPARE(errorToken(402), u"auth_failed"_s);
    QCOMPARE(errorToken(406), u"connection_limit"_s);
    QCOMPARE(errorToken(999), u"venue_error"_s);
    QVERIFY(errorText(402).contains(u"key"_s));
}

void TestAlpacaProtocol::timestamps()
{
    // Every fraction length the docs show (docs/protocols/alpaca.md §8.1).
    QCOMPARE(ms("2021-02-22T19:15:00Z"), 1614021300000);
    QCOMPARE(ms("2021-02-22T15:51:44.208Z"), 1614009104208);
    QCOMPARE(ms("2021-02-22T15:51:45.3355677Z"), 1614009105335);
    QCOMPARE(ms("2023-04-06T13:15:42.83540958Z"), 1680786942835);
    const auto nine = parseIsoTimestamp("2021-02-22T15:51:45.335689322Z");
    QVERIFY(nine);
    QCOMPARE(nine->ms, 1614009105335);
    QCOMPARE(nine->subMsNanos, 689322);
    QVERIFY(nine->hadZone);
    QCOMPARE(parseIsoTimestamp("2021-02-22T15:51:45.3355677Z")->subMsNanos, 567700);
    QCOMPARE(parseIsoTimestamp("2021-02-22T15:51:45.1Z")->ms, 1614009105100);
    // Offsets (trading stream, TWS#5): 13:45:04.98 at -04:00 is 17:45:04.98 UTC.
    QCOMPARE(ms("2022-04-19T13:45:04.981350886-04:00"), ms("2022-04-19T17:45:04.981350886Z"));
    QCOMPARE(ms("2022-04-19T19:15:04+05:30"), ms("2022-04-19T13:45:04Z"));
    // More than nine fraction digits: the first nine count.
    QCOMPARE(parseIsoTimestamp("2021-02-22T15:51:45.3356893229Z")->subMsNanos, 689322);
    // Naive time (FIML candles) only when asked for, and then as UTC.
    QCOMPARE(ms("2024-01-02T00:00:00", NaiveTime::AsUtc), 1704153600000);
    QVERIFY(!parseIsoTimestamp("2024-01-02T00:00:00", NaiveTime::AsUtc)->hadZone);
    // Calendar edges.
    QCOMPARE(ms("1970-01-01T00:00:00Z"), 0);
    QCOMPARE(ms("1969-12-31T23:59:59.999Z"), -1);
    QCOMPARE(ms("2024-02-29T00:00:00Z"), 1709164800000);
    QCOMPARE(ms("2000-02-29T12:00:00z"), 951825600000);
    QCOMPARE(ms("2024-03-12 10:27:48Z"), 1710239268000);
}

void TestAlpacaProtocol::timestampRejects()
{
    for (const char *bad :
         { "", "2021-02-22", "2021-02-22T19:15:00", "2021-02-22T19:15Z", "2021-02-22T19:15:00.Z",
           "2021-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2021-04-31T00:00:00Z", "2021-02-22T24:00:00Z",
           "2021-02-22T19:60:00Z", "2021-02-22T19:15:00+0400", "2021-02-22T19:15:00Zjunk", "2021-02-22X19:15:00Z",
           "21-02-22T19:15:00Z", "2021-02-22T19:15:00.12a4Z" }) {
        QVERIFY2(!parseIsoTimestamp(bad), bad);
    }
}

QTEST_GUILESS_MAIN(TestAlpacaProtocol)
#include "tst_alpaca_protocol.moc"
