// O2 as a venue module: the order-book DEX on Fuel; public market data and a trade account's data, chain-scaled
// numbers.
#include "venues/api/VenueModule.h"
#include "venues/o2/module/O2Cli.h"
#include "venues/o2/module/O2Driver.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

class O2Module final : public VenueModule
{
public:
    const VenueDescription &description() const override { return m_description; }
    const VenueDriver &driver() const override { return m_driver; }
    void addStreamOptions(QCommandLineParser &parser) const override { cli::addO2StreamOptions(parser); }
    std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const override
    {
        return cli::o2StreamSource(request, error);
    }
    bool hasAccounts() const override { return true; }
    void addAccountOptions(QCommandLineParser &parser) const override { cli::addO2AccountOptions(parser); }
    std::optional<cli::StreamSource> accountSource(const cli::AccountRequest &request, QString *error) const override
    {
        return cli::o2AccountSource(request, error);
    }
    void addEmulateOptions(QCommandLineParser &) const override { }
    int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const override
    {
        return cli::runO2Emulator(parser, host, port);
    }
    QString benchFixture() const override { return u"o2/ws-server.jsonl"_s; }

private:
    static VenueDescription describe()
    {
        VenueDescription description;
        description.venue = u"o2"_s;
        description.title = u"O2"_s;
        description.environments = { u"mainnet"_s, u"testnet"_s, u"devnet"_s, u"custom"_s }; // docs/protocols/o2.md §1
        description.symbolPattern = uR"(^[A-Za-z0-9/_\-x]{1,80}$)"_s;
        description.symbolExample = u"fFUEL/fUSDC (empty: every market)"_s;
        return description;
    }

    VenueDescription m_description = describe();
    O2Driver m_driver;
};

} // namespace

const VenueModule &o2Module()
{
    static const O2Module module;
    return module;
}

} // namespace tapescope
