#include "KalshiYesBook.h"

namespace tapescope::kalshi {

namespace {

void fill(std::map<Decimal, Decimal> &side, const std::vector<YesViewBook::NativeLevel> &levels)
{
    side.clear();
    for (const YesViewBook::NativeLevel &level : levels) {
        if (level.count.isZero())
            side.erase(level.price);
        else
            side.insert_or_assign(level.price, level.count);
    }
}

} // namespace

Decimal YesViewBook::complement(const Decimal &price)
{
    // A price is below 1 with at most MaxScale digits, so 1 − price cannot overflow.
    return Decimal::fromInteger(1) - price;
}

void YesViewBook::replace(const std::vector<NativeLevel> &yesBids, const std::vector<NativeLevel> &noBids)
{
    fill(m_yes, yesBids);
    fill(m_no, noBids);
}

std::optional<BookDelta::Change> YesViewBook::apply(ContractSide side, const Decimal &price, const Decimal &delta)
{
    std::map<Decimal, Decimal> &levels = side == ContractSide::Yes ? m_yes : m_no;
    const auto found = levels.find(price);
    const Decimal before = found == levels.end() ? Decimal() : found->second;
    const std::optional<Decimal> after = before.checkedAdd(delta);
    if (!after || after->isNegative())
        return std::nullopt;
    if (after->isZero()) {
        if (found != levels.end())
            levels.erase(found);
    } else {
        levels.insert_or_assign(price, *after);
    }
    if (side == ContractSide::Yes)
        return BookDelta::Change { Side::Buy, price, *after };
    return BookDelta::Change { Side::Sell, complement(price), *after };
}

std::vector<Level> YesViewBook::bids() const
{
    std::vector<Level> out;
    out.reserve(m_yes.size());
    for (auto it = m_yes.rbegin(); it != m_yes.rend(); ++it)
        out.push_back(Level { it->first, it->second });
    return out;
}

std::vector<Level> YesViewBook::asks() const
{
    // The highest NO bid is the lowest YES ask, so walking NO bids downwards yields asks best first.
    std::vector<Level> out;
    out.reserve(m_no.size());
    for (auto it = m_no.rbegin(); it != m_no.rend(); ++it)
        out.push_back(Level { complement(it->first), it->second });
    return out;
}

std::optional<Decimal> YesViewBook::count(ContractSide side, const Decimal &price) const
{
    const std::map<Decimal, Decimal> &levels = side == ContractSide::Yes ? m_yes : m_no;
    const auto found = levels.find(price);
    if (found == levels.end())
        return std::nullopt;
    return found->second;
}

} // namespace tapescope::kalshi
