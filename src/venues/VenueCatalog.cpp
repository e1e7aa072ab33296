// Look-ups over the generated list of venue modules.
#include "venues/api/VenueModule.h"

#include "app/credentials/CredentialStore.h"
#include "venues/api/VenueDriver.h"

namespace tapescope {

const VenueModule *findVenueModule(const QString &venue)
{
    for (const VenueModule *module : venueModules()) {
        if (module->name() == venue)
            return module;
    }
    return nullptr;
}

const VenueDriver *findVenueDriver(const QString &venue)
{
    const VenueModule *module = findVenueModule(venue);
    return module ? &module->driver() : nullptr;
}

QList<CredentialVariables> venueCredentialVariables()
{
    QList<CredentialVariables> variables;
    for (const VenueModule *module : venueModules()) {
        const VenueDescription &description = module->description();
        if (description.credentialVariables.size() == 2)
            variables.append({ description.venue, description.credentialVariables.at(0),
                               description.credentialVariables.at(1),
                               description.auth == VenueDescription::Auth::KeyFile });
    }
    return variables;
}

namespace venueCatalog {

const QList<VenueDescription> &all()
{
    static const QList<VenueDescription> descriptions = [] {
        QList<VenueDescription> list;
        for (const VenueModule *module : venueModules())
            list.append(module->description());
        return list;
    }();
    return descriptions;
}

const VenueDescription *find(const QString &venue)
{
    const VenueModule *module = findVenueModule(venue);
    return module ? &module->description() : nullptr;
}

} // namespace venueCatalog

} // namespace tapescope
