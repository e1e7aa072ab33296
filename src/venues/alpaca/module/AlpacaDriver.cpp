#include "venues/alpaca/module/AlpacaDriver.h"

#include "emulator/alpaca/AlpacaEmulator.h"
#include "market/FeedController.h"
#include "venues/alpaca/AlpacaAccountService.h"
#include "venues/alpaca/AlpacaService.h"
#include "venues/api/QueuedCall.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QPointer>
#include <QtCore/QSet>

using namespace Qt::StringLiterals;

namespace tapescope {

using alpaca::AlpacaAccountService;
using alpaca::AlpacaService;
using alpaca::Channel;
using alpaca::SubscriptionSet;

namespace {

// lupdate files the tr() calls in AlpacaDriver's methods under its class name.
QString tr(const char *text)
{
    return QCoreApplication::translate("tapescope::AlpacaDriver", text);
}

// The feed a custom URL serves, from its path: /v2/iex, /v2/sip, /v2/delayed_sip, /v2/test or
// /v1beta3/crypto/us (docs/protocols/alpaca.md §1.1).
std::optional<alpaca::Feed> feedOfPath(const QString &path)
{
    if (path.endsWith(u"/v1beta3/crypto/us"))
        return alpaca::Feed::CryptoUs;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    if (slash < 0 || !path.left(slash).endsWith(u"/v2"))
        return std::nullopt;
    return alpaca::feedFromName(path.mid(slash + 1));
}

// Stocks: watched symbols stream quotes (the BBO prices the row); the followed one also trades, halts
// (statuses) and, for the chart, minute or daily bars. Crypto: the followed pair streams its order book
// for the full ladder. Calls are queued into the service's thread.
class AlpacaFeedController : public FeedController
{
public:
    AlpacaFeedController(AlpacaService *service, bool crypto)
        : m_service(service)
        , m_crypto(crypto)
    { }

    void watchTickers(const QList<InstrumentId> &instruments) override
    {
        QSet<QString> wanted;
        for (const InstrumentId &instrument : instruments)
            wanted.insert(instrument.symbol);
        SubscriptionSet gone;
        SubscriptionSet added;
        for (const QString &symbol : std::as_const(m_watched)) {
            if (!wanted.contains(symbol) && symbol != m_followed)
                gone.add(Channel::Quotes, symbol);
        }
        for (const QString &symbol : std::as_const(wanted)) {
            if (!m_watched.contains(symbol))
                added.add(Channel::Quotes, symbol);
        }
        m_watched = wanted;
        change(false, gone);
        change(true, added);
    }

    void followMarket(const InstrumentId &instrument) override
    {
        m_followed = instrument.symbol;
        change(true, marketChannels(instrument.symbol, true));
    }

    void unfollowMarket(const InstrumentId &instrument) override
    {
        if (instrument.symbol != m_followed)
            return;
        m_followed.clear();
        change(false, marketChannels(instrument.symbol, !m_watched.contains(instrument.symbol)));
    }

    void followCandles(const InstrumentId &instrument, const QString &interval) override
    {
        change(true, barChannels(interval, instrument.symbol));
    }

    void unfollowCandles(const InstrumentId &instrument, const QString &interval) override
    {
        change(false, barChannels(interval, instrument.symbol));
    }

    // Daily bars come from the venue. Minute bars arrive only once the minute is over, so intraday bars
    // are built from trades as they happen; the venue's minute bar then replaces the built one (same start).
    bool streamsCandles(const InstrumentId &, const QString &interval) const override { return interval == u"1d"; }

    // No REST history from Alpaca here: the chart fills from the stream.
    void requestCandleHistory(const InstrumentId &, const QString &, qint64, qint64) override { }

private:
    // Minute bars come with their late corrections (updatedBars, docs/protocols/alpaca.md §5.3); the day's bar as
    // dailyBars.
    static SubscriptionSet barChannels(const QString &interval, const QString &symbol)
    {
        SubscriptionSet set;
        if (interval == u"1m") {
            set.add(Channel::Bars, symbol);
            set.add(Channel::UpdatedBars, symbol);
        } else if (interval == u"1d") {
            set.add(Channel::DailyBars, symbol);
        }
        return set;
    }

    // What following a market adds beyond the watchlist's quotes (and, with `quotes`, the quotes too).
    SubscriptionSet marketChannels(const QString &symbol, bool quotes) const
    {
        SubscriptionSet set;
        set.add(Channel::Trades, symbol);
        set.add(m_crypto ? Channel::Orderbooks : Channel::Statuses, symbol);
        if (quotes)
            set.add(Channel::Quotes, symbol);
        return set;
    }

