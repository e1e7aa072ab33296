#include "AlpacaAccountService.h"

#include "net/FeedTape.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcAlpacaAccount, "tapescope.venue.alpaca.account")

namespace tapescope::alpaca {

using namespace Qt::StringLiterals;
using Reason = FeedReason::Code;

namespace {

// The feed's clock: the wall clock, or a recording's (net/FeedTape.h), so a replay stamps events alike.
qint64 nowMs()
{
    return feedClockMs();
}

bool isSocketOpen(ConnectionState state)
{
    using S = ConnectionState;
    return state == S::Live || state == S::Stale || state == S::Resyncing;
}

QUrl baseOf(const AlpacaAccountService::Options &options)
{
    return options.tradingBase.isEmpty() ? tradingBaseUrl(options.paper) : options.tradingBase;
}

ConnectionConfig connectionTo(const QUrl &base, ConnectionConfig config)
{
    if (config.url.isEmpty())
        config.url = tradingStreamUrl(base);
    config.webSocketPing = true; // no application heartbeat (docs/protocols/alpaca.md §2)
    return config;
}

QString keysRefused(const QString &how)
{
    return u"Alpaca refused the API keys (%1): check ALPACA_API_KEY_ID and ALPACA_API_SECRET_KEY, and that they "
           "are keys of this environment (paper keys are not live keys)"_s.arg(how);
}

} // namespace

AlpacaAccountService::AlpacaAccountService(Credentials credentials, Options options, QObject *parent)
    : VenueService(venueName(), connectionTo(baseOf(options), options.connection), { 0, 512 }, lcAlpacaAccount, parent)
    , m_credentials(std::move(credentials))
    , m_options(std::move(options))
    , m_base(baseOf(m_options))
    , m_network(createNetworkAccessManager(this))
    , m_limitTimer(new QTimer(this))
{
    connect(connection(), &VenueConnection::textFrameReceived, this, &AlpacaAccountService::onFrame);
    // The paper trading stream sends binary frames of UTF-8 JSON (docs/protocols/alpaca.md §10).
    connect(connection(), &VenueConnection::binaryFrameReceived, this, &AlpacaAccountService::onFrame);
    connect(connection(), &VenueConnection::opened, this, &AlpacaAccountService::onOpened);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_phase == Phase::ReadingAccount)
            readAccount();
        else if (m_phase == Phase::Bootstrapping)
            startBootstrap();
    });
    m_refreshAfterFill.setSingleShot(true);
    connect(&m_refreshAfterFill, &QTimer::timeout, this, &AlpacaAccountService::refreshState);
    m_limitTimer->setSingleShot(true);
    connect(m_limitTimer, &QTimer::timeout, this, [this] {
        m_limitRetryAt = QDateTime();
        if (isStarted())
            connection()->open();
    });
}

AlpacaAccountService::~AlpacaAccountService() = default;

QUrl AlpacaAccountService::streamUrl() const
{
    return connectionTo(m_base, m_options.connection).url;
}

void AlpacaAccountService::startFeed()
{
    m_phase = Phase::Closed;
    m_refusals = 0;
    connection()->open();
}

void AlpacaAccountService::stopFeed()
{
    ++m_generation;
    m_retryTimer.stop();
    m_refreshAfterFill.stop();
    m_limitTimer->stop();
    m_limitRetryAt = QDateTime();
}

void AlpacaAccountService::setCredentials(const QString &keyId, const QString &secret)
{
    m_credentials = { keyId, secret };
    m_refusals = 0;
    m_authForm = TradingAuthForm::Auth;
    m_stopReason.clear();
    if (!isStarted())
        return;
    if (m_phase == Phase::Stopped) {
        m_phase = Phase::Closed;
        connection()->open();
    } else if (m_phase != Phase::Closed) {
        connection()->reconnect({ Reason::NewCredentials });
    }
}

