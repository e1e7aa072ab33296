// Fiml as a venue module: a self-hosted market-data aggregator; prices with their provider and confidence.
#include "venues/api/VenueModule.h"
#include "venues/fiml/module/FimlCli.h"
#include "venues/fiml/module/FimlDriver.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

class FimlModule final : public VenueModule
{
public:
    const VenueDescription &description() const override { return m_description; }
    const VenueDriver &driver() const override { return m_driver; }
    void addStreamOptions(QCommandLineParser &parser) const override { cli::addFimlStreamOptions(parser); }
    std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const override
    {
        return cli::fimlStreamSource(request, error);
    }
    void addEmulateOptions(QCommandLineParser &parser) const override { cli::addFimlEmulateOptions(parser); }
    int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const override
    {
        return cli::runFimlEmulator(parser, host, port);
    }
    QString benchFixture() const override { return u"fiml/ws-server.jsonl"_s; }

private:
    static VenueDescription describe()
    {
        VenueDescription description;
        description.venue = u"fiml"_s;
        description.title = u"FIML"_s;
        description.environments = { u"custom"_s }; // self-hosted only (docs/protocols/fiml.md §1)
        description.hasPollInterval = true;
        description.minSymbols = 1; // docs/protocols/fiml.md §4: symbols 1..50
        description.maxSymbols = 50;
        description.symbolPattern = uR"(^[A-Za-z0-9.^=/\-]{1,20}$)"_s;
        description.symbolExample = u"AAPL, BTC/USDT"_s;
        description.defaultWatchlist = { u"AAPL"_s, u"TSLA"_s };
        return description;
    }

    VenueDescription m_description = describe();
    FimlDriver m_driver;
};

} // namespace

const VenueModule &fimlModule()
{
    static const FimlModule module;
    return module;
}

} // namespace tapescope
