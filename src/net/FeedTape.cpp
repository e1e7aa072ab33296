#include "net/FeedTape.h"

#include "net/VenueConnection.h"
#include "record/Redaction.h"
#include "record/TapeReader.h"
#include "record/TapeWriter.h"

#include <QtCore/QBuffer>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QMetaEnum>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QSslError>

#include <algorithm>
#include <atomic>

using namespace Qt::StringLiterals;

namespace tapescope {

namespace {

// Written by the GUI thread while a feed is made (the app records one venue while the others run) and read by every
// feed thread through feedClockMs(): atomic.
std::atomic<FeedTape *> g_current = nullptr;

// How long a replay waits for a request whose recorded answer came up before the replayed service asked for it.
constexpr int kRequestGraceMs = 10000;
// Records played in one turn of the event loop at most.
constexpr int kRecordsPerTurn = 256;

QByteArray methodName(QNetworkAccessManager::Operation operation, const QNetworkRequest &request)
{
    switch (operation) {
    case QNetworkAccessManager::HeadOperation:
        return "HEAD";
    case QNetworkAccessManager::GetOperation:
        return "GET";
    case QNetworkAccessManager::PutOperation:
        return "PUT";
    case QNetworkAccessManager::PostOperation:
        return "POST";
    case QNetworkAccessManager::DeleteOperation:
        return "DELETE";
    case QNetworkAccessManager::CustomOperation:
        return request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
    case QNetworkAccessManager::UnknownOperation:
        break;
    }
    return "UNKNOWN";
}

QByteArray requestBody(QIODevice *outgoingData)
{
    if (!outgoingData || !outgoingData->isOpen())
        return {};
    return outgoingData->peek(std::max<qint64>(outgoingData->size() - outgoingData->pos(), 0));
}

// What a recorded answer and a replayed request are matched on.
QByteArray exchangeKey(const QByteArray &method, const QString &url, const QByteArray &body)
{
    return method + ' ' + url.toUtf8() + '\n' + body;
}

// A key with every run of digits as one '#': what a request made at another time still matches on when no request
// matches exactly. A history request names a time window computed from the wall clock when it was made (Hyperliquid's
// candleSnapshot `startTime`/`endTime`, Alpaca's `start`, Kalshi's `start_ts`), so the app's chart, asking again on
// replay, differs from the recorded request in exactly those numbers; without this the replay waited out the grace
// for a request that never came, and the chart had no history.
QByteArray shapeOf(const QByteArray &key)
{
    QByteArray shape;
    shape.reserve(key.size());
    bool inDigits = false;
    for (const char c : key) {
        const bool digit = c >= '0' && c <= '9';
        if (!digit)
            shape.append(c);
        else if (!inDigits)
            shape.append('#');
        inDigits = digit;
    }
    return shape;
}

// The index in `items` of the one that `network` and `key` match: exactly first, else by shape (the oldest of
// each); -1 when none does.
template<typename List, typename NetworkOf, typename KeyOf>
qsizetype findExchange(const List &items, quint16 network, const QByteArray &key, NetworkOf networkOf, KeyOf keyOf)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (networkOf(items.at(i)) == network && keyOf(items.at(i)) == key)
            return i;
    }
    const QByteArray shape = shapeOf(key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (networkOf(items.at(i)) == network && shapeOf(keyOf(items.at(i))) == shape)
            return i;
    }
    return -1;
}

