// KalshiService: what the user wants vs what the current connection has, command replies, and book resyncs
// (docs/protocols/kalshi.md §4, §5, §10).
#include "venues/kalshi/KalshiService.h"

#include "venues/kalshi/KalshiServiceLog.h"

#include <QtCore/QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

const QString kOrderbook = QLatin1String(channel::OrderbookDelta);
const QString kLifecycle = QLatin1String(channel::MarketLifecycle);

QStringList sorted(const QSet<QString> &set)
{
    QStringList list = set.values();
    std::sort(list.begin(), list.end());
    return list;
}

// Why books must be rebuilt, before it is known how: requestSnapshots() and resubscribe() say that.
FeedReason causedBy(FeedReason::Code cause, const QString &arg = QString())
{
    FeedReason reason;
    reason.cause = cause;
    if (!arg.isEmpty())
        reason.args = QStringList { arg };
    return reason;
}

} // namespace

void KalshiService::subscribeMarket(const QString &marketTicker, const QStringList &channels)
{
    static const QStringList known
        = { kOrderbook, QLatin1String(channel::Ticker), QLatin1String(channel::Trade), kLifecycle };
    if (!Codec::isValidMarketTicker(marketTicker)) {
        // Kalshi has no wildcards (§12.4): "KXNFLGAME*" would earn an error and no data.
        reportError(u"invalid_subscription"_s,
                    u"'%1' is not a Kalshi market ticker (upper-case letters, digits and '-'; no wildcards)"_s.arg(
                        marketTicker),
                    marketTicker);
        return;
    }
    for (const QString &name : channels) {
        if (!known.contains(name)) {
            reportError(u"unknown_channel"_s, u"unknown Kalshi channel '%1' (use %2)"_s.arg(name, known.join(u", "_s)),
                        marketTicker);
            continue;
        }
        QSet<QString> &markets = m_wanted[name];
        if (markets.contains(marketTicker))
            continue; // already wanted: nothing is sent twice
        markets.insert(marketTicker);
        m_wire[name].failed = false;
        scheduleSync();
    }
}

void KalshiService::scheduleSync()
{
    // Subscriptions made in one go (a discovered slate of games) leave as one command per channel, not one per
    // market: fewer commands against the venue's command rate limit (§12 code 27).
    if (m_syncScheduled)
        return;
    m_syncScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_syncScheduled = false;
        syncAllChannels();
    });
}

void KalshiService::unsubscribeMarket(const QString &marketTicker)
{
    for (auto it = m_wanted.begin(); it != m_wanted.end(); ++it) {
        if (it.value().remove(marketTicker)) {
            m_awaitingSnapshot.remove(marketTicker);
            scheduleSync();
        }
    }
    finishResyncIfDone(); // a book no longer wanted is not waited for
}

qint64 KalshiService::sendCommand(qint64 id, PendingCommand command, const QByteArray &frame)
{
    // Every command gets its own id (§4): replies are matched by it, so "always id 1" (§14.2) cannot work.
    m_commands.insert(id, std::move(command));
    connection()->sendText(frame);
    return id;
}

void KalshiService::syncAllChannels()
{
    for (auto it = m_wanted.cbegin(); it != m_wanted.cend(); ++it)
        syncChannel(it.key());
}

void KalshiService::syncChannel(const QString &channel)
{
    if (!m_socketOpen)
        return; // the next connection subscribes from m_wanted
    WireChannel &wire = m_wire[channel];
    if (wire.subscribeId >= 0 || wire.failed)
        return; // wait for the reply: the sid is needed to change the subscription
    const QSet<QString> wanted = m_wanted.value(channel);
    // The lifecycle channel takes no market filter (§6): its wanted set only filters what is passed on.
    const bool filtered = channel != kLifecycle;

    if (wire.sid < 0) {
        if (wanted.isEmpty())
            return;
        const QStringList markets = filtered ? sorted(wanted) : QStringList();
        const qint64 id = m_nextCommandId++;
        wire.subscribeId = sendCommand(id, { PendingCommand::Kind::Subscribe, channel, markets, -1 },
                                       Codec::subscribeFrame(id, { channel }, markets));
        wire.markets = filtered ? wanted : QSet<QString>();
        return;
    }
    if (wanted.isEmpty()) {
        const qint64 id = m_nextCommandId++;
        sendCommand(id, { PendingCommand::Kind::Unsubscribe, channel, {}, wire.sid },
                    Codec::unsubscribeFrame(id, { wire.sid }));
        m_wire.remove(channel);
        return;
    }
    if (!filtered)
        return;
    const QStringList added = sorted(wanted - wire.markets);
    const QStringList removed = sorted(wire.markets - wanted);
    if (!added.isEmpty()) {
        const qint64 id = m_nextCommandId++;
        sendCommand(id, { PendingCommand::Kind::AddMarkets, channel, added, wire.sid },
                    Codec::updateSubscriptionFrame(id, wire.sid, UpdateAction::AddMarkets, added));
    }
    if (!removed.isEmpty()) {
        const qint64 id = m_nextCommandId++;
        sendCommand(id, { PendingCommand::Kind::DeleteMarkets, channel, removed, wire.sid },
                    Codec::updateSubscriptionFrame(id, wire.sid, UpdateAction::DeleteMarkets, removed));
    }
    wire.markets = wanted;
}

