#pragma once

#include "venues/alpaca/AlpacaService.h"
#include "venues/kalshi/KalshiEndpoints.h"

#include <QtCore/QString>

#include <memory>
#include <optional>

namespace tapescope {
class CredentialStore;
}

namespace tapescope::cli {

// How long a command waits for the keychain before saying it did not answer (it may be locked, or absent on a
// headless machine).
inline constexpr int KeychainTimeoutMs = 3000;

// The app's store: the platform keychain (service "Tapescope"), with this process's environment overriding it.
std::unique_ptr<CredentialStore> systemCredentialStore();

// The credentials the CLI signs with, from the same places as the app, in this order: the venue's environment
// variables, then the entry saved by the settings dialog in the keychain. nullopt with *error naming every way
// to provide them (and, when the keychain failed, why and how to fix it). Key material is never put in *error.
// Kalshi: KALSHI_API_KEY_ID + KALSHI_PRIVATE_KEY_PATH, or the saved key id + PEM file path; the PEM is read here.
std::optional<kalshi::Credentials> kalshiCredentials(CredentialStore &store, int timeoutMs, QString *error);
// Alpaca: ALPACA_API_KEY_ID + ALPACA_API_SECRET_KEY, or the saved key id + secret.
std::optional<alpaca::Credentials> alpacaCredentials(CredentialStore &store, int timeoutMs, QString *error);

} // namespace tapescope::cli
