#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>

#include <functional>

class QTcpServer;
class QTcpSocket;
class QWebSocket;
class QWebSocketServer;

namespace tapescope::emulator {

// One port for a venue's WebSocket and its plain HTTP API, as the real venues serve them. Each TCP
// connection's request head is peeked (not read) until it is complete, then handed to the owner's
// request handler, which either passes the socket to acceptWebSocket() or answers it over HTTP.
// A head larger than 16 KiB is refused with 431 and the venue's error body.
class LoopbackServer : public QObject
{
    Q_OBJECT
public:
    struct RequestHead
    {
        QByteArray text; // request line and header lines, without the blank line that ends them
        QByteArray method; // the request line's parts; empty when it has fewer
        QByteArray target; // path and query as sent
        QByteArray path; // the target without its query
        bool wellFormed = false; // the request line has exactly three parts
        bool asksForWebSocket = false; // an "Upgrade: websocket" header, whatever the method
        bool isWebSocketUpgrade() const { return wellFormed && method == "GET" && asksForWebSocket; }
    };
    // Until acceptWebSocket() takes it, the socket is deleted when it disconnects.
    using RequestHandler = std::function<void(QTcpSocket *socket, const RequestHead &request)>;

    LoopbackServer(const QString &serverName, const QByteArray &headTooLargeBody, RequestHandler handler,
                   QObject *parent = nullptr);

    bool listen(const QHostAddress &address, quint16 port); // 0 = any free port
    QString errorString() const;
    quint16 port() const;
    QString host() const; // what a client dials: loopback when listening on an any-address
    QUrl url(const QString &scheme, const QString &path = {}) const; // scheme://HOST:PORT/path

    // The WebSocket handshake (with the still unread head) is the QWebSocketServer's; newWebSocket follows.
    void acceptWebSocket(QTcpSocket *socket);
    // A whole reply with "Connection: close"; the socket goes once the reply is flushed.
    static void replyAndClose(QTcpSocket *socket, int status, const QByteArray &body);

Q_SIGNALS:
    void newWebSocket(QWebSocket *socket);

private:
    void onNewTcpConnection();
    void inspectRequestHead(QTcpSocket *socket);
    void onNewWebSocket();

    QByteArray m_headTooLargeBody;
    RequestHandler m_handler;
    QTcpServer *m_tcpServer;
    QWebSocketServer *m_webSocketServer;
};

} // namespace tapescope::emulator
