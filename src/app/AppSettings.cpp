#include "AppSettings.h"

#include "venues/api/VenueDescription.h"

#include <QtCore/QDir>
#include <QtCore/QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {
const QString DisplayRateKey = QStringLiteral("display/updateRate");
const QString ThemeKey = QStringLiteral("display/theme");
const QString LanguageKey = QStringLiteral("display/language");
const QString RecordingFolderKey = QStringLiteral("recording/folder");
const QString RecordingLimitMbKey = QStringLiteral("recording/limitMb");
const QString RecordingLimitMinutesKey = QStringLiteral("recording/limitMinutes");

// A limit as stored: a whole number >= 0, else 0 (no limit), so a hand-edited file cannot stop every recording.
int storedLimit(const QSettings &settings, const QString &key)
{
    bool ok = false;
    const int value = settings.value(key, 0).toInt(&ok);
    return ok && value > 0 ? value : 0;
}

QString venueKey(const QString &venue, const QString &field)
{
    return u"venues/"_s + venue + u'/' + field;
}
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &fileName)
    : m_settings(fileName, QSettings::IniFormat)
{ }

int AppSettings::displayRate() const
{
    return std::clamp(m_settings.value(DisplayRateKey, 60).toInt(), 1, 240);
}

void AppSettings::setDisplayRate(int framesPerSecond)
{
    m_settings.setValue(DisplayRateKey, framesPerSecond);
}

QString AppSettings::theme() const
{
    return m_settings.value(ThemeKey, QStringLiteral("dark")).toString();
}

void AppSettings::setTheme(const QString &theme)
{
    m_settings.setValue(ThemeKey, theme);
}

VenueSettings AppSettings::venue(const QString &name) const
{
    const VenueDescription *description = venueCatalog::find(name);
    VenueSettings venue;
    venue.venue = name;
    venue.enabled = m_settings.value(venueKey(name, u"enabled"_s), false).toBool();
    const QString fallbackEnvironment = description ? description->environments.value(0) : QString();
    venue.environment = m_settings.value(venueKey(name, u"environment"_s), fallbackEnvironment).toString();
    venue.customUrl = m_settings.value(venueKey(name, u"customUrl"_s)).toUrl();
    venue.pollIntervalMs = m_settings.value(venueKey(name, u"pollIntervalMs"_s), 1000).toInt();
    const QString watchlistKey = u"watchlist/"_s + name;
    venue.watchlist = m_settings.contains(watchlistKey) ? m_settings.value(watchlistKey).toStringList()
                                                        : (description ? description->defaultWatchlist : QStringList());
    // accounts/<venue>/<n>/account and .../label (QSettings array; public identities, never secrets).
    QSettings &settings = m_settings;
    const int accounts = settings.beginReadArray(u"accounts/"_s + name);
    for (int i = 0; i < accounts; ++i) {
        settings.setArrayIndex(i);
        const QString account = settings.value(u"account"_s).toString();
        if (!account.isEmpty())
            venue.accounts.append({ account, settings.value(u"label"_s).toString() });
    }
    settings.endArray();
    return venue;
}

void AppSettings::setVenue(const VenueSettings &venue)
{
    m_settings.setValue(venueKey(venue.venue, u"enabled"_s), venue.enabled);
    m_settings.setValue(venueKey(venue.venue, u"environment"_s), venue.environment);
    m_settings.setValue(venueKey(venue.venue, u"customUrl"_s), venue.customUrl.toString());
    m_settings.setValue(venueKey(venue.venue, u"pollIntervalMs"_s), venue.pollIntervalMs);
    m_settings.setValue(u"watchlist/"_s + venue.venue, venue.watchlist);
    m_settings.remove(u"accounts/"_s + venue.venue);
    if (venue.accounts.isEmpty())
        return;
    m_settings.beginWriteArray(u"accounts/"_s + venue.venue, static_cast<int>(venue.accounts.size()));
    for (int i = 0; i < venue.accounts.size(); ++i) {
        m_settings.setArrayIndex(i);
        m_settings.setValue(u"account"_s, venue.accounts[i].account);
        m_settings.setValue(u"label"_s, venue.accounts[i].label);
    }
    m_settings.endArray();
}

bool AppSettings::anyVenueConfigured() const
{
    return std::any_of(venueCatalog::all().cbegin(), venueCatalog::all().cend(),
                       [this](const VenueDescription &description) { return venue(description.venue).enabled; });
}

DisplaySettings AppSettings::display() const
{
    return { theme(),
             displayRate(),
             language(),
             m_settings.value(RecordingFolderKey).toString(),
             storedLimit(m_settings, RecordingLimitMbKey),
             storedLimit(m_settings, RecordingLimitMinutesKey) };
}

void AppSettings::setDisplay(const DisplaySettings &display)
{
    setTheme(display.theme);
    setDisplayRate(display.updateRate);
    m_settings.setValue(LanguageKey, display.language);
    if (display.recordingFolder.isEmpty())
        m_settings.remove(RecordingFolderKey);
    else
        m_settings.setValue(RecordingFolderKey, display.recordingFolder);
    m_settings.setValue(RecordingLimitMbKey, display.recordingLimitMb);
    m_settings.setValue(RecordingLimitMinutesKey, display.recordingLimitMinutes);
}

QString AppSettings::recordingFolder() const
{
    const QString folder = m_settings.value(RecordingFolderKey).toString();
    return folder.isEmpty() ? defaultRecordingFolder() : folder;
}

QString AppSettings::defaultRecordingFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("recordings"));
}

QString AppSettings::language() const
{
    return m_settings.value(LanguageKey).toString();
}

} // namespace tapescope
