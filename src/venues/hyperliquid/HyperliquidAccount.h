#pragma once

#include "core/AccountEvents.h"
#include "core/Events.h"

#include <QtCore/QByteArray>
#include <QtCore/QJsonObject>
#include <QtCore/QString>

#include <optional>
#include <string_view>
#include <vector>

namespace tapescope::hyperliquid {

// A Hyperliquid account address: "0x" and 40 hex digits (docs/protocols/hyperliquid.md §1). Returns it in lower
// case (the venue echoes addresses lower-case and compares them case-insensitively), or nullopt.
std::optional<QString> normalizedAddress(const QString &text);
QString addressRule(); // what an address looks like, for messages

// The user streams of one account (docs/protocols/hyperliquid.md §6, §7.6–7.13, §7.16).
struct AccountSubscription
{
    enum class Type {
        UserFills,
        OrderUpdates,
        UserEvents,
        UserFundings,
        LedgerUpdates,
        ClearinghouseState,
        SpotState,
        ActiveAssetData
    };
    Type type = Type::UserFills;
    QString user; // lower-case address
    QString coin; // activeAssetData only

    QString key() const; // VenueConnection subscription key, e.g. "userFills:0xabc…", "activeAssetData:BTC"
    static QString typeName(Type type); // the wire `type`
    QByteArray subscribeFrame() const;
    QByteArray unsubscribeFrame() const;
};

// An order status in Tapescope's words (README "Account events"): open (partially_filled once some of it
// filled), filled, canceled, rejected, triggered, expired; the venue's many "...Canceled"/"...Rejected" words
// become canceled/rejected with the venue's word kept in `venueWord`; anything else is passed on as sent.
QString normalizedOrderStatus(const QString &status, bool partiallyFilled, QString *venueWord);

// What one account frame or REST body said, in normalized events for `account`. Pure.
class AccountDecoder
{
public:
    explicit AccountDecoder(QString account);

    const QString &account() const { return m_account; }

    // Which account channels a frame belongs to: true for the user streams this decoder reads.
    static bool isAccountChannel(std::string_view channel);

    // One WebSocket frame of an account channel ({"channel","data"}): its events appended to `out`. Returns
    // nullopt on success, else what was wrong (the frame is then dropped whole: nothing appended). A frame for
    // another user (the `user` field, where the channel has one) is an error too.
    std::optional<QString> decodeFrame(const QJsonObject &frame, AccountEventBatch &out) const;

    // Whether the frame was a clearinghouseState / spotState push (the streamed position and balance state).
    static bool isPositionState(const QJsonObject &frame);
    static bool isBalanceState(const QJsonObject &frame);

    // REST /info bodies (docs/protocols/hyperliquid.md §10). Events carry snapshot = true.
    struct ClearinghouseState
    {
        std::vector<AccountPosition> positions; // non-zero positions only
        AccountSummary summary;
    };
    std::optional<ClearinghouseState> clearinghouseState(const QJsonObject &state, bool snapshot, QString *error) const;
    std::optional<std::vector<AccountBalance>> spotBalances(const QJsonObject &state, std::int64_t ts, bool snapshot,
                                                            QString *error) const;
    std::optional<std::vector<AccountOrder>> openOrders(const QJsonValue &orders, std::int64_t ts,
                                                        QString *error) const;
    std::optional<std::vector<AccountFill>> fills(const QJsonValue &fills, bool snapshot, QString *error) const;
    // orderStatus: the order's latest state, or nullopt with *unknown set when the venue does not know the oid.
    std::optional<AccountOrder> orderStatus(const QJsonObject &body, bool *unknown, QString *error) const;

private:
    QString m_account;
    QString m_venue;
};

// POST /info request bodies for the account bootstrap.
QByteArray userInfoRequestBody(const QString &type, const QString &user); // clearinghouseState, userFills, ...
QByteArray orderStatusRequestBody(const QString &user, const QString &oid);

} // namespace tapescope::hyperliquid
