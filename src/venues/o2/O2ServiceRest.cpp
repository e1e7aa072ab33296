// O2Service's REST side and configuration: endpoints, GET /v1/markets before the socket, GET /v1/bars.
#include "venues/o2/O2Service.h"

#include "net/FeedTape.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

Q_DECLARE_LOGGING_CATEGORY(lcO2)

namespace tapescope::o2 {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// The reply's failure in plain words, with the venue's error body where it sent one (docs/protocols/o2.md §10).
QString replyProblem(QNetworkReply *reply, const QByteArray &body)
{
    QString problem = networkErrorText(reply);
    if (const auto venueError = parseErrorBody(body)) {
        problem += u" (code "_s + QString::number(venueError->code);
        if (!venueError->name().isEmpty())
            problem += u' ' + venueError->name();
        if (!venueError->message.isEmpty())
            problem += u": "_s + venueError->message;
        problem += u')';
    }
    return problem;
}

} // namespace

ConnectionConfig O2Service::Options::defaultConnection()
{
    ConnectionConfig config;
    // docs/protocols/o2.md §2.1: text PING at most every 30 s, the venue closes after 60 s without traffic; §5: back
    // off 1, 2, 4 ... 60 s with jitter.
    config.heartbeatInterval = 25s;
    config.heartbeatFrame = Codec::pingFrame();
    config.staleAfter = 35s;
    config.silenceTimeout = 60s;
    config.backoffBase = 1s;
    config.backoffCap = 60s;
    return config;
}

std::optional<Environment> O2Service::customEnvironment(const QUrl &url, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<Environment> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(
            u"'%1' is not a URL; give the REST base (http://host:port) or the WebSocket URL (ws://host:port/v1/ws)"_s
                .arg(url.toString()));
    const QString scheme = url.scheme();
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (scheme == u"http"_s || scheme == u"https"_s) {
        QUrl rest = url;
        rest.setPath(path);
        QUrl ws = rest;
        ws.setScheme(scheme == u"https"_s ? u"wss"_s : u"ws"_s);
        ws.setPath(path + u"/v1/ws"_s);
        return Environment::custom(ws, rest);
    }
    if (scheme == u"ws"_s || scheme == u"wss"_s) {
        if (!path.endsWith(u"/v1/ws"_s))
            return fail(u"an O2 WebSocket URL ends in /v1/ws (got '%1'); or give the REST base"_s.arg(url.toString()));
        QUrl rest = url;
        rest.setScheme(scheme == u"wss"_s ? u"https"_s : u"http"_s);
        rest.setPath(path.chopped(6));
        return Environment::custom(url, rest);
    }
    return fail(u"unsupported scheme '%1': use http, https, ws or wss"_s.arg(scheme));
}

QNetworkReply *O2Service::get(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(m_options.restTimeoutMs);
    return m_network->get(request);
}

void O2Service::fetchMarkets()
{
    if (m_marketsReply || !isStarted())
        return;
    m_marketsReply = get(m_environment.marketsUrl());
    QNetworkReply *reply = m_marketsReply;
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onMarketsReply(reply); });
    publishStatus();
}

void O2Service::onMarketsReply(QNetworkReply *reply)
{
    reply->deleteLater();
    if (m_marketsReply != reply)
        return; // aborted by stop()
    m_marketsReply = nullptr;
    const QByteArray body = replyBody(reply);
    QString problem;
    std::optional<MarketsResponse> response;
    if (reply->error() != QNetworkReply::NoError)
        problem = replyProblem(reply, body);
    else
        response = parseMarketsBody(body, &problem);

    if (!response) {
        // Retried with backoff: without the markets nothing can be subscribed or scaled (docs/protocols/o2.md §9).
        const int delayMs
            = std::min(m_options.marketsRetryCapMs, m_options.marketsRetryBaseMs << std::min(m_marketsAttempt, 16));
        ++m_marketsAttempt;
        m_marketsProblem = problem;
        m_marketsRetryTimer->start(delayMs);
        reportError(u"markets_unavailable"_s, u"GET /v1/markets failed: "_s + problem);
        publishStatus();
        return;
    }

    m_marketsProblem.clear();
    m_marketsAttempt = 0;
    m_codec.setMarkets(MarketTable(response->markets));
    m_marketsLoaded = true;
    QList<Instrument> instruments;
    for (const Market &market : response->markets) {
        Instrument instrument;
        instrument.id = market.instrumentId(); // symbol = market id, display = pair name
        instrument.kind = Instrument::Kind::Spot;
        instrument.sizeDecimals = market.base.maxPrecision;
        instruments.append(instrument);
    }
    qCInfo(lcO2).noquote() << "loaded" << instruments.size() << "markets from"
                           << m_environment.marketsUrl().toDisplayString();
    Q_EMIT instrumentsReady(instruments);

    const QList<PendingRequest> waiting = std::exchange(m_waitingForMarkets, {});
    for (const PendingRequest &request : waiting)
        perform(request);
    connection()->open();
    publishStatus();
}

void O2Service::fetchBars(const Market &market, const QString &resolution, qint64 fromMs, qint64 toMs)
{
    QNetworkReply *reply = get(m_environment.barsUrl(market.marketId, resolution, fromMs, toMs));
    connect(reply, &QNetworkReply::finished, this, [this, reply, market, resolution] {
        reply->deleteLater();
        const QByteArray body = replyBody(reply);
        CandleHistory history { venueName(), market.marketId, resolution, {}, {} };
        QString problem;
        if (reply->error() != QNetworkReply::NoError) {
            problem = replyProblem(reply, body);
        } else if (auto candles = parseBarsBody(body, market, resolution, &problem)) {
            history.candles = std::move(*candles);
        }
        if (!problem.isEmpty()) {
            history.error = u"bars for %1 %2: %3"_s.arg(market.pair(), resolution, problem);
            qCWarning(lcO2).noquote() << history.error;
        }
        Q_EMIT candleHistoryReady(history);
    });
}

} // namespace tapescope::o2
