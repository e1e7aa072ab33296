#include "O2Session.h"

#include "O2DemoTrader.h"
#include "O2EmulatorLog.h"
#include "O2Frames.h"
#include "O2MarketBoard.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

using namespace Qt::StringLiterals;

namespace tapescope::emulator::o2 {

namespace {

// Error codes of the venue (docs/protocols/o2.md §10).
constexpr int kInvalidRequest = 1001;
constexpr int kParseError = 1002;
constexpr int kMarketNotFound = 2000;
constexpr int kAlreadySubscribed = 6000;
constexpr int kSubscriptionError = 6002;

// "10", "100", ... "10^18" (docs/protocols/o2.md §3): the exponent, or 0 when the text is not such a power of ten.
int precisionExponent(const QString &text)
{
    if (text.size() < 2 || text.size() > 19 || text.front() != u'1')
        return 0;
    for (qsizetype i = 1; i < text.size(); ++i) {
        if (text[i] != u'0')
            return 0;
    }
    return int(text.size() - 1);
}

} // namespace

Session::Session(QWebSocket *socket, MarketBoard &board, DemoTrader &trader, QObject *parent)
    : VenueSession(socket, parent)
    , m_board(board)
    , m_trader(trader)
{
    connect(&m_trader, &DemoTrader::ordersChanged, this, [this](const QByteArray &frame) {
        if (m_orders && !isSilent())
            send(frame);
    });
    connect(&m_trader, &DemoTrader::balancesChanged, this, [this](const QByteArray &frame) {
        if (m_balances && !isSilent())
            send(frame);
    });
    connect(&m_trader, &DemoTrader::nonceChanged, this, [this](const QByteArray &frame) {
        if (m_nonce && !isSilent())
            send(frame);
    });
    connect(&m_board, &MarketBoard::bookChanged, this, &Session::onBookChanged);
    connect(&m_board, &MarketBoard::traded, this, &Session::onTraded);
}

Session::~Session() = default;

void Session::setSilent(bool silent)
{
    VenueSession::setSilent(silent);
    if (!silent) {
        for (const auto &[market, stream] : m_depth) {
            Q_UNUSED(stream);
            onBookChanged(market);
        }
    }
}

int Session::depthPrecision(int market) const
{
    const auto it = m_depth.find(market);
    return it == m_depth.end() ? 0 : it->second.precision;
}

void Session::breakDepth(int market)
{
    const auto it = m_depth.find(market);
    if (it == m_depth.end())
        return;
    m_depth.erase(it); // the stream is gone...
    m_board.step(market); // ...so this change never reaches the client: its book is now wrong
    send(frames::resyncRequired(m_board.market(market).spec().marketId));
}

void Session::sendError(int code, const QString &message)
{
    send(frames::error(code, message));
}

void Session::onClientFrame(const QByteArray &frame)
{
    if (isSilent())
        return;
    if (frame == "PING") { // the text heartbeat, not JSON (docs/protocols/o2.md §2.1)
        send(QByteArrayLiteral("PONG"));
        return;
    }
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        sendError(kParseError, u"ParseError: "_s + parseError.errorString());
        return;
    }
    const QJsonObject request = document.object();
    const QString action = request.value(u"action"_s).toString();
    const bool marketAction = action == u"subscribe_depth"_s || action == u"unsubscribe_depth"_s
        || action == u"subscribe_trades"_s || action == u"unsubscribe_trades"_s;
    if (subscribeAccount(action, request))
        return;
    if (!marketAction) {
        if (action.startsWith(u"subscribe_"_s) || action.startsWith(u"unsubscribe_"_s))
            sendError(kSubscriptionError, u"SubscriptionError: %1 is not emulated"_s.arg(action));
        else
            sendError(kInvalidRequest, u"InvalidRequest: unknown action '%1'"_s.arg(action));
        return;
    }
    const QString marketId = request.value(u"market_id"_s).toString();
    const int market = m_board.indexOf(marketId);
    if (market < 0) {
        sendError(kMarketNotFound, u"MarketNotFound: %1"_s.arg(marketId));
        return;
    }
    if (action == u"subscribe_depth"_s) {
        subscribeDepth(market, request.value(u"precision"_s).toString());
    } else if (action == u"unsubscribe_depth"_s) {
        m_depth.erase(market);
    } else if (action == u"subscribe_trades"_s) {
        if (!m_trades.insert(market).second)
            sendError(kAlreadySubscribed, u"AlreadySubscribed: trades %1"_s.arg(marketId));
    } else {
        m_trades.erase(market);
    }
}

bool Session::subscribeAccount(const QString &action, const QJsonObject &request)
{
    bool *flag = nullptr;
    const bool subscribe = action.startsWith(u"subscribe_"_s);
    const QString stream = action.mid(subscribe ? 10 : 12);
    if (!subscribe && !action.startsWith(u"unsubscribe_"_s))
        return false;
    if (stream == u"orders"_s)
        flag = &m_orders;
    else if (stream == u"balances"_s)
        flag = &m_balances;
    else if (stream == u"nonce"_s)
        flag = &m_nonce;
    else
        return false;
    if (!subscribe) {
        *flag = false; // unsubscribe_orders is connection-global (§3)
        return true;
    }
    const QJsonArray identities = request.value(u"identities"_s).toArray();
    if (identities.isEmpty() || identities.size() > 10) {
        sendError(kInvalidRequest, u"InvalidRequest: %1 needs 1 to 10 identities"_s.arg(action));
        return true;
    }
    bool demo = false;
    for (const QJsonValue &identity : identities) {
        const QJsonObject object = identity.toObject();
        demo = demo || m_trader.isAccount(object.value(u"ContractId"_s).toString());
    }
    *flag = *flag || demo; // another account is an empty one: nothing ever changes
    return true;
}

void Session::subscribeDepth(int market, const QString &precision)
{
    const int exponent = precisionExponent(precision);
    if (exponent < 1 || exponent > 18) {
        sendError(kInvalidRequest,
                  u"InvalidRequest: precision must be a string power of ten from \"10\", got '%1'"_s.arg(precision));
        return;
    }
    // One depth consumer per market and connection, even with the same precision (docs/protocols/o2.md §2.2).
    if (m_depth.contains(market)) {
        sendError(kAlreadySubscribed, u"AlreadySubscribed: depth %1"_s.arg(m_board.market(market).spec().marketId));
        return;
    }
    DepthStream &stream = m_depth[market];
    stream.precision = exponent;
    stream.sent = m_board.market(market).view(exponent);
    send(frames::depthSnapshot(m_board.market(market).spec().marketId, stream.sent, nowMs()));
}

void Session::onBookChanged(int market)
{
    if (isSilent())
        return; // the stream resumes from what this client last heard
    const auto it = m_depth.find(market);
    if (it == m_depth.end())
        return;
    const QString &marketId = m_board.market(market).spec().marketId;
    DepthView current = m_board.market(market).view(it->second.precision);
    const QByteArray update = frames::depthUpdate(marketId, it->second.sent, current, nowMs());
    if (!update.isEmpty()) // no frame at all when nothing changed at this precision
        send(update);
    it->second.sent = std::move(current);
}

void Session::onTraded(int market, const SimulatedTrade &trade)
{
    if (m_trades.contains(market))
        send(frames::trades(m_board.market(market).spec().marketId, { trade }, nowMs()));
}

} // namespace tapescope::emulator::o2
