#include "O2Frames.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>

#include <map>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2::frames {

namespace {

using Levels = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

QJsonObject level(std::uint64_t price, std::uint64_t quantity)
{
    return { { u"price"_s, QString::number(price) }, { u"quantity"_s, QString::number(quantity) } };
}

QJsonArray levels(const Levels &side)
{
    QJsonArray list;
    for (const auto &[price, quantity] : side)
        list.append(level(price, quantity));
    return list;
}

// Levels whose quantity changed, appeared (new quantity) or vanished (quantity 0).
QJsonArray changes(const Levels &before, const Levels &after)
{
    const std::map<std::uint64_t, std::uint64_t> old(before.begin(), before.end());
    const std::map<std::uint64_t, std::uint64_t> now(after.begin(), after.end());
    QJsonArray list;
    for (const auto &[price, quantity] : now) {
        const auto it = old.find(price);
        if (it == old.end() || it->second != quantity)
            list.append(level(price, quantity));
    }
    for (const auto &[price, quantity] : old) {
        Q_UNUSED(quantity);
        if (!now.contains(price))
            list.append(level(price, 0));
    }
    return list;
}

} // namespace

QByteArray depthSnapshot(const QString &marketId, const DepthView &book, qint64 nowMs)
{
    const QString time = QString::number(nowMs);
    return compactJson(
        { { u"action"_s, u"subscribe_depth"_s },
          { u"market_id"_s, marketId },
          { u"orders"_s, QJsonObject { { u"buys"_s, levels(book.bids) }, { u"sells"_s, levels(book.asks) } } },
          { u"onchain_timestamp"_s, time },
          { u"seen_timestamp"_s, time } });
}

QByteArray depthUpdate(const QString &marketId, const DepthView &before, const DepthView &after, qint64 nowMs)
{
    const QJsonArray buys = changes(before.bids, after.bids);
    const QJsonArray sells = changes(before.asks, after.asks);
    if (buys.isEmpty() && sells.isEmpty())
        return QByteArray();
    const QString time = QString::number(nowMs);
    return compactJson({ { u"action"_s, u"subscribe_depth_update"_s },
                         { u"market_id"_s, marketId },
                         { u"changes"_s, QJsonObject { { u"buys"_s, buys }, { u"sells"_s, sells } } },
                         { u"onchain_timestamp"_s, time },
                         { u"seen_timestamp"_s, time } });
}

QByteArray trades(const QString &marketId, const std::vector<SimulatedTrade> &prints, qint64 nowMs)
{
    QJsonArray list;
    for (const SimulatedTrade &print : prints) {
        list.append(QJsonObject { { u"trade_id"_s, QString::number(print.id) },
                                  // The maker rested on the other side of the aggressor.
                                  { u"side"_s, print.takerBuys ? u"sell"_s : u"buy"_s },
                                  { u"price"_s, QString::number(print.price) },
                                  { u"quantity"_s, QString::number(print.quantity) },
                                  { u"total"_s, QString::number(print.total) },
                                  { u"timestamp"_s, QString::number(print.timestampMs) },
                                  { u"market_id"_s, marketId } });
    }
    const QString time = QString::number(nowMs);
    return compactJson({ { u"action"_s, u"subscribe_trades"_s },
                         { u"market_id"_s, marketId },
                         { u"trades"_s, list },
                         { u"onchain_timestamp"_s, time },
                         { u"seen_timestamp"_s, time } });
}

QByteArray resyncRequired(const QString &marketId)
{
    const QString shouted = u"0X"_s + marketId.mid(marketId.startsWith(u"0x"_s) ? 2 : 0).toUpper();
    return compactJson({ { u"action"_s, u"error"_s }, { u"market_id"_s, shouted }, { u"resync_required"_s, true } });
}

QByteArray error(int code, const QString &message)
{
    return compactJson({ { u"code"_s, code }, { u"message"_s, message } });
}

} // namespace tapescope::emulator::o2::frames