// Records every exchange of the manager: its request (URL and body redacted, no headers) and the answer the
// service read, at the moment the reply finished (before the service's own handler runs).
class RecordingNetworkAccessManager : public QNetworkAccessManager
{
public:
    RecordingNetworkAccessManager(FeedTape *tape, QObject *parent)
        : QNetworkAccessManager(parent)
        , m_tape(tape)
        , m_id(tape->attachNetwork(this))
    { }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        const QByteArray method = methodName(operation, request);
        const QString url = tape::redactUrl(request.url());
        const QByteArray body = tape::redactFrame(requestBody(outgoingData));
        const qint64 requestedNs = m_tape ? m_tape->nowNs() : 0;
        QNetworkReply *reply = QNetworkAccessManager::createRequest(operation, request, outgoingData);
        connect(reply, &QNetworkReply::finished, this, [this, reply, method, url, body, requestedNs] {
            if (!m_tape)
                return;
            QJsonObject metadata { { u"method"_s, QString::fromUtf8(method) },
                                   { u"url"_s, url },
                                   { u"request"_s, QString::fromUtf8(body) },
                                   { u"requestedNs"_s, QString::number(requestedNs) },
                                   { u"status"_s, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() },
                                   { u"error"_s, int(reply->error()) } };
            if (reply->error() != QNetworkReply::NoError)
                metadata.insert(u"errorString"_s, networkErrorText(reply));
            const QByteArray response = reply->peek(reply->bytesAvailable());
            m_tape->record(tape::RecordKind::RestExchange, 0, m_id, m_tape->nowNs(),
                           tape::restPayload(QJsonDocument(metadata).toJson(QJsonDocument::Compact), response));
        });
        return reply;
    }

private:
    QPointer<FeedTape> m_tape;
    quint16 m_id;
};

} // namespace

// A reply whose answer comes from the recording.
class ReplayReply : public QNetworkReply
{
public:
    ReplayReply(quint16 network, QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
                const QByteArray &key, QObject *parent)
        : QNetworkReply(parent)
        , m_network(network)
        , m_key(key)
    {
        setRequest(request);
        setUrl(request.url());
        setOperation(operation);
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }

    quint16 network() const { return m_network; }
    const QByteArray &key() const { return m_key; }

    void answer(const QJsonObject &metadata, const QByteArray &body)
    {
        m_body = body;
        m_offset = 0;
        const int status = metadata.value(u"status"_s).toInt();
        if (status != 0)
            setAttribute(QNetworkRequest::HttpStatusCodeAttribute, status);
        const auto error = QNetworkReply::NetworkError(metadata.value(u"error"_s).toInt());
        if (error != QNetworkReply::NoError)
            setError(error, metadata.value(u"errorString"_s).toString());
        setFinished(true);
        if (error != QNetworkReply::NoError)
            Q_EMIT errorOccurred(error);
        Q_EMIT readyRead();
        Q_EMIT finished();
    }

    void abort() override
    {
        if (isFinished())
            return;
        setError(OperationCanceledError, u"Operation canceled"_s);
        setFinished(true);
        Q_EMIT finished();
    }
    qint64 bytesAvailable() const override { return m_body.size() - m_offset + QNetworkReply::bytesAvailable(); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 count = std::min<qint64>(maxSize, m_body.size() - m_offset);
        if (count <= 0)
            return isFinished() ? -1 : 0;
        std::copy_n(m_body.constData() + m_offset, count, data);
        m_offset += count;
        return count;
    }

private:
    quint16 m_network;
    QByteArray m_key;
    QByteArray m_body;
    qint64 m_offset = 0;
};

namespace {

// Answers every request from the recording; nothing goes to the network.
class ReplayNetworkAccessManager : public QNetworkAccessManager
{
public:
    ReplayNetworkAccessManager(TapePlayer *player, QObject *parent)
        : QNetworkAccessManager(parent)
        , m_player(player)
        , m_id(player->attachNetwork(this))
    { }

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request, QIODevice *outgoingData) override
    {
        const QByteArray key = exchangeKey(methodName(operation, request), tape::redactUrl(request.url()),
                                           tape::redactFrame(requestBody(outgoingData)));
        auto *reply = new ReplayReply(m_id, operation, request, key, this);
        if (m_player)
            m_player->requestMade(m_id, reply);
        return reply;
    }

private:
    QPointer<TapePlayer> m_player;
    quint16 m_id;
};

} // namespace

FeedTape::FeedTape(QObject *parent)
    : QObject(parent)
{ }

FeedTape::~FeedTape()
{
    FeedTape *self = this;
    g_current.compare_exchange_strong(self, nullptr);
}

FeedTape *FeedTape::current()
{
    return g_current.load();
}

void FeedTape::setCurrent(FeedTape *tape)
{
    g_current.store(tape);
}

quint16 FeedTape::attachConnection(VenueConnection *connection)
{
    m_connections.append(connection);
    return quint16(m_connections.size() - 1);
}

