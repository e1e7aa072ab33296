#include "venues/api/VenueDriver.h"

#include "net/VenueFeed.h"

#include <QtCore/QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope {

void VenueDriver::connectExtras(VenueFeed *, const VenueSettings &, QObject *, Workspace *) const { }

QList<InstrumentId> VenueDriver::watchlist(const VenueSettings &settings, const QList<Instrument> &) const
{
    QList<InstrumentId> instruments;
    for (const QString &symbol : settings.watchlist)
        instruments.append({ venue(), symbol, symbol });
    return instruments;
}

std::optional<QString> VenueDriver::normalizedAccount(const QString &, QString *error) const
{
    if (error)
        *error = QCoreApplication::translate("VenueDriver", "%1 has no account data in Tapescope").arg(venue());
    return std::nullopt;
}

std::unique_ptr<VenueFeed> VenueDriver::createAccountFeed(const VenueSettings &, const VenueCredentials &,
                                                          const QString &) const
{
    return nullptr;
}

QList<VenueAccount> VenueDriver::impliedAccounts(const VenueSettings &, const VenueCredentials &) const
{
    return {};
}

void VenueDriver::selectInstrument(VenueFeed *, const InstrumentId &) const { }

QString VenueDriver::noLoopbackPort() const
{
    return QCoreApplication::translate("VenueDriver", "the %1 demo market could not open a loopback port").arg(venue());
}

QString VenueDriver::label(const VenueSettings &settings, bool demo) const
{
    if (demo)
        return QCoreApplication::translate("VenueDriver", "%1 (demo)").arg(venue());
    if (settings.environment == u"custom")
        return u"%1 (%2)"_s.arg(venue(), settings.customUrl.host());
    return u"%1 (%2)"_s.arg(venue(), settings.environment);
}

VenueCredentials VenueDriver::replayCredentials() const
{
    VenueCredentials credentials;
    credentials.keyId = QStringLiteral("replay-without-keys");
    credentials.secret = QStringLiteral("replay-without-keys");
    return credentials;
}

int VenueDriver::demoSpeed()
{
    bool ok = false;
    const int speed = qEnvironmentVariableIntValue("TAPESCOPE_DEMO_SPEED", &ok);
    return ok && speed >= 1 && speed <= 100 ? speed : 1;
}

int VenueDriver::demoInterval(int intervalMs)
{
    return intervalMs <= 0 ? intervalMs : std::max(1, intervalMs / demoSpeed());
}

} // namespace tapescope
