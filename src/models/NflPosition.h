#pragma once

#include "core/Decimal.h"
#include "venues/kalshi/NflGame.h"

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace tapescope {

class AccountHub;

// The trader's contracts in one Kalshi market, summed over all of the trader's Kalshi accounts.
struct NflHolding
{
    Decimal contracts; // signed: YES positive, NO negative
    std::optional<Decimal> cost; // what the contracts cost (the positions' margin), dollars
    std::optional<Decimal> realizedPnl; // as the venue reports it
    bool held() const { return !contracts.isZero(); }
    // YES contracts held (0 when NO), and NO contracts held (0 when YES): each pays $1 if its side resolves.
    Decimal yesContracts() const;
    Decimal noContracts() const;

    // Sums the positions every Kalshi account of `accounts` holds in `marketTicker`.
    static NflHolding of(const AccountHub *accounts, const QString &marketTicker);
};

// One team's market of a game, valued exactly: YES contracts at the live YES mid, NO contracts at 1 − that mid;
// once the market has resolved, at its settlement ($1 a contract on the winning side, 0 on the other).
struct NflTeamFigures
{
    QString team;
    NflHolding holding;
    std::optional<Decimal> yesPrice; // the YES price the value is at (the mid, or 1 / 0 once resolved)
    std::optional<Decimal> value; // what the contracts are worth at yesPrice
    std::optional<Decimal> pnl; // value − cost
    bool settled = false; // the market resolved: value and pnl are the settlement's
};

// The trader's position in one game: both teams' markets and what it pays in each outcome.
struct NflPositionFigures
{
    NflTeamFigures away;
    NflTeamFigures home;
    std::optional<Decimal> cost; // both markets' cost; nullopt when a held market's cost is unknown
    Decimal awayWinsPayout; // away YES + home NO contracts, $1 each
    Decimal homeWinsPayout; // home YES + away NO contracts
    std::optional<Decimal> awayWinsNet; // payout − cost
    std::optional<Decimal> homeWinsNet;
    bool held() const { return away.holding.held() || home.holding.held(); }

    static NflPositionFigures of(const kalshi::NflGame &game, const NflHolding &away, const NflHolding &home);
};

// One team's line of the position, as the NFL panel shows it (dollar amounts rounded to cents, P&L signed).
class NflTeamPosition : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NflTeamPosition is provided by NflPosition")
    Q_PROPERTY(QString team READ team NOTIFY changed)
    Q_PROPERTY(bool held READ held NOTIFY changed)
    Q_PROPERTY(QString contracts READ contracts NOTIFY changed) // "12 YES", "5 NO", "" when flat
    Q_PROPERTY(QString cost READ cost NOTIFY changed) // "$5.40"
    Q_PROPERTY(QString value READ value NOTIFY changed) // "$6.00"
    Q_PROPERTY(QString pnl READ pnl NOTIFY changed) // "+$0.60"
    Q_PROPERTY(int pnlSign READ pnlSign NOTIFY changed) // -1, 0, 1
    Q_PROPERTY(QString realized READ realized NOTIFY changed) // the venue's realized P&L, "" when none
    Q_PROPERTY(bool settled READ settled NOTIFY changed)

public:
    using QObject::QObject;

    QString team() const { return m_text.team; }
    bool held() const { return m_text.held; }
    QString contracts() const { return m_text.contracts; }
    QString cost() const { return m_text.cost; }
    QString value() const { return m_text.value; }
    QString pnl() const { return m_text.pnl; }
    int pnlSign() const { return m_text.pnlSign; }
    QString realized() const { return m_text.realized; }
    bool settled() const { return m_text.settled; }

    void set(const NflTeamFigures &figures);

Q_SIGNALS:
    void changed();

private:
    struct Text
    {
        QString team;
        bool held = false;
        QString contracts, cost, value, pnl;
        int pnlSign = 0;
        QString realized;
        bool settled = false;
        bool operator==(const Text &) const = default;
    };
    Text m_text;
};

// The trader's position in the selected game (NflBoard.position).
class NflPosition : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("NflPosition is provided by NflBoard")
    Q_PROPERTY(bool held READ held NOTIFY changed)
    Q_PROPERTY(tapescope::NflTeamPosition *away READ away CONSTANT)
    Q_PROPERTY(tapescope::NflTeamPosition *home READ home CONSTANT)
    Q_PROPERTY(QString awayWinsPayout READ awayWinsPayout NOTIFY changed) // "$12.00"
    Q_PROPERTY(QString homeWinsPayout READ homeWinsPayout NOTIFY changed)
    Q_PROPERTY(QString awayWinsNet READ awayWinsNet NOTIFY changed) // "+$6.60": payout − cost
    Q_PROPERTY(QString homeWinsNet READ homeWinsNet NOTIFY changed)
    Q_PROPERTY(int awayWinsSign READ awayWinsSign NOTIFY changed)
    Q_PROPERTY(int homeWinsSign READ homeWinsSign NOTIFY changed)

public:
    explicit NflPosition(QObject *parent = nullptr);

    bool held() const { return m_text.held; }
    NflTeamPosition *away() const { return m_away; }
    NflTeamPosition *home() const { return m_home; }
    QString awayWinsPayout() const { return m_text.awayWinsPayout; }
    QString homeWinsPayout() const { return m_text.homeWinsPayout; }
    QString awayWinsNet() const { return m_text.awayWinsNet; }
    QString homeWinsNet() const { return m_text.homeWinsNet; }
    int awayWinsSign() const { return m_text.awayWinsSign; }
    int homeWinsSign() const { return m_text.homeWinsSign; }

    const NflPositionFigures &figures() const { return m_figures; }
    void set(const NflPositionFigures &figures);
    void clear();

    // "$5.40", "-$1.20"; signed: "+$0.60" (zero unsigned). Rounded half away from zero to cents.
    static QString dollars(const std::optional<Decimal> &amount);
    static QString signedDollars(const std::optional<Decimal> &amount);

Q_SIGNALS:
    void changed();

private:
    struct Text
    {
        bool held = false;
        QString awayWinsPayout, homeWinsPayout, awayWinsNet, homeWinsNet;
        int awayWinsSign = 0;
        int homeWinsSign = 0;
        bool operator==(const Text &) const = default;
    };
    NflTeamPosition *m_away;
    NflTeamPosition *m_home;
    NflPositionFigures m_figures;
    Text m_text;
};

} // namespace tapescope