quint16 FeedTape::attachNetwork(QNetworkAccessManager *network)
{
    m_networks.append(network);
    return quint16(m_networks.size() - 1);
}

void FeedTape::record(tape::RecordKind, quint8, quint16, qint64, const QByteArray &) { }

qint64 FeedTape::nowNs() const
{
    return tape::TapeWriter::nowNs();
}

QByteArray FeedTape::eventPayload(const char *event, const FeedReason &reason, const QString &url,
                                  std::optional<quint32> jitterSeed)
{
    QJsonObject json { { u"event"_s, QString::fromLatin1(event) } };
    if (!reason.isNone()) {
        const QMetaEnum codes = QMetaEnum::fromType<FeedReason::Code>();
        QJsonObject why { { u"code"_s, QString::fromLatin1(codes.valueToKey(int(reason.code))) } };
        if (!reason.args.isEmpty())
            why.insert(u"args"_s, QJsonArray::fromStringList(reason.args));
        if (reason.number != 0)
            why.insert(u"number"_s, reason.number);
        if (reason.durationMs != 0)
            why.insert(u"durationMs"_s, reason.durationMs);
        if (reason.cause != FeedReason::Code::None)
            why.insert(u"cause"_s, QString::fromLatin1(codes.valueToKey(int(reason.cause))));
        json.insert(u"reason"_s, why);
    }
    if (!url.isEmpty())
        json.insert(u"url"_s, url);
    if (jitterSeed)
        json.insert(u"jitterSeed"_s, qint64(*jitterSeed));
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

FeedReason FeedTape::reasonFromJson(const QJsonObject &json)
{
    const QMetaEnum codes = QMetaEnum::fromType<FeedReason::Code>();
    FeedReason reason;
    bool ok = false;
    const int code = codes.keyToValue(json.value(u"code"_s).toString().toLatin1().constData(), &ok);
    reason.code = ok ? FeedReason::Code(code) : FeedReason::Code::ConnectionLost;
    for (const QJsonValue &arg : json.value(u"args"_s).toArray())
        reason.args.append(arg.toString());
    reason.number = qint64(json.value(u"number"_s).toDouble());
    reason.durationMs = qint64(json.value(u"durationMs"_s).toDouble());
    const int cause = codes.keyToValue(json.value(u"cause"_s).toString().toLatin1().constData(), &ok);
    if (ok)
        reason.cause = FeedReason::Code(cause);
    return reason;
}

TapeRecorder::TapeRecorder(tape::TapeWriter *writer, QObject *parent)
    : FeedTape(parent)
    , m_writer(writer)
{ }

namespace {

bool isInput(tape::RecordKind kind)
{
    return kind == tape::RecordKind::FrameReceived || kind == tape::RecordKind::ConnectionEvent
        || kind == tape::RecordKind::RestExchange;
}

} // namespace

void TapeRecorder::record(tape::RecordKind kind, quint8 flags, quint16 id, qint64 timeNs, const QByteArray &payload)
{
    if (isInput(kind))
        m_lastInputNs = timeNs;
    m_writer->append(kind, flags, id, timeNs, payload);
}

qint64 TapeRecorder::clockNs() const
{
    return m_lastInputNs != 0 ? m_lastInputNs : nowNs();
}

TapePlayer::TapePlayer(tape::TapeReader *reader, QObject *parent)
    : FeedTape(parent)
    , m_reader(reader)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TapePlayer::step);
    m_requestGrace.setSingleShot(true);
    m_requestGrace.setInterval(kRequestGraceMs);
    connect(&m_requestGrace, &QTimer::timeout, this, [this] {
        // The replayed service never asked: play on without it.
        m_awaitingRequest = false;
        m_timer.start(0);
    });
}

TapePlayer::~TapePlayer() = default;

void TapePlayer::start()
{
    if (m_started)
        return;
    m_started = true;
    m_firstNs = m_reader->startTimeNs();
    m_nowNs = m_firstNs;
    m_wallStartNs = tape::TapeWriter::nowNs();
    m_timer.start(0);
}

void TapePlayer::setSpeed(double speed)
{
    m_speed = speed;
    if (m_started)
        rebaseClock();
}

