#include "NflTicker.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

bool isUpperLetters(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

bool isDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

// "25SEP04" → 2025-09-04. The date part is fixed width by the grammar: YY MMM DD.
QDate parseGameDate(QStringView text)
{
    static constexpr QStringView kMonths[]
        = { u"JAN", u"FEB", u"MAR", u"APR", u"MAY", u"JUN", u"JUL", u"AUG", u"SEP", u"OCT", u"NOV", u"DEC" };
    if (text.size() != 7 || !isDigits(text.first(2)) || !isDigits(text.last(2)))
        return {};
    const QStringView month = text.mid(2, 3);
    for (int i = 0; i < 12; ++i) {
        if (month == kMonths[i])
            return QDate(2000 + text.first(2).toInt(), i + 1, text.last(2).toInt());
    }
    return {};
}

} // namespace

std::optional<NflEventTicker> NflEventTicker::parse(const QString &eventTicker, const QStringList &teamCodes)
{
    const QStringList parts = eventTicker.split(u'-');
    if (parts.size() != 2 || !isUpperLetters(parts[0]) || parts[1].size() < 7 + 4 || teamCodes.size() != 2)
        return std::nullopt;
    const QDate date = parseGameDate(QStringView(parts[1]).first(7));
    const QStringView matchup = QStringView(parts[1]).sliced(7);
    if (!date.isValid() || !isUpperLetters(matchup))
        return std::nullopt;
    const QString &first = teamCodes[0];
    const QString &second = teamCodes[1];
    if (first.size() < 2 || first.size() > 3 || second.size() < 2 || second.size() > 3 || first == second)
        return std::nullopt;
    NflEventTicker ticker { parts[0], eventTicker, date, {}, {} };
    // Reading order is away then home (§13.2); which market suffix comes first in the list does not matter.
    if (matchup == QString(first + second)) {
        ticker.away = first;
        ticker.home = second;
    } else if (matchup == QString(second + first)) {
        ticker.away = second;
        ticker.home = first;
    } else {
        return std::nullopt;
    }
    return ticker;
}

std::optional<NflMarketTicker> NflMarketTicker::parse(const QString &marketTicker)
{
    const qsizetype dash = marketTicker.lastIndexOf(u'-');
    if (dash <= 0 || marketTicker.indexOf(u'-') == dash)
        return std::nullopt; // a market ticker has at least series-event-team
    NflMarketTicker ticker { marketTicker.left(dash), marketTicker.mid(dash + 1) };
    if (!isUpperLetters(ticker.team))
        return std::nullopt;
    return ticker;
}

} // namespace tapescope::kalshi
