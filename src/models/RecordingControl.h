#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtQml/qqmlregistration.h>

namespace tapescope {

// Recording the live session from the window (docs/recording.md, "In the app"): whether it records, into which
// files of the sessions folder, how big they are, and the trader's requests (start, stop), which the app carries
// out. QML reaches it as Workspace.recording.
class RecordingControl : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Workspace.recording")
    Q_PROPERTY(bool active READ active NOTIFY changed)
    Q_PROPERTY(bool available READ available NOTIFY changed) // false while a recording plays
    Q_PROPERTY(QString folder READ folder NOTIFY changed)
    Q_PROPERTY(QStringList files READ files NOTIFY changed) // one per venue, full paths
    Q_PROPERTY(QString firstFileName READ firstFileName NOTIFY changed) // the first file's name, without its folder
    Q_PROPERTY(QString filesText READ filesText NOTIFY changed) // every file, one per line
    Q_PROPERTY(double bytes READ bytes NOTIFY bytesChanged) // written so far, all files
    Q_PROPERTY(QString sizeText READ sizeText NOTIFY bytesChanged) // "12.4 MB"
    Q_PROPERTY(QString error READ error NOTIFY changed) // why the last start failed or a file stopped, else empty
    // The venues whose file a limit of the settings closed (docs/recording.md, "Limits"), and what the status bar
    // says of it: "REC stopped: 500 MB limit reached" once every file stopped (active is then false), "hyperliquid
    // stopped: 500 MB limit reached" while the others still record; empty when no limit was reached.
    Q_PROPERTY(QStringList limitStopped READ limitStopped NOTIFY changed)
    Q_PROPERTY(QString limitText READ limitText NOTIFY changed)

public:
    using QObject::QObject;

    bool active() const { return m_active; }
    bool available() const { return m_available; }
    QString folder() const { return m_folder; }
    QStringList files() const { return m_files; }
    QString firstFileName() const;
    QString filesText() const { return m_files.join(QLatin1Char('\n')); }
    double bytes() const { return double(m_bytes); }
    QString sizeText() const;
    QString error() const { return m_error; }
    QStringList limitStopped() const { return m_limitStopped; }
    QString limitText() const;

    Q_INVOKABLE void start() { Q_EMIT startRequested(); }
    Q_INVOKABLE void stop() { Q_EMIT stopRequested(); }

    // The app's side.
    void setState(bool active, const QStringList &files, const QString &error);
    void setFolder(const QString &folder);
    void setAvailable(bool available);
    void setBytes(qint64 bytes);
    // `venues` stopped at a limit; `reason` says which ("500 MB limit reached"). Empty: none (a new recording).
    void setLimitStopped(const QStringList &venues, const QString &reason);

Q_SIGNALS:
    void changed();
    void bytesChanged();
    void startRequested();
    void stopRequested();

private:
    bool m_active = false;
    bool m_available = true;
    QString m_folder;
    QStringList m_files;
    qint64 m_bytes = 0;
    QString m_error;
    QStringList m_limitStopped;
    QString m_limitReason;
};

} // namespace tapescope