void TapePlayer::setFastUntilNs(qint64 timeNs)
{
    m_fastUntilNs = timeNs;
    if (m_started && !m_finished && !m_awaitingRequest)
        m_timer.start(0);
}

void TapePlayer::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!m_started || m_finished)
        return;
    if (!paused)
        rebaseClock();
    if (!m_awaitingRequest)
        m_timer.start(0);
}

void TapePlayer::rebaseClock()
{
    m_firstNs = std::max(m_nowNs, m_fastUntilNs);
    m_wallStartNs = tape::TapeWriter::nowNs();
}

void TapePlayer::step()
{
    // Frames and batch boundaries are played back to back (the service publishes only where the recording says,
    // so nothing needs the event loop between them); anything else lets the loop turn first, as live: a REST
    // answer is delivered through it, a connection event may start the service's own timers.
    for (int turn = 0; turn < kRecordsPerTurn; ++turn) {
        if (!m_pending) {
            auto next = std::make_unique<tape::Record>();
            if (!m_reader->next(next.get())) {
                m_finished = true;
                Q_EMIT finished();
                return;
            }
            m_pending = std::move(next);
        }
        if (m_paused && m_pending->timeNs > m_fastUntilNs)
            return; // setPaused(false) goes on
        if (m_speed > 0 && m_pending->timeNs > m_fastUntilNs) {
            // Paced: wait until the record's time has come on the scaled clock.
            if (m_fastUntilNs > 0 && m_firstNs < m_fastUntilNs) {
                m_firstNs = m_fastUntilNs;
                m_wallStartNs = tape::TapeWriter::nowNs();
            }
            const double dueNs = double(m_wallStartNs) + double(m_pending->timeNs - m_firstNs) / m_speed;
            const qint64 waitMs = qint64((dueNs - double(tape::TapeWriter::nowNs())) / 1e6);
            if (waitMs > 0) {
                m_timer.start(int(std::min<qint64>(waitMs, 1000)));
                return;
            }
        }
        if (!m_caughtUp && m_pending->timeNs >= m_fastUntilNs) {
            m_caughtUp = true;
            Q_EMIT caughtUp();
        }
        const std::unique_ptr<tape::Record> record = std::move(m_pending);
        if (isInput(record->kind))
            m_nowNs = record->timeNs; // as the recorder's clock was when it recorded this input
        play(*record);
        ++m_played;
        if (m_awaitingRequest)
            return; // requestMade() goes on
        const auto kind = record->kind;
        if (kind != tape::RecordKind::FrameReceived && kind != tape::RecordKind::FrameSent
            && kind != tape::RecordKind::BatchPublished)
            break;
    }
    m_timer.start(0);
}

void TapePlayer::play(const tape::Record &record)
{
    using tape::RecordKind;
    switch (record.kind) {
    case RecordKind::FrameReceived: {
        ++m_frames;
        VenueConnection *connection = m_connections.value(record.connection);
        if (connection)
            connection->replayFrame(record.payload, (record.flags & tape::kBinary) != 0, record.timeNs);
        return;
    }
    case RecordKind::ConnectionEvent: {
        VenueConnection *connection = m_connections.value(record.connection);
        const QJsonObject json = QJsonDocument::fromJson(record.payload).object();
        const QJsonValue seed = json.value(u"jitterSeed"_s);
        if (connection)
            connection->replayEvent(
                json.value(u"event"_s).toString(), reasonFromJson(json.value(u"reason"_s).toObject()),
                seed.isDouble() ? std::optional<quint32>(quint32(seed.toInteger())) : std::optional<quint32>());
        return;
    }
    case RecordKind::RestExchange: {
        QByteArray metadata;
        QByteArray body;
        if (!tape::splitRestPayload(record.payload, &metadata, &body))
            return;
        const QJsonObject json = QJsonDocument::fromJson(metadata).object();
        const QByteArray key = exchangeKey(json.value(u"method"_s).toString().toUtf8(), json.value(u"url"_s).toString(),
                                           json.value(u"request"_s).toString().toUtf8());
        m_waiting.removeIf([](const QPointer<ReplayReply> &reply) { return reply.isNull(); });
        const qsizetype waiting = findExchange(
            m_waiting, record.connection, key, [](const QPointer<ReplayReply> &reply) { return reply->network(); },
            [](const QPointer<ReplayReply> &reply) { return reply->key(); });
        if (waiting >= 0) {
            ReplayReply *reply = m_waiting.takeAt(waiting);
            answer(reply, metadata, body);
            return;
        }
        // Asked later than live (a service timer on the wall clock, e.g. a refresh after a fill): the replay waits
        // for the request, so its answer still comes before the records that followed it live.
        m_early.append({ record.connection, key, metadata, body });
        m_awaitingRequest = true;
        m_requestGrace.start();
        return;
    }
    case RecordKind::BatchPublished: {
        VenueConnection *connection = m_connections.value(record.connection);
        if (connection)
            connection->replayPublish();
        return;
    }
    case RecordKind::FrameSent:
    case RecordKind::Marker:
        return;
    }
}

