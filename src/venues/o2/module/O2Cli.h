#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope::cli {

// `stream --venue o2`: depth or trades of one market; option --depth-precision N (price buckets of 10^N chain
// units, 1..18).
void addO2StreamOptions(QCommandLineParser &parser);
std::optional<StreamSource> o2StreamSource(const StreamRequest &request, QString *error);

// `account --venue o2`: option --account 0x… (the trade account's contract id, 0x + 64 hex; public). The trader's
// orders, implied fills, balances and nonce (README "Account events").
void addO2AccountOptions(QCommandLineParser &parser);
std::optional<StreamSource> o2AccountSource(const AccountRequest &request, QString *error);

// `emulate --venue o2`: the O2 emulator in the foreground; reads --seed, --book-interval-ms and
// --trade-interval-ms from `parser`. Exit codes as runEmulate.
int runO2Emulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