void AlpacaAccountService::connectionStateChanged(ConnectionState state)
{
    if (isSocketOpen(state) && m_phase == Phase::Closed) {
        m_phase = Phase::SigningIn; // the socket reports Live before opened(): not live before the sign-in
    } else if (!isSocketOpen(state)) {
        // The connection is gone: what arrives next is a new session, bootstrapped afresh.
        if (m_phase != Phase::Stopped)
            m_phase = Phase::Closed;
        ++m_generation;
        m_state.markUnsynced();
        m_retryTimer.stop();
        m_refreshAfterFill.stop();
    }
    publishStatus();
}

void AlpacaAccountService::onOpened()
{
    // No welcome on the trading stream: sign in at once (docs/protocols/alpaca.md §10 step 1).
    ++m_generation;
    if (!m_credentials.isComplete()) {
        m_phase = Phase::Stopped;
        connection()->close(
            { Reason::ApiKeyMissing, { u"Alpaca"_s, u"ALPACA_API_KEY_ID"_s, u"ALPACA_API_SECRET_KEY"_s } });
        return;
    }
    m_phase = Phase::SigningIn;
    ++m_signIns;
    connection()->sendText(tradingAuthFrame(m_authForm, m_credentials.keyId, m_credentials.secret));
    publishStatus();
}

void AlpacaAccountService::onFrame(const QByteArray &frame, qint64 receivedAtMs)
{
    Q_UNUSED(receivedAtMs);
    QString error;
    const std::optional<TradingMessage> message = m_decoder.decodeFrame(frame, &error);
    if (!message) {
        ++m_malformed;
        connection()->noteDecodeError();
        qCWarning(lcAlpacaAccount).noquote() << "malformed:" << error;
        reportError(u"malformed"_s, error);
        flush();
        return;
    }
    switch (message->kind) {
    case TradingMessage::Kind::Authorization:
        onAuthorization(*message);
        break;
    case TradingMessage::Kind::Listening:
        if (m_phase == Phase::Listening) {
            if (!message->streams.contains(u"trade_updates"_s))
                reportError(u"venue_error"_s, u"the trading stream did not confirm trade_updates"_s);
            startBootstrap();
        }
        break;
    case TradingMessage::Kind::TradeUpdate: {
        const bool fill = std::any_of(message->events.begin(), message->events.end(), [](const AccountEvent &event) {
            return std::holds_alternative<AccountFill>(event);
        });
        publish(message->events);
        if (fill && m_state.isSynced())
            m_refreshAfterFill.start(m_options.refreshAfterFillMs);
        break;
    }
    case TradingMessage::Kind::Error:
        onStreamError(message->errorMessage);
        break;
    case TradingMessage::Kind::Other:
        break;
    }
}

void AlpacaAccountService::onAuthorization(const TradingMessage &message)
{
    if (message.authorized) {
        if (m_phase != Phase::SigningIn)
            return;
        m_refusals = 0;
        m_connectionLimitStrikes = 0;
        m_stopReason.clear();
        m_phase = Phase::ReadingAccount;
        readAccount();
        publishStatus();
        return;
    }
    if (message.action == u"listen"_s && m_phase != Phase::SigningIn) {
        // listen was not taken as signed in: start over (docs/protocols/alpaca.md §10 step 3).
        connection()->reconnect({ Reason::VenueError, { u"the trading stream answered listen with unauthorized"_s } });
        return;
    }
    // The keys or the form were refused: try the other documented form once, then stop (no retry can help).
    ++m_refusals;
    const QString words = keysRefused(u"\""_s + message.status + u"\""_s);
    if (m_refusals >= 2) {
        stopForKeys(words);
        return;
    }
    m_stopReason = words;
    m_authForm = m_authForm == TradingAuthForm::Auth ? TradingAuthForm::Authenticate : TradingAuthForm::Auth;
    ++m_signIns;
    connection()->sendText(tradingAuthFrame(m_authForm, m_credentials.keyId, m_credentials.secret));
}