QString KalshiService::channelOfSid(qint64 sid) const
{
    if (sid < 0)
        return {};
    for (auto it = m_wire.cbegin(); it != m_wire.cend(); ++it) {
        if (it->sid == sid)
            return it.key();
    }
    return {};
}

void KalshiService::onAck(const SubscriptionAck &ack)
{
    const auto found = m_commands.find(ack.requestId);
    if (found == m_commands.end())
        return; // an ok for a get_snapshot, or a reply from before a reconnect
    const PendingCommand command = *found;
    if (command.kind == PendingCommand::Kind::Subscribe) {
        // One `subscribed` per channel (§4.1); each subscribe here names one channel.
        m_commands.erase(found);
        WireChannel &wire = m_wire[command.channel];
        if (wire.subscribeId != ack.requestId)
            return;
        wire.subscribeId = -1;
        wire.sid = ack.subscriptionId;
        m_rateLimit.wentThrough();
        qCDebug(lcKalshi) << "subscribed" << command.channel << "sid" << wire.sid;
        syncChannel(command.channel); // markets asked for while the subscribe was in flight
        return;
    }
    // ok/unsubscribed replies may list one ack per market: the command is done with the first.
    m_commands.erase(found);
}

void KalshiService::onVenueError(const FeedError &error)
{
    if (error.code == u"sequence_gap"_s || error.code == u"book_resync_needed"_s) {
        const QString channel = channelOfSid(error.subscriptionId);
        if (channel != kOrderbook)
            return; // a lost trade or lifecycle message cannot be fetched again; the error says it was lost
        // A gap invalidates every book on the sid (the seq is per sid, §10); an inconsistent delta only its market.
        const QStringList markets
            = error.code == u"sequence_gap"_s ? sorted(m_wire.value(channel).markets) : QStringList { error.symbol };
        QStringList fresh;
        for (const QString &market : markets) {
            if (!m_awaitingSnapshot.contains(market))
                fresh << market;
        }
        if (fresh.isEmpty())
            return; // already being resynced
        ++m_resyncs;
        requestSnapshots(error.code == u"sequence_gap"_s
                             ? causedBy(FeedReason::Code::SequenceGap, QString::number(error.subscriptionId))
                             : causedBy(FeedReason::Code::InconsistentDelta, error.symbol),
                         fresh);
        return;
    }

    // A reply to one of our commands.
    if (const auto found = m_commands.find(error.requestId); found != m_commands.end()) {
        const PendingCommand command = *found;
        m_commands.erase(found);
        WireChannel &wire = m_wire[command.channel];
        switch (command.kind) {
        case PendingCommand::Kind::Subscribe:
            wire = WireChannel {};
            if (error.code == u"rate_limited"_s) {
                retryAfterRateLimit(command.channel); // refused for its rate, not its content
                return;
            }
            wire.failed = true;
            // A refused market is dropped so the rest of the channel can go on (§12: key off the tickers named).
            if (!error.symbol.isEmpty() && m_wanted[command.channel].remove(error.symbol)
                && !m_wanted[command.channel].isEmpty()) {
                wire.failed = false;
                syncChannel(command.channel);
            }
            return;
        case PendingCommand::Kind::AddMarkets:
            for (const QString &market : command.markets)
                wire.markets.remove(market);
            if (error.code == u"rate_limited"_s) {
                retryAfterRateLimit(command.channel); // the markets are still wanted: add them later
                return;
            }
            if (!error.symbol.isEmpty())
                m_wanted[command.channel].remove(error.symbol);
            return;
        case PendingCommand::Kind::GetSnapshot:
            // Servers from before get_snapshot (§4.3) refuse the action: take the next step at once.
            resubscribe(command.channel, causedBy(FeedReason::Code::SnapshotRefused));
            return;
        case PendingCommand::Kind::DeleteMarkets:
        case PendingCommand::Kind::Unsubscribe:
            return;
        }
    }

    if (error.code == u"subscription_lost"_s) {
        // Errors 10 and 25 end the subscription (§10 "terminal"): subscribe again; the codec forgot the sid.
        const QString channel = channelOfSid(error.subscriptionId);
        if (channel.isEmpty())
            return;
        ++m_resyncs;
        m_wire.remove(channel);
        if (channel == kOrderbook) {
            beginResync(sorted(m_wanted.value(channel)), ResyncStep::Resubscribe,
                        { FeedReason::Code::SubscriptionEnded, { QString::number(error.subscriptionId) } });
        }
        syncChannel(channel);
    }
}

