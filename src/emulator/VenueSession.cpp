#include "VenueSession.h"

#include <QtCore/QDateTime>
#include <QtWebSockets/QWebSocket>

namespace tapescope::emulator {

VenueSession::VenueSession(QWebSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        const QByteArray frame = message.toUtf8();
        Q_EMIT frameReceived(frame);
        onClientFrame(frame);
    });
    connect(m_socket, &QWebSocket::disconnected, this, &VenueSession::closed);
}

VenueSession::~VenueSession() = default;

void VenueSession::setSilent(bool silent)
{
    m_silent = silent;
}

qint64 VenueSession::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void VenueSession::send(const QByteArray &frame)
{
    if (m_silent || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
}

} // namespace tapescope::emulator
