// Hyperliquid as a venue module: public market data (no credentials) on mainnet, testnet or a custom deployment.
#include "venues/api/VenueModule.h"
#include "venues/hyperliquid/module/HyperliquidCli.h"
#include "venues/hyperliquid/module/HyperliquidDriver.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

class HyperliquidModule final : public VenueModule
{
public:
    const VenueDescription &description() const override { return m_description; }
    const VenueDriver &driver() const override { return m_driver; }
    void addStreamOptions(QCommandLineParser &) const override { }
    std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const override
    {
        return cli::hyperliquidStreamSource(request, error);
    }
    bool hasAccounts() const override { return true; }
    std::optional<cli::StreamSource> accountSource(const cli::AccountRequest &request, QString *error) const override
    {
        return cli::hyperliquidAccountSource(request, error);
    }
    void addEmulateOptions(QCommandLineParser &parser) const override { cli::addHyperliquidEmulateOptions(parser); }
    int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const override
    {
        return cli::runHyperliquidEmulator(parser, host, port);
    }
    QString benchFixture() const override { return u"hyperliquid/ws-server.jsonl"_s; }

private:
    static VenueDescription describe()
    {
        VenueDescription description;
        description.venue = u"hyperliquid"_s;
        description.title = u"Hyperliquid"_s;
        description.environments = { u"mainnet"_s, u"testnet"_s, u"custom"_s }; // docs/protocols/hyperliquid.md §1
        description.symbolPattern = uR"(^[A-Za-z0-9@/:_.\-]{1,32}$)"_s;
        description.symbolExample = u"BTC, @107, PURR/USDC"_s;
        description.defaultWatchlist
            = { u"BTC"_s, u"ETH"_s, u"SOL"_s, u"HYPE"_s, u"kPEPE"_s, u"@107"_s, u"PURR/USDC"_s };
        return description;
    }

    VenueDescription m_description = describe();
    HyperliquidDriver m_driver;
};

} // namespace

const VenueModule &hyperliquidModule()
{
    static const HyperliquidModule module;
    return module;
}

} // namespace tapescope
