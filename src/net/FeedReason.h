#pragma once

#include <QtCore/QMetaType>
#include <QtCore/QObject>
#include <QtCore/QStringList>

namespace tapescope {

// Why a feed is in its state, as data: the UI words it in the user's language (models/FeedReasonText.h),
// the CLI and the logs in English (englishText()). Words that come from the venue or the socket travel in
// `args` and are shown as they were sent.
struct FeedReason
{
    Q_GADGET

public:
    // Each code lists what its words are made of; `args` are positional, like QString::arg.
    enum class Code : quint8 {
        None,

        // The connection (VenueConnection).
        Connecting, // args: URL; number: attempt
        ConnectionLost, // the socket went away without a word
        SocketError, // cause: which failure (below), its words take args; without a cause args[0] is Qt's words.
                     // number: the HTTP status a server answered the upgrade with (0: none)
        ClosedByVenue, // number: close code; args: the venue's close reason (both unset on a plain close)
        ConnectTimedOut, // durationMs: how long the handshake hung
        Silent, // durationMs: nothing received for so long that the socket was dropped
        NoData, // durationMs: nothing received for so long that the feed is stale
        Closed, // closed without a reason
        Stopped, // the service was stopped

        // The app.
        NotStarted, // args: why, already in the user's language

        // A venue's session and bootstrap.
        LoadingMarkets, // args: URL
        MarketsRequestFailed, // args: the failure; retryInMs
        AwaitingWelcome, // args: venue
        SigningIn,
        Subscribing,
        NewCredentials,
        ApiKeyMissing, // args: venue, the key id's environment variable, the secret's
        ApiKeyIdMissing, // args: venue
        PrivateKeyUnusable, // args: venue, why
        ApiKeyRefused, // args: venue (HTTP 401 with a key)
        ApiKeyRequired, // args: venue (HTTP 401 without a key)
        VenueError, // args: the venue's error in words
        ConnectionLimit, // args: the venue's error in words; retryInMs
        LastVenueError, // args: the venue's error in words (the feed stays live)
        LoadingAccount, // args: account
        AccountRequestFailed, // args: what failed
        RequestUnanswered, // args: venue; durationMs: how long the oldest request has waited
        RepliesOutOfOrder, // args: venue

        // Order book integrity.
        RebuildingBooksAfterReconnect, // number: books
        ResyncingBooks, // number: books; cause
        ResubscribingBooks, // cause
        SubscriptionEnded, // args: subscription id
        BooksDidNotResync,
        RebuildingFromSnapshots, // number: books; args: their names, comma-separated

        // Causes of a resync (FeedReason::cause).
        SequenceGap, // args: subscription id
        InconsistentDelta, // args: market
        SnapshotRefused,
        SnapshotMissing,

        // Causes of a SocketError (socketFailureReason()): one code each, so the UI can say them in its language.
        UpgradeAnswered, // args: the answer ("HTTP 404 Not Found")
        PortRefused, // args: host:port
        HostNotFound, // args: host
        NetworkTimedOut, // args: host:port
        PeerClosed, // args: host:port
        NetworkFailed, // args: host:port, Qt's words
        TlsHandshakeFailed, // args: host:port, Qt's words
        TlsUntrusted, // args: host:port, the certificate's problems
        ProxyFailed, // args: Qt's words
    };
    Q_ENUM(Code)

    FeedReason() = default;
    // Not explicit: a code alone, or with its words, is a reason ({Code::Stopped}).
    FeedReason(Code reasonCode, QStringList words = {}, qint64 count = 0, qint64 lastedMs = 0)
        : code(reasonCode)
        , args(std::move(words))
        , number(count)
        , durationMs(lastedMs)
    { }

    Code code = Code::None;
    QStringList args;
    qint64 number = 0;
    qint64 durationMs = 0;
    // The wait before the next attempt, when one is planned: the words end in ", next attempt in 2.1 s".
    qint64 retryInMs = -1;
    Code cause = Code::None; // what led to `code`; its words take `args`

    bool isNone() const { return code == Code::None; }
    friend bool operator==(const FeedReason &, const FeedReason &) = default;
};

// The reason in English, exactly as the CLI has always printed it: "no data for 12 s",
// "Connection refused, next attempt in 2.1 s". For status lines and logs; the UI translates (models/).
QString englishText(const FeedReason &reason);

} // namespace tapescope

Q_DECLARE_METATYPE(tapescope::FeedReason)
