#include "NflPosition.h"

#include "DisplayFormat.h"
#include "UiLanguage.h"
#include "core/AccountEvents.h"
#include "market/AccountHub.h"

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

const QString KalshiVenue = u"kalshi"_s;

std::optional<Decimal> sum(const std::optional<Decimal> &a, const std::optional<Decimal> &b)
{
    if (!a || !b)
        return std::nullopt;
    return a->checkedAdd(*b);
}

std::optional<Decimal> difference(const std::optional<Decimal> &a, const std::optional<Decimal> &b)
{
    if (!a || !b)
        return std::nullopt;
    return a->checkedSub(*b);
}

int signOf(const std::optional<Decimal> &value)
{
    if (!value || value->isZero())
        return 0;
    return value->isNegative() ? -1 : 1;
}

NflTeamFigures teamFigures(const kalshi::TeamMarket &market, const NflHolding &holding)
{
    NflTeamFigures figures;
    figures.team = market.team;
    figures.holding = holding;
    const bool resolved = (market.state == MarketState::Determined || market.state == MarketState::Settled)
        && (market.result == u"yes" || market.result == u"no");
    if (resolved) {
        figures.settled = true;
        figures.yesPrice = Decimal::fromInteger(market.result == u"yes" ? 1 : 0);
    } else {
        figures.yesPrice = market.impliedProbability();
    }
    if (!holding.held())
        return figures;
    if (figures.yesPrice) {
        // YES contracts are worth the YES price; NO contracts 1 − it.
        const std::optional<Decimal> price
            = holding.contracts.isNegative() ? Decimal::fromInteger(1).checkedSub(*figures.yesPrice) : figures.yesPrice;
        if (price)
            figures.value = positionValueAt(holding.contracts, *price); // |contracts| x price
    }
    figures.pnl = difference(figures.value, holding.cost);
    return figures;
}

} // namespace

Decimal NflHolding::yesContracts() const
{
    return contracts.isNegative() ? Decimal() : contracts;
}

Decimal NflHolding::noContracts() const
{
    return contracts.isNegative() ? -contracts : Decimal();
}

NflHolding NflHolding::of(const AccountHub *accounts, const QString &marketTicker)
{
    NflHolding holding;
    if (!accounts)
        return holding;
    bool first = true;
    for (const QString &key : accounts->accountKeys()) {
        const AccountRecord *record = accounts->account(key);
        if (!record || record->venue != KalshiVenue)
            continue;
        const auto it = record->state.positions().constFind(marketTicker);
        if (it == record->state.positions().cend() || it->size.isZero())
            continue;
        holding.contracts = holding.contracts.checkedAdd(it->size).value_or(holding.contracts);
        holding.cost = first ? it->margin : sum(holding.cost, it->margin);
        if (it->realizedPnl)
            holding.realizedPnl = holding.realizedPnl ? sum(holding.realizedPnl, it->realizedPnl) : it->realizedPnl;
        first = false;
    }
    return holding;
}

NflPositionFigures NflPositionFigures::of(const kalshi::NflGame &game, const NflHolding &away, const NflHolding &home)
{
    NflPositionFigures figures;
    figures.away = teamFigures(game.away(), away);
    figures.home = teamFigures(game.home(), home);
    if (away.held() && home.held())
        figures.cost = sum(away.cost, home.cost);
    else if (away.held())
        figures.cost = away.cost;
    else if (home.held())
        figures.cost = home.cost;
    else
        figures.cost = Decimal();
    // One team's win resolves its market YES and the other's NO.
    figures.awayWinsPayout = away.yesContracts().checkedAdd(home.noContracts()).value_or(Decimal());
    figures.homeWinsPayout = home.yesContracts().checkedAdd(away.noContracts()).value_or(Decimal());
    figures.awayWinsNet = difference(figures.awayWinsPayout, figures.cost);
    figures.homeWinsNet = difference(figures.homeWinsPayout, figures.cost);
    return figures;
}

void NflTeamPosition::set(const NflTeamFigures &figures)
{
    Text text;
    text.team = figures.team;
    text.held = figures.holding.held();
    if (text.held) {
        const Decimal count
            = figures.holding.contracts.isNegative() ? -figures.holding.contracts : figures.holding.contracts;
        text.contracts = display::localized(display::fixedText(count, -1))
            + (figures.holding.contracts.isNegative() ? tr(" NO") : tr(" YES"));
        text.cost = NflPosition::dollars(figures.holding.cost);
        text.value = NflPosition::dollars(figures.value);
        text.pnl = NflPosition::signedDollars(figures.pnl);
        text.pnlSign = signOf(figures.pnl);
        text.realized = NflPosition::signedDollars(figures.holding.realizedPnl);
        text.settled = figures.settled;
    }
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT changed();
}

NflPosition::NflPosition(QObject *parent)
    : QObject(parent)
    , m_away(new NflTeamPosition(this))
    , m_home(new NflTeamPosition(this))
{
    // The texts are made again in the new language and locale; set() emits `changed` where they differ.
    connect(UiLanguage::instance(), &UiLanguage::changed, this, [this] { set(m_figures); });
}

void NflPosition::set(const NflPositionFigures &figures)
{
    m_figures = figures;
    m_away->set(figures.away);
    m_home->set(figures.home);
    Text text;
    text.held = figures.held();
    if (text.held) {
        text.awayWinsPayout = dollars(figures.awayWinsPayout);
        text.homeWinsPayout = dollars(figures.homeWinsPayout);
        text.awayWinsNet = signedDollars(figures.awayWinsNet);
        text.homeWinsNet = signedDollars(figures.homeWinsNet);
        text.awayWinsSign = signOf(figures.awayWinsNet);
        text.homeWinsSign = signOf(figures.homeWinsNet);
    }
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT changed();
}

void NflPosition::clear()
{
    set({});
}

QString NflPosition::dollars(const std::optional<Decimal> &amount)
{
    if (!amount)
        return {};
    const QString text = display::localized(display::rounded(amount->isNegative() ? -*amount : *amount, 2));
    return (amount->isNegative() ? u"-$"_s : u"$"_s) + text;
}

QString NflPosition::signedDollars(const std::optional<Decimal> &amount)
{
    if (!amount)
        return {};
    const QString text = dollars(amount);
    return amount->isNegative() || amount->isZero() ? text : u'+' + text;
}

} // namespace tapescope
