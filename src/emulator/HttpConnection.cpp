#include "HttpConnection.h"

#include <QtNetwork/QTcpSocket>

#include <utility>

using namespace Qt::StringLiterals;

namespace tapescope::emulator {

namespace {

constexpr qsizetype kMaxHead = 16 * 1024;
constexpr qint64 kMaxBody = 1024 * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, Handler handler, ErrorBody errorBody, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_errorBody(std::move(errorBody))
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closed);
    onReadyRead(); // the head was only peeked by the port dispatcher; it is still unread
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

void HttpConnection::reply(const HttpResponse &response, bool keepAlive)
{
    m_socket->write(serializeResponse(response, keepAlive));
    if (!keepAlive) {
        m_closing = true;
        m_socket->disconnectFromHost(); // flushes the reply first
    }
}

void HttpConnection::refuse(int status, const QString &message)
{
    reply({ status, m_errorBody(status, message), {} }, false);
}

void HttpConnection::processBuffer()
{
    while (!m_silent && !m_closing) {
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_buffer.size() > kMaxHead)
                refuse(431, u"request head too large"_s);
            return;
        }
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            refuse(400, u"malformed request line"_s);
            return;
        }
        qint64 contentLength = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool keepAlive = requestLine[2] == "HTTP/1.1";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines[i].left(colon).trimmed().toLower();
            const QByteArray value = lines[i].mid(colon + 1).trimmed();
            headers.append({ name, value });
            if (name == "content-length") {
                bool ok = false;
                contentLength = value.toLongLong(&ok);
                if (!ok || contentLength < 0) {
                    refuse(400, u"bad Content-Length"_s);
                    return;
                }
            } else if (name == "transfer-encoding") {
                refuse(501, u"chunked request bodies are not supported"_s);
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
            refuse(413, u"request body too large"_s);
            return;
        }
        const qsizetype bodyStart = headEnd + 4;
        if (m_buffer.size() - bodyStart < contentLength)
            return; // wait for the rest of the body
        HttpRequest request { requestLine[0], requestLine[1], requestLine[1], m_buffer.mid(bodyStart, contentLength),
                              headers };
        m_buffer.remove(0, bodyStart + contentLength);
        if (const qsizetype query = request.path.indexOf('?'); query >= 0)
            request.path.truncate(query);
        reply(m_handler(request), keepAlive);
    }
}

} // namespace tapescope::emulator
