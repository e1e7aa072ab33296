#pragma once

#include "net/FeedReason.h"
#include "record/TapeFormat.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtCore/QUrl>

#include <deque>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace tapescope {

class VenueConnection;
class ReplayReply;

namespace tape {
class TapeReader;
class TapeWriter;
} // namespace tape

// Where a feed's connections and REST managers report to (recording) or are fed from (replay): docs/recording.md.
// A session installs one with setCurrent() before it makes its feed; every VenueConnection and every manager made
// by createNetworkAccessManager() while it is current attaches to it and gets an id in creation order (the same
// order on replay, since the replay makes the same feed the same way). All calls come from the feed's thread.
class FeedTape : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Record, Replay };

    ~FeedTape() override;

    static FeedTape *current();
    static void setCurrent(FeedTape *tape);

    virtual Mode mode() const = 0;
    quint16 attachConnection(VenueConnection *connection);
    quint16 attachNetwork(QNetworkAccessManager *network);

    // Recording: a record with the time it happened (default: now). Replay: ignored.
    virtual void record(tape::RecordKind kind, quint8 flags, quint16 id, qint64 timeNs, const QByteArray &payload);

    // Unix time in ns now, for stamping records: the wall clock.
    virtual qint64 nowNs() const;
    // The feed's clock (feedClockMs()): the time of the last input (frame received, connection event, REST
    // answer) recorded, or being replayed; so what a service stamps while handling an input is the same on replay.
    virtual qint64 clockNs() const = 0;

    // A connection event as a record payload, and back.
    static QByteArray eventPayload(const char *event, const FeedReason &reason = {}, const QString &url = {},
                                   std::optional<quint32> jitterSeed = {});
    static FeedReason reasonFromJson(const QJsonObject &json);

protected:
    explicit FeedTape(QObject *parent = nullptr);

    QList<QPointer<VenueConnection>> m_connections;
    QList<QPointer<QNetworkAccessManager>> m_networks;
};

// Records a session through a TapeWriter (its thread does the compression and the writing).
class TapeRecorder : public FeedTape
{
    Q_OBJECT

public:
    explicit TapeRecorder(tape::TapeWriter *writer, QObject *parent = nullptr);
    Mode mode() const override { return Mode::Record; }
    qint64 clockNs() const override;
    void record(tape::RecordKind kind, quint8 flags, quint16 id, qint64 timeNs, const QByteArray &payload) override;

private:
    tape::TapeWriter *m_writer;
    qint64 m_lastInputNs = 0;
};

// Plays a recording back into the connections and managers attached to it, in the recorded order: frames,
// connection events (opened, lost with its reason, the next attempt) and REST answers (each to the request made
// with the same method, URL and body, in order). At `speed` 0 as fast as the event loop turns (one record per
// turn, so what the feed does between two frames, e.g. publishing its batch, happens between them as it did live);
// otherwise the recorded gaps divided by `speed`.
class TapePlayer : public FeedTape
{
    Q_OBJECT

public:
    explicit TapePlayer(tape::TapeReader *reader, QObject *parent = nullptr);
    ~TapePlayer() override;
    Mode mode() const override { return Mode::Replay; }
    qint64 clockNs() const override { return m_nowNs; }

    // 0: as fast as the event loop turns; N: the recorded gaps divided by N. While playing, the change takes effect
    // from the record being played (the recording's clock does not jump).
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    // Records before this time are applied as fast as possible (0: none); also while playing (a seek forward).
    void setFastUntilNs(qint64 timeNs);
    // Paused, nothing is played except what a seek forward (setFastUntilNs) still has to apply; resuming goes on
    // from the recording's time where it stopped.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    void start();
    bool isFinished() const { return m_finished; }
    // The recording's time of the last input played (its start before the first).
    qint64 positionNs() const { return m_nowNs; }
    quint64 recordsPlayed() const { return m_played; }
    quint64 framesPlayed() const { return m_frames; }

    // ReplayNetworkAccessManager: a request was made; it is answered when its recorded answer comes up.
    void requestMade(quint16 network, ReplayReply *reply);

Q_SIGNALS:
    // Every record was played (or the rest of the file is unreadable; the reader's problems() say why).
    void finished();
    // The first record at or after the fast-until time is about to be played (once; at once without one).
    void caughtUp();

private:
    void step();
    void rebaseClock(); // paced playing goes on from the current position at the current speed
    void play(const tape::Record &record);
    void answer(ReplayReply *reply, const QByteArray &metadata, const QByteArray &body);

    tape::TapeReader *m_reader;
    QTimer m_timer { this };
    QTimer m_requestGrace { this };
    bool m_awaitingRequest = false;
    double m_speed = 0;
    qint64 m_fastUntilNs = 0;
    qint64 m_nowNs = 0;
    qint64 m_firstNs = 0;
    qint64 m_wallStartNs = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_caughtUp = false;
    bool m_paused = false;
    quint64 m_played = 0;
    quint64 m_frames = 0;
    std::unique_ptr<tape::Record> m_pending;
    // Requests waiting for their answer, and answers that came up before their request.
    QList<QPointer<ReplayReply>> m_waiting;
    struct EarlyAnswer
    {
        quint16 network;
        QByteArray key;
        QByteArray metadata;
        QByteArray body;
    };
    QList<EarlyAnswer> m_early;
};

// The QNetworkAccessManager a venue service should make (instead of `new QNetworkAccessManager(parent)`): a plain
// one, or while a FeedTape is current, one that records every exchange or answers from the recording.
// Its replies' TLS failures are described by networkErrorText().
QNetworkAccessManager *createNetworkAccessManager(QObject *parent);

// What went wrong with a finished reply of such a manager, in the words the WebSocket connection uses: a certificate
// the system (or --ca-file) does not trust is "the TLS certificate of HOST:PORT is not trusted: PROBLEMS" rather
// than Qt's "SSL handshake failed"; a request that outlived its transfer timeout is "no answer within 15 s" rather than
// Qt's "Operation canceled"; anything else is the reply's errorString().
QString networkErrorText(const QNetworkReply *reply);

// The body of a finished reply: what it received, or nothing when it was closed without a body (a request that timed
// out or was aborted), where readAll() would warn "device not open" (fatal in the self-test).
QByteArray replyBody(QNetworkReply *reply);

// Unix time in ms for what a service stamps with the local clock (an account's synced time, an order without a
// time of its own): the wall clock, or while a FeedTape is current its clock (FeedTape::clockNs()).
qint64 feedClockMs();

} // namespace tapescope
