#include "net/FeedReason.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// "0.3 s", "2.1 s", "31 s": tenths only where they matter.
QString seconds(qint64 ms)
{
    if (ms < 10000)
        return QString::number(double(ms) / 1000.0, 'f', 1) + u" s"_s;
    return QString::number(ms / 1000) + u" s"_s;
}

// "20 ms", "0.3 s", "31 s": precise where tests and fast venues need it, calm for long waits.
QString duration(qint64 ms)
{
    return ms < 1000 ? QString::number(ms) + u" ms"_s : seconds(ms);
}

QString words(FeedReason::Code code, const FeedReason &reason)
{
    using C = FeedReason::Code;
    const QString arg0 = reason.args.value(0);
    const QString arg1 = reason.args.value(1);
    switch (code) {
    case C::None:
        return QString();
    case C::Connecting:
        return u"connecting to %1 (attempt %2)"_s.arg(arg0, QString::number(reason.number));
    case C::ConnectionLost:
        return u"connection lost"_s;
    case C::SocketError:
        return reason.cause != C::None ? words(reason.cause, reason) : arg0;
    case C::ClosedByVenue:
        if (reason.number == 0 && arg0.isEmpty())
            return u"closed by venue"_s;
        return u"closed by venue (code %1: %2)"_s.arg(QString::number(reason.number), arg0);
    case C::ConnectTimedOut:
        return u"connect timed out: no WebSocket handshake within "_s + duration(reason.durationMs);
    case C::Silent:
        return u"silent for "_s + duration(reason.durationMs);
    case C::NoData:
        return u"no data for "_s + duration(reason.durationMs);
    case C::Closed:
        return u"closed"_s;
    case C::Stopped:
        return u"stopped"_s;
    case C::NotStarted:
        return arg0;
    case C::LoadingMarkets:
        return u"loading markets from "_s + arg0;
    case C::MarketsRequestFailed:
        // The wait has always been in tenths of a second here, unlike the connection's.
        if (reason.retryInMs < 0)
            return u"markets request failed: %1"_s.arg(arg0);
        return u"markets request failed: %1, next attempt in %2 s"_s.arg(
            arg0, QString::number(double(reason.retryInMs) / 1000.0, 'f', 1));
    case C::LoadingAccount:
        return u"loading account "_s + arg0;
    case C::AccountRequestFailed:
        return u"account request failed: "_s + arg0;
    case C::AwaitingWelcome:
        return u"connected, waiting for %1's welcome"_s.arg(arg0);
    case C::SigningIn:
        return u"signing in"_s;
    case C::Subscribing:
        return u"subscribing"_s;
    case C::NewCredentials:
        return u"signing in with new credentials"_s;
    case C::ApiKeyMissing:
        return u"no %1 API key: add one in Settings or set %2 and %3"_s.arg(arg0, arg1, reason.args.value(2));
    case C::ApiKeyIdMissing:
        return u"the %1 API key id is missing"_s.arg(arg0);
    case C::PrivateKeyUnusable:
        return u"the %1 private key cannot be used: %2"_s.arg(arg0, arg1);
    case C::ApiKeyRefused:
        return u"%1 refused the API key (HTTP 401): check the key id, the private key and the computer's clock; "
               "not retrying"_s.arg(arg0);
    case C::ApiKeyRequired:
        return u"%1 refused the connection (HTTP 401): no API key is configured; not retrying"_s.arg(arg0);
    case C::VenueError:
        return arg0;
    case C::ConnectionLimit:
        return reason.retryInMs < 0 ? arg0 : arg0 + u"; next attempt in "_s + seconds(reason.retryInMs);
    case C::LastVenueError:
        return u"last venue error: "_s + arg0;
    case C::RequestUnanswered:
        return u"%1 did not answer a request for %2 s; starting the session over"_s.arg(
            arg0, QString::number(reason.durationMs / 1000));
    case C::RepliesOutOfOrder:
        return u"%1 replies out of order; resubscribing"_s.arg(arg0);
    case C::RebuildingBooksAfterReconnect:
        return u"rebuilding %1 order book(s) after the reconnect"_s.arg(reason.number);
    case C::ResyncingBooks:
        return u"resyncing %1 order book(s): %2"_s.arg(QString::number(reason.number), words(reason.cause, reason));
    case C::ResubscribingBooks:
        return u"subscribing the order books again: "_s + words(reason.cause, reason);
    case C::SubscriptionEnded:
        return u"subscription %1 ended by the venue; subscribing again"_s.arg(arg0);
    case C::BooksDidNotResync:
        return u"order books did not resync; reconnecting"_s;
    case C::RebuildingFromSnapshots:
        return u"rebuilding %1 from a new depth snapshot: %2"_s.arg(
            reason.number == 1 ? u"1 book"_s : u"%1 books"_s.arg(reason.number), arg0);
    case C::SequenceGap:
        return u"sequence gap on subscription %1"_s.arg(arg0);
    case C::InconsistentDelta:
        return u"inconsistent delta for %1"_s.arg(arg0);
    case C::SnapshotRefused:
        return u"get_snapshot was refused"_s;
    case C::SnapshotMissing:
        return u"no snapshot came after get_snapshot"_s;
    case C::UpgradeAnswered:
        return u"the server answered %1 instead of a WebSocket upgrade"_s.arg(arg0);
    case C::PortRefused:
        return u"connection refused by %1 (nothing accepts connections there)"_s.arg(arg0);
    case C::HostNotFound:
        return u"host not found: %1"_s.arg(arg0);
    case C::NetworkTimedOut:
        return u"the network timed out reaching %1"_s.arg(arg0);
    case C::PeerClosed:
        return u"%1 closed the connection"_s.arg(arg0);
    case C::NetworkFailed:
        return u"network error reaching %1: %2"_s.arg(arg0, arg1);
    case C::TlsHandshakeFailed:
        return u"TLS handshake with %1 failed: %2"_s.arg(arg0, arg1);
    case C::TlsUntrusted:
        return u"the TLS certificate of %1 is not trusted: %2"_s.arg(arg0, arg1);
    case C::ProxyFailed:
        return u"the proxy failed: %1"_s.arg(arg0);
    }
    return QString();
}

// The codes whose own words already say when the next attempt comes.
bool wordsIncludeRetry(FeedReason::Code code)
{
    return code == FeedReason::Code::MarketsRequestFailed || code == FeedReason::Code::ConnectionLimit;
}

} // namespace

QString englishText(const FeedReason &reason)
{
    QString text = words(reason.code, reason);
    if (reason.retryInMs >= 0 && !wordsIncludeRetry(reason.code))
        text += u", next attempt in "_s + duration(reason.retryInMs);
    return text;
}

} // namespace tapescope
