// Kalshi as a venue module: signed market data, the NFL games and their panel.
#include "venues/api/VenueModule.h"
#include "venues/kalshi/KalshiSigner.h"
#include "venues/kalshi/module/KalshiCliSupport.h"
#include "venues/kalshi/module/KalshiDriver.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

class KalshiModule final : public VenueModule
{
public:
    const VenueDescription &description() const override { return m_description; }
    const VenueDriver &driver() const override { return m_driver; }
    void addStreamOptions(QCommandLineParser &parser) const override { cli::kalshicli::addCredentialOptions(parser); }
    std::optional<cli::StreamSource> streamSource(const cli::StreamRequest &request, QString *error) const override
    {
        return cli::kalshiStreamSource(request, error);
    }
    bool hasAccounts() const override { return true; }
    void addAccountOptions(QCommandLineParser &parser) const override { cli::kalshicli::addCredentialOptions(parser); }
    std::optional<cli::StreamSource> accountSource(const cli::AccountRequest &request, QString *error) const override
    {
        return cli::kalshiAccountSource(request, error);
    }
    void addEmulateOptions(QCommandLineParser &parser) const override { cli::addKalshiEmulateOptions(parser); }
    int runEmulator(const QCommandLineParser &parser, const QHostAddress &host, quint16 port) const override
    {
        return cli::runKalshiEmulator(parser, host, port);
    }
    QList<CliCommand> commands() const override
    {
        return { { u"nfl"_s, u"List the open NFL games on Kalshi with win probabilities (--watch for live updates)"_s,
                   &cli::runNfl } };
    }
    QString benchFixture() const override { return u"kalshi/ws-server.jsonl"_s; }

private:
    static VenueDescription describe()
    {
        VenueDescription description;
        description.venue = u"kalshi"_s;
        description.title = u"Kalshi"_s;
        description.environments = { u"production"_s, u"demo"_s, u"custom"_s }; // docs/protocols/kalshi.md §1
        description.auth = VenueDescription::Auth::KeyFile;
        description.credentialVariables = { u"KALSHI_API_KEY_ID"_s, u"KALSHI_PRIVATE_KEY_PATH"_s };
        description.privateKeyProblem = [](const QByteArray &pem) {
            kalshi::Signer signer;
            return signer.loadPrivateKeyPem(pem) ? QString() : signer.errorString();
        };
        description.symbolPattern = uR"(^[A-Z0-9-]{1,80}$)"_s; // docs/protocols/kalshi.md §4.1 marketTicker.pattern
        description.symbolExample = u"KXNFLGAME-25SEP04DALPHI-PHI"_s;
        return description;
    }

    VenueDescription m_description = describe();
    KalshiDriver m_driver;
};

} // namespace

const VenueModule &kalshiModule()
{
    static const KalshiModule module;
    return module;
}

} // namespace tapescope
