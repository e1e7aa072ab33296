#include "AlpacaProtocol.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::alpaca {

namespace {

constexpr std::array<const char *, ChannelCount> kChannelKeys = {
    "trades", "quotes",     "bars",       "updatedBars", "dailyBars",    "statuses",
    "lulds",  "orderbooks", "imbalances", "corrections", "cancelErrors", "news",
};

QString streamPath(Feed feed)
{
    switch (feed) {
    case Feed::Iex:
        return u"/v2/iex"_s;
    case Feed::Sip:
        return u"/v2/sip"_s;
    case Feed::DelayedSip:
        return u"/v2/delayed_sip"_s;
    case Feed::Test:
        return u"/v2/test"_s;
    case Feed::CryptoUs:
        return u"/v1beta3/crypto/us"_s;
    }
    return {};
}

QByteArray requestFrame(const char *action, const SubscriptionSet &set)
{
    QJsonObject request { { u"action"_s, QLatin1String(action) } };
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        const auto channel = static_cast<Channel>(i);
        if (isRequestable(channel) && !set.symbols(channel).isEmpty())
            request.insert(QLatin1String(channelKey(channel)), QJsonArray::fromStringList(set.symbols(channel)));
    }
    // The server wants at least one channel (docs/protocols/alpaca.md §4): with none there is nothing to ask.
    if (request.size() == 1)
        return {};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

} // namespace

QString feedName(Feed feed)
{
    switch (feed) {
    case Feed::Iex:
        return u"iex"_s;
    case Feed::Sip:
        return u"sip"_s;
    case Feed::DelayedSip:
        return u"delayed_sip"_s;
    case Feed::Test:
        return u"test"_s;
    case Feed::CryptoUs:
        return u"crypto"_s;
    }
    return {};
}

std::optional<Feed> feedFromName(const QString &name)
{
    for (const Feed feed : { Feed::Iex, Feed::Sip, Feed::DelayedSip, Feed::Test, Feed::CryptoUs }) {
        if (name == feedName(feed))
            return feed;
    }
    return std::nullopt;
}

bool isCrypto(Feed feed)
{
    return feed == Feed::CryptoUs;
}

QUrl streamUrl(Feed feed, bool sandbox)
{
    QUrl url;
    url.setScheme(u"wss"_s);
    url.setHost(sandbox ? u"stream.data.sandbox.alpaca.markets"_s : u"stream.data.alpaca.markets"_s);
    url.setPath(streamPath(feed));
    return url;
}

const char *channelKey(Channel channel)
{
    return kChannelKeys[static_cast<std::size_t>(channel)];
}

std::optional<Channel> channelFromKey(std::string_view key)
{
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        if (key == kChannelKeys[i])
            return static_cast<Channel>(i);
    }
    return std::nullopt;
}

bool isRequestable(Channel channel)
{
    return channel != Channel::Corrections && channel != Channel::CancelErrors;
}

void SubscriptionSet::setSymbols(Channel channel, QStringList symbols)
{
    m_symbols[index(channel)] = std::move(symbols);
}

void SubscriptionSet::add(Channel channel, const QString &symbol)
{
    QStringList &symbols = m_symbols[index(channel)];
    if (!symbols.contains(symbol))
        symbols.append(symbol);
}

void SubscriptionSet::remove(Channel channel, const QString &symbol)
{
    m_symbols[index(channel)].removeAll(symbol);
}

bool SubscriptionSet::contains(Channel channel, const QString &symbol) const
{
    return m_symbols[index(channel)].contains(symbol);
}

bool SubscriptionSet::isEmpty() const
{
    return std::all_of(m_symbols.begin(), m_symbols.end(),
                       [](const QStringList &symbols) { return symbols.isEmpty(); });
}

bool operator==(const SubscriptionSet &a, const SubscriptionSet &b)
{
    for (std::size_t i = 0; i < ChannelCount; ++i) {
        QStringList left = a.m_symbols[i];
        QStringList right = b.m_symbols[i];
        left.sort();
        right.sort();
        left.removeDuplicates();
        right.removeDuplicates();
        if (left != right)
            return false;
    }
    return true;
}

QByteArray authFrame(const QString &keyId, const QString &secret)
{
    const QJsonObject request { { u"action"_s, u"auth"_s }, { u"key"_s, keyId }, { u"secret"_s, secret } };
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

QByteArray subscribeFrame(const SubscriptionSet &additions)
{
    return requestFrame("subscribe", additions);
}

QByteArray unsubscribeFrame(const SubscriptionSet &removals)
{
    return requestFrame("unsubscribe", removals);
}

ErrorAction classifyError(int code)
{
    switch (code) {
    case 401: // not authenticated: the session lost (or never had) its auth; a fresh one re-authenticates
    case 404: // auth timeout
    case 407: // slow client: the server is about to drop us
    case 500:
        return ErrorAction::Reconnect;
    case 406: // docs/protocols/alpaca.md §3: usually one session per endpoint; a lingering one frees only after a while
        return ErrorAction::BackOffLong;
    case 402:
    case 408:
    case 409:
    case 411:
    case 412:
        return ErrorAction::Stop;
    default:
        return ErrorAction::Report;
    }
}

QString errorToken(int code)
{
    switch (code) {
    case 400:
        return u"bad_request"_s;
    case 401:
        return u"not_authenticated"_s;
    case 402:
        return u"auth_failed"_s;
    case 403:
        return u"already_authenticated"_s;
    case 404:
        return u"auth_timeout"_s;
    case 405:
        return u"symbol_limit"_s;
    case 406:
        return u"connection_limit"_s;
    case 407:
        return u"slow_client"_s;
    case 408:
        return u"feed_not_enabled"_s;
    case 409:
        return u"insufficient_subscription"_s;
    case 410:
        return u"invalid_subscription"_s;
    case 411:
        return u"insufficient_scope"_s;
    case 412:
        return u"msgpack_required"_s;
    case 413:
        return u"wildcard_not_allowed"_s;
    case 500:
        return u"venue_internal_error"_s;
    default:
        return u"venue_error"_s;
    }
}

QString errorText(int code)
{
    switch (code) {
    case 400:
        return u"Alpaca did not understand a request (bad syntax or a badly formed symbol)."_s;
    case 401:
        return u"A request was sent before authentication; the feed will reconnect and sign in again."_s;
    case 402:
        return u"Alpaca rejected the API key or secret; check the credentials."_s;
    case 403:
        return u"The session was already signed in; the extra sign-in was ignored."_s;
    case 404:
        return u"Sign-in did not complete within 10 seconds; the feed will reconnect."_s;
    case 405:
        return u"The plan's symbol limit was reached; the previous subscriptions stay in force."_s;
    case 406:
        return u"Another session already uses this feed (usually one connection per endpoint is allowed); "
               "close it or wait before reconnecting."_s;
    case 407:
        return u"Alpaca says this client reads too slowly and may disconnect it."_s;
    case 408:
        return u"Market data v2 is not enabled for this account."_s;
    case 409:
        return u"The account's market-data plan does not include this feed."_s;
    case 410:
        return u"This stream does not offer the requested channel."_s;
    case 411:
        return u"The access token lacks the market-data scope."_s;
    case 412:
        return u"This stream only speaks MessagePack, which Tapescope does not use."_s;
    case 413:
        return u"A wildcard (*) subscription is not allowed for option quotes."_s;
    case 500:
        return u"Alpaca reported an internal error; the feed will reconnect."_s;
    default:
        return u"Alpaca reported an unknown error."_s;
    }
}

} // namespace tapescope::alpaca
