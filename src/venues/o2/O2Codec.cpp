// Frame dispatch: tell PONG from JSON, find the `action` discriminator (docs/protocols/o2.md §2, §4.0), hand the frame
// to its decoder, and keep the frame's events only when all of it decoded.

#include "O2Parser.h"

#include "O2ChainNumber.h"

#include <algorithm>
#include <iterator>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

using detail::Action;
using detail::Problem;
namespace ondemand = simdjson::ondemand;

namespace {

std::string_view trimmedText(std::string_view text)
{
    const auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

// The value of `"key":"..."` found by scanning raw text. For frames too broken to parse (truncated), so
// the error can still say which market, and which kind of frame, it concerns. Best effort only.
std::string_view scanStringMember(std::string_view text, std::string_view quotedKey)
{
    const std::size_t keyAt = text.find(quotedKey);
    if (keyAt == std::string_view::npos)
        return {};
    std::size_t at = keyAt + quotedKey.size();
    const auto skipSpaces = [&] {
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
            ++at;
    };
    skipSpaces();
    if (at >= text.size() || text[at] != ':')
        return {};
    ++at;
    skipSpaces();
    if (at >= text.size() || text[at] != '"')
        return {};
    const std::size_t begin = ++at;
    while (at < text.size() && text[at] != '"' && text[at] != '\\' && at - begin < 130)
        ++at;
    if (at >= text.size() || text[at] != '"')
        return {};
    return text.substr(begin, at - begin);
}

} // namespace

detail::Action detail::actionFromName(std::string_view name)
{
    if (name == "subscribe_depth")
        return Action::DepthSnapshot;
    if (name == "subscribe_depth_update")
        return Action::DepthUpdate;
    // The TypeScript SDK also accepts the bare names `trades` and `nonce` (docs/protocols/o2.md §4.0).
    if (name == "subscribe_trades" || name == "trades")
        return Action::Trades;
    if (name == "error")
        return Action::Error;
    if (name == "subscribe_orders" || name == "subscribe_balances" || name == "subscribe_nonce" || name == "nonce")
        return Action::Account;
    return Action::Unknown;
}

void Codec::Parser::beginFrame()
{
    scratch.clear();
    actionName = {};
    failureMarket.clear();
    failureOutOfRange = false;
    failureDetail.clear();
    ordersBook.clear();
    viewBook.clear();
    topBook.clear();
    changesBook.clear();
    trades.clear();
}

int Codec::Parser::marketIndex(std::string_view wireId)
{
    if (lastIndex >= 0 && wireId == lastWireId)
        return lastIndex;
    const int index = markets.indexOfWireId(wireId);
    if (index >= 0) {
        lastWireId.assign(wireId);
        lastIndex = index;
    }
    return index;
}

std::optional<Decimal> Codec::Parser::scale(std::string_view text, int decimals, const char *field, int index)
{
    ChainNumberError why = ChainNumberError::None;
    auto value = chainToDecimal(text, decimals, &why);
    if (!value) {
        failureMarket = market(index).marketId;
        failureOutOfRange = why == ChainNumberError::OutOfRange;
        failureDetail = QLatin1String(field) + u' ' + detail::boundedText(text, 80)
            + (why == ChainNumberError::OutOfRange
                   ? u" cannot be represented exactly (beyond the 64-bit decimal range)"_s
                   : u" is not an unsigned integer"_s);
    }
    return value;
}

Problem Codec::Parser::load(std::string_view text, ondemand::document &document)
{
    if (const auto error = json.iterate(venuejson::paddedCopy(padded, text)).get(document))
        return simdjson::error_message(error);
    return nullptr;
}

Problem Codec::Parser::open(std::string_view text, ondemand::document &document, ondemand::object &object)
{
    if (const Problem problem = load(text, document))
        return problem;
    ondemand::json_type type;
    if (const auto error = document.type().get(type))
        return simdjson::error_message(error);
    if (type != ondemand::json_type::object)
        return "frame is not a JSON object";
    if (const auto error = document.get_object().get(object))
        return simdjson::error_message(error);
    return nullptr;
}

Problem Codec::Parser::decodeFrame(std::string_view frame)
{
    ondemand::document document;
    ondemand::object object;
    if (const Problem problem = open(frame, document, object))
        return problem;
    // The action is normally the first member, but payload keys mean different things per action
    // (`orders` is a book in subscribe_depth and a list of orders in subscribe_orders): find it first.
    bool hasAction = false;
    ondemand::value actionValue;
    const auto found = object.find_field_unordered("action").get(actionValue);
    if (found == simdjson::SUCCESS) {
        if (!detail::readRawString(actionValue, actionName))
            return "action is not a string";
        hasAction = true;
    } else if (found != simdjson::NO_SUCH_FIELD) {
        return simdjson::error_message(found);
    }
    document.rewind();
    if (document.get_object().get(object) != simdjson::SUCCESS)
        return "frame is not a JSON object";

    const Action action = hasAction ? detail::actionFromName(actionName) : Action::None;
    Problem problem = nullptr;
    switch (action) {
    case Action::DepthSnapshot:
    case Action::DepthUpdate:
        problem = decodeDepth(object, action, {}, false);
        break;
    case Action::Trades:
        problem = decodeTradesFrame(object);
        break;
    case Action::Error:
    case Action::None:
        problem = decodeErrorFrame(object, hasAction);
        break;
    case Action::Account:
    case Action::Unknown:
        problem = detail::forEachMember(object, [](auto, ondemand::value value) { return detail::skipValue(value); });
        if (!problem)
            ++(action == Action::Account ? stats.accountFrames : stats.unknownActions);
        break;
    }
    if (problem)
        return problem;
    if (venuejson::hasTrailingContent(document))
        return "trailing content after the JSON object";
    return nullptr;
}

Problem Codec::Parser::decodeDepthBody(std::string_view body, std::string_view fallbackMarket)
{
    ondemand::document document;
    ondemand::object object;
    if (const Problem problem = open(body, document, object))
        return problem;
    actionName = "depth";
    return decodeDepth(object, Action::DepthSnapshot, fallbackMarket, true);
}

void Codec::Parser::noteUnparsedDepthFrame(std::string_view text)
{
    const std::string_view marketId = scanStringMember(text, "\"market_id\"");
    if (marketId.empty())
        return;
    const int index = marketIndex(marketId);
    failureMarket = index >= 0 ? market(index).marketId : normaliseId(detail::toQString(marketId));
    const std::string_view action = actionName.empty() ? scanStringMember(text, "\"action\"") : actionName;
    if (index >= 0 && action.starts_with("subscribe_depth"))
        bookLive[static_cast<std::size_t>(index)] = 0;
}

Codec::Codec()
    : m_parser(std::make_unique<Parser>(m_stats))
{
    m_parser->scratch.reserve(64);
}

Codec::~Codec() = default;

void Codec::setMarkets(MarketTable markets)
{
    Parser &parser = *m_parser;
    std::vector<std::uint8_t> bookLive(markets.markets().size(), 0);
    std::vector<Parser::LastTick> lastTicks(markets.markets().size());
    for (std::size_t i = 0; i < markets.markets().size(); ++i) {
        const Market &market = markets.markets()[i];
        const int old = parser.markets.indexOfWireId(market.marketId.toStdString());
        if (old < 0)
            continue;
        const Market &previous = parser.market(old);
        // A book scaled with other decimals cannot take these deltas.
        if (previous.base.decimals == market.base.decimals && previous.quote.decimals == market.quote.decimals) {
            bookLive[i] = parser.bookLive[static_cast<std::size_t>(old)];
            lastTicks[i] = parser.lastTicks[static_cast<std::size_t>(old)];
        }
    }
    parser.markets = std::move(markets);
    parser.bookLive = std::move(bookLive);
    parser.lastTicks = std::move(lastTicks);
    parser.lastIndex = -1;
    parser.lastWireId.clear();
}

const MarketTable &Codec::markets() const
{
    return m_parser->markets;
}

bool Codec::hasBook(const QString &marketId) const
{
    const int index = m_parser->markets.indexOfWireId(marketId.toStdString());
    return index >= 0 && m_parser->bookLive[static_cast<std::size_t>(index)] != 0;
}

void Codec::forgetBook(const QString &marketId)
{
    const int index = m_parser->markets.indexOfWireId(marketId.toStdString());
    if (index >= 0)
        m_parser->bookLive[static_cast<std::size_t>(index)] = 0;
}

void Codec::reset()
{
    std::fill(m_parser->bookLive.begin(), m_parser->bookLive.end(), std::uint8_t { 0 });
    std::fill(m_parser->lastTicks.begin(), m_parser->lastTicks.end(), Parser::LastTick {});
}

void Codec::decode(std::string_view frame, EventBatch &out)
{
    ++m_stats.frames;
    m_parser->beginFrame();
    const std::string_view text = trimmedText(frame);
    // The heartbeat reply is plain text, not JSON (docs/protocols/o2.md §2.1).
    if (text == "PONG") {
        ++m_stats.heartbeats;
        out.emplace_back(Heartbeat { m_parser->venue });
        return;
    }
    Problem problem = nullptr;
    if (text.empty())
        problem = "empty frame";
    else if (text.front() != '{' && text.front() != '[')
        problem = "not JSON";
    else
        problem = m_parser->decodeFrame(frame);
    if (problem && m_parser->failureMarket.isEmpty())
        m_parser->noteUnparsedDepthFrame(text);
    finish(problem, out, frame);
}

void Codec::decodeDepthBody(std::string_view body, const QString &marketId, EventBatch &out)
{
    ++m_stats.frames;
    m_parser->beginFrame();
    const std::string fallback = marketId.toStdString();
    finish(m_parser->decodeDepthBody(body, fallback), out, body);
}

void Codec::decodeTradesBody(std::string_view body, const QString &marketId, EventBatch &out)
{
    ++m_stats.frames;
    m_parser->beginFrame();
    const std::string fallback = marketId.toStdString();
    finish(m_parser->decodeTradesBody(body, fallback), out, body);
}

void Codec::finish(const char *problem, EventBatch &out, std::string_view frame)
{
    Parser &parser = *m_parser;
    if (!problem) {
        out.insert(out.end(), std::make_move_iterator(parser.scratch.begin()),
                   std::make_move_iterator(parser.scratch.end()));
        parser.scratch.clear();
        return;
    }
    parser.scratch.clear();
    const bool outOfRange = parser.failureOutOfRange;
    ++(outOfRange ? m_stats.outOfRange : m_stats.malformed);
    QString message = (parser.actionName.empty() ? u"frame"_s : detail::boundedText(parser.actionName, 40)) + u": "_s
        + QLatin1String(problem);
    if (!parser.failureDetail.isEmpty())
        message += u": "_s + parser.failureDetail;
    message += u" (frame: "_s + detail::boundedText(frame, 60) + u')';
    // The codec does not log: the service owns the logging category and reports FeedErrors.
    FeedError error { parser.venue, outOfRange ? u"number_out_of_range"_s : u"malformed"_s, message };
    error.symbol = parser.failureMarket;
    out.emplace_back(std::move(error));
}

} // namespace tapescope::o2
