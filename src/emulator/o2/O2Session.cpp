#include "O2Session.h"

#include "O2EmulatorLog.h"
#include "O2Frames.h"
#include "O2MarketBoard.h"

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

Session::Session(QWebSocket *socket, MarketBoard &board, QObject *parent)
    : VenueSession(socket, parent)
    , m_board(board)
{
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
