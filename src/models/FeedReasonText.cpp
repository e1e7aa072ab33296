#include "FeedReasonText.h"

#include <QtCore/QLocale>

#include <algorithm>

namespace tapescope {

QString FeedReasonText::of(const FeedReason &reason)
{
    const QString text = words(reason.code, reason);
    if (reason.retryInMs < 0)
        return text;
    return tr("%1, next attempt in %2").arg(text, duration(reason.retryInMs));
}

QString FeedReasonText::duration(qint64 ms)
{
    const QLocale locale;
    ms = std::max<qint64>(ms, 0);
    if (ms < 1000)
        return tr("%1 ms").arg(locale.toString(ms));
    if (ms < 10000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(locale.toString(seconds));
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(locale.toString(seconds / 60), locale.toString(seconds % 60));
    return tr("%1 h %2 min").arg(locale.toString(seconds / 3600), locale.toString(seconds / 60 % 60));
}

QString FeedReasonText::words(FeedReason::Code code, const FeedReason &reason)
{
    using C = FeedReason::Code;
    const QString arg0 = reason.args.value(0);
    const QString arg1 = reason.args.value(1);
    const QString number = QLocale().toString(reason.number);
    const int count = int(reason.number);
    switch (code) {
    case C::None:
        return QString();
    case C::Connecting:
        return tr("connecting to %1 (attempt %2)").arg(arg0, number);
    case C::ConnectionLost:
        return tr("connection lost");
    case C::SocketError:
        return reason.cause != C::None ? words(reason.cause, reason) : arg0;
    case C::ClosedByVenue:
        if (reason.number == 0 && arg0.isEmpty())
            return tr("closed by venue");
        return tr("closed by venue (code %1: %2)").arg(QString::number(reason.number), arg0);
    case C::ConnectTimedOut:
        return tr("connect timed out after %1").arg(duration(reason.durationMs));
    case C::Silent:
        return tr("silent for %1").arg(duration(reason.durationMs));
    case C::NoData:
        return tr("no data for %1").arg(duration(reason.durationMs));
    case C::Closed:
        return tr("closed");
    case C::Stopped:
        return tr("stopped");
    case C::NotStarted:
        return arg0;
    case C::LoadingMarkets:
        return tr("loading markets from %1").arg(arg0);
    case C::MarketsRequestFailed:
        return tr("markets request failed: %1").arg(arg0);
    case C::LoadingAccount:
        return tr("loading account %1").arg(arg0);
    case C::AccountRequestFailed:
        return tr("account request failed: %1").arg(arg0);
    case C::AwaitingWelcome:
        return tr("connected, waiting for %1's welcome").arg(arg0);
    case C::SigningIn:
        return tr("signing in");
    case C::Subscribing:
        return tr("subscribing");
    case C::NewCredentials:
        return tr("signing in with new credentials");
    case C::ApiKeyMissing:
        return tr("no %1 API key: add one in Settings or set %2 and %3").arg(arg0, arg1, reason.args.value(2));
    case C::ApiKeyIdMissing:
        return tr("the %1 API key id is missing").arg(arg0);
    case C::PrivateKeyUnusable:
        return tr("the %1 private key cannot be used: %2").arg(arg0, arg1);
    case C::ApiKeyRefused:
        return tr("%1 refused the API key (HTTP 401): check the key id, the private key and the computer's "
                  "clock; not retrying")
            .arg(arg0);
    case C::ApiKeyRequired:
        return tr("%1 refused the connection (HTTP 401): no API key is configured; not retrying").arg(arg0);
    case C::VenueError:
    case C::ConnectionLimit:
        return arg0;
    case C::LastVenueError:
        return tr("last venue error: %1").arg(arg0);
    case C::RequestUnanswered:
        return tr("%1 did not answer a request for %2; starting the session over")
            .arg(arg0, duration(reason.durationMs));
    case C::RepliesOutOfOrder:
        return tr("%1 replies out of order; resubscribing").arg(arg0);
    case C::RebuildingBooksAfterReconnect:
        return tr("rebuilding %n order book(s) after the reconnect", nullptr, count);
    case C::ResyncingBooks:
        return tr("resyncing %n order book(s): %1", nullptr, count).arg(words(reason.cause, reason));
    case C::ResubscribingBooks:
        return tr("subscribing the order books again: %1").arg(words(reason.cause, reason));
    case C::SubscriptionEnded:
        return tr("subscription %1 ended by the venue; subscribing again").arg(arg0);
    case C::BooksDidNotResync:
        return tr("order books did not resync; reconnecting");
    case C::RebuildingFromSnapshots:
        return tr("rebuilding %n book(s) from a new depth snapshot: %1", nullptr, count).arg(arg0);
    case C::SequenceGap:
        return tr("sequence gap on subscription %1").arg(arg0);
    case C::InconsistentDelta:
        return tr("inconsistent delta for %1").arg(arg0);
    case C::SnapshotRefused:
        return tr("get_snapshot was refused");
    case C::SnapshotMissing:
        return tr("no snapshot came after get_snapshot");
    case C::UpgradeAnswered:
        return tr("the server answered %1 instead of a WebSocket upgrade").arg(arg0);
    case C::PortRefused:
        return tr("connection refused by %1 (nothing accepts connections there)").arg(arg0);
    case C::HostNotFound:
        return tr("host not found: %1").arg(arg0);
    case C::NetworkTimedOut:
        return tr("the network timed out reaching %1").arg(arg0);
    case C::PeerClosed:
        return tr("%1 closed the connection").arg(arg0);
    case C::NetworkFailed:
        return tr("network error reaching %1: %2").arg(arg0, arg1);
    case C::TlsHandshakeFailed:
        return tr("TLS handshake with %1 failed: %2").arg(arg0, arg1);
    case C::TlsUntrusted:
        return tr("the TLS certificate of %1 is not trusted: %2").arg(arg0, arg1);
    case C::ProxyFailed:
        return tr("the proxy failed: %1").arg(arg0);
    }
    return QString();
}

} // namespace tapescope
