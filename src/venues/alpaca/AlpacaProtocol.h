#pragma once

// Alpaca market-data stream vocabulary: feeds and their URLs, subscription channels, outgoing requests
// and what each error code means for the session (docs/protocols/alpaca.md §1.1, §4, §6). Pure: no sockets.

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace tapescope::alpaca {

// The market-data streams Tapescope follows (docs/protocols/alpaca.md §1.1).
enum class Feed {
    Iex, // /v2/iex: IEX only, the free plan
    Sip, // /v2/sip: all US exchanges
    DelayedSip, // /v2/delayed_sip: SIP 15 minutes late
    Test, // /v2/test: always open, symbol FAKEPACA
    CryptoUs, // /v1beta3/crypto/us: Alpaca's crypto venue, with order books
};

QString feedName(Feed feed); // "iex", "sip", "delayed_sip", "test", "crypto"
std::optional<Feed> feedFromName(const QString &name);
bool isCrypto(Feed feed);
// wss://stream.data.alpaca.markets/v2/iex; the same host serves paper and live keys (docs/protocols/alpaca.md §1.1).
QUrl streamUrl(Feed feed, bool sandbox = false);

// Subscription channels as the wire names them in subscribe requests and `subscription` replies.
enum class Channel {
    Trades,
    Quotes,
    Bars,
    UpdatedBars,
    DailyBars,
    Statuses,
    Lulds,
    Orderbooks, // crypto only
    Imbalances,
    Corrections, // reply only: follows `trades` automatically (docs/protocols/alpaca.md §4)
    CancelErrors, // reply only: follows `trades` automatically
    News,
};
inline constexpr std::size_t ChannelCount = 12;

const char *channelKey(Channel channel); // "trades", "updatedBars", ...
std::optional<Channel> channelFromKey(std::string_view key);
// False for corrections and cancelErrors, which a request must not name.
bool isRequestable(Channel channel);

// Symbols per channel: a request's additions or removals, or the server's full current set.
class SubscriptionSet
{
public:
    const QStringList &symbols(Channel channel) const { return m_symbols[index(channel)]; }
    void setSymbols(Channel channel, QStringList symbols);
    void add(Channel channel, const QString &symbol); // ignores duplicates
    void remove(Channel channel, const QString &symbol);
    bool contains(Channel channel, const QString &symbol) const;
    bool isEmpty() const;
    // Set equality per channel, ignoring symbol order.
    friend bool operator==(const SubscriptionSet &a, const SubscriptionSet &b);

private:
    static std::size_t index(Channel channel) { return static_cast<std::size_t>(channel); }
    std::array<QStringList, ChannelCount> m_symbols;
};

// {"action":"auth","key":…,"secret":…}. The frame carries the secret: never log it.
QByteArray authFrame(const QString &keyId, const QString &secret);
// {"action":"subscribe","trades":[…],…} with every requestable channel that has symbols. Subscribe adds
// and unsubscribe subtracts (docs/protocols/alpaca.md §4). An empty QByteArray when there is nothing to send.
QByteArray subscribeFrame(const SubscriptionSet &additions);
QByteArray unsubscribeFrame(const SubscriptionSet &removals);

// What a service should do about an error message (docs/protocols/alpaca.md §3.1, §6).
enum class ErrorAction {
    Report, // a request was refused; the session stays up (400, 403, 405, 410, 413, unknown codes)
    Reconnect, // reconnect with the usual backoff (401, 404, 407, 500)
    BackOffLong, // connection limit (406): another session holds the slot; retrying fast only repeats it
    Stop, // needs the user: bad keys, plan or scope (402, 408, 409, 411, 412); never retry alone
};

ErrorAction classifyError(int code);
// A short stable FeedError code, e.g. "auth_failed", "connection_limit"; "venue_error" for unknown codes.
QString errorToken(int code);
// What the code means and what to do, in plain words for a person.
QString errorText(int code);

} // namespace tapescope::alpaca
