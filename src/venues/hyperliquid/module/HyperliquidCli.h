#pragma once

#include "venues/api/StreamSource.h"

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope::cli {

// `stream --venue hyperliquid`: channels map one to one onto the venue's subscription types.
std::optional<StreamSource> hyperliquidStreamSource(const StreamRequest &request, QString *error);

// `account --venue hyperliquid --user 0x...`: one address's user streams and REST bootstrap.
std::optional<StreamSource> hyperliquidAccountSource(const AccountRequest &request, QString *error);

// `emulate --venue hyperliquid`: --instruments and the benchmark load options (--load, --load-coins, --rate).
void addHyperliquidEmulateOptions(QCommandLineParser &parser);
int runHyperliquidEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
