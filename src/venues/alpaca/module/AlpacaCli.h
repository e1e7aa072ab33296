#pragma once

#include "venues/alpaca/AlpacaService.h"
#include "venues/api/StreamSource.h"

#include <QtCore/QtGlobal>

class QCommandLineParser;
class QHostAddress;

namespace tapescope {
class CredentialStore;
}

namespace tapescope::cli {

// The keys from `store`: ALPACA_API_KEY_ID + ALPACA_API_SECRET_KEY, else the key id + secret saved by the settings
// dialog. nullopt with *error naming every way to provide them.
std::optional<alpaca::Credentials> alpacaCredentials(CredentialStore &store, int timeoutMs, QString *error);

// `stream --venue alpaca`: option --feed (iex, sip, delayed_sip, test or crypto).
void addAlpacaStreamOptions(QCommandLineParser &parser);
std::optional<StreamSource> alpacaStreamSource(const StreamRequest &request, QString *error);

// `account --venue alpaca`: options --paper (the default) and --live; --url takes the trading REST base
// (http://host:port), the stream is derived from it (ws://host:port/stream). Keys as for `stream`.
void addAlpacaAccountOptions(QCommandLineParser &parser);
std::optional<StreamSource> alpacaAccountSource(const AccountRequest &request, QString *error);

// `emulate --venue alpaca`: options --tick-interval-ms and --bar-interval-ms; the emulator in the foreground, reading
// --seed too. Exit codes as runEmulate.
void addAlpacaEmulateOptions(QCommandLineParser &parser);
int runAlpacaEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

} // namespace tapescope::cli
