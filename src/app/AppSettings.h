#pragma once

#include "venues/api/VenueSettings.h"

#include <QtCore/QSettings>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace tapescope {

// The user's persistent choices, in QSettings (QML's Settings type needs Qt 6.5).
// No secrets live here: credentials belong in the platform keychain.
class AppSettings
{
public:
    AppSettings(); // the application's settings file
    explicit AppSettings(const QString &fileName); // an explicit INI file (tests)

    // Any venue by name (keys venues/<venue>/..., watchlist/<venue>); defaults from the venue modules' descriptions.
    VenueSettings venue(const QString &name) const;
    void setVenue(const VenueSettings &venue);
    bool anyVenueConfigured() const;

    DisplaySettings display() const;
    void setDisplay(const DisplaySettings &display);
    QString language() const; // "" = the system's
    // The sessions folder recordings made in the app go to (recording/folder), or the default one:
    // <app data>/recordings (Linux: ~/.local/share/Tapescope/Tapescope/recordings).
    QString recordingFolder() const;
    static QString defaultRecordingFolder();

    int displayRate() const; // model updates per second (default 60)
    void setDisplayRate(int framesPerSecond);
    QString theme() const; // "dark" (default) or "light"
    void setTheme(const QString &theme);

    QString fileName() const { return m_settings.fileName(); }
    void sync() { m_settings.sync(); }

private:
    mutable QSettings m_settings; // arrays are read with beginReadArray, which is not const
};

} // namespace tapescope
