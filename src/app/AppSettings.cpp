#include "AppSettings.h"

#include <algorithm>

namespace tapescope {

namespace {
const QString HyperliquidEnabledKey = QStringLiteral("venues/hyperliquid/enabled");
const QString HyperliquidEnvironmentKey = QStringLiteral("venues/hyperliquid/environment");
const QString HyperliquidUrlKey = QStringLiteral("venues/hyperliquid/customUrl");
const QString DisplayRateKey = QStringLiteral("display/updateRate");
const QString ThemeKey = QStringLiteral("display/theme");
const QString WatchlistKey = QStringLiteral("watchlist/hyperliquid");
} // namespace

AppSettings::AppSettings() = default;

AppSettings::AppSettings(const QString &fileName)
    : m_settings(fileName, QSettings::IniFormat)
{
}

bool AppSettings::hyperliquidEnabled() const
{
    return m_settings.value(HyperliquidEnabledKey, false).toBool();
}

void AppSettings::setHyperliquidEnabled(bool enabled)
{
    m_settings.setValue(HyperliquidEnabledKey, enabled);
}

QString AppSettings::hyperliquidEnvironment() const
{
    return m_settings.value(HyperliquidEnvironmentKey, QStringLiteral("mainnet")).toString();
}

void AppSettings::setHyperliquidEnvironment(const QString &environment)
{
    m_settings.setValue(HyperliquidEnvironmentKey, environment);
}

QUrl AppSettings::hyperliquidCustomUrl() const
{
    return m_settings.value(HyperliquidUrlKey).toUrl();
}

void AppSettings::setHyperliquidCustomUrl(const QUrl &url)
{
    m_settings.setValue(HyperliquidUrlKey, url);
}

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

QStringList AppSettings::watchlist() const
{
    const QStringList symbols = m_settings.value(WatchlistKey).toStringList();
    return symbols.isEmpty() ? defaultWatchlist() : symbols;
}

void AppSettings::setWatchlist(const QStringList &symbols)
{
    m_settings.setValue(WatchlistKey, symbols);
}

QStringList AppSettings::defaultWatchlist()
{
    return {QStringLiteral("BTC"), QStringLiteral("ETH"), QStringLiteral("SOL"), QStringLiteral("HYPE"),
            QStringLiteral("kPEPE"), QStringLiteral("@107"), QStringLiteral("PURR/USDC")};
}

} // namespace tapescope
