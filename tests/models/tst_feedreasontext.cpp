// The UI's words for a feed's reason: English from the source strings, German from the app's translation
// (compiled from translations/tapescope_de.ts into this test's resources, as the app does).
#include "models/FeedReasonText.h"
#include "models/FeedStatusModel.h"

#include <QtCore/QLocale>
#include <QtCore/QMetaEnum>
#include <QtCore/QTranslator>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace tapescope;
using Reason = FeedReason::Code;

namespace {

FeedReason retrying(FeedReason reason, qint64 retryInMs)
{
    reason.retryInMs = retryInMs;
    return reason;
}

FeedReason socketFailure(Reason cause, QStringList args)
{
    FeedReason reason(Reason::SocketError, std::move(args));
    reason.cause = cause;
    return reason;
}

FeedReason resyncing(qint64 books, Reason cause, const QString &arg)
{
    FeedReason reason(Reason::ResyncingBooks, { arg }, books);
    reason.cause = cause;
    return reason;
}

// Words the venue or the socket sent, and the app's own already-translated words: shown as they came.
bool isPassedThrough(Reason code)
{
    return code == Reason::SocketError || code == Reason::VenueError || code == Reason::NotStarted
        || code == Reason::ConnectionLimit || code == Reason::None;
}

} // namespace

class TestFeedReasonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void cleanup()
    {
        QCoreApplication::removeTranslator(&m_german);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void durationsInWords_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("english");
        QTest::addColumn<QString>("german");
        QTest::newRow("ms") << qint64(850) << u"850 ms"_s << u"850 ms"_s;
        QTest::newRow("tenths") << qint64(2140) << u"2.1 s"_s << u"2,1 s"_s;
        QTest::newRow("seconds") << qint64(42900) << u"42 s"_s << u"42 s"_s;
        QTest::newRow("minutes") << qint64(185000) << u"3 min 5 s"_s << u"3 Min. 5 s"_s;
        QTest::newRow("hours") << qint64(7800000) << u"2 h 10 min"_s << u"2 Std. 10 Min."_s;
    }

    void durationsInWords()
    {
        QFETCH(qint64, ms);
        QFETCH(QString, english);
        QFETCH(QString, german);
        QCOMPARE(FeedReasonText::duration(ms), english);
        useGerman();
        QCOMPARE(FeedReasonText::duration(ms), german);
    }

    void englishFollowsTheCliWords_data()
    {
        QTest::addColumn<FeedReason>("reason");
        QTest::addColumn<QString>("english");
        QTest::newRow("no data") << FeedReason(Reason::NoData, {}, 0, 12345) << u"no data for 12 s"_s;
        QTest::newRow("socket error") << retrying({ Reason::SocketError, { u"Connection refused"_s } }, 2100)
                                      << u"Connection refused, next attempt in 2.1 s"_s;
        QTest::newRow("port refused") << socketFailure(Reason::PortRefused, { u"127.0.0.1:9"_s })
                                      << u"connection refused by 127.0.0.1:9 (nothing accepts connections there)"_s;
        QTest::newRow("untrusted") << socketFailure(Reason::TlsUntrusted, { u"h:443"_s, u"self-signed"_s })
                                   << u"the TLS certificate of h:443 is not trusted: self-signed"_s;
        QTest::newRow("connecting") << FeedReason(Reason::Connecting, { u"wss://api.hyperliquid.xyz/ws"_s }, 3)
                                    << u"connecting to wss://api.hyperliquid.xyz/ws (attempt 3)"_s;
        QTest::newRow("resync") << resyncing(2, Reason::SequenceGap, u"7"_s)
                                << u"resyncing 2 order book(s): sequence gap on subscription 7"_s;
        // In the UI every wait reads alike, O2's markets wait and Alpaca's connection limit too.
        QTest::newRow("markets") << retrying({ Reason::MarketsRequestFailed, { u"HTTP 503"_s } }, 16000)
                                 << u"markets request failed: HTTP 503, next attempt in 16 s"_s;
    }

    void englishFollowsTheCliWords()
    {
        QFETCH(FeedReason, reason);
        QFETCH(QString, english);
        QCOMPARE(FeedReasonText::of(reason), english);
    }

    void germanStatusDetails_data()
    {
        QTest::addColumn<FeedReason>("reason");
        QTest::addColumn<QString>("german");
        QTest::newRow("no data") << FeedReason(Reason::NoData, {}, 0, 12345) << u"seit 12 s keine Daten"_s;
        // The socket's words stay as they came; only ours are translated.
        QTest::newRow("socket error") << retrying({ Reason::SocketError, { u"Connection refused"_s } }, 2100)
                                      << u"Connection refused, nächster Versuch in 2,1 s"_s;
        // ... but a failure the connection knows by name is said in the user's language.
        QTest::newRow("port refused") << socketFailure(Reason::PortRefused, { u"127.0.0.1:9"_s })
                                      << u"Verbindung von 127.0.0.1:9 abgelehnt (dort nimmt nichts Verbindungen an)"_s;
        QTest::newRow("upgrade") << socketFailure(Reason::UpgradeAnswered, { u"HTTP 404 Not Found"_s })
                                 << u"der Server antwortete HTTP 404 Not Found statt eines WebSocket-Upgrades"_s;
        QTest::newRow("signing in") << FeedReason(Reason::SigningIn) << u"melde an"_s;
        QTest::newRow("one book") << FeedReason(Reason::RebuildingBooksAfterReconnect, {}, 1)
                                  << u"baue 1 Orderbuch nach dem Wiederverbinden neu auf"_s;
        QTest::newRow("books") << FeedReason(Reason::RebuildingBooksAfterReconnect, {}, 3)
                               << u"baue 3 Orderbücher nach dem Wiederverbinden neu auf"_s;
        QTest::newRow("resync") << resyncing(2, Reason::InconsistentDelta, u"KX-PHI"_s)
                                << u"synchronisiere 2 Orderbücher neu: widersprüchliches Delta für KX-PHI"_s;
        QTest::newRow("key refused")
            << FeedReason(Reason::ApiKeyRefused, { u"Kalshi"_s })
            << u"Kalshi hat den API-Schlüssel abgelehnt (HTTP 401): Schlüssel-ID, privaten Schlüssel und die Uhr "
               "des Computers prüfen; kein neuer Versuch"_s;
    }

    void germanStatusDetails()
    {
        QFETCH(FeedReason, reason);
        QFETCH(QString, german);
        useGerman();
        QCOMPARE(FeedReasonText::of(reason), german);
    }

    // Every reason worded by us has German words: none is left to fall back to English.
    void everyReasonIsTranslated()
    {
        const QMetaEnum codes = QMetaEnum::fromType<Reason>();
        for (int i = 0; i < codes.keyCount(); ++i) {
            const auto code = Reason(codes.value(i));
            if (isPassedThrough(code))
                continue;
            FeedReason reason(code, { u"x"_s, u"y"_s, u"z"_s }, 2, 1500);
            reason.cause = Reason::SnapshotRefused;
            const QString english = FeedReasonText::of(reason);
            useGerman();
            const QString german = FeedReasonText::of(reason);
            cleanup();
            QVERIFY2(german != english, qPrintable(u"%1: \"%2\""_s.arg(QLatin1StringView(codes.key(i)), german)));
        }
    }

    void badgesInGerman()
    {
        useGerman();
        QCOMPARE(FeedStatusModel::stateLabel(FeedState::Stale), u"VERALTET"_s);
        QCOMPARE(FeedStatusModel::stateLabel(FeedState::BackingOff), u"NEU VERBINDEN"_s);
    }

private:
    void useGerman()
    {
        QVERIFY(m_german.load(u":/i18n/tapescope_de.qm"_s));
        QVERIFY(QCoreApplication::installTranslator(&m_german));
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    }

    QTranslator m_german;
};

QTEST_GUILESS_MAIN(TestFeedReasonText)
#include "tst_feedreasontext.moc"