// Code 27 (§11) says the venue refused a command for the rate of commands, not for what it asked, and it publishes no
// limit: the channel is synced again (what is wanted and not on the wire is asked for again) after a wait that
// doubles with each refusal in a row. The FeedError with the venue's words has been published already.
void KalshiService::retryAfterRateLimit(const QString &channel)
{
    const int waitMs = m_rateLimit.retryLater(channel, this, [this, channel] { syncChannel(channel); });
    if (waitMs >= 0)
        qCInfo(lcKalshi).noquote() << "rate limited:" << channel << "asked again in" << waitMs << "ms";
}

void KalshiService::requestSnapshots(const FeedReason &why, const QStringList &markets)
{
    const WireChannel wire = m_wire.value(kOrderbook);
    if (wire.sid < 0) {
        resubscribe(kOrderbook, why);
        return;
    }
    // The cheapest repair (§10): a fresh snapshot on the same sid, the subscription untouched.
    const qint64 id = m_nextCommandId++;
    sendCommand(id, { PendingCommand::Kind::GetSnapshot, kOrderbook, markets, wire.sid },
                Codec::updateSubscriptionFrame(id, wire.sid, UpdateAction::GetSnapshot, markets));
    FeedReason resyncing = why;
    resyncing.code = FeedReason::Code::ResyncingBooks;
    resyncing.number = markets.size();
    beginResync(markets, ResyncStep::Snapshot, resyncing);
}

void KalshiService::resubscribe(const QString &channel, const FeedReason &why)
{
    qCInfo(lcKalshi).noquote() << "resubscribing" << channel << "-" << englishText({ why.cause, why.args });
    const WireChannel wire = m_wire.value(channel);
    if (wire.sid >= 0) {
        const qint64 id = m_nextCommandId++;
        sendCommand(id, { PendingCommand::Kind::Unsubscribe, channel, {}, wire.sid },
                    Codec::unsubscribeFrame(id, { wire.sid }));
    }
    m_wire.remove(channel);
    FeedReason resubscribing = why;
    resubscribing.code = FeedReason::Code::ResubscribingBooks;
    if (channel == kOrderbook)
        beginResync(sorted(m_wanted.value(channel)), ResyncStep::Resubscribe, resubscribing);
    syncChannel(channel);
}

void KalshiService::beginResync(const QStringList &markets, ResyncStep step, const FeedReason &reason)
{
    for (const QString &market : markets)
        m_awaitingSnapshot.insert(market);
    if (m_awaitingSnapshot.isEmpty())
        return;
    m_resyncStep = step;
    m_resyncTimer->start();
    qCInfo(lcKalshi).noquote() << englishText(reason);
    connection()->setResyncing(true, reason);
    publishStatus();
}

void KalshiService::onSnapshot(const QString &market)
{
    if (m_awaitingSnapshot.remove(market))
        finishResyncIfDone();
}

void KalshiService::finishResyncIfDone()
{
    if (!m_awaitingSnapshot.isEmpty() || m_resyncStep == ResyncStep::None)
        return;
    m_resyncTimer->stop();
    m_resyncStep = ResyncStep::None;
    m_commands.removeIf([](const auto &entry) { return entry.value().kind == PendingCommand::Kind::GetSnapshot; });
    connection()->setResyncing(false);
    publishStatus();
}

void KalshiService::onResyncTimeout()
{
    if (m_awaitingSnapshot.isEmpty() || !m_socketOpen)
        return;
    // Escalate (§10): get_snapshot → resubscribe → reconnect.
    if (m_resyncStep == ResyncStep::Snapshot) {
        resubscribe(kOrderbook, causedBy(FeedReason::Code::SnapshotMissing));
        return;
    }
    m_awaitingSnapshot.clear();
    m_resyncStep = ResyncStep::None;
    connection()->reconnect({ FeedReason::Code::BooksDidNotResync });
}

} // namespace tapescope::kalshi