void AlpacaAccountService::onStreamError(const QString &words)
{
    const QString text = u"Alpaca trading stream: "_s + words;
    reportError(u"venue_error"_s, text);
    flush();
    const QString lower = words.toLower();
    if (lower.contains(u"connection limit"_s)) {
        backOffForConnectionLimit(text);
    } else if (lower.contains(u"unauthorized"_s) || lower.contains(u"auth failed"_s)
               || lower.contains(u"forbidden"_s)) {
        stopForKeys(keysRefused(words));
    } else {
        connection()->reconnect({ Reason::VenueError, { text } }); // the server closes after an error (§10 step 5)
    }
}

void AlpacaAccountService::stopForKeys(const QString &words)
{
    m_phase = Phase::Stopped;
    m_stopReason = words;
    ++m_generation;
    reportError(u"auth_failed"_s, words);
    flush();
    connection()->close({ Reason::VenueError, { words } });
}

void AlpacaAccountService::backOffForConnectionLimit(const QString &words)
{
    const qint64 base = std::max<qint64>(m_options.connectionLimitBackoff.count(), 1);
    const qint64 cap = std::max<qint64>(m_options.connectionLimitBackoffCap.count(), base);
    const int doublings = std::min(m_connectionLimitStrikes++, 20);
    const qint64 ceiling = std::min<qint64>(cap, base << doublings);
    const qint64 delay = qint64(double(ceiling) * (0.75 + 0.5 * QRandomGenerator::global()->generateDouble()));
    m_limitError = words;
    m_limitRetryAt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    m_limitTimer->start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
    qCWarning(lcAlpacaAccount).noquote() << "connection limit; next attempt in" << delay << "ms";
    connection()->close({ Reason::VenueError, { words } });
}

void AlpacaAccountService::adjustStatus(FeedStatus &status) const
{
    using S = ConnectionState;
    status.malformedFrames = m_malformed;
    if (m_limitRetryAt.isValid()) {
        const qint64 waitMs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(m_limitRetryAt));
        status.state = S::BackingOff;
        status.reason = { Reason::ConnectionLimit, { m_limitError } };
        status.reason.retryInMs = waitMs;
        status.nextAttemptAtMs = m_limitRetryAt.toMSecsSinceEpoch();
        return;
    }
    if (isSocketOpen(status.state)) {
        switch (m_phase) {
        case Phase::SigningIn:
            status.state = S::Connecting;
            status.reason = { Reason::SigningIn };
            break;
        case Phase::ReadingAccount:
        case Phase::Listening:
        case Phase::Bootstrapping:
            status.state = S::Resyncing;
            status.reason = { Reason::LoadingAccount, { account().isEmpty() ? u"Alpaca"_s : account() } };
            break;
        case Phase::Closed:
        case Phase::Synced:
        case Phase::Stopped:
            break;
        }
    } else if (!m_stopReason.isEmpty()) {
        status.reason = { Reason::VenueError, { m_stopReason } }; // why the sign-in failed, not "connection lost"
    }
}

void AlpacaAccountService::checkDeadlines()
{
    if (m_phase == Phase::Synced && (!m_sinceRefresh.isValid() || m_sinceRefresh.elapsed() >= m_options.pollIntervalMs))
        refreshState();
}

QNetworkReply *AlpacaAccountService::get(const QString &path, const QList<QPair<QString, QString>> &query)
{
    QUrl url = m_base;
    QString prefix = url.path();
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    url.setPath(prefix + path);
    if (!query.isEmpty()) {
        QUrlQuery items;
        items.setQueryItems(query);
        url.setQuery(items);
    }
    QNetworkRequest request(url);
    // The REST auth headers (docs/protocols/alpaca.md §9); never logged.
    request.setRawHeader("APCA-API-KEY-ID", m_credentials.keyId.toUtf8());
    request.setRawHeader("APCA-API-SECRET-KEY", m_credentials.secret.toUtf8());
    request.setTransferTimeout(15000);
    return m_network->get(request);
}

