#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtNetwork/QSslCertificate>

#include <functional>
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
    int connectTimeoutMs = 0; // --connect-timeout-ms; 0 = the venue's default
    QList<QSslCertificate> extraCaCertificates; // --ca-file (or TAPESCOPE_CA_FILE): trusted besides the system's
};

// --url, --environment, --testnet, --count, --status, --reconnect-limit, --connect-timeout-ms, --ca-file.
void addFeedOptions(QCommandLineParser &parser);
// nullopt with *error (a usage message) when a value is malformed.
std::optional<FeedOptions> readFeedOptions(const QCommandLineParser &parser, QString *error);
// The certificates of a PEM CA file (--ca-file, TAPESCOPE_CA_FILE; the app reads the variable too), or nullopt with
// *error naming `origin` and saying what is wrong. The file is read up to a bound (4 MiB).
std::optional<QList<QSslCertificate>> readCaFile(const QString &path, const QString &origin, QString *error);
class StreamPrinter;

// A feed made from the command line of `stream` or `account` (args[0] is the command's name), not started.
struct PreparedFeed
{
    StreamSource source;
    FeedOptions options;
    QString venue;
};
// nullopt with *error (a usage message: exit 1). --help and unknown options end the process as usual.
std::optional<PreparedFeed> prepareStream(const QStringList &args, QString *error);
std::optional<PreparedFeed> prepareAccount(const QStringList &args, QString *error);

// Starts the feed, prints it until done and returns the exit code; `command` names it in messages. `setup` runs
// once the printer exists, before the event loop (record and replay hook in there).
int runPrintedFeed(StreamSource source, const FeedOptions &options, const QString &command,
                   const std::function<void(StreamPrinter &printer, VenueFeed *feed)> &setup = {});

} // namespace tapescope::cli
