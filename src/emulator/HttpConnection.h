#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QTcpSocket;

namespace tapescope::emulator {

class InfoEndpoint;

// A minimal but correct HTTP/1.1 server connection for the venue's REST side: POST /info with a
// Content-Length body, JSON replies, keep-alive unless the client asks to close, pipelined requests
// answered in order.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const InfoEndpoint &info, QObject *parent = nullptr);

    QTcpSocket *socket() const { return m_socket; }
    // While silent, requests wait unanswered (a stalled venue); they are answered once it ends.
    void setSilent(bool silent);

    struct Response
    {
        int status = 200;
        QByteArray body;
        QByteArray extraHeaders;
    };
    static QByteArray serialize(const Response &response, bool keepAlive);

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void reply(const Response &response, bool keepAlive);

    QTcpSocket *m_socket;
    const InfoEndpoint &m_info;
    QByteArray m_buffer;
    bool m_silent = false;
    bool m_closing = false;
};

} // namespace tapescope::emulator