std::optional<QJsonDocument> AlpacaAccountService::replyJson(QNetworkReply *reply, const QString &what, QString *error,
                                                             bool *refused)
{
    *refused = false;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = replyBody(reply);
    if (reply->error() != QNetworkReply::NoError || status >= 300) {
        // Alpaca's error body: {"code":40110000,"message":"…"} (docs/protocols/alpaca.md §9).
        const QString message = QJsonDocument::fromJson(body).object().value("message"_L1).toString();
        *refused = status == 401 || status == 403;
        *error = u"%1: %2"_s.arg(
            what, !message.isEmpty() ? u"HTTP %1 %2"_s.arg(status).arg(message) : networkErrorText(reply));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = u"%1: not JSON (%2)"_s.arg(what, parseError.errorString());
        return std::nullopt;
    }
    return document;
}

void AlpacaAccountService::bootstrapFailed(const QString &error, bool refused)
{
    if (refused) {
        stopForKeys(keysRefused(error));
        return;
    }
    m_bootstrapFailed = true;
    reportError(u"account_bootstrap"_s, error);
}

// After the sign-in: the account's id first (it names every event), then listen.
void AlpacaAccountService::readAccount()
{
    const int generation = m_generation;
    const qint64 requestedAt = nowMs();
    QNetworkReply *reply = get(u"/v2/account"_s);
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, requestedAt] {
        reply->deleteLater();
        if (generation != m_generation || m_phase != Phase::ReadingAccount)
            return;
        QString error;
        bool refused = false;
        const auto document = replyJson(reply, u"/v2/account"_s, &error, &refused);
        const QString id = document ? AccountDecoder::accountIdOf(document->object()) : QString();
        std::optional<AccountSummary> summary;
        if (document && !id.isEmpty()) {
            m_decoder.setAccount(m_options.accountName.isEmpty() ? id : m_options.accountName);
            summary = m_decoder.accountSummary(document->object(), requestedAt, true, &error);
        } else if (document) {
            error = u"/v2/account: no id"_s;
        }
        if (!summary) {
            bootstrapFailed(error, refused);
            if (m_phase == Phase::ReadingAccount) {
                flush();
                m_retryTimer.start(m_options.bootstrapRetryMs);
            }
            return;
        }
        m_phase = Phase::Listening;
        connection()->sendText(tradingListenFrame());
        publish({ *summary });
        publishStatus();
    });
}

void AlpacaAccountService::startBootstrap()
{
    if (!isStarted() || !isSocketOpen(connection()->state()))
        return;
    const int generation = ++m_generation;
    m_phase = Phase::Bootstrapping;
    m_bootstrapFailed = false;
    m_bootstrapPending = 4;
    m_bootstrapOrders.clear();
    m_bootstrapFills.clear();
    m_statusQueries = 0;
    publishStatus();

    const auto request
        = [this, generation](const QString &path, const QList<QPair<QString, QString>> &query, auto &&handle) {
              QNetworkReply *reply = get(path, query);
              connect(reply, &QNetworkReply::finished, this, [this, reply, generation, path, handle] {
                  reply->deleteLater();
                  if (generation != m_generation)
                      return; // an answer for a connection that is gone
                  QString error;
                  bool refused = false;
                  const auto document = replyJson(reply, path, &error, &refused);
                  if (!document || !handle(*document, &error)) {
                      bootstrapFailed(error.isEmpty() ? path + u": unexpected answer"_s : error, refused);
                      if (m_phase == Phase::Stopped)
                          return;
                  }
                  bootstrapPartDone();
              });
          };
    const qint64 requestedAt = nowMs();
    request(u"/v2/account"_s, {}, [this, requestedAt](const QJsonDocument &document, QString *error) {
        auto summary = m_decoder.accountSummary(document.object(), requestedAt, true, error);
        if (summary)
            publish({ *summary });
        return summary.has_value();
    });
    request(u"/v2/positions"_s, {}, [this, requestedAt](const QJsonDocument &document, QString *error) {
        auto positions = m_decoder.positions(document.isArray() ? QJsonValue(document.array()) : QJsonValue(),
                                             requestedAt, true, error);
        if (positions)
            publishPositions(std::move(*positions), requestedAt, true);
        return positions.has_value();
    });
    request(u"/v2/orders"_s, { { u"status"_s, u"open"_s }, { u"limit"_s, u"500"_s }, { u"nested"_s, u"false"_s } },
            [this](const QJsonDocument &document, QString *error) {
                auto orders
                    = m_decoder.orders(document.isArray() ? QJsonValue(document.array()) : QJsonValue(), true, error);
                if (!orders)
                    return false;
                m_bootstrapOrders = *orders;
                std::reverse(orders->begin(), orders->end()); // newest first on the wire; published oldest first
                publish(AccountEventBatch(orders->begin(), orders->end()));
                return true;
            });
    requestFills({}, 0);
}

