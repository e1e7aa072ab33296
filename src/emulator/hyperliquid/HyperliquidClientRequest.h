#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>

namespace tapescope::emulator::hyperliquid {

// A subscription after the venue's normalisation: defaults filled in, so two spellings of the same
// subscription compare equal and the ack can echo what the server understood (§2.2).
struct Subscription
{
    QString type; // l2Book, bbo, trades, candle, allMids, activeAssetCtx, or a user type (isUserType)
    QString coin; // allMids and clearinghouseState: a builder dex name (none are emulated)
    QString user; // user types: the address, lower case
    QString interval;
    std::optional<int> nSigFigs;
    std::optional<int> mantissa;
    bool fast = false;
    bool aggregateByTime = false; // userFills

    // userFills, orderUpdates, userEvents, userFundings, userNonFundingLedgerUpdates, clearinghouseState,
    // spotState, activeAssetData: the account streams keyed by a user address.
    bool isUserType() const;
    // Compact JSON with "type" first, the way the venue echoes it, e.g.
    // {"type":"l2Book","coin":"BTC","nSigFigs":null,"mantissa":null,"fast":false}.
    QByteArray normalizedJson() const;
    friend bool operator==(const Subscription &, const Subscription &) = default;
};

struct ClientRequest
{
    enum class Method { Subscribe, Unsubscribe, Ping, Post, Unparseable };
    Method method = Method::Unparseable;
    Subscription subscription; // Subscribe / Unsubscribe
    qint64 postId = 0; // Post
    QString postType; // Post: "info" or "action"
    QJsonObject postPayload; // Post
};

// Parses one client text frame. Key order does not matter; an unknown method or subscription type,
// a missing key or a wrong type makes it Unparseable (answered with "Error parsing JSON into valid
// websocket request: ..."). Whether the coin exists is the session's question, not the parser's.
ClientRequest parseClientRequest(const QByteArray &frame);

} // namespace tapescope::emulator::hyperliquid