void TapePlayer::requestMade(quint16 network, ReplayReply *reply)
{
    const qsizetype i = findExchange(
        m_early, network, reply->key(), [](const EarlyAnswer &early) { return early.network; },
        [](const EarlyAnswer &early) { return early.key; });
    if (i < 0) {
        m_waiting.append(reply);
        return;
    }
    const EarlyAnswer early = m_early.takeAt(i);
    // Answered once the caller has connected to the reply, as a network reply would be.
    QTimer::singleShot(0, reply, [this, reply, early] { answer(reply, early.metadata, early.body); });
    if (m_awaitingRequest && m_early.isEmpty()) {
        m_awaitingRequest = false;
        m_requestGrace.stop();
        m_timer.start(0); // after the answer
    }
}

void TapePlayer::answer(ReplayReply *reply, const QByteArray &metadata, const QByteArray &body)
{
    reply->answer(QJsonDocument::fromJson(metadata).object(), body);
}

qint64 feedClockMs()
{
    const FeedTape *tape = FeedTape::current();
    return tape ? tape->clockNs() / 1'000'000 : QDateTime::currentMSecsSinceEpoch();
}

namespace {

constexpr char kTlsProblems[] = "tapescopeTlsProblems"; // a reply's certificate problems, for networkErrorText()

} // namespace

QNetworkAccessManager *createNetworkAccessManager(QObject *parent)
{
    FeedTape *tape = FeedTape::current();
    if (tape && tape->mode() == FeedTape::Mode::Replay)
        return new ReplayNetworkAccessManager(static_cast<TapePlayer *>(tape), parent); // answers as recorded
    QNetworkAccessManager *manager
        = tape ? new RecordingNetworkAccessManager(tape, parent) : new QNetworkAccessManager(parent);
    // Never ignored (verification stays on): only kept, so that the failure can name them.
    QObject::connect(manager, &QNetworkAccessManager::sslErrors, manager,
                     [](QNetworkReply *reply, const QList<QSslError> &errors) {
                         QStringList problems;
                         for (const QSslError &error : errors) {
                             if (!problems.contains(error.errorString()))
                                 problems.append(error.errorString());
                         }
                         reply->setProperty(kTlsProblems, problems.join(u"; "_s));
                     });
    return manager;
}

QString networkErrorText(const QNetworkReply *reply)
{
    // Qt ends a request that outlived its transfer timeout as if it had been aborted, "Operation canceled".
    if (const int timeoutMs = reply->request().transferTimeout();
        reply->error() == QNetworkReply::OperationCanceledError && timeoutMs > 0) {
        return timeoutMs % 1000 == 0 ? u"no answer within %1 s"_s.arg(timeoutMs / 1000)
                                     : u"no answer within %1 ms"_s.arg(timeoutMs);
    }
    const QString problems = reply->property(kTlsProblems).toString();
    if (reply->error() != QNetworkReply::SslHandshakeFailedError || problems.isEmpty())
        return reply->errorString();
    const QUrl url = reply->url();
    const QString where = u"%1:%2"_s.arg(url.host()).arg(url.port(url.scheme() == u"http"_s ? 80 : 443));
    return englishText(FeedReason { FeedReason::Code::TlsUntrusted, { where, problems } });
}

QByteArray replyBody(QNetworkReply *reply)
{
    return reply->isOpen() ? reply->readAll() : QByteArray();
}

} // namespace tapescope
