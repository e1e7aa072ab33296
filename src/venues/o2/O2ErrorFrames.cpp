// Error frames: {"action":"error", ..., "resync_required":true} (docs/protocols/o2.md §4.7) and, since the frame that
// carries the subscription errors 6000-6002 is undocumented, any frame with `code`/`message` but no
// action (docs/protocols/o2.md §2.2, §10).

#include "O2Parser.h"
#include "O2Rest.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace tapescope::o2 {

using detail::Problem;
namespace ondemand = simdjson::ondemand;

Problem Codec::Parser::decodeErrorFrame(ondemand::object &object, bool hasAction)
{
    std::string_view marketId;
    std::string_view message;
    std::string_view reason;
    std::int64_t code = -1;
    bool turbo = false;
    bool resyncRequired = false;
    bool haveCodeOrMessage = false;
    const Problem problem = detail::forEachMember(object, [&](auto key, ondemand::value field) -> Problem {
        if (key == "market_id")
            return detail::readString(field, marketId) ? nullptr : "market_id is not a string";
        if (key == "turbo")
            return detail::readBool(field, turbo) ? nullptr : "turbo is not a boolean";
        if (key == "resync_required")
            return detail::readBool(field, resyncRequired) ? nullptr : "resync_required is not a boolean";
        if (key == "code") {
            haveCodeOrMessage = true;
            return field.get_int64().get(code) == simdjson::SUCCESS && code >= 0
                    && code <= std::numeric_limits<int>::max()
                ? nullptr
                : "code is not an integer";
        }
        if (key == "message") {
            haveCodeOrMessage = true;
            return detail::readString(field, message) ? nullptr : "message is not a string";
        }
        if (key == "reason")
            return detail::readString(field, reason) ? nullptr : "reason is not a string";
        return detail::skipValue(field);
    });
    if (problem)
        return problem;
    if (!hasAction && !haveCodeOrMessage)
        return "frame has no action";

    const QString marketKey = marketId.empty() ? QString() : normaliseId(detail::toQString(marketId));
    const QString venueSuffix = turbo ? u" (Turbo venue)"_s : QString();
    if (resyncRequired) {
        // The depth stream is invalid: the book waits for a new snapshot, which the service gets by
        // resubscribing (docs/protocols/o2.md §4.7). Without a market id no book can be trusted.
        ++stats.resyncRequests;
        const int index = marketId.empty() ? -1 : marketIndex(marketId);
        if (index >= 0)
            bookLive[static_cast<std::size_t>(index)] = 0;
        else if (marketId.empty())
            std::fill(bookLive.begin(), bookLive.end(), std::uint8_t { 0 });
        const QString what = index >= 0 ? market(index).pair() + u" ("_s + marketKey + u')'
            : marketKey.isEmpty()       ? u"every market"_s
                                        : marketKey;
        FeedError error { venue, u"resync_required"_s,
                          u"venue asks to rebuild the depth book of "_s + what + venueSuffix };
        error.symbol = marketKey;
        scratch.emplace_back(std::move(error));
        return nullptr;
    }
    const VenueError venueError { static_cast<int>(std::max<std::int64_t>(code, 0)), detail::toQString(message),
                                  detail::toQString(reason) };
    QString text;
    if (code >= 0)
        text
            = u"code "_s + QString::number(code) + (venueError.name().isEmpty() ? QString() : u' ' + venueError.name());
    if (!message.empty())
        text += (text.isEmpty() ? QString() : u": "_s) + detail::boundedText(message);
    if (!reason.empty())
        text += u" ("_s + detail::boundedText(reason) + u')';
    if (text.isEmpty())
        text = u"venue reported an error without details"_s;
    FeedError error { venue, code >= 0 ? venueError.token() : u"venue_error"_s, text + venueSuffix };
    error.symbol = marketKey;
    scratch.emplace_back(std::move(error));
    return nullptr;
}

} // namespace tapescope::o2
