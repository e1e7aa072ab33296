// Alpaca as a venue module: US stocks and crypto market data, signed in with a key id and secret.
#include "venues/alpaca/module/AlpacaCli.h"
#include "venues/alpaca/module/AlpacaDriver.h"
#include "venues/api/VenueModule.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

class AlpacaModule final : public VenueModule
{
public:
    const VenueDescription &description() const override { return m_description; }
    const VenueDriver &driver() const override { return m_driver; }
    void addStreamOptions(QCommandLineParser &parser) const override { cli::addAlpacaStreamOptions(parser); }
    std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const override
    {
        return cli::alpacaStreamSource(request, error);
    }
    bool hasAccounts() const override { return true; }
    void addAccountOptions(QCommandLineParser &parser) const override { cli::addAlpacaAccountOptions(parser); }
    std::optional<cli::StreamSource> accountSource(const cli::AccountRequest &request, QString *error) const override
    {
        return cli::alpacaAccountSource(request, error);
    }
    void addEmulateOptions(QCommandLineParser &parser) const override { cli::addAlpacaEmulateOptions(parser); }
    int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const override
    {
        return cli::runAlpacaEmulator(parser, host, port);
    }
    QString benchFixture() const override { return u"alpaca/ws-server.jsonl"_s; }

private:
    static VenueDescription describe()
    {
        VenueDescription description;
        description.venue = u"alpaca"_s;
        description.title = u"Alpaca"_s;
        // docs/protocols/alpaca.md §1.1 feeds
        description.environments = { u"iex"_s, u"sip"_s, u"delayed_sip"_s, u"test"_s, u"crypto"_s, u"custom"_s };
        description.auth = VenueDescription::Auth::Secret;
        description.credentialVariables = { u"ALPACA_API_KEY_ID"_s, u"ALPACA_API_SECRET_KEY"_s };
        description.symbolPattern = uR"(^[A-Z][A-Z0-9.]{0,9}(/[A-Z]{2,5})?$)"_s;
        description.symbolExample = u"AAPL, BTC/USD"_s;
        description.defaultWatchlist = { u"AAPL"_s, u"MSFT"_s, u"NVDA"_s, u"SPY"_s };
        return description;
    }

    VenueDescription m_description = describe();
    AlpacaDriver m_driver;
};

} // namespace

const VenueModule &alpacaModule()
{
    static const AlpacaModule module;
    return module;
}

} // namespace tapescope
