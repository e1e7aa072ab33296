#include "LoopbackServer.h"

#include "HttpResponse.h"

#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <utility>

namespace tapescope::emulator {

namespace {

constexpr qsizetype kMaxRequestHead = 16 * 1024;

LoopbackServer::RequestHead parseHead(const QByteArray &text)
{
    LoopbackServer::RequestHead head;
    head.text = text;
    const QList<QByteArray> lines = text.split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    head.wellFormed = requestLine.size() == 3;
    head.method = requestLine.value(0);
    head.target = requestLine.value(1);
    head.path = head.target;
    if (const qsizetype query = head.path.indexOf('?'); query >= 0)
        head.path.truncate(query);
    for (qsizetype i = 1; i < lines.size() && !head.asksForWebSocket; ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        head.asksForWebSocket = colon > 0 && lines[i].left(colon).trimmed().toLower() == "upgrade"
            && lines[i].mid(colon + 1).trimmed().toLower() == "websocket";
    }
    return head;
}

QString dialableHost(const QHostAddress &address)
{
    if (address.isNull() || address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6)
        return QHostAddress(QHostAddress::LocalHost).toString();
    return address.toString();
}

} // namespace

LoopbackServer::LoopbackServer(const QString &serverName, const QByteArray &headTooLargeBody, RequestHandler handler,
                               QObject *parent)
    : QObject(parent)
    , m_headTooLargeBody(headTooLargeBody)
    , m_handler(std::move(handler))
    , m_tcpServer(new QTcpServer(this))
    , m_webSocketServer(new QWebSocketServer(serverName, QWebSocketServer::NonSecureMode, this))
{
    connect(m_tcpServer, &QTcpServer::newConnection, this, &LoopbackServer::onNewTcpConnection);
    connect(m_webSocketServer, &QWebSocketServer::newConnection, this, &LoopbackServer::onNewWebSocket);
}

bool LoopbackServer::listen(const QHostAddress &address, quint16 port)
{
    return m_tcpServer->listen(address, port);
}

QString LoopbackServer::errorString() const
{
    return m_tcpServer->errorString();
}

quint16 LoopbackServer::port() const
{
    return m_tcpServer->serverPort();
}

QString LoopbackServer::host() const
{
    return dialableHost(m_tcpServer->serverAddress());
}

QUrl LoopbackServer::url(const QString &scheme, const QString &path) const
{
    QUrl result;
    result.setScheme(scheme);
    result.setHost(host());
    result.setPort(port());
    if (!path.isEmpty())
        result.setPath(path);
    return result;
}

void LoopbackServer::acceptWebSocket(QTcpSocket *socket)
{
    disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    m_webSocketServer->handleConnection(socket);
}

void LoopbackServer::replyAndClose(QTcpSocket *socket, int status, const QByteArray &body)
{
    socket->write(serializeResponse({ status, body, {} }, false));
    socket->disconnectFromHost();
}

void LoopbackServer::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer->nextPendingConnection()) {
        // Market data goes out as it happens, as from a venue: no Nagle holding frames back for the peer's ACK.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspectRequestHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackServer::inspectRequestHead(QTcpSocket *socket)
{
    // Peek, don't read: whoever takes the socket (WebSocket handshake or HTTP) needs the whole head.
    const QByteArray peeked = socket->peek(kMaxRequestHead + 4);
    const qsizetype headEnd = peeked.indexOf("\r\n\r\n");
    if (headEnd < 0 && peeked.size() <= kMaxRequestHead)
        return;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    if (headEnd < 0)
        replyAndClose(socket, 431, m_headTooLargeBody);
    else
        m_handler(socket, parseHead(peeked.left(headEnd)));
}

void LoopbackServer::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer->nextPendingConnection())
        Q_EMIT newWebSocket(socket);
}

} // namespace tapescope::emulator
