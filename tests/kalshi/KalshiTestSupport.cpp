#include "KalshiTestSupport.h"
#include "support/FixtureLines.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace tapescope::test {

namespace {

QString text(const std::optional<Decimal> &value)
{
    return value ? value->toString() : u"-"_s;
}

QString levelText(const std::optional<Level> &level)
{
    return level ? level->price.toString() + u'/' + level->size.toString() : u"-"_s;
}

QString ladderText(const std::vector<Level> &levels)
{
    return QString::number(levels.size()) + u':' + (levels.empty() ? u"-"_s : levelText(levels.front()));
}

QString stateName(MarketState state)
{
    static const QString kNames[]
        = { u"unknown"_s, u"created"_s, u"open"_s, u"paused"_s, u"closed"_s, u"determined"_s, u"settled"_s };
    return kNames[static_cast<int>(state)];
}

struct Renderer
{
    QString operator()(const BookSnapshot &book) const
    {
        return u"book %1 seq=%2 ts=%3 bids=%4 asks=%5"_s.arg(book.symbol)
            .arg(book.sequence)
            .arg(book.ts)
            .arg(ladderText(book.bids), ladderText(book.asks));
    }
    QString operator()(const BookDelta &delta) const
    {
        QStringList changes;
        for (const BookDelta::Change &change : delta.changes)
            changes << (change.side == Side::Buy ? u"bid "_s : u"ask "_s) + change.price.toString() + u'/'
                    + change.size.toString();
        return u"delta %1 seq=%2 ts=%3 %4"_s.arg(delta.symbol)
            .arg(delta.sequence)
            .arg(delta.ts)
            .arg(changes.join(u", "_s));
    }
    QString operator()(const Bbo &bbo) const
    {
        return u"bbo %1 ts=%2 bid=%3 ask=%4"_s.arg(bbo.symbol).arg(bbo.ts).arg(levelText(bbo.bid), levelText(bbo.ask));
    }
    QString operator()(const Trade &trade) const
    {
        return u"trade %1 ts=%2 %3 %4/%5 id=%6"_s.arg(trade.symbol)
            .arg(trade.ts)
            .arg(trade.side == Side::Buy ? u"buy"_s : u"sell"_s, trade.price.toString(), trade.size.toString(),
                 trade.id);
    }
    QString operator()(const Candle &candle) const { return u"candle "_s + candle.symbol; }
    QString operator()(const Ticker &ticker) const
    {
        return u"ticker %1 ts=%2 mid=%3 last=%4 oi=%5"_s.arg(ticker.symbol)
            .arg(ticker.ts)
            .arg(text(ticker.mid), text(ticker.last), text(ticker.openInterest));
    }
    QString operator()(const SubscriptionAck &ack) const
    {
        return u"ack %1 channel=%2 symbol=%3 id=%4 sid=%5"_s
            .arg(ack.subscribed ? u"subscribed"_s : u"unsubscribed"_s, ack.channel, ack.symbol)
            .arg(ack.requestId)
            .arg(ack.subscriptionId);
    }
    QString operator()(const FeedError &error) const
    {
        // The message is checked where it matters; here only the machine-readable fields.
        return u"error %1 symbol=%2 id=%3 sid=%4 expected=%5 got=%6"_s.arg(error.code, error.symbol)
            .arg(error.requestId)
            .arg(error.subscriptionId)
            .arg(error.expectedSequence)
            .arg(error.receivedSequence);
    }
    QString operator()(const Heartbeat &) const { return u"heartbeat"_s; }
    QString operator()(const MarketStatus &status) const
    {
        return u"status %1 ts=%2 state=%3 result=%4 settle=%5"_s.arg(status.symbol)
            .arg(status.ts)
            .arg(stateName(status.state), status.result, text(status.settlementValue));
    }
};

} // namespace

QByteArray kalshiFixture(const QString &relativePath)
{
    return test::fixtureFile(u"kalshi/"_s + relativePath);
}

QByteArray kalshiFixtureLine(const QString &file, int lineNumber)
{
    const QList<QByteArray> lines = kalshiFixture(file).split('\n');
    if (lineNumber < 1 || lineNumber > lines.size())
        qFatal("fixture %s has no line %d", qPrintable(file), lineNumber);
    return lines.at(lineNumber - 1);
}

int kalshiFixtureLineCount(const QString &file)
{
    QByteArray content = kalshiFixture(file);
    if (content.endsWith('\n'))
        content.chop(1);
    return static_cast<int>(content.split('\n').size());
}

QString kalshiEventText(const MarketEvent &event)
{
    return std::visit(Renderer {}, event);
}

QStringList kalshiEventTexts(const EventBatch &events)
{
    QStringList texts;
    for (const MarketEvent &event : events)
        texts << kalshiEventText(event);
    return texts;
}

} // namespace tapescope::test