// The newest fills, newest first, page by page (page_token = the last id of the previous page).
void AlpacaAccountService::requestFills(const QString &pageToken, int page)
{
    const int generation = m_generation;
    QList<QPair<QString, QString>> query { { u"direction"_s, u"desc"_s },
                                           { u"page_size"_s, QString::number(m_options.fillPageSize) } };
    if (!pageToken.isEmpty())
        query.append({ u"page_token"_s, pageToken });
    QNetworkReply *reply = get(u"/v2/account/activities/FILL"_s, query);
    connect(reply, &QNetworkReply::finished, this, [this, reply, generation, page] {
        reply->deleteLater();
        if (generation != m_generation)
            return;
        QString error;
        bool refused = false;
        const auto document = replyJson(reply, u"/v2/account/activities/FILL"_s, &error, &refused);
        QString lastId;
        std::optional<std::vector<AccountFill>> fills;
        if (document)
            fills = m_decoder.fillActivities(document->isArray() ? QJsonValue(document->array()) : QJsonValue(), true,
                                             &lastId, &error);
        if (!fills) {
            bootstrapFailed(error, refused);
            if (m_phase != Phase::Stopped)
                bootstrapPartDone();
            return;
        }
        const qsizetype listed = document->array().size();
        m_bootstrapFills.insert(m_bootstrapFills.end(), fills->begin(), fills->end());
        if (listed >= m_options.fillPageSize && page + 1 < m_options.fillPages && !lastId.isEmpty()) {
            requestFills(lastId, page + 1);
            return;
        }
        std::vector<AccountFill> all = std::move(m_bootstrapFills);
        m_bootstrapFills.clear();
        std::reverse(all.begin(), all.end()); // published oldest first
        publish(AccountEventBatch(all.begin(), all.end()));
        bootstrapPartDone();
    });
}

void AlpacaAccountService::bootstrapPartDone()
{
    if (--m_bootstrapPending > 0)
        return;
    if (m_bootstrapFailed) {
        flush();
        m_retryTimer.start(m_options.bootstrapRetryMs);
        return;
    }
    reconcileOrders();
}

