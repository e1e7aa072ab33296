#include "RecordingControl.h"

#include <QtCore/QFileInfo>
#include <QtCore/QLocale>

namespace tapescope {

QString RecordingControl::sizeText() const
{
    return QLocale().formattedDataSize(m_bytes, 1, QLocale::DataSizeSIFormat);
}

QString RecordingControl::firstFileName() const
{
    return m_files.isEmpty() ? QString() : QFileInfo(m_files.constFirst()).fileName();
}

QString RecordingControl::limitText() const
{
    if (m_limitStopped.isEmpty())
        return {};
    if (!m_active)
        return tr("REC stopped: %1").arg(m_limitReason);
    return tr("%1 stopped: %2").arg(m_limitStopped.join(QLatin1String(", ")), m_limitReason);
}

void RecordingControl::setLimitStopped(const QStringList &venues, const QString &reason)
{
    if (venues == m_limitStopped && reason == m_limitReason)
        return;
    m_limitStopped = venues;
    m_limitReason = reason;
    Q_EMIT changed();
}

void RecordingControl::setState(bool active, const QStringList &files, const QString &error)
{
    if (active == m_active && files == m_files && error == m_error)
        return;
    m_active = active;
    m_files = files;
    m_error = error;
    Q_EMIT changed();
}

void RecordingControl::setFolder(const QString &folder)
{
    if (folder == m_folder)
        return;
    m_folder = folder;
    Q_EMIT changed();
}

void RecordingControl::setAvailable(bool available)
{
    if (available == m_available)
        return;
    m_available = available;
    Q_EMIT changed();
}

void RecordingControl::setBytes(qint64 bytes)
{
    if (bytes == m_bytes)
        return;
    m_bytes = bytes;
    Q_EMIT bytesChanged();
}

} // namespace tapescope
