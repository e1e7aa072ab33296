// RSA-PSS signing against the worked example in tests/data/kalshi/signing (docs/protocols/kalshi.md §2.4). PSS is
// randomised, so signatures are verified, never compared byte for byte.

#include "KalshiTestSupport.h"

#include "venues/kalshi/KalshiSigner.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryFile>
#include <QtTest/QtTest>

using namespace Qt::StringLiterals;
using namespace tapescope::test;
using tapescope::kalshi::Signer;

namespace {

QString signingFile(const char *name)
{
    return QStringLiteral(TAPESCOPE_TEST_DATA_DIR) + u"/kalshi/signing/"_s + QLatin1String(name);
}

} // namespace

class KalshiSignerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureSignaturesVerify();
    void bothKeyFormatsSignVerifiably_data();
    void bothKeyFormatsSignVerifiably();
    void signaturesAreRandomisedButValid();
    void handshakeHeadersMatchFixtureShape();
    void restSigningDropsQuery();
    void badKeysGiveClearErrors();
};

void KalshiSignerTest::fixtureSignaturesVerify()
{
    const QByteArray publicKey = kalshiFixture(u"signing/test-public-key.pem"_s);
    const QByteArray message = kalshiFixture(u"signing/signed-string.txt"_s);
    QCOMPARE(message, QByteArray("1703123456789GET/trade-api/ws/v2"));
    const QByteArray b64 = kalshiFixture(u"signing/signature.b64"_s).trimmed();
    QVERIFY(Signer::verify(publicKey, message, b64));
    QCOMPARE(QByteArray::fromBase64(b64), kalshiFixture(u"signing/signature.bin"_s));
    QVERIFY(Signer::verify(publicKey, message, kalshiFixture(u"signing/signature-2.bin"_s).toBase64()));
    // The verifier is not a rubber stamp: another message, a trailing newline or a flipped bit fail.
    QVERIFY(!Signer::verify(publicKey, QByteArray(message + '\n'), b64));
    QVERIFY(!Signer::verify(publicKey, "1703123456789GET/trade-api/v2/portfolio/balance", b64));
    QByteArray flipped = kalshiFixture(u"signing/signature.bin"_s);
    flipped[10] = static_cast<char>(flipped[10] ^ 0x01);
    QVERIFY(!Signer::verify(publicKey, message, flipped.toBase64()));
}

void KalshiSignerTest::bothKeyFormatsSignVerifiably_data()
{
    QTest::addColumn<QString>("keyFile");
    QTest::newRow("PKCS#1 BEGIN RSA PRIVATE KEY") << signingFile("test-private-key.pkcs1.pem");
    QTest::newRow("PKCS#8 BEGIN PRIVATE KEY") << signingFile("test-private-key.pkcs8.pem");
}

void KalshiSignerTest::bothKeyFormatsSignVerifiably()
{
    QFETCH(QString, keyFile);
    Signer signer;
    QVERIFY2(signer.loadPrivateKeyFile(keyFile), qPrintable(signer.errorString()));
    QVERIFY(signer.isReady());
    const QByteArray message = kalshiFixture(u"signing/signed-string.txt"_s);
    const QByteArray signature = signer.sign(message);
    QCOMPARE(signature.size(), 344); // 256 raw bytes as padded standard base64, like signature.b64
    QVERIFY(signature.endsWith('='));
    QVERIFY(Signer::verify(kalshiFixture(u"signing/test-public-key.pem"_s), message, signature));
}

void KalshiSignerTest::signaturesAreRandomisedButValid()
{
    Signer signer;
    QVERIFY(signer.loadPrivateKeyFile(signingFile("test-private-key.pkcs8.pem")));
    const QByteArray a = signer.sign("1703123456789GET/trade-api/ws/v2");
    const QByteArray b = signer.sign("1703123456789GET/trade-api/ws/v2");
    QVERIFY(a != b); // random salt (docs/protocols/kalshi.md §2.4)
    const QByteArray publicKey = kalshiFixture(u"signing/test-public-key.pem"_s);
    QVERIFY(Signer::verify(publicKey, "1703123456789GET/trade-api/ws/v2", a));
    QVERIFY(Signer::verify(publicKey, "1703123456789GET/trade-api/ws/v2", b));
}

