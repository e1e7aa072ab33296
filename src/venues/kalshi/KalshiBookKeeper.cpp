#include "KalshiBookKeeper.h"

using namespace Qt::StringLiterals;

namespace tapescope::kalshi::detail {

FeedError BookKeeper::resyncError(const Envelope &envelope, const QString &symbol, const QString &why) const
{
    FeedError error;
    error.venue = m_venue;
    error.code = u"book_resync_needed"_s;
    error.message = u"%1: %2; the book waits for a fresh snapshot"_s.arg(symbol, why);
    error.symbol = symbol;
    error.subscriptionId = envelope.sid;
    return error;
}

void BookKeeper::markAwaiting(MarketBook &book)
{
    book.awaitingSnapshot = true;
    book.book.replace({}, {});
}

void BookKeeper::checkSequence(const Envelope &envelope, const QString &symbol, EventBatch &out, CodecStats &stats)
{
    if (envelope.sid < 0 || envelope.seq < 0)
        return;
    const auto [it, first] = m_lastSeq.try_emplace(envelope.sid, envelope.seq);
    if (first)
        return;
    const qint64 expected = it->second + 1;
    it->second = envelope.seq;
    if (envelope.seq == expected)
        return;
    ++stats.sequenceGaps;
    int staleBooks = 0;
    for (MarketBook &book : m_books) {
        if (book.sid == envelope.sid && !book.awaitingSnapshot) {
            markAwaiting(book);
            ++staleBooks;
        }
    }
    FeedError gap;
    gap.venue = m_venue;
    gap.code = u"sequence_gap"_s;
    gap.message
        = u"subscription %1: expected seq %2, got %3%4; %5 book(s) on it wait for a fresh snapshot"_s.arg(envelope.sid)
              .arg(expected)
              .arg(envelope.seq)
              .arg(symbol.isEmpty() ? QString() : u" ("_s + symbol + u')')
              .arg(staleBooks);
    gap.symbol = symbol;
    gap.subscriptionId = envelope.sid;
    gap.expectedSequence = expected;
    gap.receivedSequence = envelope.seq;
    out.emplace_back(std::move(gap));
}

void BookKeeper::applySnapshot(const Envelope &envelope, const ParsedSnapshot &snapshot, EventBatch &out)
{
    MarketBook &entry = m_books[snapshot.market];
    entry.sid = envelope.sid;
    entry.awaitingSnapshot = false;
    entry.book.replace(snapshot.yes, snapshot.no);
    BookSnapshot event;
    event.venue = m_venue;
    event.symbol = snapshot.market;
    event.bids = entry.book.bids();
    event.asks = entry.book.asks();
    event.sequence = envelope.seq;
    out.emplace_back(std::move(event));
}

void BookKeeper::applyDelta(const Envelope &envelope, const ParsedDelta &delta, EventBatch &out, CodecStats &stats)
{
    const auto found = m_books.find(delta.market);
    if (found == m_books.end()) {
        MarketBook &entry = m_books[delta.market];
        entry.sid = envelope.sid;
        entry.awaitingSnapshot = true;
        ++stats.droppedDeltas;
        out.emplace_back(resyncError(envelope, delta.market, u"delta before any snapshot"_s));
        return;
    }
    if (found->awaitingSnapshot) {
        ++stats.droppedDeltas; // already reported by the gap or inconsistency that made it wait
        return;
    }
    const auto change = found->book.apply(delta.side, delta.price, delta.delta);
    if (!change) {
        markAwaiting(*found);
        ++stats.droppedDeltas;
        out.emplace_back(resyncError(
            envelope, delta.market,
            u"delta %1 at %2 would make the level negative"_s.arg(delta.delta.toString(), delta.price.toString())));
        return;
    }
    BookDelta event;
    event.venue = m_venue;
    event.symbol = delta.market;
    event.ts = delta.ts;
    event.changes.push_back(*change);
    event.sequence = envelope.seq;
    out.emplace_back(std::move(event));
}

void BookKeeper::forgetSubscription(qint64 sid)
{
    m_lastSeq.erase(sid);
    for (MarketBook &book : m_books) {
        if (book.sid == sid)
            markAwaiting(book);
    }
}

void BookKeeper::reset()
{
    m_lastSeq.clear();
    m_books.clear();
}

qint64 BookKeeper::lastSequence(qint64 sid) const
{
    const auto found = m_lastSeq.find(sid);
    return found == m_lastSeq.end() ? -1 : found->second;
}

} // namespace tapescope::kalshi::detail
