#include "O2TestSupport.h"
#include "support/FixtureLines.h"

#include <QtCore/QFile>

using namespace Qt::StringLiterals;

namespace tapescope::o2test {

QList<QByteArray> fixtureLines(const char *file)
{
    return test::fixtureLines(QStringLiteral("o2/") + QString::fromUtf8(file));
}

o2::Market makeMarket(const QString &marketId, const QString &base, int baseDecimals, const QString &quote,
                      int quoteDecimals)
{
    o2::Market market;
    market.marketId = o2::normaliseId(marketId);
    market.contractId = o2::normaliseId(u"0xc0"_s + market.marketId.mid(2));
    market.base = o2::MarketAsset { base, u"0x01"_s, baseDecimals, baseDecimals };
    market.quote = o2::MarketAsset { quote, u"0x02"_s, quoteDecimals, quoteDecimals };
    return market;
}

o2::MarketTable fixtureMarkets()
{
    return o2::MarketTable({
        makeMarket(u"0xabc"_s, u"FUEL"_s, 1, u"USDC"_s, 2),
        makeMarket(u"0xabcd"_s, u"ETH"_s, 0, u"USDC"_s, 0),
        makeMarket(u"0xaaaa"_s, u"BTC"_s, 9, u"USDC"_s, 9),
        makeMarket(u"market1"_s, u"fFUEL"_s, 3, u"fUSDC"_s, 6),
    });
}

namespace {

QString levels(const std::vector<Level> &side)
{
    QStringList parts;
    for (const Level &level : side)
        parts << level.price.toString() + u'/' + level.size.toString();
    return u'[' + parts.join(u',') + u']';
}

QString sideText(Side side)
{
    return side == Side::Buy ? u"B"_s : u"S"_s;
}

} // namespace

QString eventText(const MarketEvent &event)
{
    if (const auto *book = std::get_if<BookSnapshot>(&event))
        return u"book symbol=%1 ts=%2 bids=%3 asks=%4"_s.arg(book->symbol, QString::number(book->ts),
                                                             levels(book->bids), levels(book->asks));
    if (const auto *delta = std::get_if<BookDelta>(&event)) {
        QStringList parts;
        for (const auto &change : delta->changes)
            parts << sideText(change.side) + u' ' + change.price.toString() + u'/' + change.size.toString();
        return u"delta symbol=%1 ts=%2 changes=[%3]"_s.arg(delta->symbol, QString::number(delta->ts), parts.join(u','));
    }
    if (const auto *trade = std::get_if<Trade>(&event))
        return u"trade symbol=%1 ts=%2 px=%3 sz=%4 side=%5 known=%6 id=%7"_s.arg(
            trade->symbol, QString::number(trade->ts), trade->price.toString(), trade->size.toString(),
            sideText(trade->side), QString::number(trade->aggressorKnown ? 1 : 0), trade->id);
    if (const auto *error = std::get_if<FeedError>(&event))
        return u"error code=%1 symbol=%2 message=%3"_s.arg(error->code, error->symbol, error->message);
    if (std::holds_alternative<Heartbeat>(event))
        return u"heartbeat"_s;
    return u"unexpected event"_s;
}

QStringList eventTexts(const EventBatch &events)
{
    QStringList texts;
    for (const MarketEvent &event : events)
        texts << eventText(event);
    return texts;
}

QStringList decodeText(o2::Codec &codec, const QByteArray &frame)
{
    EventBatch events;
    codec.decode(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())), events);
    return eventTexts(events);
}

} // namespace tapescope::o2test
