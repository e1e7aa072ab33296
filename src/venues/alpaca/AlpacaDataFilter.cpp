#include "AlpacaDataFilter.h"

#include "AlpacaCodec.h"

using namespace Qt::StringLiterals;

namespace tapescope::alpaca {

namespace {

// The channel a market event came from; Bars also stands for updatedBars (both give "1m" candles).
std::optional<Channel> channelOf(const MarketEvent &event)
{
    if (std::holds_alternative<Trade>(event))
        return Channel::Trades;
    if (std::holds_alternative<Bbo>(event))
        return Channel::Quotes;
    if (std::holds_alternative<BookSnapshot>(event) || std::holds_alternative<BookDelta>(event))
        return Channel::Orderbooks;
    if (std::holds_alternative<MarketStatus>(event))
        return Channel::Statuses;
    if (const auto *candle = std::get_if<Candle>(&event))
        return candle->interval == u"1d"_s ? Channel::DailyBars : Channel::Bars;
    return std::nullopt;
}

bool wants(const SubscriptionSet &wanted, Channel channel, const QString &symbol)
{
    const auto has = [&](Channel c) { return wanted.contains(c, symbol) || wanted.contains(c, u"*"_s); };
    return channel == Channel::Bars ? has(Channel::Bars) || has(Channel::UpdatedBars) : has(channel);
}

} // namespace

void DataFilter::keep(MarketEvent &&event, const SubscriptionSet &wanted, EventBatch &out)
{
    const std::optional<Channel> channel = channelOf(event);
    if (!channel) {
        out.push_back(std::move(event));
        return;
    }
    const QString symbol = eventSymbol(event);
    if (!wants(wanted, *channel, symbol))
        return;
    if (std::holds_alternative<BookSnapshot>(event))
        m_booksWithSnapshot.insert(symbol);
    else if (std::holds_alternative<BookDelta>(event) && !m_booksWithSnapshot.contains(symbol))
        return;
    const Bbo *quote = std::get_if<Bbo>(&event);
    const bool ladder = quote && m_oneLevelBooks;
    BookSnapshot inside = ladder ? oneLevelBook(*quote) : BookSnapshot {};
    out.push_back(std::move(event));
    if (ladder)
        out.push_back(std::move(inside));
}

} // namespace tapescope::alpaca
