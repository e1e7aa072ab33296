#include "VenueCatalog.h"

using namespace Qt::StringLiterals;

namespace tapescope::venueCatalog {

const QList<VenueDescription> &all()
{
    static const QList<VenueDescription> venues = [] {
        QList<VenueDescription> list;
        VenueDescription hyperliquid;
        hyperliquid.venue = u"hyperliquid"_s;
        hyperliquid.title = u"Hyperliquid"_s;
        hyperliquid.environments = {u"mainnet"_s, u"testnet"_s, u"custom"_s};
        hyperliquid.symbolPattern = uR"(^[A-Za-z0-9@/:_.\-]{1,32}$)"_s;
        hyperliquid.symbolExample = u"BTC, @107, PURR/USDC"_s;
        hyperliquid.defaultWatchlist = {u"BTC"_s, u"ETH"_s, u"SOL"_s, u"HYPE"_s, u"kPEPE"_s, u"@107"_s, u"PURR/USDC"_s};
        list << hyperliquid;

        VenueDescription kalshi;
        kalshi.venue = u"kalshi"_s;
        kalshi.title = u"Kalshi"_s;
        kalshi.environments = {u"production"_s, u"demo"_s, u"custom"_s}; // kalshi.md §1
        kalshi.auth = VenueDescription::Auth::KeyFile;
        kalshi.symbolPattern = uR"(^[A-Z0-9-]{1,80}$)"_s; // kalshi.md §4.1 marketTicker.pattern
        kalshi.symbolExample = u"KXNFLGAME-25SEP04DALPHI-PHI"_s;
        list << kalshi;

        VenueDescription alpaca;
        alpaca.venue = u"alpaca"_s;
        alpaca.title = u"Alpaca"_s;
        alpaca.environments = {u"iex"_s, u"sip"_s, u"delayed_sip"_s, u"test"_s, u"crypto"_s, u"custom"_s}; // alpaca.md §1.1 feeds
        alpaca.auth = VenueDescription::Auth::Secret;
        alpaca.symbolPattern = uR"(^[A-Z][A-Z0-9.]{0,9}(/[A-Z]{2,5})?$)"_s;
        alpaca.symbolExample = u"AAPL, BTC/USD"_s;
        alpaca.defaultWatchlist = {u"AAPL"_s, u"MSFT"_s, u"NVDA"_s, u"SPY"_s};
        list << alpaca;

        VenueDescription o2;
        o2.venue = u"o2"_s;
        o2.title = u"O2"_s;
        o2.environments = {u"mainnet"_s, u"testnet"_s, u"devnet"_s, u"custom"_s}; // o2.md §1
        o2.symbolPattern = uR"(^[A-Za-z0-9/_\-x]{1,80}$)"_s;
        o2.symbolExample = u"fFUEL/fUSDC (empty: every market)"_s;
        list << o2;

        VenueDescription fiml;
        fiml.venue = u"fiml"_s;
        fiml.title = u"FIML"_s;
        fiml.environments = {u"custom"_s}; // self-hosted only (fiml.md §1)
        fiml.hasPollInterval = true;
        fiml.minSymbols = 1; // fiml.md §4: symbols 1..50
        fiml.maxSymbols = 50;
        fiml.symbolPattern = uR"(^[A-Za-z0-9.^=/\-]{1,20}$)"_s;
        fiml.symbolExample = u"AAPL, BTC/USDT"_s;
        fiml.defaultWatchlist = {u"AAPL"_s, u"TSLA"_s};
        list << fiml;
        return list;
    }();
    return venues;
}

const VenueDescription *find(const QString &venue)
{
    for (const VenueDescription &description : all()) {
        if (description.venue == venue)
            return &description;
    }
    return nullptr;
}

} // namespace tapescope::venueCatalog
