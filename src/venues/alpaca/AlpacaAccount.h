#pragma once

// Alpaca's trading side for one account (docs/protocols/alpaca.md §1.2, §1.3, §9, §10): the trading stream
// (`/stream`: auth, listen, `trade_updates`) and the REST bodies a monitor reads (/v2/account, /v2/positions,
// /v2/orders, /v2/account/activities/FILL), decoded into normalized account events. Pure: no sockets.

#include "core/AccountEvents.h"

#include <QtCore/QByteArray>
#include <QtCore/QByteArrayView>
#include <QtCore/QJsonObject>
#include <QtCore/QJsonValue>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <optional>
#include <vector>

namespace tapescope::alpaca {

// The trading API's REST base: https://paper-api.alpaca.markets (paper) or https://api.alpaca.markets (live)
// (docs/protocols/alpaca.md §1.3).
QUrl tradingBaseUrl(bool paper);
// The trading stream of a REST base: the same host and port at /stream, ws for http and wss for https
// (docs/protocols/alpaca.md §1.2). An invalid QUrl when `base` is neither http(s) nor ws(s).
QUrl tradingStreamUrl(const QUrl &base);

// The two documented sign-in frames (docs/protocols/alpaca.md §10 step 2). Both carry the secret: never log them.
enum class TradingAuthForm {
    Auth, // {"action":"auth","key":…,"secret":…} (current docs, TREQ#1)
    Authenticate, // {"action":"authenticate","data":{"key_id":…,"secret_key":…}} (older docs and the SDKs, TREQ#2)
};
QByteArray tradingAuthFrame(TradingAuthForm form, const QString &keyId, const QString &secret);
// {"action":"listen","data":{"streams":[…]}}: the complete set wanted (TREQ#3).
QByteArray tradingListenFrame(const QStringList &streams = { QStringLiteral("trade_updates") });

// An order status in Tapescope's words (README "Account events"): new, accepted and pending_new are `open`;
// partially_filled, filled, canceled, expired and rejected are themselves; every other word (done_for_day,
// replaced, pending_cancel, stopped, ...) is passed on as sent. `*venueWord` gets the venue's word when the status
// generalizes it (new -> open), else is cleared.
QString normalizedOrderStatus(const QString &status, QString *venueWord);

// One message of the trading stream (single JSON objects, text or binary frames: docs/protocols/alpaca.md §10).
struct TradingMessage
{
    enum class Kind {
        Authorization, // {"stream":"authorization","data":{"status","action"}}
        Listening, // {"stream":"listening","data":{"streams":[…]}}
        TradeUpdate, // {"stream":"trade_updates","data":{…}}: `events` has the order, then the fill (if any)
        Error, // {"action":"error","data":{"error_message":…}}: the server closes after it
        Other, // another stream or shape, tolerated and skipped
    };
    Kind kind = Kind::Other;
    bool authorized = false; // Authorization: status == "authorized"
    QString status; // Authorization: the venue's word
    QString action; // Authorization: what it answers ("authenticate", "auth", "listen")
    QStringList streams; // Listening
    QString errorMessage; // Error
    QString event; // TradeUpdate: the event word as sent ("fill", "new", "order_cancel_rejected", ...)
    AccountEventBatch events; // TradeUpdate
};

// Frames and REST bodies of one account, in normalized events for `account` (the account's `id` from
// /v2/account). Pure.
class AccountDecoder
{
public:
    explicit AccountDecoder(QString account = {});

    const QString &account() const { return m_account; }
    void setAccount(const QString &account) { m_account = account; }

    // One trading-stream frame (UTF-8 JSON, whether it came as text or binary). nullopt with *error when it is
    // not JSON or a known message has the wrong shape; the frame is then dropped whole.
    std::optional<TradingMessage> decodeFrame(QByteArrayView frame, QString *error) const;

    // `data` of a trade_updates message: the order (status from the order's own `status`, else the event word),
    // and for fill / partial_fill the execution as a fill (id = execution_id, exactly once by identity).
    std::optional<AccountEventBatch> tradeUpdate(const QJsonObject &data, QString *event, QString *error) const;

    // REST bodies (docs/protocols/alpaca.md §9). `receivedAtMs` stamps what carries no time of its own.
    std::optional<AccountSummary> accountSummary(const QJsonObject &body, std::int64_t receivedAtMs, bool snapshot,
                                                 QString *error) const;
    // The account's identity in a /v2/account body: `id`, else `account_number`; empty when it has neither.
    static QString accountIdOf(const QJsonObject &body);
    std::optional<std::vector<AccountPosition>> positions(const QJsonValue &body, std::int64_t receivedAtMs,
                                                          bool snapshot, QString *error) const;
    std::optional<AccountOrder> order(const QJsonObject &body, bool snapshot, QString *error) const;
    std::optional<std::vector<AccountOrder>> orders(const QJsonValue &body, bool snapshot, QString *error) const;
    // /v2/account/activities/FILL: one page, newest first as the venue lists it. Entries of other activity types
    // are skipped. *lastId: the last entry's id (the next page's page_token), empty when the page is empty.
    std::optional<std::vector<AccountFill>> fillActivities(const QJsonValue &body, bool snapshot, QString *lastId,
                                                           QString *error) const;

private:
    QString m_account;
};

// What identifies one execution in both the stream and the activities: the order id and the order's cumulative
// filled quantity after it (stream: order.filled_qty of a fill event; activities: cum_qty), the quantity with
// trailing fraction zeros dropped. Empty when either is missing.
QString executionKey(const QString &orderId, const std::optional<Decimal> &cumulative);

} // namespace tapescope::alpaca
