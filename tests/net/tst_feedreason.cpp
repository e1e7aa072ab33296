// FeedReason's English: the exact words the CLI has always printed in its status lines, built from data now.
#include "net/FeedReason.h"

#include <QtCore/QMetaEnum>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using tapescope::FeedReason;
using Reason = FeedReason::Code;

namespace {

FeedReason retrying(FeedReason reason, qint64 retryInMs)
{
    reason.retryInMs = retryInMs;
    return reason;
}

FeedReason because(Reason code, qint64 books, Reason cause, const QString &arg = QString())
{
    FeedReason reason(code, arg.isEmpty() ? QStringList() : QStringList { arg }, books);
    reason.cause = cause;
    return reason;
}

} // namespace

class TestFeedReason : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void englishWordsAreTheCliOnes_data()
    {
        QTest::addColumn<FeedReason>("reason");
        QTest::addColumn<QString>("english");

        QTest::newRow("none") << FeedReason() << QString();
        QTest::newRow("connecting") << FeedReason(Reason::Connecting, { u"wss://api.hyperliquid.xyz/ws"_s }, 3)
                                    << u"connecting to wss://api.hyperliquid.xyz/ws (attempt 3)"_s;
        // A URL's own percent signs are not placeholders.
        QTest::newRow("connecting, escaped URL") << FeedReason(Reason::Connecting, { u"ws://host/a%2b"_s }, 1)
                                                 << u"connecting to ws://host/a%2b (attempt 1)"_s;
        QTest::newRow("socket error") << retrying({ Reason::SocketError, { u"Connection refused"_s } }, 2100)
                                      << u"Connection refused, next attempt in 2.1 s"_s;
        QTest::newRow("connection lost") << retrying({ Reason::ConnectionLost }, 850)
                                         << u"connection lost, next attempt in 850 ms"_s;
        QTest::newRow("closed by venue") << retrying({ Reason::ClosedByVenue }, 31400)
                                         << u"closed by venue, next attempt in 31 s"_s;
        QTest::newRow("closed by venue, with a code")
            << retrying({ Reason::ClosedByVenue, { u"no stream at /x"_s }, 1008 }, 0)
            << u"closed by venue (code 1008: no stream at /x), next attempt in 0 ms"_s;
        QTest::newRow("connect timed out")
            << retrying({ Reason::ConnectTimedOut, {}, 0, 300 }, 40)
            << u"connect timed out: no WebSocket handshake within 300 ms, next attempt in 40 ms"_s;
        QTest::newRow("silent") << retrying({ Reason::Silent, {}, 0, 60000 }, 1000)
                                << u"silent for 60 s, next attempt in 1.0 s"_s;
        QTest::newRow("no data") << FeedReason(Reason::NoData, {}, 0, 12345) << u"no data for 12 s"_s;
        QTest::newRow("no data, tenths") << FeedReason(Reason::NoData, {}, 0, 2500) << u"no data for 2.5 s"_s;
        QTest::newRow("closed") << FeedReason(Reason::Closed) << u"closed"_s;
        QTest::newRow("stopped") << FeedReason(Reason::Stopped) << u"stopped"_s;
        QTest::newRow("not started") << FeedReason(Reason::NotStarted, { u"Kalshi needs an API key"_s })
                                     << u"Kalshi needs an API key"_s;
        QTest::newRow("loading markets") << FeedReason(Reason::LoadingMarkets, { u"https://api.o2.app/v1/markets"_s })
                                         << u"loading markets from https://api.o2.app/v1/markets"_s;
        // O2's markets wait has always been in tenths of a second.
        QTest::newRow("markets failed") << retrying({ Reason::MarketsRequestFailed, { u"Connection refused"_s } }, 999)
                                        << u"markets request failed: Connection refused, next attempt in 1.0 s"_s;
        QTest::newRow("markets failed, long") << retrying({ Reason::MarketsRequestFailed, { u"HTTP 503"_s } }, 16000)
                                              << u"markets request failed: HTTP 503, next attempt in 16.0 s"_s;
        QTest::newRow("awaiting welcome")
            << FeedReason(Reason::AwaitingWelcome, { u"Alpaca"_s }) << u"connected, waiting for Alpaca's welcome"_s;
        QTest::newRow("signing in") << FeedReason(Reason::SigningIn) << u"signing in"_s;
        QTest::newRow("subscribing") << FeedReason(Reason::Subscribing) << u"subscribing"_s;
        QTest::newRow("new credentials") << retrying({ Reason::NewCredentials }, 120)
                                         << u"signing in with new credentials, next attempt in 120 ms"_s;
        QTest::newRow("api key missing")
            << FeedReason(Reason::ApiKeyMissing, { u"Alpaca"_s, u"ALPACA_API_KEY_ID"_s, u"ALPACA_API_SECRET_KEY"_s })
            << u"no Alpaca API key: add one in Settings or set ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY"_s;
        QTest::newRow("api key id missing")
            << FeedReason(Reason::ApiKeyIdMissing, { u"Kalshi"_s }) << u"the Kalshi API key id is missing"_s;
        QTest::newRow("private key unusable")
            << FeedReason(Reason::PrivateKeyUnusable, { u"Kalshi"_s, u"not a PEM private key"_s })
            << u"the Kalshi private key cannot be used: not a PEM private key"_s;
        QTest::newRow("api key refused")
            << FeedReason(Reason::ApiKeyRefused, { u"Kalshi"_s })
            << u"Kalshi refused the API key (HTTP 401): check the key id, the private key and the computer's clock; "
               "not retrying"_s;
        QTest::newRow("api key required")
            << FeedReason(Reason::ApiKeyRequired, { u"Kalshi"_s })
            << u"Kalshi refused the connection (HTTP 401): no API key is configured; not retrying"_s;
        QTest::newRow("venue error") << retrying({ Reason::VenueError, { u"slow client (Alpaca 407)"_s } }, 500)
                                     << u"slow client (Alpaca 407), next attempt in 500 ms"_s;
        // Alpaca's connection limit has always said its wait after a semicolon, in seconds.
        QTest::newRow("connection limit") << retrying({ Reason::ConnectionLimit, { u"busy (Alpaca 406)"_s } }, 500)
                                          << u"busy (Alpaca 406); next attempt in 0.5 s"_s;
        QTest::newRow("connection limit, long")
            << retrying({ Reason::ConnectionLimit, { u"busy"_s } }, 61000) << u"busy; next attempt in 61 s"_s;
        QTest::newRow("last venue error") << FeedReason(Reason::LastVenueError, { u"symbol limit exceeded"_s })
                                          << u"last venue error: symbol limit exceeded"_s;
        QTest::newRow("request unanswered") << retrying({ Reason::RequestUnanswered, { u"FIML"_s }, 0, 10400 }, 20)
                                            << u"FIML did not answer a request for 10 s; starting the session over, "
                                               "next attempt in 20 ms"_s;
        QTest::newRow("replies out of order")
            << FeedReason(Reason::RepliesOutOfOrder, { u"FIML"_s }) << u"FIML replies out of order; resubscribing"_s;
        QTest::newRow("books after reconnect") << FeedReason(Reason::RebuildingBooksAfterReconnect, {}, 2)
                                               << u"rebuilding 2 order book(s) after the reconnect"_s;
        QTest::newRow("resync after gap") << because(Reason::ResyncingBooks, 3, Reason::SequenceGap, u"7"_s)
                                          << u"resyncing 3 order book(s): sequence gap on subscription 7"_s;
        QTest::newRow("resync after bad delta")
            << because(Reason::ResyncingBooks, 1, Reason::InconsistentDelta, u"KXNFLGAME-25SEP04DALPHI-PHI"_s)
            << u"resyncing 1 order book(s): inconsistent delta for KXNFLGAME-25SEP04DALPHI-PHI"_s;
        QTest::newRow("resubscribe, refused") << because(Reason::ResubscribingBooks, 0, Reason::SnapshotRefused)
                                              << u"subscribing the order books again: get_snapshot was refused"_s;
        QTest::newRow("resubscribe, missing")
            << because(Reason::ResubscribingBooks, 0, Reason::SnapshotMissing)
            << u"subscribing the order books again: no snapshot came after get_snapshot"_s;
        QTest::newRow("subscription ended") << FeedReason(Reason::SubscriptionEnded, { u"4"_s })
                                            << u"subscription 4 ended by the venue; subscribing again"_s;
        QTest::newRow("books did not resync") << retrying({ Reason::BooksDidNotResync }, 20)
                                              << u"order books did not resync; reconnecting, next attempt in 20 ms"_s;
        QTest::newRow("one book from snapshot") << FeedReason(Reason::RebuildingFromSnapshots, { u"fFUEL/fUSDC"_s }, 1)
                                                << u"rebuilding 1 book from a new depth snapshot: fFUEL/fUSDC"_s;
        QTest::newRow("books from snapshots") << FeedReason(Reason::RebuildingFromSnapshots, { u"A/B, C/D"_s }, 2)
                                              << u"rebuilding 2 books from a new depth snapshot: A/B, C/D"_s;
    }

    void englishWordsAreTheCliOnes()
    {
        QFETCH(FeedReason, reason);
        QFETCH(QString, english);
        QCOMPARE(englishText(reason), english);
    }

    // A code added without words would print an empty detail in the CLI.
    void everyCodeHasWords()
    {
        const QMetaEnum codes = QMetaEnum::fromType<Reason>();
        for (int i = 0; i < codes.keyCount(); ++i) {
            const auto code = Reason(codes.value(i));
            if (code == Reason::None)
                continue;
            FeedReason reason(code, { u"x"_s, u"y"_s, u"z"_s }, 2, 1500);
            reason.cause = Reason::SnapshotRefused;
            QVERIFY2(!englishText(reason).isEmpty(), codes.key(i));
        }
    }
};

QTEST_GUILESS_MAIN(TestFeedReason)
#include "tst_feedreason.moc"
