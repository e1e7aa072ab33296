#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <vector>

namespace tapescope::o2 {

// A Fuel identity as O2 keys account streams by it (docs/protocols/o2.md §3): {"ContractId": "0x…"} for a trade
// account.
struct Identity
{
    enum class Kind { ContractId, Address };
    Kind kind = Kind::ContractId;
    QString id; // normalised on the wire
};

// One O2 WebSocket subscription (docs/protocols/o2.md §3). There is no ack and no request id: the first data frame
// is the confirmation, and one depth subscription per market per connection is all the server allows
// (to change precision: unsubscribe, then subscribe again).
struct Subscription
{
    enum class Stream { Depth, Trades, Orders, Balances, Nonce };
    static constexpr int MaxIdentities = 10; // docs/protocols/o2.md §2.2
    static constexpr int MinPrecisionExponent = 1;
    static constexpr int MaxPrecisionExponent
        = 18; // the SDKs' range; the docs list 10^1..10^9 (docs/protocols/o2.md §3 DISAGREE)

    Stream stream = Stream::Depth;
    QString marketId; // depth, trades
    int precisionExponent = 1; // depth: price bucket 10^n chain units, sent as the string "10", "100", ...
    std::vector<Identity> identities; // orders, balances, nonce (1..10)
    bool turbo = false; // the newer Turbo venue selector, depth/trades/orders only

    bool isValid() const;
    // Stable key for VenueConnection: "depth:0xabc…", "trades:0xabc…", "orders:0x…", "balances:0x…,0x…",
    // "nonce:0x…"; Turbo subscriptions end in "@turbo". Ids normalised.
    QString key() const;
    // "10" for exponent 1 ... "1000000000000000000" for 18; empty outside the range.
    static QString precisionText(int exponent);
    static QString streamName(Stream stream); // "depth", "trades", "orders", "balances", "nonce"
};

} // namespace tapescope::o2
