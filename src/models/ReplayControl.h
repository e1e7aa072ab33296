#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

// What the window knows of a recording being played (docs/recording.md, "In the app"): which file, where in it,
// how fast, and the trader's requests (play, pause, speed, seek, open, close), which the app carries out on the
// replayed feed. Inactive while the panels show live feeds. QML reaches it as Workspace.replay.
class ReplayControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Workspace.replay")
    Q_PROPERTY(bool active READ active NOTIFY recordingChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY recordingChanged)
    Q_PROPERTY(QString venue READ venue NOTIFY recordingChanged)
    Q_PROPERTY(QString command READ command NOTIFY recordingChanged) // what was recorded: "stream" or "account"
    // Unix ms; endMs is 0 until the recording's length is known.
    Q_PROPERTY(double startMs READ startMs NOTIFY recordingChanged)
    Q_PROPERTY(double endMs READ endMs NOTIFY recordingChanged)
    Q_PROPERTY(double positionMs READ positionMs NOTIFY positionChanged)
    // The recording's time where it is now, in UTC: "17:30:01" for the badges, with the date for the transport bar.
    Q_PROPERTY(QString timeText READ timeText NOTIFY positionChanged)
    Q_PROPERTY(QString dateTimeText READ dateTimeText NOTIFY positionChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY stateChanged)
    Q_PROPERTY(bool finished READ finished NOTIFY stateChanged)
    Q_PROPERTY(double speed READ speed NOTIFY stateChanged) // 0: as fast as possible
    // What of the file could not be played (a damaged or cut-off recording), else empty.
    Q_PROPERTY(QString problem READ problem NOTIFY stateChanged)
    // Why the recording the trader asked for could not be played (empty: nothing to say). Cleared by the window.
    Q_PROPERTY(QString openError READ openError WRITE setOpenError NOTIFY openErrorChanged)

public:
    using QObject::QObject;

    bool active() const { return m_active; }
    QString fileName() const { return m_fileName; }
    QString venue() const { return m_venue; }
    QString command() const { return m_command; }
    double startMs() const { return double(m_startMs); }
    double endMs() const { return double(m_endMs); }
    double positionMs() const { return double(m_positionMs); }
    QString timeText() const;
    QString dateTimeText() const;
    bool playing() const { return m_playing; }
    bool finished() const { return m_finished; }
    double speed() const { return m_speed; }
    QString problem() const { return m_problem; }
    QString openError() const { return m_openError; }
    void setOpenError(const QString &error)
    {
        if (error == m_openError)
            return;
        m_openError = error;
        Q_EMIT openErrorChanged();
    }

    // The trader's requests; the app answers them by updating the state below.
    Q_INVOKABLE void play() { Q_EMIT playRequested(true); }
    Q_INVOKABLE void pause() { Q_EMIT playRequested(false); }
    Q_INVOKABLE void setSpeed(double speed) { Q_EMIT speedRequested(speed); }
    Q_INVOKABLE void seek(double positionMs) { Q_EMIT seekRequested(qint64(positionMs)); }
    Q_INVOKABLE void open(const QUrl &file)
    {
        Q_EMIT openRequested(file.isLocalFile() ? file.toLocalFile() : file.toString());
    }
    Q_INVOKABLE void close() { Q_EMIT closeRequested(); }

    // The app's side.
    void setRecording(const QString &fileName, const QString &venue, const QString &command, qint64 startMs);
    void clear(); // back to live
    void setEndMs(qint64 endMs);
    void setPositionMs(qint64 positionMs);
    void setState(bool playing, bool finished, double speed);
    void setProblem(const QString &problem);

Q_SIGNALS:
    void recordingChanged();
    void positionChanged();
    void stateChanged();
    void openErrorChanged();

    void playRequested(bool play);
    void speedRequested(double speed);
    void seekRequested(qint64 positionMs);
    void openRequested(const QString &path);
    void closeRequested();

private:
    bool m_active = false;
    QString m_fileName;
    QString m_venue;
    QString m_command;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    qint64 m_positionMs = 0;
    bool m_playing = false;
    bool m_finished = false;
    double m_speed = 1;
    QString m_problem;
    QString m_openError;
};

} // namespace tapescope
