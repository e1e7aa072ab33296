#include "venues/kalshi/module/KalshiDriver.h"

#include "emulator/kalshi/KalshiDemoKey.h"
#include "emulator/kalshi/KalshiEmulator.h"
#include "models/Workspace.h"
#include "venues/kalshi/KalshiAccountService.h"
#include "venues/kalshi/KalshiService.h"
#include "venues/kalshi/module/KalshiCliSupport.h"
#include "venues/kalshi/module/KalshiFeedController.h"

#include "core/BoundedFile.h"
#include <QtCore/QCoreApplication>

using namespace Qt::StringLiterals;

namespace tapescope {

using kalshi::KalshiService;

namespace {

// lupdate files the tr() calls in KalshiDriver's methods under its class name.
QString tr(const char *text)
{
    return QCoreApplication::translate("tapescope::KalshiDriver", text);
}

// The key id and the PEM key, read from the key file when the keychain gave only its path.
std::optional<kalshi::Credentials> signingKey(const VenueCredentials &credentials, QString *error)
{
    kalshi::Credentials key;
    key.keyId = credentials.keyId.toUtf8();
    key.privateKeyPem = credentials.privateKeyPem;
    if (key.privateKeyPem.isEmpty() && !credentials.privateKeyPath.isEmpty()) {
        QString why;
        std::optional<QByteArray> pem = readBoundedFile(credentials.privateKeyPath, kMaxKeyFileBytes, &why);
        if (!pem) {
            if (error)
                *error = tr("the Kalshi key file %1 cannot be read: %2").arg(credentials.privateKeyPath, why);
            return std::nullopt;
        }
        key.privateKeyPem = *std::move(pem);
    }
    if (key.keyId.isEmpty() || key.privateKeyPem.isEmpty()) {
        if (error)
            *error = tr("Kalshi needs an API key id and its private key file (Settings → Kalshi, or KALSHI_API_KEY_ID "
                        "and KALSHI_PRIVATE_KEY_PATH)");
        return std::nullopt;
    }
    return key;
}

std::optional<kalshi::Endpoints> endpointsFor(const VenueSettings &settings, QString *error)
{
    return settings.environment == u"custom" ? kalshi::Endpoints::custom(settings.customUrl, error)
                                             : kalshi::Endpoints::forEnvironment(settings.environment, error);
}

} // namespace

QString KalshiDriver::venue() const
{
    return KalshiService::venueName();
}

std::unique_ptr<VenueFeed> KalshiDriver::createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                    QString *error) const
{
    const std::optional<kalshi::Endpoints> endpoints = endpointsFor(settings, error);
    if (!endpoints)
        return nullptr;
    const std::optional<kalshi::Credentials> key = signingKey(credentials, error);
    if (!key)
        return nullptr;
    auto service = std::make_unique<KalshiService>(*endpoints, *key);
    if (!service->credentialsProblem().isEmpty()) {
        if (error)
            *error = service->credentialsProblem();
        return nullptr;
    }
    return service;
}

std::unique_ptr<FeedController> KalshiDriver::createController(VenueFeed *feed) const
{
    return std::make_unique<KalshiFeedController>(qobject_cast<KalshiService *>(feed));
}

QObject *KalshiDriver::startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                                     QString *error) const
{
    emulator::kalshi::KalshiEmulator::Options options;
    options.tickIntervalMs = demoInterval(options.tickIntervalMs); // the NFL game clock too
    options.trader.intervalMs = demoInterval(options.trader.intervalMs);
    auto *emulator = listening(new emulator::kalshi::KalshiEmulator(options, parent), error);
    if (!emulator)
        return nullptr;
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->wsUrl();
    // The emulator checks signatures like the venue; demo mode signs with its public TEST-ONLY key.
    const kalshi::Credentials demo = emulator::kalshi::demoCredentials();
    credentials->keyId = QString::fromUtf8(demo.keyId);
    credentials->privateKeyPem = demo.privateKeyPem;
    // The demo key's member is the account the demo follows.
    settings->accounts = { { u"demo"_s, tr("Demo member") } };
    return emulator;
}

// The key identifies the member: one account per key, named like the CLI names it (the key id is never shown).
VenueCredentials KalshiDriver::replayCredentials() const
{
    const kalshi::Credentials demo = emulator::kalshi::demoCredentials();
    VenueCredentials credentials;
    credentials.keyId = QString::fromUtf8(demo.keyId);
    credentials.privateKeyPem = demo.privateKeyPem;
    return credentials;
}

QList<VenueAccount> KalshiDriver::impliedAccounts(const VenueSettings &, const VenueCredentials &credentials) const
{
    if (credentials.keyId.isEmpty())
        return {};
    return { { cli::kalshiAccountName({}, credentials.keyId.toUtf8()), tr("API key") } };
}

std::optional<QString> KalshiDriver::normalizedAccount(const QString &text, QString *error) const
{
    const QString name = text.trimmed();
    if (name.isEmpty() && error)
        *error = tr("name the Kalshi account (the API key identifies it; the name is only shown)");
    return name.isEmpty() ? std::nullopt : std::optional<QString>(name);
}

std::unique_ptr<VenueFeed> KalshiDriver::createAccountFeed(const VenueSettings &settings,
                                                           const VenueCredentials &credentials,
                                                           const QString &account) const
{
    const std::optional<kalshi::Endpoints> endpoints = endpointsFor(settings, nullptr);
    const std::optional<kalshi::Credentials> key = signingKey(credentials, nullptr);
    if (!endpoints || !key)
        return nullptr;
    return std::make_unique<kalshi::KalshiAccountService>(*endpoints, *key, account,
                                                          kalshi::KalshiAccountService::Options {});
}

void KalshiDriver::connectExtras(VenueFeed *feed, const VenueSettings &, QObject *context, Workspace *workspace) const
{
    auto *service = qobject_cast<KalshiService *>(feed);
    if (!service || !workspace)
        return;
    NflBoard *board = workspace->nfl();
    QObject::connect(service, &KalshiService::nflGamesReady, context, [board](const kalshi::NflDiscovery &discovery) {
        board->setGames(discovery.games, discovery.events);
    });
    QMetaObject::invokeMethod(service, &KalshiService::discoverNflGames, Qt::QueuedConnection);
}

QList<InstrumentId> KalshiDriver::watchlist(const VenueSettings &settings, const QList<Instrument> &listed) const
{
    if (!settings.watchlist.isEmpty())
        return VenueDriver::watchlist(settings, listed);
    // With no Kalshi markets chosen, the watchlist shows the markets the venue listed: the NFL games'.
    QList<InstrumentId> rows;
    for (const Instrument &instrument : listed)
        rows.append(instrument.id);
    return rows;
}

} // namespace tapescope
