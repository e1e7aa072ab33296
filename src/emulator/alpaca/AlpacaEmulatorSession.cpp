#include "AlpacaEmulatorSession.h"

#include "AlpacaEmulator.h"

#include "emulator/WireText.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtWebSockets/QWebSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAlpacaEmulator, "tapescope.emulator.alpaca")

namespace tapescope::emulator::alpaca {

namespace {

// Stock symbols are upper-case tickers (share classes with a dot), crypto symbols BASE/QUOTE; "*" is
// every symbol. Anything else is "invalid syntax" (docs/protocols/alpaca.md §4).
bool isValidSymbol(Universe universe, const QString &symbol)
{
    static const QRegularExpression stock(u"^[A-Z][A-Z.]{0,9}$"_s);
    static const QRegularExpression pair(u"^[A-Z0-9]{2,10}/[A-Z]{2,5}$"_s);
    if (symbol == u"*"_s)
        return true;
    return (universe == Universe::Crypto ? pair : stock).match(symbol).hasMatch();
}

QString endpointPath(const QWebSocket *socket)
{
    return socket->requestUrl().path();
}

} // namespace

QByteArray errorMessage(int code)
{
    switch (code) {
    case 400:
        return "invalid syntax";
    case 401:
        return "not authenticated";
    case 402:
        return "auth failed";
    case 403:
        return "already authenticated";
    case 404:
        return "auth timeout";
    case 405:
        return "symbol limit exceeded";
    case 406:
        return "connection limit exceeded";
    case 407:
        return "slow client";
    case 408:
        return "v2 not enabled";
    case 409:
        return "insufficient subscription";
    case 410:
        return "invalid subscribe action for this feed";
    case 411:
        return "insufficient scope";
    case 412:
        return "option messages are only available in MsgPack format";
    case 413:
        return "star subscription is not allowed for option quotes";
    case 500:
        return "internal error";
    default:
        return "unknown error";
    }
}

AlpacaEmulatorSession::AlpacaEmulatorSession(QWebSocket *socket, Universe universe, AlpacaEmulator &server,
                                             AlpacaMarket &market, int authTimeoutMs, QObject *parent)
    : VenueSession(socket, parent)
    , m_universe(universe)
    , m_server(server)
    , m_market(market)
    , m_endpoint(endpointPath(socket))
    , m_authTimer(new QTimer(this))
{
    connect(&m_market, &AlpacaMarket::published, this, &AlpacaEmulatorSession::onPublished);
    m_authTimer->setSingleShot(true);
    connect(m_authTimer, &QTimer::timeout, this, [this] {
        if (!m_authenticated)
            sendError(404, true);
    });
    m_authTimer->start(authTimeoutMs);
    send(R"([{"T":"success","msg":"connected"}])");
}

AlpacaEmulatorSession::~AlpacaEmulatorSession() = default;

bool AlpacaEmulatorSession::isSubscribed(Stream stream, const QString &symbol) const
{
    const QStringList &symbols = m_subscriptions[static_cast<std::size_t>(stream)];
    return symbols.contains(symbol) || symbols.contains(u"*"_s);
}

void AlpacaEmulatorSession::sendError(int code, bool thenClose)
{
    if (m_closing)
        return;
    const QByteArray frame
        = "[{\"T\":\"error\",\"code\":" + QByteArray::number(code) + ",\"msg\":\"" + errorMessage(code) + "\"}]";
    socket()->sendTextMessage(QString::fromUtf8(frame)); // not send(): errors go out even while silent
    if (thenClose) {
        m_closing = true;
        socket()->close(QWebSocketProtocol::CloseCodePolicyViolated, QString::fromLatin1(errorMessage(code)));
    }
}

void AlpacaEmulatorSession::sendStatus(const QString &symbol, bool halted)
{
    if (m_authenticated && isSubscribed(Stream::Statuses, symbol))
        send('[' + m_market.statusMessage(symbol, halted) + ']');
}

void AlpacaEmulatorSession::onClientFrame(const QByteArray &frame)
{
    if (isSilent() || m_closing)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(frame);
    const QString action = document.object().value(u"action"_s).toString();
    if (!document.isObject() || action.isEmpty()) {
        sendError(400, false);
    } else if (action == u"auth"_s) {
        authenticate(document.object().value(u"key"_s).toString(), document.object().value(u"secret"_s).toString());
    } else if (action == u"subscribe"_s || action == u"unsubscribe"_s) {
        if (!m_authenticated)
            sendError(401, false);
        else
            changeSubscriptions(action == u"subscribe"_s, document.object());
    } else {
        sendError(400, false);
    }
}

void AlpacaEmulatorSession::authenticate(const QString &keyId, const QString &secret)
{
    if (m_authenticated) {
        sendError(403, false);
        return;
    }
    const int refusal = m_server.checkAuth(this, keyId, secret);
    if (refusal != 0) {
        qCInfo(lcAlpacaEmulator) << "refusing sign-in on" << m_endpoint << "with" << refusal;
        sendError(refusal, true); // a refused sign-in ends the session (docs/protocols/alpaca.md §3)
        return;
    }
    m_authenticated = true;
    m_keyId = keyId;
    m_authTimer->stop();
    send(R"([{"T":"success","msg":"authenticated"}])");
}

void AlpacaEmulatorSession::changeSubscriptions(bool subscribe, const QJsonObject &request)
{
    std::array<QStringList, StreamCount> next = m_subscriptions;
    QStringList snapshotsDue;
    for (auto it = request.begin(); it != request.end(); ++it) {
        if (it.key() == u"action"_s)
            continue;
        Stream stream;
        if (!streamFromKey(it.key(), &stream))
            continue; // a channel of another stream kind (news, ...) is ignored, as by the venue
        if (!offers(m_universe, stream)) {
            sendError(410, false);
            return;
        }
        if (!it.value().isArray()) {
            sendError(400, false);
            return;
        }
        QStringList &symbols = next[static_cast<std::size_t>(stream)];
        for (const QJsonValue &value : it.value().toArray()) {
            const QString symbol = value.toString();
            if (!value.isString() || !isValidSymbol(m_universe, symbol)) {
                sendError(400, false);
                return;
            }
            if (subscribe && !symbols.contains(symbol)) {
                symbols.append(symbol);
                if (stream == Stream::Orderbooks)
                    snapshotsDue.append(symbol);
            } else if (!subscribe) {
                symbols.removeAll(symbol);
            }
        }
    }
    // The plan limit counts trade and quote symbols; bars are unlimited (docs/protocols/alpaca.md §7). A refused
    // request leaves the previous set in force (docs/protocols/alpaca.md §6, 405).
    const int limit = m_server.options().symbolLimit;
    if (subscribe && limit > 0) {
        QSet<QString> counted;
        for (const Stream stream : { Stream::Trades, Stream::Quotes }) {
            for (const QString &symbol : next[static_cast<std::size_t>(stream)])
                counted.insert(symbol);
        }
        if (counted.size() > limit || counted.contains(u"*"_s)) {
            sendError(405, false);
            return;
        }
    }
    m_subscriptions = next;
    send(subscriptionReply());
    QByteArray snapshots;
    for (const QString &symbol : std::as_const(snapshotsDue)) {
        const QByteArray snapshot = m_market.orderbookSnapshot(symbol);
        if (!snapshot.isEmpty())
            snapshots += (snapshots.isEmpty() ? "" : ",") + snapshot;
    }
    if (!snapshots.isEmpty())
        send('[' + snapshots + ']'); // r:true: the full book first (docs/protocols/alpaca.md §5.4)
}

QByteArray AlpacaEmulatorSession::subscriptionReply() const
{
    const auto list = [this](Stream stream) {
        return QJsonArray::fromStringList(m_subscriptions[static_cast<std::size_t>(stream)]);
    };
    QJsonObject reply { { u"T"_s, u"subscription"_s } };
    if (m_universe == Universe::Crypto) {
        for (const Stream stream : { Stream::Trades, Stream::Quotes, Stream::Orderbooks, Stream::Bars,
                                     Stream::UpdatedBars, Stream::DailyBars })
            reply.insert(QLatin1String(streamKey(stream)), list(stream));
    } else {
        for (const Stream stream : { Stream::Trades, Stream::Quotes, Stream::Bars, Stream::UpdatedBars,
                                     Stream::DailyBars, Stream::Statuses, Stream::Lulds })
            reply.insert(QLatin1String(streamKey(stream)), list(stream));
        // Corrections and cancel/errors follow trades (docs/protocols/alpaca.md §4).
        reply.insert(u"corrections"_s, list(Stream::Trades));
        reply.insert(u"cancelErrors"_s, list(Stream::Trades));
    }
    return '[' + compactJson(reply) + ']';
}

void AlpacaEmulatorSession::onPublished(Universe universe, const QList<MarketMessage> &messages)
{
    if (universe != m_universe || !m_authenticated || isSilent() || m_closing)
        return;
    QByteArray frame;
    for (const MarketMessage &message : messages) {
        if (isSubscribed(message.stream, message.symbol))
            frame += (frame.isEmpty() ? "[" : ",") + message.json;
    }
    if (!frame.isEmpty())
        send(frame + ']');
}

} // namespace tapescope::emulator::alpaca
