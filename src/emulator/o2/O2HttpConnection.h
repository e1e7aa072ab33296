#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>

class QTcpSocket;

namespace tapescope::emulator::o2 {

class MarketBoard;

// One HTTP/1.1 client of the emulated REST API: GET requests (bodies are read and ignored), JSON replies,
// keep-alive unless the client asks to close, pipelined requests answered in order.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const MarketBoard &board, QObject *parent = nullptr);

    QTcpSocket *socket() const { return m_socket; }
    // While silent, requests wait unanswered (a stalled venue); they are answered once it ends.
    void setSilent(bool silent);

Q_SIGNALS:
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void reply(int status, const QByteArray &body, bool keepAlive);

    QTcpSocket *m_socket;
    const MarketBoard &m_board;
    QByteArray m_buffer;
    bool m_silent = false;
    bool m_closing = false;
};

} // namespace tapescope::emulator::o2
