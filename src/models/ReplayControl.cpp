#include "ReplayControl.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimeZone>

namespace tapescope {

namespace {

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

} // namespace

// Recordings are kept in UTC (docs/recording.md): the badges say the same time whoever opens the file, wherever.
QString ReplayControl::timeText() const
{
    return m_active ? utc(m_positionMs).toString(QStringLiteral("HH:mm:ss")) : QString();
}

QString ReplayControl::dateTimeText() const
{
    return m_active ? utc(m_positionMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'")) : QString();
}

void ReplayControl::setRecording(const QString &fileName, const QString &venue, const QString &command, qint64 startMs)
{
    m_active = true;
    m_fileName = fileName;
    m_venue = venue;
    m_command = command;
    m_startMs = startMs;
    m_endMs = 0;
    m_positionMs = startMs;
    m_problem.clear();
    Q_EMIT recordingChanged();
    Q_EMIT positionChanged();
    Q_EMIT stateChanged();
}

void ReplayControl::clear()
{
    m_active = false;
    m_fileName.clear();
    m_venue.clear();
    m_command.clear();
    m_startMs = m_endMs = m_positionMs = 0;
    m_playing = m_finished = false;
    m_problem.clear();
    Q_EMIT recordingChanged();
    Q_EMIT positionChanged();
    Q_EMIT stateChanged();
}

void ReplayControl::setEndMs(qint64 endMs)
{
    if (endMs == m_endMs)
        return;
    m_endMs = endMs;
    Q_EMIT recordingChanged();
}

void ReplayControl::setPositionMs(qint64 positionMs)
{
    if (positionMs == m_positionMs)
        return;
    m_positionMs = positionMs;
    Q_EMIT positionChanged();
}

void ReplayControl::setState(bool playing, bool finished, double speed)
{
    if (playing == m_playing && finished == m_finished && speed == m_speed)
        return;
    m_playing = playing;
    m_finished = finished;
    m_speed = speed;
    Q_EMIT stateChanged();
}

void ReplayControl::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT stateChanged();
}

} // namespace tapescope
