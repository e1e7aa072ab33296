// Frame dispatch: a frame is a JSON array of messages (docs/protocols/alpaca.md §5.1); each message is switched on its
// `T` and handed to its decoder. The frame's events are kept only when every message decoded.

#include "AlpacaCodec.h"
#include "AlpacaDecoders.h"

#include <iterator>

using namespace Qt::StringLiterals;

namespace tapescope::alpaca {

using detail::Problem;
namespace ondemand = simdjson::ondemand;

namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;

// Reads every member so a message we only count is still checked for shape.
Problem skipMessage(ondemand::object &message)
{
    return detail::forEachMember(message, [](auto, ondemand::value) -> Problem { return nullptr; });
}

void addCounts(CodecStats &total, const CodecStats &frame)
{
    total.unknownTypes += frame.unknownTypes;
    total.statusNotices += frame.statusNotices;
    total.lulds += frame.lulds;
    total.corrections += frame.corrections;
    total.cancelErrors += frame.cancelErrors;
    total.imbalances += frame.imbalances;
    total.news += frame.news;
}

} // namespace

struct Codec::Parser
{
    ondemand::parser json;
    // Reused input copy with SIMDJSON_PADDING readable bytes after the frame: no per-frame allocation.
    std::vector<char> padded;
    EventBatch scratch;
    std::vector<SessionMessage> session;
    CodecStats counts;
    const QString venue = Codec::venue();
    const QString minute = u"1m"_s;
    const QString day = u"1d"_s;

    Problem decodeFrame(std::string_view frame);
    Problem decodeMessage(ondemand::value element);
};

Problem Codec::Parser::decodeMessage(ondemand::value element)
{
    ondemand::object message;
    if (element.get_object().get(message) != simdjson::SUCCESS)
        return "message is not an object";
    std::string_view type;
    ondemand::value typeValue;
    if (message.find_field_unordered("T").get(typeValue) != simdjson::SUCCESS)
        return "message has no T";
    if (!detail::readString(typeValue, type))
        return "message T is not a string";
    if (message.reset().error() != simdjson::SUCCESS)
        return "message cannot be re-read";

    detail::DecodeContext context { venue, scratch, session, counts };
    if (type.size() == 1) {
        switch (type.front()) {
        case 't':
            return detail::decodeTrade(message, context);
        case 'q':
            return detail::decodeQuote(message, context);
        case 'b':
        case 'u': // an updated bar carries the start of the minute bar it replaces (docs/protocols/alpaca.md §5.3)
            return detail::decodeBar(message, minute, kMinuteMs, context);
        case 'd':
            return detail::decodeBar(message, day, kDayMs, context);
        case 'o':
            return detail::decodeOrderbook(message, context);
        case 's':
            return detail::decodeStatus(message, context);
        case 'l':
            ++counts.lulds;
            return skipMessage(message);
        case 'c':
            ++counts.corrections;
            return skipMessage(message);
        case 'x':
            ++counts.cancelErrors;
            return skipMessage(message);
        case 'i':
            ++counts.imbalances;
            return skipMessage(message);
        case 'n':
            ++counts.news;
            return skipMessage(message);
        default:
            break;
        }
    } else if (type == "subscription") {
        return detail::decodeSubscription(message, context);
    } else if (type == "error") {
        return detail::decodeError(message, context);
    } else if (type == "success") {
        return detail::decodeSuccess(message, context);
    }
    ++counts.unknownTypes; // skipped, as the SDKs do (docs/protocols/alpaca.md §5.1)
    return skipMessage(message);
}

Problem Codec::Parser::decodeFrame(std::string_view frame)
{
    ondemand::document document;
    if (const auto error = json.iterate(venuejson::paddedCopy(padded, frame)).get(document))
        return simdjson::error_message(error);
    ondemand::array messages;
    if (document.get_array().get(messages) != simdjson::SUCCESS)
        return "frame is not a JSON array of messages";
    for (auto elementResult : messages) {
        ondemand::value element;
        if (const auto error = std::move(elementResult).get(element))
            return simdjson::error_message(error);
        if (const Problem problem = decodeMessage(element))
            return problem;
    }
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON array";
    return nullptr;
}

Codec::Codec()
    : m_parser(std::make_unique<Parser>())
{
    m_parser->scratch.reserve(64);
}

Codec::~Codec() = default;

QString Codec::venue()
{
    return u"alpaca"_s;
}

void Codec::reset()
{
    m_lastTicks.clear();
}

DecodeResult Codec::decode(std::string_view frame, EventBatch &out)
{
    ++m_stats.frames;
    Parser &parser = *m_parser;
    parser.scratch.clear();
    parser.session.clear();
    parser.counts = {};
    DecodeResult result;
    const Problem problem = frame.empty() ? "empty frame" : parser.decodeFrame(frame);
    if (problem) {
        ++m_stats.malformed;
        parser.scratch.clear();
        parser.session.clear();
        // The codec does not log: the service owns the logging category and reports FeedErrors.
        out.emplace_back(FeedError { parser.venue, u"malformed"_s,
                                     QLatin1String(problem) + u" (frame: "_s + detail::boundedText(frame, 60) + u')' });
        return result;
    }
    addCounts(m_stats, parser.counts);
    inferStockTradeSides(parser.scratch);
    out.insert(out.end(), std::make_move_iterator(parser.scratch.begin()),
               std::make_move_iterator(parser.scratch.end()));
    parser.scratch.clear();
    result.session = std::move(parser.session);
    parser.session.clear();
    return result;
}

void Codec::inferStockTradeSides(EventBatch &events)
{
    // Tick rule: a trade above the symbol's previous trade price was most likely bought, below it sold,
    // at the same price it keeps the previous side. The first trade of a symbol counts as a buy.
    for (MarketEvent &event : events) {
        auto *trade = std::get_if<Trade>(&event);
        if (!trade || trade->aggressorKnown)
            continue;
        auto it = m_lastTicks.find(trade->symbol);
        if (it == m_lastTicks.end()) {
            trade->side = Side::Buy;
            m_lastTicks.insert(trade->symbol, LastTick { trade->price, trade->side });
            continue;
        }
        if (trade->price > it->price)
            trade->side = Side::Buy;
        else if (trade->price < it->price)
            trade->side = Side::Sell;
        else
            trade->side = it->side;
        *it = LastTick { trade->price, trade->side };
    }
}

BookSnapshot oneLevelBook(const Bbo &quote)
{
    BookSnapshot book;
    book.venue = quote.venue;
    book.symbol = quote.symbol;
    book.ts = quote.ts;
    if (quote.bid)
        book.bids.push_back(*quote.bid);
    if (quote.ask)
        book.asks.push_back(*quote.ask);
    return book;
}

} // namespace tapescope::alpaca
