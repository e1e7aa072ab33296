#pragma once

#include "AlpacaProtocol.h"

#include "core/Events.h"

#include <QtCore/QSet>
#include <QtCore/QString>

namespace tapescope::alpaca {

// Decides which decoded market data the service passes on: data of symbols no longer wanted is dropped
// (the server's buffers drain for a while after an unsubscribe, docs/protocols/alpaca.md §4), crypto book deltas wait
// for their r:true snapshot (§5.4), and with `oneLevelBooks` each stock quote is followed by a one-level
// book, since stocks have no depth on this stream.
class DataFilter
{
public:
    explicit DataFilter(bool oneLevelBooks)
        : m_oneLevelBooks(oneLevelBooks)
    { }

    // A new socket: every book waits for a new snapshot.
    void reset() { m_booksWithSnapshot.clear(); }
    // Unsubscribed: a later subscribe starts from a new snapshot.
    void forgetBook(const QString &symbol) { m_booksWithSnapshot.remove(symbol); }

    // Appends `event` to `out` when `wanted` asks for it. Events that are not market data (acks, errors,
    // heartbeats) always pass.
    void keep(MarketEvent &&event, const SubscriptionSet &wanted, EventBatch &out);

private:
    bool m_oneLevelBooks;
    QSet<QString> m_booksWithSnapshot;
};

} // namespace tapescope::alpaca