// Orders we knew as open that the venue no longer lists ended while we were not looking: read each
// (GET /v2/orders/{id}), and say "closed" where the venue does not know it.
void AlpacaAccountService::reconcileOrders()
{
    QSet<QString> listed;
    for (const AccountOrder &order : m_bootstrapOrders)
        listed.insert(order.id);
    const int generation = m_generation;
    for (const AccountOrder &known : m_state.openOrdersByTime()) {
        if (listed.contains(known.id))
            continue;
        ++m_statusQueries;
        QNetworkReply *reply = get(u"/v2/orders/"_s + known.id);
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, known] {
            reply->deleteLater();
            if (generation != m_generation)
                return;
            QString error;
            bool refused = false;
            std::optional<AccountOrder> answer;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (const auto document = replyJson(reply, u"order "_s + known.id, &error, &refused))
                answer = m_decoder.order(document->object(), true, &error);
            if (!answer || answer->id != known.id) {
                if (status != 404)
                    reportError(u"account_bootstrap"_s, error);
                AccountOrder closed = known;
                closed.status = u"closed"_s;
                closed.venueStatus.clear();
                closed.ts = nowMs();
                answer = closed;
            }
            answer->snapshot = true;
            publish({ *answer });
            if (--m_statusQueries == 0)
                finishSync();
        });
    }
    if (m_statusQueries == 0)
        finishSync();
}

void AlpacaAccountService::finishSync()
{
    m_phase = Phase::Synced;
    m_sinceRefresh.restart();
    publish({ AccountSynced { venueName(), account(), nowMs() } });
    publishStatus();
}

void AlpacaAccountService::refreshState()
{
    if (m_phase != Phase::Synced || m_refreshing)
        return;
    m_sinceRefresh.restart();
    m_refreshing = true;
    const int generation = m_generation;
    const qint64 requestedAt = nowMs();
    QNetworkReply *positions = get(u"/v2/positions"_s);
    QNetworkReply *summary = get(u"/v2/account"_s);
    connect(positions, &QNetworkReply::finished, this, [this, positions, generation, requestedAt] {
        positions->deleteLater();
        m_refreshing = false;
        if (generation != m_generation)
            return;
        QString error;
        bool refused = false;
        const auto document = replyJson(positions, u"/v2/positions"_s, &error, &refused);
        auto list = document ? m_decoder.positions(document->isArray() ? QJsonValue(document->array()) : QJsonValue(),
                                                   requestedAt, false, &error)
                             : std::nullopt;
        if (!list) {
            qCWarning(lcAlpacaAccount).noquote() << "refresh failed:" << error;
            return;
        }
        publishPositions(std::move(*list), requestedAt, false);
    });
    connect(summary, &QNetworkReply::finished, this, [this, summary, generation, requestedAt] {
        summary->deleteLater();
        if (generation != m_generation)
            return;
        QString error;
        bool refused = false;
        const auto document = replyJson(summary, u"/v2/account"_s, &error, &refused);
        auto parsed
            = document ? m_decoder.accountSummary(document->object(), requestedAt, false, &error) : std::nullopt;
        if (!parsed) {
            qCWarning(lcAlpacaAccount).noquote() << "refresh failed:" << error;
            return;
        }
        publish({ *parsed });
    });
}

void AlpacaAccountService::publish(AccountEventBatch events)
{
    AccountEventBatch changed;
    for (AccountEvent &event : events) {
        if (m_state.apply(event))
            changed.push_back(std::move(event));
    }
    if (!changed.empty()) {
        flush(); // errors that came first go out first
        Q_EMIT accountEventsReady(changed);
    }
}

// The positions the venue lists; those it no longer lists are flat.
void AlpacaAccountService::publishPositions(std::vector<AccountPosition> positions, std::int64_t ts, bool snapshot)
{
    AccountEventBatch events;
    QSet<QString> named;
    for (const AccountPosition &position : positions)
        named.insert(position.symbol);
    for (const AccountPosition &held : m_state.positions()) {
        if (named.contains(held.symbol))
            continue;
        AccountPosition flat;
        flat.venue = venueName();
        flat.account = account();
        flat.symbol = held.symbol;
        flat.size = Decimal::fromInteger(0);
        flat.ts = ts;
        flat.snapshot = snapshot;
        events.emplace_back(std::move(flat));
    }
    for (AccountPosition &position : positions)
        events.emplace_back(std::move(position));
    publish(std::move(events));
}

} // namespace tapescope::alpaca
