#include "EventJson.h"

#include "JsonObjectWriter.h"

#include <string>

namespace tapescope {

namespace {

using detail::ObjectWriter;

void appendPair(QByteArray &out, const Decimal &price, const Decimal &size)
{
    out.append('[');
    ObjectWriter::appendDecimal(out, price);
    out.append(',');
    ObjectWriter::appendDecimal(out, size);
    out.append(']');
}

void appendLevels(QByteArray &out, const std::vector<Level> &levels)
{
    out.append('[');
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (i > 0)
            out.append(',');
        appendPair(out, levels[i].price, levels[i].size);
    }
    out.append(']');
}

void appendOptionalLevel(QByteArray &out, const std::optional<Level> &level)
{
    if (level)
        appendPair(out, level->price, level->size);
    else
        out.append("null");
}

void writeHeader(ObjectWriter &w, const QString &venue, const char *type, const QString &symbol)
{
    w.string("venue", venue);
    w.literal("type", type);
    w.string("symbol", symbol);
}

void write(QByteArray &out, const BookSnapshot &book)
{
    ObjectWriter w(out);
    writeHeader(w, book.venue, "book", book.symbol);
    w.integer("ts", book.ts);
    appendLevels(w.key("bids"), book.bids);
    appendLevels(w.key("asks"), book.asks);
    if (book.sequence >= 0)
        w.integer("seq", book.sequence);
}

void write(QByteArray &out, const BookDelta &delta)
{
    ObjectWriter w(out);
    writeHeader(w, delta.venue, "book_delta", delta.symbol);
    w.integer("ts", delta.ts);
    QByteArray &changes = w.key("changes");
    changes.append('[');
    for (std::size_t i = 0; i < delta.changes.size(); ++i) {
        const BookDelta::Change &change = delta.changes[i];
        if (i > 0)
            changes.append(',');
        changes.append(change.side == Side::Buy ? "[\"bid\"," : "[\"ask\",");
        ObjectWriter::appendDecimal(changes, change.price);
        changes.append(',');
        ObjectWriter::appendDecimal(changes, change.size);
        changes.append(']');
    }
    changes.append(']');
    if (delta.sequence >= 0)
        w.integer("seq", delta.sequence);
}

void write(QByteArray &out, const Bbo &bbo)
{
    ObjectWriter w(out);
    writeHeader(w, bbo.venue, "bbo", bbo.symbol);
    w.integer("ts", bbo.ts);
    appendOptionalLevel(w.key("bid"), bbo.bid);
    appendOptionalLevel(w.key("ask"), bbo.ask);
}

void write(QByteArray &out, const Trade &trade)
{
    ObjectWriter w(out);
    writeHeader(w, trade.venue, "trade", trade.symbol);
    w.integer("ts", trade.ts);
    w.decimal("price", trade.price);
    w.decimal("size", trade.size);
    // `side` is the venue's word; where the venue does not say who crossed the spread, the tick-rule estimate the
    // tape is coloured with is printed under its own name instead.
    w.literal(trade.aggressorKnown ? "side" : "side_estimate", trade.side == Side::Buy ? "buy" : "sell");
    if (!trade.id.isEmpty())
        w.string("id", trade.id);
}

void write(QByteArray &out, const Candle &candle)
{
    ObjectWriter w(out);
    writeHeader(w, candle.venue, "candle", candle.symbol);
    if (!candle.interval.isEmpty()) // FIML's candles do not say their length
        w.string("interval", candle.interval);
    w.integer("start", candle.start);
    if (candle.end)
        w.integer("end", *candle.end);
    w.decimal("open", candle.open);
    w.decimal("high", candle.high);
    w.decimal("low", candle.low);
    w.decimal("close", candle.close);
    w.decimal("volume", candle.volume);
    if (candle.trades)
        w.integer("trades", *candle.trades);
    w.decimal("vwap", candle.vwap);
}

void write(QByteArray &out, const Ticker &ticker)
{
    ObjectWriter w(out);
    writeHeader(w, ticker.venue, "ticker", ticker.symbol);
    if (ticker.ts != 0)
        w.integer("ts", ticker.ts);
    w.decimal("mid", ticker.mid);
    w.decimal("mark", ticker.mark);
    w.decimal("oracle", ticker.oracle);
    w.decimal("funding", ticker.funding);
    w.decimal("open_interest", ticker.openInterest);
    w.decimal("volume_24h", ticker.volume24h);
    w.decimal("prev_day_price", ticker.prevDayPrice);
    w.decimal("last", ticker.last);
    w.decimal("change", ticker.change);
    w.decimal("change_percent", ticker.changePercent);
    w.decimal("volume", ticker.volume);
    if (!ticker.provider.isEmpty())
        w.string("provider", ticker.provider);
    w.decimal("confidence", ticker.confidence);
}

void write(QByteArray &out, const SubscriptionAck &ack)
{
    ObjectWriter w(out);
    w.string("venue", ack.venue);
    w.literal("type", ack.subscribed ? "subscribed" : "unsubscribed");
    w.string("channel", ack.channel);
    if (!ack.symbol.isEmpty())
        w.string("symbol", ack.symbol);
    if (!ack.interval.isEmpty())
        w.string("interval", ack.interval);
}

void write(QByteArray &out, const FeedError &error)
{
    ObjectWriter w(out);
    w.literal("type", "error");
    w.string("venue", error.venue);
    w.string("code", error.code);
    w.string("message", error.message);
    if (!error.symbol.isEmpty())
        w.string("symbol", error.symbol);
}

void write(QByteArray &out, const Heartbeat &heartbeat)
{
    ObjectWriter w(out);
    w.literal("type", "heartbeat");
    w.string("venue", heartbeat.venue);
}

void write(QByteArray &out, const MarketStatus &status)
{
    static constexpr const char *kStates[]
        = { "unknown", "created", "open", "paused", "closed", "determined", "settled" };
    ObjectWriter w(out);
    writeHeader(w, status.venue, "market_status", status.symbol);
    if (status.ts != 0)
        w.integer("ts", status.ts);
    w.literal("state", kStates[static_cast<int>(status.state)]);
    if (!status.result.isEmpty())
        w.string("result", status.result);
    if (status.settlementValue)
        w.decimal("settlement_value", status.settlementValue);
}

} // namespace

