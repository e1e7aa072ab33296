#pragma once

#include "MarketSession.h"

#include <optional>

namespace tapescope {

class AppSettings;
class CredentialStore;
struct LaunchOptions;

// Decides what runs at start-up: --hyperliquid wins (that venue only), then --demo, then the enabled venues
// of the settings; with no venue enabled the app runs every venue that has an emulator in demo mode.
// Credentials come from the store (environment first, then the keychain), waited for up to `keychainTimeoutMs`.
std::optional<MarketSession::Config> planLaunch(const LaunchOptions &options, const AppSettings &settings,
                                                CredentialStore &credentials, QString *error,
                                                int keychainTimeoutMs = 5000);

} // namespace tapescope
