#include "EventText.h"

using namespace Qt::StringLiterals;

namespace tapescope::test {

namespace {

QString text(const std::optional<Decimal> &value)
{
    return value ? value->toString() : u"-"_s;
}

QString levelText(const Level &level)
{
    return level.price.toString() + u'/' + level.size.toString() + u'/' + QString::number(level.orders);
}

QString levelsText(const std::vector<Level> &levels)
{
    QStringList parts;
    for (const Level &level : levels)
        parts << levelText(level);
    return u'[' + parts.join(u',') + u']';
}

QString flag(bool value)
{
    return value ? u"1"_s : u"0"_s;
}

struct Renderer
{
    QString operator()(const BookSnapshot &book) const
    {
        return u"book symbol=%1 ts=%2 bids=%3 asks=%4"_s.arg(book.symbol)
            .arg(book.ts)
            .arg(levelsText(book.bids), levelsText(book.asks));
    }
    QString operator()(const BookDelta &delta) const
    {
        return u"delta symbol=%1 ts=%2 changes=%3"_s.arg(delta.symbol).arg(delta.ts).arg(delta.changes.size());
    }
    QString operator()(const Bbo &bbo) const
    {
        return u"bbo symbol=%1 ts=%2 bid=%3 ask=%4"_s.arg(bbo.symbol)
            .arg(bbo.ts)
            .arg(bbo.bid ? levelText(*bbo.bid) : u"-"_s, bbo.ask ? levelText(*bbo.ask) : u"-"_s);
    }
    QString operator()(const Trade &trade) const
    {
        return u"trade symbol=%1 ts=%2 side=%3 px=%4 sz=%5 id=%6"_s.arg(trade.symbol)
            .arg(trade.ts)
            .arg(trade.side == Side::Buy ? u"buy"_s : u"sell"_s, trade.price.toString(), trade.size.toString(),
                 trade.id);
    }
    QString operator()(const Candle &candle) const
    {
        return u"candle symbol=%1 interval=%2 start=%3 end=%4 o=%5 h=%6 l=%7 c=%8 v=%9 n=%10"_s
            .arg(candle.symbol, candle.interval)
            .arg(candle.start)
            .arg(candle.end ? QString::number(*candle.end) : u"-"_s)
            .arg(candle.open.toString(), candle.high.toString(), candle.low.toString(), candle.close.toString(),
                 candle.volume.toString())
            .arg(candle.trades ? QString::number(*candle.trades) : u"-"_s);
    }
    QString operator()(const Ticker &ticker) const
    {
        return u"ticker symbol=%1 ts=%2 mid=%3 mark=%4 oracle=%5 funding=%6 oi=%7 vol=%8 prev=%9"_s.arg(ticker.symbol)
            .arg(ticker.ts)
            .arg(text(ticker.mid), text(ticker.mark), text(ticker.oracle), text(ticker.funding),
                 text(ticker.openInterest), text(ticker.volume24h), text(ticker.prevDayPrice));
    }
    QString operator()(const SubscriptionAck &ack) const
    {
        return u"ack channel=%1 symbol=%2 interval=%3 subscribed=%4 already=%5"_s.arg(
            ack.channel, ack.symbol, ack.interval, flag(ack.subscribed), flag(ack.alreadySubscribed));
    }
    QString operator()(const FeedError &error) const
    {
        return u"error code=%1 message=%2"_s.arg(error.code, error.message);
    }
    QString operator()(const Heartbeat &) const { return u"heartbeat"_s; }
    QString operator()(const MarketStatus &status) const
    {
        return u"status symbol=%1 state=%2"_s.arg(status.symbol).arg(static_cast<int>(status.state));
    }
};

} // namespace

QString eventText(const MarketEvent &event)
{
    return std::visit(Renderer {}, event);
}

QStringList eventTexts(const EventBatch &events)
{
    QStringList texts;
    for (const MarketEvent &event : events)
        texts << eventText(event);
    return texts;
}

} // namespace tapescope::test
