// KalshiService: NFL game discovery over REST (docs/protocols/kalshi.md §13.3, §15 step 1), signed like the handshake
// when a key is configured (§2.2: only the path is signed, never the query).
#include "venues/kalshi/KalshiService.h"

#include "net/FeedTape.h"
#include "venues/kalshi/KalshiServiceLog.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tapescope::kalshi {

namespace {

constexpr int kRestTimeoutMs = 15000;
constexpr int kDiscoveryRetries = 6; // 429s in a row asked again (1 + 2 + 4 + 8 + 16 + 32 s by default)

// "HTTP 401: <start of the body>" or the network error: plain words for the feed status.
QString restErrorText(QNetworkReply *reply, const QByteArray &body)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString text = status > 0 ? u"HTTP %1"_s.arg(status) : networkErrorText(reply);
    if (!body.isEmpty() && status > 0)
        text += u": "_s + QString::fromUtf8(body.left(160));
    return text;
}

} // namespace

QNetworkReply *KalshiService::getSigned(const QByteArray &pathAndQuery)
{
    QNetworkRequest request(m_endpoints.restUrl(pathAndQuery));
    request.setTransferTimeout(kRestTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (m_hasCredentials && m_credentialsProblem.isNone()) {
        const SignedHeaders headers = m_signer.requestHeaders(QDateTime::currentMSecsSinceEpoch(), "GET", pathAndQuery);
        if (!headers.signature.isEmpty()) {
            for (const auto &[name, value] : headers.toList())
                request.setRawHeader(name, value);
        }
    }
    return m_network->get(request);
}

void KalshiService::discoverNflGames()
{
    if (m_discovering)
        return; // the one under way will report
    m_discovering = true;
    m_discovery = NflDiscovery {};
    fetchEventsPage(QString());
}

void KalshiService::fetchEventsPage(const QString &cursor)
{
    QNetworkReply *reply = getSigned(discovery::nflEventsPath(cursor));
    connect(reply, &QNetworkReply::finished, this, [this, reply, cursor] {
        reply->deleteLater();
        const QByteArray body = replyBody(reply);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 429 && m_discoveryRateLimited < kDiscoveryRetries) {
            // Too many calls for the key's tier (§11, per second): the same page again, later. The games are still
            // wanted, so this is not the discovery's end.
            int delayMs = m_options.discoveryRetryMs << m_discoveryRateLimited++;
            bool seconds = false;
            const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&seconds);
            if (seconds && retryAfter > 0)
                delayMs = std::max(delayMs, std::min(retryAfter, 300) * 1000);
            reportError(u"rate_limited"_s,
                        u"NFL discovery page %1: %2; asked again in %3 ms"_s.arg(m_discovery.pages + 1)
                            .arg(restErrorText(reply, body))
                            .arg(delayMs));
            QTimer::singleShot(delayMs, this, [this, cursor] {
                if (m_discovering)
                    fetchEventsPage(cursor);
            });
            return;
        }
        m_discoveryRateLimited = 0;
        if (reply->error() != QNetworkReply::NoError) {
            finishDiscovery(
                u"NFL discovery failed on page %1: %2"_s.arg(m_discovery.pages + 1).arg(restErrorText(reply, body)));
            return;
        }
        EventsPage page = discovery::parseEventsPage(body);
        if (!page.error.isEmpty()) {
            finishDiscovery(u"NFL discovery page %1: %2"_s.arg(m_discovery.pages + 1).arg(page.error));
            return;
        }
        ++m_discovery.pages;
        for (EventListing &event : page.events)
            m_discovery.events.push_back(std::move(event));
        if (page.cursor.isEmpty()) {
            finishDiscovery(QString());
        } else if (page.cursor == cursor || m_discovery.pages >= m_options.maxDiscoveryPages) {
            finishDiscovery(
                u"NFL discovery stopped after %1 pages: the cursor does not advance"_s.arg(m_discovery.pages));
        } else {
            fetchEventsPage(page.cursor); // "repeat with cursor until empty" (§13.3)
        }
    });
}

void KalshiService::finishDiscovery(const QString &error)
{
    m_discovering = false;
    m_discovery.error = error;
    EventsPage all;
    all.events = m_discovery.events;
    m_discovery.games = discovery::nflGames(all, &m_discovery.skipped);
    if (!error.isEmpty()) {
        reportError(u"discovery"_s, error);
    } else {
        qCInfo(lcKalshi) << "NFL discovery:" << m_discovery.games.size() << "games over" << m_discovery.pages
                         << "pages";
    }
    QSet<QString> games;
    QList<Instrument> instruments;
    for (const NflGame &game : m_discovery.games) {
        games.insert(game.ticker().eventTicker);
        const QString matchup = u"%1 @ %2"_s.arg(game.ticker().away, game.ticker().home);
        for (const TeamMarket *team : { &game.away(), &game.home() }) {
            m_knownNflMarkets.insert(team->marketTicker);
            // "PHI (DAL @ PHI)": the team whose win pays YES, then the game. Sizes are whole contracts (the
            // "_fp" counts' ".00" is only their format); a fractional fill still shows its digits.
            instruments.append({ { venueName(), team->marketTicker, u"%1 (%2)"_s.arg(team->team, matchup) },
                                 Instrument::Kind::Prediction,
                                 0 });
        }
    }
    if (!instruments.isEmpty())
        Q_EMIT instrumentsReady(instruments);
    const NflDiscovery result = std::exchange(m_discovery, NflDiscovery {});
    Q_EMIT nflGamesReady(result);
    if (error.isEmpty() && games != m_knownGames) {
        m_knownGames = games;
        Q_EMIT nflGamesChanged(result);
    }
}

} // namespace tapescope::kalshi
