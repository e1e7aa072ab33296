#pragma once

#include "cli/StreamPrinter.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QString>

#include <functional>
#include <memory>

namespace tapescope {
class VenueFeed;
}

namespace tapescope::cli {

// What the user asked `stream` for, venue-neutral. Venue-specific options are read from `parser`.
struct StreamRequest
{
    QString channel;
    QString symbol;
    QString interval;
    QString url;         // --url, may be empty
    QString environment; // --environment, may be empty (venue default)
    const QCommandLineParser *parser = nullptr;
};

// A venue's answer: a feed with the subscription queued (not started), plus how to print it.
struct StreamSource
{
    std::unique_ptr<VenueFeed> feed;
    StreamPrinter::Options printer; // symbolFilter, endpoint, fatalErrorCodes filled in by the venue
};

// One function per venue; returns nullopt with `error` set (a usage message) when the request cannot be served.
using StreamSourceFactory = std::function<std::optional<StreamSource>(const StreamRequest &, QString *error)>;

std::optional<StreamSource> hyperliquidStreamSource(const StreamRequest &request, QString *error);
std::optional<StreamSource> kalshiStreamSource(const StreamRequest &request, QString *error);
std::optional<StreamSource> alpacaStreamSource(const StreamRequest &request, QString *error);
std::optional<StreamSource> fimlStreamSource(const StreamRequest &request, QString *error);
std::optional<StreamSource> o2StreamSource(const StreamRequest &request, QString *error);

} // namespace tapescope::cli
