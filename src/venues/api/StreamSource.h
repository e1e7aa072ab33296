#pragma once

#include "net/VenueFeed.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>
#include <optional>

class QCommandLineParser;

namespace tapescope::cli {

// What the user asked `tapescope-cli stream` for, venue-neutral. Venue-specific options are read from `parser`.
struct StreamRequest
{
    QString channel;
    QString symbol;
    QString interval;
    QString url; // --url, may be empty
    QString environment; // --environment, may be empty (venue default)
    const QCommandLineParser *parser = nullptr;
};

// What the user asked `tapescope-cli account` for: one account's normalized events.
struct AccountRequest
{
    QString user; // --user: the account as the venue names it (Hyperliquid: a 0x address)
    QString url; // --url, may be empty
    QString environment; // --environment, may be empty (venue default)
    const QCommandLineParser *parser = nullptr;
};

// How the stream printer treats a venue's feed.
struct StreamPrintOptions
{
    quint64 count = 0; // exit 0 after this many data events; 0 = never
    bool printStatus = false; // status/ack/heartbeat events also on stdout
    int reconnectLimitMs = 0; // exit 2 after this long without a connection; 0 = never
    QString symbolFilter; // print only events for this symbol (feeds that carry many, e.g. all mids)
    QString endpoint; // for messages: where we connect
    QStringList fatalErrorCodes; // FeedError codes that mean "the venue rejected the request" (exit 3)
    QString command = QStringLiteral("stream"); // names the command in messages: "tapescope-cli stream: ..."
};

// A venue's answer: a feed with the subscription queued (not started), plus how to print it. The venue fills
// in symbolFilter, endpoint and fatalErrorCodes; the command sets the rest.
struct StreamSource
{
    std::unique_ptr<VenueFeed> feed;
    StreamPrintOptions printer;
};

} // namespace tapescope::cli
