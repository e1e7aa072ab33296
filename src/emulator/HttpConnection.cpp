#include "HttpConnection.h"

#include "EmulatorLog.h"
#include "InfoEndpoint.h"

#include <QtNetwork/QTcpSocket>

namespace tapescope::emulator {

namespace {

constexpr qsizetype kMaxHead = 16 * 1024;
constexpr qint64 kMaxBody = 1024 * 1024;

QByteArray reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Entity";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Error";
    }
}

HttpConnection::Response jsonError(int status, const QByteArray &message)
{
    return {status, "{\"code\":" + QByteArray::number(status) + ",\"msg\":\"" + message + "\",\"data\":null}", {}};
}

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const InfoEndpoint &info, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_info(info)
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closed);
    onReadyRead(); // the head was only peeked by the port dispatcher; it is still unread
}

QByteArray HttpConnection::serialize(const Response &response, bool keepAlive)
{
    return "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reason(response.status)
           + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size())
           + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n" + response.extraHeaders + "\r\n"
           + response.body;
}

void HttpConnection::setSilent(bool silent)
{
    m_silent = silent;
    if (!silent)
        processBuffer();
}

void HttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpConnection::reply(const Response &response, bool keepAlive)
{
    m_socket->write(serialize(response, keepAlive));
    if (!keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // flushes the reply first
    }
}

void HttpConnection::processBuffer()
{
    while (!m_silent && !m_closing) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > kMaxHead)
                reply(jsonError(431, "request head too large"), false);
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            reply(jsonError(400, "malformed request line"), false);
            return;
        }
        qint64 contentLength = 0;
        bool keepAlive = requestLine[2] == "HTTP/1.1";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                contentLength = value.toLongLong(&ok);
                if (!ok || contentLength < 0) {
                    reply(jsonError(400, "bad Content-Length"), false);
                    return;
                }
            } else if (name == "transfer-encoding") {
                reply(jsonError(501, "chunked request bodies are not supported"), false);
                return;
            } else if (name == "connection") {
                const QByteArray token = value.toLower();
                if (token.contains("close"))
                    keepAlive = false;
                else if (token.contains("keep-alive"))
                    keepAlive = true;
            }
        }
        if (contentLength > kMaxBody) {
            reply(jsonError(413, "request body too large"), false);
            return;
        }
        const qsizetype bodyStart = headEnd + 4;
        if (m_buffer.size() - bodyStart < contentLength)
            return; // wait for the rest of the body
        const QByteArray body = m_buffer.mid(bodyStart, contentLength);
        m_buffer.remove(0, bodyStart + contentLength);

        const QByteArray method = requestLine[0];
        QByteArray path = requestLine[1];
        if (const qsizetype query = path.indexOf('?'); query >= 0)
            path.truncate(query);
        if (path != "/info") {
            reply(jsonError(404, "not found"), keepAlive);
        } else if (method != "POST") {
            reply({405, jsonError(405, "use POST").body, "Allow: POST\r\n"}, keepAlive);
        } else {
            const InfoReply info = m_info.handle(body);
            qCDebug(lcEmulator) << "POST /info" << body.left(120) << "->" << info.status;
            reply({info.status, info.body, {}}, keepAlive);
        }
    }
}

} // namespace tapescope::emulator
