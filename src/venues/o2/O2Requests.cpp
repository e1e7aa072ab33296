// Client -> server frames (docs/protocols/o2.md §2.1, §3), with the keys in the order the SDKs send them.

#include "O2Codec.h"

#include "core/EventJson.h"

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

namespace {

bool usesMarket(Subscription::Stream stream)
{
    return stream == Subscription::Stream::Depth || stream == Subscription::Stream::Trades;
}

bool allowsTurbo(Subscription::Stream stream)
{
    return stream != Subscription::Stream::Balances && stream != Subscription::Stream::Nonce;
}

void appendIdentities(QByteArray &frame, const std::vector<Identity> &identities)
{
    frame += R"(,"identities":[)";
    bool first = true;
    for (const Identity &identity : identities) {
        if (!first)
            frame += ',';
        first = false;
        frame += identity.kind == Identity::Kind::ContractId ? R"({"ContractId":)" : R"({"Address":)";
        appendJsonString(frame, normaliseId(identity.id));
        frame += '}';
    }
    frame += ']';
}

QByteArray requestFrame(bool subscribe, const Subscription &subscription)
{
    if (!subscription.isValid())
        return QByteArray();
    QByteArray frame;
    frame.reserve(128);
    frame += R"({"action":")";
    frame += subscribe ? "subscribe_" : "unsubscribe_";
    frame += Subscription::streamName(subscription.stream).toLatin1();
    frame += '"';
    if (usesMarket(subscription.stream)) {
        frame += R"(,"market_id":)";
        appendJsonString(frame, normaliseId(subscription.marketId));
        // unsubscribe_depth carries no precision (docs/protocols/o2.md §3: the newer SDK strips it).
        if (subscribe && subscription.stream == Subscription::Stream::Depth) {
            frame += R"(,"precision":)";
            appendJsonString(frame, Subscription::precisionText(subscription.precisionExponent));
        }
    } else if (!(subscription.stream == Subscription::Stream::Orders && !subscribe)) {
        // unsubscribe_orders is connection-global and carries nothing (docs/protocols/o2.md §3).
        appendIdentities(frame, subscription.identities);
    }
    if (subscription.turbo)
        frame += R"(,"turbo":true)";
    frame += '}';
    return frame;
}

} // namespace

bool Subscription::isValid() const
{
    if (turbo && !allowsTurbo(stream))
        return false;
    if (usesMarket(stream))
        return !normaliseId(marketId).isEmpty()
            && (stream != Stream::Depth
                || (precisionExponent >= MinPrecisionExponent && precisionExponent <= MaxPrecisionExponent));
    if (identities.empty() || identities.size() > static_cast<std::size_t>(MaxIdentities))
        return false;
    for (const Identity &identity : identities) {
        if (normaliseId(identity.id).isEmpty())
            return false;
    }
    return true;
}

QString Subscription::key() const
{
    QString key = streamName(stream) + u':';
    if (usesMarket(stream)) {
        key += normaliseId(marketId);
    } else {
        for (std::size_t i = 0; i < identities.size(); ++i) {
            if (i > 0)
                key += u',';
            key += normaliseId(identities[i].id);
        }
    }
    if (turbo)
        key += u"@turbo"_s;
    return key;
}

QString Subscription::precisionText(int exponent)
{
    if (exponent < MinPrecisionExponent || exponent > MaxPrecisionExponent)
        return QString();
    return u'1' + QString(exponent, u'0');
}

QString Subscription::streamName(Stream stream)
{
    switch (stream) {
    case Stream::Depth:
        return u"depth"_s;
    case Stream::Trades:
        return u"trades"_s;
    case Stream::Orders:
        return u"orders"_s;
    case Stream::Balances:
        return u"balances"_s;
    case Stream::Nonce:
        return u"nonce"_s;
    }
    return QString();
}

QByteArray Codec::subscribeFrame(const Subscription &subscription)
{
    return requestFrame(true, subscription);
}

QByteArray Codec::unsubscribeFrame(const Subscription &subscription)
{
    return requestFrame(false, subscription);
}

QByteArray Codec::pingFrame()
{
    return QByteArrayLiteral("PING");
}

} // namespace tapescope::o2
