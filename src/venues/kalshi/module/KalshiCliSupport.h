#pragma once

#include "venues/api/StreamSource.h"
#include "venues/kalshi/KalshiEndpoints.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

class QCommandLineParser;
class QHostAddress;

namespace tapescope {
class CredentialStore;
class VenueModule;
const VenueModule &kalshiModule();
} // namespace tapescope

namespace tapescope::cli::kalshicli {

// --demo-credentials (shared by `stream --venue kalshi` and `nfl`).
void addCredentialOptions(QCommandLineParser &parser);

// --url wins over --environment (production, the default, or demo); docs/protocols/kalshi.md §1.
std::optional<kalshi::Endpoints> endpoints(const QString &url, const QString &environment, QString *error);

// The key to sign with, from (in order) --demo-credentials (the emulator's TEST-ONLY key), the environment
// (KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH, a PEM file, PKCS#1 or PKCS#8), then the key saved by the
// settings dialog in the keychain. When `required` is false and the environment has no key, empty credentials
// without asking the keychain; nullopt with a usage message when a required key is missing. Key material is
// never printed.
std::optional<kalshi::Credentials> credentials(const QCommandLineParser &parser, bool required, QString *error);

} // namespace tapescope::cli::kalshicli

namespace tapescope::cli {

// The key from `store`: KALSHI_API_KEY_ID + KALSHI_PRIVATE_KEY_PATH, else the key id + PEM file path saved by the
// settings dialog; the PEM is read here. nullopt with *error naming every way to provide a key.
std::optional<kalshi::Credentials> kalshiCredentials(CredentialStore &store, int timeoutMs, QString *error);

// `tapescope-cli stream --venue kalshi`.
std::optional<StreamSource> kalshiStreamSource(const StreamRequest &request, QString *error);

// `tapescope-cli account --venue kalshi`: the member the key belongs to. `account` is --user when given (a label of
// the trader's choosing), else "key-" and 8 hex digits of SHA-256 over the key id (the key itself is never printed).
std::optional<StreamSource> kalshiAccountSource(const AccountRequest &request, QString *error);
QString kalshiAccountName(const QString &user, const QByteArray &keyId);

// `tapescope-cli emulate --venue kalshi [--public-key PEM]`: the Kalshi emulator in the foreground. Reads --seed
// and --public-key from `parser`; without --public-key it accepts the TEST-ONLY demo key (--demo-credentials).
void addKalshiEmulateOptions(QCommandLineParser &parser);
int runKalshiEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port);

// `tapescope-cli nfl`: the open NFL games as JSON lines.
int runNfl(const QStringList &args);

} // namespace tapescope::cli
