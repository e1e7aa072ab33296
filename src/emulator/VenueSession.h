#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QWebSocket;

namespace tapescope::emulator {

// One WebSocket client of an emulated venue: owns the socket, reports every text frame the client sends and
// sends nothing while silent (a stalled venue). What the frames mean is the venue session's business.
class VenueSession : public QObject
{
    Q_OBJECT
public:
    // Takes the socket over (as its parent).
    explicit VenueSession(QWebSocket *socket, QObject *parent = nullptr);
    ~VenueSession() override;

    QWebSocket *socket() const { return m_socket; }
    bool isSilent() const { return m_silent; }
    // A venue adds what silence means to it (held replies, paused load, books to catch up on) and calls this first.
    virtual void setSilent(bool silent);
    // One text frame, unless silent or the socket is no longer open (closing or gone).
    void send(const QByteArray &frame);

Q_SIGNALS:
    void frameReceived(const QByteArray &frame);
    void closed(); // the socket disconnected

protected:
    // A text frame from the client, already reported by frameReceived.
    virtual void onClientFrame(const QByteArray &frame) = 0;
    // The wall clock frames are stamped with, in Unix milliseconds.
    static qint64 nowMs();

private:
    QWebSocket *m_socket;
    bool m_silent = false;
};

} // namespace tapescope::emulator