    void change(bool subscribe, const SubscriptionSet &set)
    {
        if (set.isEmpty())
            return;
        callQueued(m_service, [subscribe, set](AlpacaService *service) {
            if (subscribe)
                service->subscribe(set);
            else
                service->unsubscribe(set);
        });
    }

    QPointer<AlpacaService> m_service;
    bool m_crypto = false;
    QSet<QString> m_watched;
    QString m_followed;
};

} // namespace

QString AlpacaDriver::venue() const
{
    return AlpacaService::venueName();
}

std::unique_ptr<VenueFeed> AlpacaDriver::createFeed(const VenueSettings &settings, const VenueCredentials &credentials,
                                                    QString *error) const
{
    AlpacaService::Options options;
    std::optional<alpaca::Feed> feed;
    if (settings.environment == u"custom") {
        feed = feedOfPath(settings.customUrl.path());
        options.url = settings.customUrl;
        if (!feed && error)
            *error = tr("the Alpaca URL %1 names no feed: its path must end in /v2/iex, /v2/sip, /v2/delayed_sip, "
                        "/v2/test or /v1beta3/crypto/us")
                         .arg(settings.customUrl.toDisplayString());
    } else {
        feed = alpaca::feedFromName(settings.environment);
        if (!feed && error)
            *error
                = tr("alpaca feed '%1': use iex, sip, delayed_sip, test, crypto or custom").arg(settings.environment);
    }
    if (!feed)
        return nullptr;
    const alpaca::Credentials keys { credentials.keyId, credentials.secret };
    if (!keys.isComplete()) {
        if (error)
            *error = tr("Alpaca needs an API key id and secret key (Settings → Alpaca, or ALPACA_API_KEY_ID and "
                        "ALPACA_API_SECRET_KEY)");
        return nullptr;
    }
    return std::make_unique<AlpacaService>(*feed, keys, options);
}

// The key pair identifies the account: one per key, on the paper host unless the market data is a custom
// deployment, whose host then serves the trading API too (the emulator; docs/protocols/alpaca.md §1.2).
QList<VenueAccount> AlpacaDriver::impliedAccounts(const VenueSettings &, const VenueCredentials &credentials) const
{
    if (credentials.keyId.isEmpty() || credentials.secret.isEmpty())
        return {};
    return { { u"paper"_s, tr("Paper account") } };
}

std::optional<QString> AlpacaDriver::normalizedAccount(const QString &text, QString *error) const
{
    const QString name = text.trimmed();
    if (name.isEmpty() && error)
        *error = tr("name the Alpaca account (the API keys identify it; the name is only shown)");
    return name.isEmpty() ? std::nullopt : std::optional<QString>(name);
}

std::unique_ptr<VenueFeed> AlpacaDriver::createAccountFeed(const VenueSettings &settings,
                                                           const VenueCredentials &credentials,
                                                           const QString &account) const
{
    const alpaca::Credentials keys { credentials.keyId, credentials.secret };
    if (!keys.isComplete())
        return nullptr;
    AlpacaAccountService::Options options;
    options.accountName = account;
    if (settings.environment == u"custom") {
        QUrl base = settings.customUrl;
        base.setScheme(base.scheme() == u"wss"_s ? u"https"_s : u"http"_s);
        base.setPath(QString());
        options.tradingBase = base;
    }
    return std::make_unique<AlpacaAccountService>(keys, options);
}

std::unique_ptr<FeedController> AlpacaDriver::createController(VenueFeed *feed) const
{
    auto *service = qobject_cast<AlpacaService *>(feed);
    return std::make_unique<AlpacaFeedController>(service, service && alpaca::isCrypto(service->feed()));
}

QObject *AlpacaDriver::startEmulator(VenueSettings *settings, VenueCredentials *credentials, QObject *parent,
                                     QString *error) const
{
    emulator::alpaca::AlpacaEmulator::Options options;
    options.timing.tickIntervalMs = demoInterval(options.timing.tickIntervalMs);
    options.timing.barIntervalMs = demoInterval(options.timing.barIntervalMs);
    options.timing.bookIntervalMs = demoInterval(options.timing.bookIntervalMs);
    options.trader.intervalMs = demoInterval(options.trader.intervalMs);
    auto *emulator = listening(new emulator::alpaca::AlpacaEmulator(options, parent), error);
    if (!emulator)
        return nullptr;
    // Demo mode: IEX stocks, signed in with the emulator's own (public, test-only) key pair.
    settings->environment = u"custom"_s;
    settings->customUrl = emulator->streamUrl(u"/v2/iex"_s);
    credentials->keyId = emulator->options().keyId;
    credentials->secret = emulator->options().secret;
    settings->accounts = { { u"paper"_s, tr("Demo paper account") } };
    return emulator;
}

} // namespace tapescope
