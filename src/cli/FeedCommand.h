#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QString>

#include <optional>

class QCommandLineParser;

namespace tapescope::cli {

// What `stream` and `account` share: the connection options, the count and the exit policy of a printed feed.
struct FeedOptions
{
    QString url;
    QString environment; // --environment, or "testnet" for --testnet
    quint64 count = 0;
    bool printStatus = false;
    int reconnectLimitMs = 0;
};

// --url, --environment, --testnet, --count, --status, --reconnect-limit.
void addFeedOptions(QCommandLineParser &parser);
// nullopt with *error (a usage message) when a value is malformed.
std::optional<FeedOptions> readFeedOptions(const QCommandLineParser &parser, QString *error);
// Starts the feed, prints it until done and returns the exit code; `command` names it in messages.
int runPrintedFeed(StreamSource source, const FeedOptions &options, const QString &command);

} // namespace tapescope::cli