QString marketStateName(MarketState state)
{
    switch (state) {
    case MarketState::Created:
        return QStringLiteral("created");
    case MarketState::Open:
        return QStringLiteral("open");
    case MarketState::Paused:
        return QStringLiteral("paused");
    case MarketState::Closed:
        return QStringLiteral("closed");
    case MarketState::Determined:
        return QStringLiteral("determined");
    case MarketState::Settled:
        return QStringLiteral("settled");
    case MarketState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

void appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = text.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (byte < 0x20) {
            out.append("\\u00").append(kHex[byte >> 4]).append(kHex[byte & 0xf]);
        } else {
            out.append(c); // UTF-8 continuation and lead bytes are >= 0x80 and pass through
        }
    }
    out.append('"');
}

QByteArray toNormalizedJson(const MarketEvent &event)
{
    QByteArray out;
    out.reserve(256);
    std::visit([&out](const auto &value) { write(out, value); }, event);
    return out;
}

QByteArray fatalJson(const QString &command, int exitCode, const QString &message)
{
    QByteArray out;
    {
        ObjectWriter w(out);
        w.literal("type", "fatal");
        w.string("command", command);
        w.integer("exit", exitCode);
        w.string("message", message);
    }
    return out;
}

QByteArray logJson(const char *level, const char *category, const QString &message)
{
    QByteArray out;
    {
        ObjectWriter w(out);
        w.literal("type", "log");
        w.string("level", QString::fromLatin1(level));
        w.string("category", QString::fromUtf8(category ? category : "default"));
        w.string("message", message);
    }
    return out;
}

QByteArray statusJson(const QString &venue, const QString &state, const QString &detail)
{
    QByteArray out;
    {
        ObjectWriter w(out); // closes the object when it goes out of scope
        w.literal("type", "status");
        w.string("venue", venue);
        w.string("state", state);
        w.string("detail", detail);
    }
    return out;
}

} // namespace tapescope
