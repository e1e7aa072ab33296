#include "VenueDriver.h"

#include "AlpacaDriver.h"
#include "FimlDriver.h"
#include "HyperliquidDriver.h"
#include "KalshiDriver.h"
#include "O2Driver.h"

#include <QtCore/QCoreApplication>

using namespace Qt::StringLiterals;

namespace tapescope {

void VenueDriver::connectExtras(VenueFeed *, const VenueSettings &, QObject *, Workspace *) const {}

QList<InstrumentId> VenueDriver::watchlist(const VenueSettings &settings, const QList<Instrument> &) const
{
    QList<InstrumentId> instruments;
    for (const QString &symbol : settings.watchlist)
        instruments.append({venue(), symbol, symbol});
    return instruments;
}

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

const std::vector<std::unique_ptr<VenueDriver>> &venueDrivers()
{
    static const std::vector<std::unique_ptr<VenueDriver>> drivers = [] {
        std::vector<std::unique_ptr<VenueDriver>> list;
        list.push_back(std::make_unique<HyperliquidDriver>());
        list.push_back(std::make_unique<KalshiDriver>());
        list.push_back(std::make_unique<AlpacaDriver>());
        list.push_back(std::make_unique<O2Driver>());
        list.push_back(std::make_unique<FimlDriver>());
        return list;
    }();
    return drivers;
}

const VenueDriver *findVenueDriver(const QString &venue)
{
    for (const auto &driver : venueDrivers()) {
        if (driver->venue() == venue)
            return driver.get();
    }
    return nullptr;
}

} // namespace tapescope