void KalshiSignerTest::handshakeHeadersMatchFixtureShape()
{
    const QJsonObject expected = QJsonDocument::fromJson(kalshiFixture(u"signing/headers.json"_s)).object();
    Signer signer;
    QVERIFY(signer.loadPrivateKeyFile(signingFile("test-private-key.pkcs1.pem")));
    signer.setAccessKey(expected.value(u"KALSHI-ACCESS-KEY"_s).toString().toLatin1());
    const auto headers = signer.handshakeHeaders(1703123456789);
    const auto list = headers.toList();
    QStringList names;
    for (const auto &header : list)
        names << QString::fromLatin1(header.first);
    QStringList expectedNames = expected.keys();
    QCOMPARE(QStringList(names).size(), 3);
    names.sort();
    expectedNames.sort();
    QCOMPARE(names, expectedNames);
    QCOMPARE(QString::fromLatin1(headers.accessKey), expected.value(u"KALSHI-ACCESS-KEY"_s).toString());
    QCOMPARE(QString::fromLatin1(headers.timestampMs), expected.value(u"KALSHI-ACCESS-TIMESTAMP"_s).toString());
    QCOMPARE(headers.signature.size(), expected.value(u"KALSHI-ACCESS-SIGNATURE"_s).toString().size());
    // The header signs exactly timestamp-in-ms + GET + the WebSocket path.
    QVERIFY(Signer::verify(kalshiFixture(u"signing/test-public-key.pem"_s),
                           kalshiFixture(u"signing/signed-string.txt"_s), headers.signature));
}

void KalshiSignerTest::restSigningDropsQuery()
{
    // docs/protocols/kalshi.md §2.2: "For /portfolio/orders?limit=5, sign only /trade-api/v2/portfolio/orders".
    QCOMPARE(Signer::stringToSign(1703123456789, "get", "/trade-api/v2/portfolio/orders?limit=5"),
             QByteArray("1703123456789GET/trade-api/v2/portfolio/orders"));
    QCOMPARE(Signer::stringToSign(1703123456789, "GET", "/trade-api/v2/portfolio/balance"),
             QByteArray("1703123456789GET/trade-api/v2/portfolio/balance"));
    Signer signer;
    QVERIFY(signer.loadPrivateKeyFile(signingFile("test-private-key.pkcs8.pem")));
    const auto headers = signer.requestHeaders(1703123456790, "POST", "/trade-api/v2/portfolio/orders?x=1");
    QCOMPARE(headers.timestampMs, QByteArray("1703123456790"));
    QVERIFY(Signer::verify(kalshiFixture(u"signing/test-public-key.pem"_s),
                           "1703123456790POST/trade-api/v2/portfolio/orders", headers.signature));
}

void KalshiSignerTest::badKeysGiveClearErrors()
{
    Signer signer;
    QVERIFY(!signer.loadPrivateKeyFile(signingFile("no-such-key.pem")));
    QVERIFY(signer.errorString().contains(u"Cannot read the Kalshi private key file"_s));
    QVERIFY(signer.sign("x").isEmpty());
    QVERIFY(signer.errorString().contains(u"No Kalshi private key"_s));

    // A public key is not a private key.
    QVERIFY(!signer.loadPrivateKeyFile(signingFile("test-public-key.pem")));
    QVERIFY(signer.errorString().contains(u"cannot be loaded"_s));
    QVERIFY(signer.errorString().contains(u"test-public-key.pem"_s));

    // Not PEM at all (e.g. the base64 signature file): the message names the expected headers.
    QVERIFY(!signer.loadPrivateKeyFile(signingFile("signature.b64")));
    QVERIFY(signer.errorString().contains(u"BEGIN RSA PRIVATE KEY"_s));

    // A cut-short key body: the error must not echo any of the key's text.
    const QList<QByteArray> lines = kalshiFixture(u"signing/test-private-key.pkcs8.pem"_s).split('\n');
    const QByteArray damaged = lines.mid(0, 6).join('\n') + "\n-----END PRIVATE KEY-----\n";
    QVERIFY(!signer.loadPrivateKeyPem(damaged));
    QVERIFY(!signer.isReady());
    for (const QByteArray &line : lines) {
        if (line.size() > 20 && !line.startsWith("-----"))
            QVERIFY(!signer.errorString().contains(QString::fromLatin1(line.left(20))));
    }
}

QTEST_GUILESS_MAIN(KalshiSignerTest)
#include "tst_kalshi_signer.moc"
