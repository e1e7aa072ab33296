#pragma once

// Connection state behind Codec::decode: the last seq per sid (docs/protocols/kalshi.md §10) and every market's book
// in Kalshi's own form (§9), so increments become level totals in the YES view. Internal to the codec.

#include "KalshiCodec.h"
#include "KalshiDecoders.h"

#include <QtCore/QHash>

#include <unordered_map>

namespace tapescope::kalshi::detail {

class BookKeeper
{
public:
    explicit BookKeeper(const QString &venue)
        : m_venue(venue)
    { }

    // seq runs +1 per message per sid, across all markets on it. Control frames carrying a seq advance it
    // too; the first seq seen on a sid is taken as it comes. A gap appends FeedError "sequence_gap" and
    // makes every book on the sid wait for a fresh snapshot.
    void checkSequence(const Envelope &envelope, const QString &symbol, EventBatch &out, CodecStats &stats);
    void applySnapshot(const Envelope &envelope, const ParsedSnapshot &snapshot, EventBatch &out);
    void applyDelta(const Envelope &envelope, const ParsedDelta &delta, EventBatch &out, CodecStats &stats);

    void restartSequence(qint64 sid) { m_lastSeq.erase(sid); } // a new subscription on this sid
    void forgetSubscription(qint64 sid); // unsubscribed, or ended by error 10/25
    void reset();
    qint64 lastSequence(qint64 sid) const;

private:
    struct MarketBook
    {
        qint64 sid = -1;
        bool awaitingSnapshot = false; // after a gap or an inconsistency: deltas are dropped until a snapshot
        YesViewBook book;
    };

    FeedError resyncError(const Envelope &envelope, const QString &symbol, const QString &why) const;
    void markAwaiting(MarketBook &book);

    const QString m_venue; // implicitly shared with the codec's
    std::unordered_map<qint64, qint64> m_lastSeq;
    QHash<QString, MarketBook> m_books;
};

} // namespace tapescope::kalshi::detail
