#pragma once

#include "cli/FeedCommand.h"

#include <QtCore/QJsonObject>

#include <optional>

namespace tapescope::cli {

// The feed a recording's header describes: the `stream` or `account` command line it was recorded with, made
// again (docs/recording.md, "Replay"). Make it while the recording's TapePlayer is the current FeedTape, so its
// connections and REST managers are fed from the file. Where a venue's keys only go into a sign-in frame (Alpaca),
// stand-ins are set when none are: a replay sends nothing. nullopt with *error when the header names no command
// this build can replay or its arguments are not valid here.
struct RecordedFeed
{
    PreparedFeed feed;
    QString command; // "stream" or "account"
    QStringList arguments; // the recorded command line
};
std::optional<RecordedFeed> prepareRecordedFeed(const QJsonObject &header, const QString &path, QString *error);

} // namespace tapescope::cli
