#pragma once

#include "app/credentials/VenueCredentials.h"
#include "venues/api/VenueDescription.h"
#include "venues/api/VenueSettings.h"

#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

namespace tapescope {

// One refused value: which field ("kalshi.customUrl", "display.updateRate") and what to fix, in plain words.
struct SettingsIssue
{
    QString field;
    QString message;
};

// Checks what the settings dialog is about to save. Every refusal says what to change; nothing invalid
// reaches QSettings or a running venue.
namespace settingsValidation {

inline constexpr int MinUpdateRate = 1;
inline constexpr int MaxUpdateRate = 240;
inline constexpr int MinPollIntervalMs = 100; // docs/protocols/fiml.md §4: interval_ms ge=100
inline constexpr int MaxPollIntervalMs = 60000; // le=60000
// A recording's limits (DisplaySettings::recordingLimitMb, recordingLimitMinutes): 0 = none, else at most a
// terabyte per file and 30 days.
inline constexpr int MaxRecordingLimitMb = 1'000'000;
inline constexpr int MaxRecordingLimitMinutes = 30 * 24 * 60;

enum class RecordingLimit { Megabytes, Minutes };
// A recording limit as the dialog's field holds it: a whole number from 0 (no limit; also an empty field) to the
// maximum. nullopt when fine, with *value the number; else what to fix.
std::optional<QString> checkRecordingLimit(RecordingLimit limit, const QString &text, int *value);

// A venue URL for environment "custom": ws, wss, http or https with a host. nullopt when fine.
std::optional<QString> checkUrl(const QString &text);
// A readable PEM private key file (PKCS#1 or PKCS#8) that the venue's signer can load
// (`description.privateKeyProblem`).
std::optional<QString> checkPrivateKeyFile(const QString &path, const VenueDescription &description);

// `text` as an account of `venue` (VenueDriver::normalizedAccount); refused when it is not one or when `others`
// already has it (accounts compare case-insensitively). *normalized: the account as the venue spells it.
std::optional<QString> checkAccount(const QString &venue, const QString &text, const QList<VenueAccount> &others,
                                    QString *normalized);
// `credentialsFromEnvironment`: the environment overrides the keychain, so the dialog's fields are not needed.
QList<SettingsIssue> checkVenue(const VenueSettings &venue, const VenueCredentials &credentials,
                                bool credentialsFromEnvironment);
QList<SettingsIssue> checkDisplay(const DisplaySettings &display, const QStringList &languages);

} // namespace settingsValidation

} // namespace tapescope
